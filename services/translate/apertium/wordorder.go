package apertium

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// English word order for the questions the modes write as statements.
//
// Spanish and Catalan ask a yes/no question with the words of a statement
// ("¿Tienes un minuto?", "¿Puedes revisar mi PR?"), and spa-eng and
// cat-eng translate it word for word: "You have a minute?", "You can
// revise my PR?", "It works now?", and after a question word "Where you
// live?", "Why it does not work?". English asks with the auxiliary first
// ("Can you revise my PR?", "Is it ready?", "Have you seen it?") or, for
// any other verb, with "do" ("Do you have a minute?", "Does it work
// now?", "Did you finish?", "Where do you live?"). The modes also keep
// the order of an indirect question ("I do not know where is the file",
// "where it is the meeting"), which English writes as a statement: "where
// the file is".
//
// The rewrite works on the words of the text as written, since by then
// the units are gone: it knows a verb by a list of the verbs chat uses
// and their forms (a verb it does not know leaves the question as it
// was), and it only moves the first two or three words of a clause, so
// that what it cannot read stays as the mode wrote it. "I" with a verb
// other than an auxiliary is left alone: "I think it works?" is a
// statement with a question mark, not "Do I think it works?".

// englishWordOrder rewrites the questions and indirect questions of
// output's prose (ranges) in English word order.
func englishWordOrder(output string, ranges [][2]int) string {
	var edits []edit
	start := 0
	for i := 0; i <= len(output); i++ {
		if i == len(output) {
			// The last sentence, which may have no mark.
			edits = append(edits, indirectQuestions(proseWords(output, start, i, ranges))...)
			break
		}
		c := output[i]
		if c == '\n' {
			edits = append(edits, indirectQuestions(proseWords(output, start, i, ranges))...)
			start = i + 1
			continue
		}
		if (c != '.' && c != '!' && c != '?') || !inRanges(ranges, i) {
			continue
		}
		if i+1 < len(output) {
			if next, _ := utf8.DecodeRuneInString(output[i+1:]); isWordRune(next) {
				continue // "3.5", "a.m.", "?q="
			}
		}
		words := proseWords(output, start, i, ranges)
		if c == '?' {
			edits = append(edits, askEnglish(words)...)
		}
		edits = append(edits, indirectQuestions(words)...)
		start = i + 1
	}
	return applyEdits(output, edits)
}

// mayReorder reports whether englishWordOrder may have something to
// rewrite in output: a question, or the "is" or "are" of an indirect one.
func mayReorder(output string) bool {
	return strings.ContainsRune(output, '?') || strings.Contains(output, " is ") || strings.Contains(output, " are ")
}

// edit replaces output[from:to] with text.
type edit struct {
	from, to int
	text     string
}

// applyEdits applies edits, in order and not overlapping, to s.
func applyEdits(s string, edits []edit) string {
	if len(edits) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.from < last {
			continue
		}
		b.WriteString(s[last:e.from])
		b.WriteString(e.text)
		last = e.to
	}
	b.WriteString(s[last:])
	return b.String()
}

// word is a word of the prose: where it is, as written, and in lower
// case. clause is true for the first word after a comma, colon or
// semicolon (and the sentence's first word).
type word struct {
	from, to int
	text     string
	lower    string
	clause   bool
}

// proseWords returns the words of output[start:end], in order, that lie
// in the prose. A part that is not prose (a mention, a link, code) stands
// in the list as a word with no text, which no rule reads, so that no
// edit spans it; a word after it starts a clause only after a comma.
func proseWords(output string, start, end int, ranges [][2]int) []word {
	var words []word
	clause := true
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(output[i:])
		if !inRanges(ranges, i) {
			if n := len(words); n == 0 || words[n-1].text != "" {
				words = append(words, word{from: i, to: i})
			}
			clause = false
			i += size
			continue
		}
		if r == ',' || r == ':' || r == ';' {
			clause = true
			i += size
			continue
		}
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < end && inRanges(ranges, j) {
			r2, s2 := utf8.DecodeRuneInString(output[j:])
			if !isWordRune(r2) && r2 != '\'' && r2 != '\u2019' {
				break
			}
			j += s2
		}
		text := output[i:j]
		words = append(words, word{from: i, to: j, text: text, lower: strings.ToLower(text), clause: clause})
		clause = false
		i = j
	}
	return words
}

