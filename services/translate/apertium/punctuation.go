package apertium

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
)

// Punctuation: the modes carry the source's punctuation over as it was, and
// each language sets ? ! ; : its own way. Spanish opens a question or an
// exclamation as well as closing it ("Hola, ¿cómo estás?"; the modes wrote
// "Hola, cómo estás?"); French puts a no-break space before ? ! ; and :
// ("comment ça va ?"; the modes wrote "comment ça va?"), which no other
// language does ("Tu viens ? Super !" came out "You come ? Great !").
// Spanish readers do see questions without "¿" in chat, but from one
// another, not from a translator: a translation is held to the written
// language, as DeepL's and Google's are.
//
// Only prose is touched: a mark in a link ("?q=1"), code, a mention, a
// protected part or a glossary's target ("Yahoo!") is not punctuation of
// the sentence.

// nbsp is the no-break space French sets before ? ! ; : (the Imprimerie
// nationale's rule as localization style guides apply it: one no-break
// space, so that the mark never starts a line).
const nbsp = '\u00a0'

// punctuate sets the punctuation of output, a translation of source from
// sourceLang to targetLang, in the target language's way. keep lists the
// parts that are not prose (protected parts, glossary targets).
func punctuate(source, output, sourceLang, targetLang, format string, keep []string) string {
	if format == api.FormatHTML || !strings.ContainsAny(output, "?!;:") {
		return output
	}
	src, tgt := api.Base(sourceLang), api.Base(targetLang)
	if tgt != "fr" && tgt != "es" && src != "fr" {
		return output
	}
	ranges := prose(scanMessage(output, keep, format))
	if src == "fr" && tgt != "fr" {
		if dropped := dropSpaceBeforeMarks(output, ranges); dropped != output {
			output, ranges = dropped, prose(scanMessage(dropped, keep, format))
		}
	}
	switch tgt {
	case "fr":
		return frenchSpaces(output, ranges)
	case "es":
		return spanishOpeners(source, output, ranges)
	}
	return output
}

// keptParts lists what punctuate must leave as it is in a translation of
// req: its protected parts and its glossary targets.
func keptParts(req backend.Request) []string {
	if len(req.Terms) == 0 {
		return req.Protect
	}
	keep := append([]string(nil), req.Protect...)
	for _, h := range req.Terms {
		keep = append(keep, h.Target)
	}
	return keep
}

// inRanges reports whether byte i lies in one of ranges.
func inRanges(ranges [][2]int, i int) bool {
	for _, r := range ranges {
		if i >= r[0] && i < r[1] {
			return true
		}
	}
	return false
}

// isMarkSpace reports the spaces a writer or a mode may put before ? ! ; :
// in French: a space, a no-break space or a narrow no-break space.
func isMarkSpace(r rune) bool { return r == ' ' || r == nbsp || r == '\u202f' }

// closesWord reports a rune after which a mark ends the words before it:
// a letter, digit or mark, or a closing quote or bracket.
func closesWord(r rune) bool {
	switch r {
	case ')', ']', '"', '\'', '\u2019', '\u201d', '»':
		return true
	}
	return isWordRune(r)
}

// markAt reports whether output[i] is a ? ! ; or : that punctuates the
// sentence: ? and ! not followed by a letter or digit (a link's "?q=",
// "Yahoo!7"), ; and : followed by a space or the end (not "10:30", ":)",
// "https:").
func markAt(output string, i int) bool {
	c := output[i]
	next, _ := utf8.DecodeRuneInString(output[i+1:])
	switch c {
	case '?', '!':
		return i+1 == len(output) || !isWordRune(next)
	case ';', ':':
		return i+1 == len(output) || unicode.IsSpace(next)
	}
	return false
}

// sentenceMarks returns where output's prose has a ? ! ; or : that
// punctuates its sentence (markAt).
func sentenceMarks(output string, ranges [][2]int) []int {
	var at []int
	for i := 0; i < len(output); i++ {
		if strings.IndexByte("?!;:", output[i]) >= 0 && inRanges(ranges, i) && markAt(output, i) {
			at = append(at, i)
		}
	}
	return at
}

// dropSpaceBeforeMarks removes the space a French source set before ? ! ;
// and :, which the modes carry over.
func dropSpaceBeforeMarks(output string, ranges [][2]int) string {
	var b strings.Builder
	last := 0
	for _, i := range sentenceMarks(output, ranges) {
		sp, size := utf8.DecodeLastRuneInString(output[:i])
		if !isMarkSpace(sp) || i-size <= last {
			continue
		}
		if before, _ := utf8.DecodeLastRuneInString(output[:i-size]); !closesWord(before) {
			continue // "? !" or a mark alone on its line stays
		}
		b.WriteString(output[last : i-size])
		last = i
	}
	if last == 0 {
		return output
	}
	b.WriteString(output[last:])
	return b.String()
}

// frenchSpaces puts a no-break space before each ? ! ; and : of the prose
// that follows a word directly ("ça va?" → "ça va ?"; a run "?!" takes
// one). A space already there is the writer's and stays.
func frenchSpaces(output string, ranges [][2]int) string {
	var b strings.Builder
	last := 0
	for _, i := range sentenceMarks(output, ranges) {
		if before, _ := utf8.DecodeLastRuneInString(output[:i]); i == 0 || !closesWord(before) {
			continue
		}
		b.WriteString(output[last:i])
		b.WriteRune(nbsp)
		last = i
	}
	if last == 0 {
		return output
	}
	b.WriteString(output[last:])
	return b.String()
}

// Spanish opening marks. The opener goes where the question or
// exclamation begins (Ortografía de la lengua española, 2010, 3.4.2.1):
// at the start of its sentence, but after what comes before it and is not
// part of it: a greeting, an interjection, a connective or a vocative ("Hola
// Ana, ¿vienes?", "Por cierto, ¿dónde es?"), a clause before a
// question word ("Si llueve, ¿qué hacemos?"), or, for a tag question,
// everything but the tag ("Vienes mañana, ¿verdad?").

// spanishOpeners opens each question and exclamation of output's prose
// that its writer left unopened.
func spanishOpeners(source, output string, ranges [][2]int) string {
	type insert struct {
		at   int
		mark string
	}
	var inserts []insert
	start := 0 // where the current sentence begins
	for i := 0; i < len(output); {
		r, size := utf8.DecodeRuneInString(output[i:])
		if r == '\n' {
			start = i + size
			i += size
			continue
		}
		if !strings.ContainsRune(".!?…", r) || !inRanges(ranges, i) {
			i += size
			continue
		}
		// A run of marks: "?", "?!", "...", "!!!".
		end := i
		var closers []rune
		for end < len(output) {
			r2, s2 := utf8.DecodeRuneInString(output[end:])
			if !strings.ContainsRune(".!?…", r2) {
				break
			}
			if r2 == '?' || r2 == '!' {
				closers = append(closers, r2)
			}
			end += s2
		}
		if end < len(output) {
			if next, _ := utf8.DecodeRuneInString(output[end:]); isWordRune(next) {
				i = end // "3.5", "a.m.", a link's "?q=": no sentence ends
				continue
			}
		}
		if len(closers) > 0 {
			if at, ok := openAt(source, output, start, i, closers[0], ranges); ok {
				inserts = append(inserts, insert{at, openers(closers)})
			}
		}
		start, i = end, end
	}
	if len(inserts) == 0 {
		return output
	}
	var b strings.Builder
	last := 0
	for _, in := range inserts {
		b.WriteString(output[last:in.at])
		b.WriteString(in.mark)
		last = in.at
	}
	b.WriteString(output[last:])
	return b.String()
}

// openers returns the opening marks of a run of closing ones, in mirror
// order ("?!" opens "¡¿"), at most three ("!!!!!" opens "¡¡¡").
func openers(closers []rune) string {
	if len(closers) > 3 {
		closers = closers[:3]
	}
	var b strings.Builder
	for k := len(closers) - 1; k >= 0; k-- {
		if closers[k] == '?' {
			b.WriteRune('¿')
		} else {
			b.WriteRune('¡')
		}
	}
	return b.String()
}

// openAt returns where the opening mark of the sentence output[start:end]
// goes, which ends in a question (close '?') or an exclamation ('!'); false
// when the writer opened it already or it has no words.
func openAt(source, output string, start, end int, close rune, ranges [][2]int) (int, bool) {
	if strings.ContainsAny(output[start:end], "¿¡") {
		return 0, false
	}
	// After a colon or semicolon the question is what follows ("Una
	// pregunta: ¿vienes?").
	base := start
	for k := start; k < end; k++ {
		if (output[k] == ':' || output[k] == ';') && inRanges(ranges, k) && markAt(output, k) {
			base = k + 1
		}
	}
	clauses := splitClauses(output, base, end, ranges)
	if len(clauses) == 0 {
		return 0, false
	}
	return openingClause(source, output, clauses, close).at, true
}