// askEnglish returns the edits that put the question in words (a
// sentence that ends in "?") in English order: at the first clause that
// starts as a statement would, a subject and its verb ("You can", "It
// works") or a question word, a subject and its verb ("Where you live").
func askEnglish(words []word) []edit {
	for k, w := range words {
		if !w.clause {
			continue
		}
		rest := words[k:]
		if questionWords[w.lower] {
			if e, ok := invert(rest[1:], w.text+" ", w.from, false, false); ok {
				return []edit{e}
			}
			continue
		}
		if e, ok := invert(rest, "", w.from, true, k == 0); ok {
			return []edit{e}
		}
	}
	return nil
}

// questionWords start a question whose subject comes next ("Where you
// live?").
var questionWords = setOf("what", "where", "when", "why", "how", "which", "who")

// invert returns the edit that asks with the subject words[0] and its
// verb words[1]: the auxiliary before the subject ("can you"), or "do"
// in the verb's tense and person before it and the verb in the
// infinitive ("does it work"). before is written first (a question
// word); from is where the edit begins. yesNo asks without a question
// word: the first word takes the subject's capital, and "somebody" is
// "anyone"; initial says the subject starts the sentence.
func invert(words []word, before string, from int, yesNo, initial bool) (edit, bool) {
	if len(words) < 2 {
		return edit{}, false
	}
	subj, verb := words[0], words[1]
	p, ok := englishSubjects[subj.lower]
	if !ok || subj.text != subj.lower && subj.text != upperFirst(subj.lower) {
		return edit{}, false // "IT works": an acronym, not a pronoun
	}
	var next string
	if len(words) > 2 {
		next = words[2].lower
	}
	subject := subj.lower
	capital := yesNo && startsUpper(subj.text)
	if subject == "i" {
		subject, capital = "I", yesNo && initial
	}
	if yesNo && (subject == "somebody" || subject == "someone") {
		subject = "anyone"
	}
	write := func(aux, rest string, to int) (edit, bool) {
		if capital {
			aux = upperFirst(aux)
		}
		text := before + aux + " " + subject
		if rest != "" {
			text += " " + rest
		}
		return edit{from: from, to: to, text: text}, true
	}
	isHave := verb.lower == "have" || verb.lower == "has"
	isDo := verb.lower == "do" || verb.lower == "does" || verb.lower == "did"
	if auxiliaries[verb.lower] || isHave || isDo {
		if !agrees(p, verb.lower) {
			return edit{}, false
		}
		switch {
		case next == "not":
			// With "not", the contraction: "Why doesn't it work?",
			// "Can't you come?".
			if len(words) < 4 || isHave && !participle(words[3].lower) {
				return edit{}, false
			}
			if f, ok := verbForms[words[3].lower]; isDo && (!ok || f.form != base) {
				return edit{}, false
			}
			return write(negative[verb.lower], "", words[2].to)
		case isDo:
			// "How you do it?": "do" the verb asks with "do"; "You do
			// it?" may be the emphatic statement, and stays.
			if before == "" {
				return edit{}, false
			}
			return write(verb.lower, "do", verb.to)
		case isHave && participle(next):
			return write(verb.lower, "", verb.to) // "Have you seen"
		case isHave:
			if subject == "I" && before == "" {
				return edit{}, false // "I have a question?"
			}
			// "have" the verb asks with "do": "Do you have a minute?".
			return write(doFor(p, false), "have", verb.to)
		}
		return write(verb.lower, "", verb.to) // "Can you", "Is it"
	}
	if subject == "I" && before == "" {
		return edit{}, false // "I think it works?" is a statement
	}
	f, ok := verbForms[verb.lower]
	if !ok || f.form == base && p == third || f.form == third && p != third {
		return edit{}, false
	}
	// A request: "¿Me pasas el enlace?", "You pass me the link?", asks
	// "Can you pass me the link?", not "Do you".
	if subject == "you" && f.form == base && yesNo && requests[f.base] && (next == "me" || next == "us") {
		return write("can", verb.text, verb.to)
	}
	return write(doFor(p, f.form == past), f.base, verb.to)
}

// requests are the verbs that, asked of "you" with "me" or "us", ask a
// favour: "Can you send me the file?".
var requests = setOf("send", "give", "pass", "tell", "call", "help", "show", "bring", "lend", "forward",
	"share", "explain", "say", "spend")

// indirectQuestions returns the edits that write an indirect question
// as a statement: after a verb of knowing or asking, "where is the file"
// is "where the file is" (and "where it is the meeting", the modes' way
// with "dónde está la reunión", "where the meeting is"). Only a noun
// phrase that starts with a determiner and runs to the clause's end
// moves: "what is happening" and "what is in it" stay.
func indirectQuestions(words []word) []edit {
	var edits []edit
	for k := 1; k+3 < len(words); k++ {
		if !knowing[words[k-1].lower] || !questionWords[words[k].lower] || words[k].lower == "how" {
			continue
		}
		j := k + 1
		if words[j].lower == "it" && (words[j+1].lower == "is" || words[j+1].lower == "are") {
			j++
		}
		be := words[j]
		if be.lower != "is" && be.lower != "are" || j+1 >= len(words) || !englishDeterminers[words[j+1].lower] {
			continue
		}
		end := j + 1
		for end+1 < len(words) && !words[end+1].clause && end-j < 6 {
			if phraseStops[words[end+1].lower] || words[end+1].text == "" {
				break
			}
			end++
		}
		if end+1 < len(words) && !words[end+1].clause {
			continue // the phrase does not end the clause: leave it
		}
		text := words[k].text + " " + strings.Join(wordTexts(words[j+1:end+1]), " ") + " " + be.text
		edits = append(edits, edit{from: words[k].from, to: words[end].to, text: text})
		k = end
	}
	return edits
}

func wordTexts(words []word) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w.text
	}
	return out
}

// person is a subject's for agreement: third for "it" and "someone",
// base for the others ("you", "we"); first for "I", which takes "am".
type person int

const (
	base person = iota
	third
	first
	past // a verb form, not a person: "worked"
)

var englishSubjects = map[string]person{
	"you": base, "we": base, "they": base, "i": first,
	"he": third, "she": third, "it": third, "this": third, "that": third,
	"somebody": third, "someone": third, "anybody": third, "anyone": third,
	"everybody": third, "everyone": third,
}

// auxiliaries go before the subject as they are: modals and "be".
var auxiliaries = setOf("can", "could", "will", "would", "should", "may", "might", "must", "shall",
	"am", "are", "is", "was", "were")

// negative gives an auxiliary before "not" the contraction a question
// asks with: "Why doesn't it work?".
var negative = map[string]string{
	"can": "can't", "could": "couldn't", "will": "won't", "would": "wouldn't", "should": "shouldn't",
	"are": "aren't", "is": "isn't", "was": "wasn't", "were": "weren't",
	"do": "don't", "does": "doesn't", "did": "didn't", "have": "haven't", "has": "hasn't",
}

// agrees reports whether an auxiliary agrees with a subject: "it are"
// is not a question to invert.
func agrees(p person, aux string) bool {
	switch aux {
	case "am":
		return p == first
	case "is", "has", "does":
		return p == third
	case "are", "have", "do":
		return p == base || p == first && aux != "are"
	case "was":
		return p == third || p == first
	case "were":
		return p == base
	}
	return true
}

// doFor returns the "do" that asks for a subject of person p.
func doFor(p person, isPast bool) string {
	switch {
	case isPast:
		return "did"
	case p == third:
		return "does"
	}
	return "do"
}

// participle reports a past participle after "have": "seen", "tried".
func participle(w string) bool {
	if f, ok := verbForms[w]; ok && f.participle {
		return true
	}
	return strings.HasSuffix(w, "ed") && len(w) > 3
}

// knowing are the words an indirect question follows.
var knowing = setOf("know", "knows", "knew", "wonder", "ask", "asks", "asked", "sure", "idea", "tell",
	"understand", "remember", "forget", "forgot", "see", "check", "explain", "me")

// englishDeterminers start the noun phrase an indirect question moves.
var englishDeterminers = setOf("the", "a", "an", "my", "your", "our", "his", "her", "their", "its", "this",
	"that", "these", "those")

// phraseStops end a noun phrase: a verb or a conjunction after it is
// more than the phrase.
var phraseStops = setOf("is", "are", "was", "were", "and", "or", "but", "that", "which", "who",
	"because", "if", "when", "will", "can", "has", "have", "do", "does")

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// verbForm is what a form of a listed verb is: its infinitive and
// whether it is the third person, the past, or the base form.
type verbForm struct {
	base       string
	form       person
	participle bool
}

// verbForms maps the forms of chatVerbs to what they are.
var verbForms = buildVerbForms()