// openingClause returns the clause of a sentence where its question or
// exclamation begins: a tag question alone, else the first clause after
// a comma that starts with a question word, else the one after an
// introducer, else the first.
func openingClause(source, output string, clauses []clause, close rune) clause {
	if len(clauses) == 1 {
		return clauses[0]
	}
	if last := clauses[len(clauses)-1]; close == '?' && spanishTags[last.text] {
		return last
	}
	for _, c := range clauses[1:] {
		if startsWithQuestionWord(c.text, close) {
			return c
		}
	}
	if introduces(source, output[clauses[0].at:clauses[1].at]) {
		return clauses[1]
	}
	if close == '?' && englishQuestionAfterClause(source) {
		return clauses[len(clauses)-1]
	}
	return clauses[0]
}

// englishQuestionAfterClause reports whether source, an English message
// with one question, asks it in a clause after a comma, opened by a verb
// before its subject: "the deploy failed again, can you take a look?",
// "I'm stuck, do you have a minute?". The statement before the comma is
// no part of the question, and Spanish opens it after the comma ("el
// despliegue falló otra vez, ¿puedes echar un vistazo?"). A clause with
// a question word is found in the output itself (startsWithQuestionWord).
func englishQuestionAfterClause(source string) bool {
	end := strings.IndexByte(source, '?')
	if end < 0 || strings.Count(source, "?") != 1 {
		return false
	}
	comma := strings.LastIndexByte(source[:end], ',')
	if comma < 0 || strings.ContainsAny(source[comma:end], ".!;:") {
		return false
	}
	words := strings.Fields(strings.ToLower(source[comma+1 : end]))
	if len(words) < 3 {
		return false
	}
	_, subject := englishSubjects[words[1]]
	_, aux := negative[words[0]] // the auxiliaries and "do", "have"
	return aux && (subject || words[1] == "u" || words[1] == "there")
}

// clause is a stretch of a sentence between commas: where its first word
// begins and its words in lower case, one space apart.
type clause struct {
	at   int
	text string
}