// chatVerbs are the verbs chat asks with: the infinitive, and where they
// are irregular their past and past participle.
var chatVerbs = []struct{ base, past, participle string }{
	{"agree", "", ""}, {"arrive", "", ""}, {"ask", "", ""}, {"believe", "", ""}, {"begin", "began", "begun"},
	{"break", "broke", "broken"}, {"bring", "brought", "brought"}, {"build", "built", "built"},
	{"buy", "bought", "bought"}, {"call", "", ""}, {"care", "", ""}, {"change", "", ""}, {"chat", "chatted", "chatted"},
	{"check", "", ""}, {"close", "", ""}, {"come", "came", "come"}, {"copy", "", ""}, {"deploy", "", ""},
	{"do", "did", "done"}, {"download", "", ""}, {"drink", "drank", "drunk"}, {"drive", "drove", "driven"},
	{"eat", "ate", "eaten"}, {"enjoy", "", ""}, {"expect", "", ""}, {"fail", "", ""}, {"feel", "felt", "felt"},
	{"find", "found", "found"}, {"finish", "", ""}, {"fix", "", ""}, {"forget", "forgot", "forgotten"},
	{"get", "got", "got"}, {"give", "gave", "given"}, {"go", "went", "gone"}, {"guess", "", ""},
	{"hate", "", ""}, {"have", "had", "had"}, {"hear", "heard", "heard"}, {"help", "", ""}, {"hope", "", ""}, {"install", "", ""},
	{"keep", "kept", "kept"}, {"know", "knew", "known"}, {"learn", "", ""}, {"leave", "left", "left"},
	{"like", "", ""}, {"listen", "", ""}, {"live", "", ""}, {"look", "", ""}, {"lose", "lost", "lost"},
	{"love", "", ""}, {"make", "made", "made"}, {"mean", "meant", "meant"}, {"meet", "met", "met"},
	{"merge", "", ""}, {"mind", "", ""}, {"miss", "", ""}, {"need", "", ""}, {"open", "", ""}, {"pay", "paid", "paid"},
	{"plan", "planned", "planned"}, {"play", "", ""}, {"prefer", "preferred", "preferred"}, {"put", "put", "put"},
	{"read", "read", "read"}, {"receive", "", ""}, {"remember", "", ""}, {"review", "", ""}, {"revise", "", ""},
	{"run", "ran", "run"}, {"say", "said", "said"}, {"see", "saw", "seen"}, {"sell", "sold", "sold"},
	{"send", "sent", "sent"}, {"share", "", ""}, {"sleep", "slept", "slept"}, {"speak", "spoke", "spoken"},
	{"spend", "spent", "spent"}, {"start", "", ""}, {"stay", "", ""}, {"study", "", ""}, {"take", "took", "taken"},
	{"talk", "", ""}, {"teach", "taught", "taught"}, {"tell", "told", "told"}, {"test", "", ""},
	{"think", "thought", "thought"}, {"travel", "", ""}, {"try", "", ""}, {"understand", "understood", "understood"},
	{"upload", "", ""}, {"use", "", ""}, {"wait", "", ""}, {"want", "", ""}, {"watch", "", ""},
	{"win", "won", "won"}, {"work", "", ""}, {"write", "wrote", "written"},
}

func buildVerbForms() map[string]verbForm {
	m := map[string]verbForm{}
	for _, v := range chatVerbs {
		m[v.base] = verbForm{base: v.base, form: base}
		m[thirdPerson(v.base)] = verbForm{base: v.base, form: third}
	}
	// The present is the reading of a form that is both ("put", "come",
	// "read"): "Where you put it?" asks "Where do you put it?".
	for _, v := range chatVerbs {
		pastForm, part := v.past, v.participle
		if pastForm == "" {
			pastForm = regularPast(v.base)
			part = pastForm
		}
		if _, ok := m[part]; !ok {
			m[part] = verbForm{base: v.base, form: past, participle: true}
		}
		if _, ok := m[pastForm]; !ok {
			m[pastForm] = verbForm{base: v.base, form: past}
		}
	}
	return m
}

// thirdPerson returns the present third person singular of a verb:
// "works", "fixes", "tries", "has", "does".
func thirdPerson(v string) string {
	switch v {
	case "have":
		return "has"
	case "do", "go":
		return v + "es"
	}
	switch {
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "sh"), strings.HasSuffix(v, "ch"),
		strings.HasSuffix(v, "x"), strings.HasSuffix(v, "z"):
		return v + "es"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// regularPast returns the past of a regular verb: "worked", "used",
// "tried".
func regularPast(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ied"
	}
	return v + "ed"
}