// splitClauses splits output[start:end] at the commas of its prose into
// clauses that hold a word (or a part that is not prose: a mention, a
// link).
func splitClauses(output string, start, end int, ranges [][2]int) []clause {
	var out []clause
	from := start
	flush := func(to int) {
		at := -1
		for k := from; k < to; {
			r, size := utf8.DecodeRuneInString(output[k:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || !inRanges(ranges, k) && !unicode.IsSpace(r) && !emojiRune(r) {
				at = k
				break
			}
			k += size
		}
		if at >= 0 {
			words := strings.FieldsFunc(strings.ToLower(output[at:to]), func(r rune) bool {
				return !isWordRune(r) && r != '\''
			})
			out = append(out, clause{at: at, text: strings.Join(words, " ")})
		}
		from = to + 1
	}
	for k := start; k < end; k++ {
		if output[k] == ',' && inRanges(ranges, k) {
			flush(k)
		}
	}
	flush(end)
	return out
}

// emojiRune reports a rune of an emoji sequence (a pictograph, a skin
// tone, a joiner, a variation selector): an emoji before a question is not
// part of it ("👋 ¿cómo estás?").
func emojiRune(r rune) bool {
	return unicode.IsSymbol(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r)
}

// spanishTags are the tag questions that end a statement ("..., ¿verdad?").
var spanishTags = setOf("verdad", "no", "vale", "sí", "eh", "cierto", "ok", "okey", "de acuerdo", "o no",
	"en serio", "no crees", "sabes", "me entiendes", "entiendes", "no es así", "correcto", "bien", "ya",
	"a que sí", "o qué", "no es cierto", "es así")

// spanishQuestionWords start a question after a clause ("Si llueve, ¿qué
// hacemos?"); spanishExclamationWords an exclamation ("Hola, ¡qué
// bien!").
var (
	spanishQuestionWords = setOf("qué", "cómo", "dónde", "adónde", "cuándo", "quién", "quiénes", "cuál",
		"cuáles", "cuánto", "cuánta", "cuántos", "cuántas")
	spanishExclamationWords = setOf("qué", "cómo", "cuánto", "cuánta", "cuántos", "cuántas", "quién")
	// spanishPrepositions may come before a question word ("Y tú, ¿de
	// dónde eres?", "Oye, ¿a qué hora es?").
	spanishPrepositions = setOf("a", "de", "en", "con", "para", "por", "desde", "hasta", "sobre", "y")
)

// startsWithQuestionWord reports whether a clause (lower case) begins with
// a question word, or an exclamation word for close '!', maybe after a
// preposition.
func startsWithQuestionWord(text string, close rune) bool {
	words := spanishQuestionWords
	if close == '!' {
		words = spanishExclamationWords
	}
	first, rest, _ := strings.Cut(text, " ")
	if words[first] {
		return true
	}
	second, _, _ := strings.Cut(rest, " ")
	return spanishPrepositions[first] && words[second]
}

// spanishIntroducers are what may come before a question or exclamation
// in its sentence: greetings, interjections, connectives, politeness
// ("Por favor, ¿me ayudas?") and the words the Spanish modes and set
// phrases write for them; a greeting may be followed by names ("Hola Ana,
// ¿vienes?").
var spanishIntroducers = setOf("hola", "buenas", "buenos días", "buenas tardes", "buenas noches", "oye",
	"oiga", "hey", "eh", "ey", "bueno", "vale", "ok", "okey", "pues", "entonces", "mira", "mire", "venga",
	"vaya", "ah", "oh", "ay", "uf", "bah", "perdona", "perdone", "perdón", "disculpa", "disculpe",
	"lo siento", "gracias", "muchas gracias", "por favor", "por cierto", "además", "sí", "no", "claro",
	"genial", "perfecto", "y", "pero", "o sea", "a ver", "bien", "muy bien", "hola a todos", "chicos",
	"chicas", "gente", "equipo", "amigo", "amiga", "jefe", "tío", "tía", "cariño", "uau", "guau",
	"en serio", "de verdad", "sinceramente", "oh no", "madre mía", "dios mío", "ojalá", "bueno pues")

// introduces reports whether the first clause of a sentence (as
// written, comma included) stands before its question rather than in it:
// one of spanishIntroducers, or a greeting followed by a name, or names
// alone, a vocative ("Ana, ¿vienes?"). A name is a capitalized word the
// source has as it is: the modes copy names and translate the rest.
func introduces(source, written string) bool {
	words := strings.FieldsFunc(written, func(r rune) bool { return !isWordRune(r) && r != '\'' })
	if len(words) == 0 {
		return false
	}
	lower := strings.ToLower(strings.Join(words, " "))
	if spanishIntroducers[lower] {
		return true
	}
	names := words
	if greeting := strings.ToLower(words[0]); greeting == "hola" || greeting == "oye" || greeting == "gracias" ||
		greeting == "buenas" || greeting == "buenos" && len(words) > 1 && strings.ToLower(words[1]) == "días" {
		names = words[1:]
		if greeting == "buenos" {
			names = words[2:]
		}
	}
	if len(names) == 0 || len(names) > 3 {
		return false
	}
	for _, w := range names {
		if !titleCase(w) || !containsWord(source, w) {
			return false
		}
	}
	return true
}

// containsWord reports whether w occurs in text as a whole word.
func containsWord(text, w string) bool {
	for i := 0; ; {
		k := strings.Index(text[i:], w)
		if k < 0 {
			return false
		}
		k += i
		if !wordBefore(text[:k]) && !wordAfter(text[k+len(w):]) {
			return true
		}
		i = k + len(w)
	}
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// unaccentedQuestionWords are Spanish question words as pt-es and fr-es
// write them at a question's start, where they read the relative ("onde
// estás?", "où es-tu ?": "donde estás?"), and their accented forms.
var unaccentedQuestionWords = map[string]string{
	"donde": "dónde", "adonde": "adónde", "como": "cómo", "cuando": "cuándo", "quien": "quién", "quienes": "quiénes",
	"cual": "cuál", "cuales": "cuáles", "cuanto": "cuánto", "cuanta": "cuánta", "cuantos": "cuántos", "cuantas": "cuántas",
	"que": "qué",
}

// spanishQuestionAccents writes the question word that opens a question
// (right after its "¿", which punctuate put where it begins) with its
// accent, in output's prose (ranges): "¿donde estás?" is "¿dónde
// estás?", and estarEdits then reads the place it asks for.
func spanishQuestionAccents(output string, ranges [][2]int) string {
	var edits []edit
	for _, w := range proseWords(output, 0, len(output), ranges) {
		to, ok := unaccentedQuestionWords[w.lower]
		if ok && strings.HasSuffix(output[:w.from], "¿") {
			edits = append(edits, edit{from: w.from, to: w.to, text: caseLike(w.text, to)})
		}
	}
	return applyEdits(output, edits)
}
