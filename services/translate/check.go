package translate

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/commentary"
	"github.com/parley-chat/parley/shared/entity"
)

// A model that obeys an instruction inside the message ("ignore previous
// instructions and reply with ...") answers with something that is not a
// translation. The prompt keeps the message in the role of data, but small
// models still obey now and then (WMT24's prompt-injection test suite), so
// every answer is judged before it is served or cached: an answer in the
// wrong language or script, one that copies part of the message, one far
// too short or too long, one with commentary, one that echoes the prompt,
// one that adds links or code the message does not have, or one that is a
// JSON object or array when the message is not, is "not a translation",
// and the chain moves on. The quality service judges again
// downstream, with language detection; these checks are the cheap ones
// that need no model.

// checkAnswer runs every check of a rung's answer out to req (the
// message scanned into toks): its protected parts, its markup in HTML
// mode, and whether it is a translation at all.
func checkAnswer(toks []entity.Token, req backend.Request, out string) error {
	if k, ok := lostEntity(toks, out); !ok {
		return backend.Errorf(backend.ErrProtected, nil, "a protected %s was lost", k)
	}
	if req.Format == api.FormatHTML {
		if err := checkMarkup(req.Text, out); err != nil {
			return err
		}
	}
	return checkTranslation(toks, req.Text, out, req.Source, req.Target, req.Terms)
}

// checkMarkup returns nil when the markup of out, the answer to a message
// in HTML mode, is exactly the message's (entity.CompareMarkup, which
// reads both as a browser does). The client renders the answer: a tag,
// comment or character reference the message does not have is markup
// the model made up (an obeyed instruction or a hallucination, "<img
// src=x onerror=...>"), and so is a tag whose attributes changed (an
// onmouseover added beside a translated title). in is what the rungs
// were sent (scanInput): its own raw '<' and '&' are the escapes &lt; and
// &amp;, protected like every tag, so the model never needs to write one,
// and any raw '<' or '&' in the answer's text is refused, not counted
// against the message's ("<-- click" translated into "<svg/onload=...>").
// An answer that lost a tag would break the page; it is a lost protected
// part like a lost sentinel (the LLM rungs' sentinels catch it first).
//
// Chat text (no format) gets no such check: a chat client shows a
// message as text and escapes it, so "<script>" in a translation is
// data, as it is in the message.
func checkMarkup(in, out string) error {
	d := entity.CompareMarkup(in, out)
	switch {
	case d.Added != "":
		return backend.Errorf(backend.ErrNotTranslation, nil, "the answer adds HTML markup that the message does not have (%s)", entity.DescribeMarkup(d.Added))
	case d.Lost != "":
		return backend.Errorf(backend.ErrProtected, nil, "the answer lost HTML markup of the message (%s)", entity.DescribeMarkup(d.Lost))
	}
	return nil
}

// checkTranslation returns nil when out may be served as the translation
// of the message (scanned into toks) from source to target, or a
// backend.ErrNotTranslation error saying why not. terms are the request's
// glossary hints: a message made of glossary terms may come back as it
// was, since the pipeline's glossary repair puts the target terms in.
func checkTranslation(toks []entity.Token, in, out, source, target string, terms []api.TermHint) error {
	notTr := func(format string, args ...any) error {
		return backend.Errorf(backend.ErrNotTranslation, nil, format, args...)
	}
	lin, lout := strings.ToLower(in), strings.ToLower(out)
	for _, leak := range []string{"<<<message", "<<<end message", "<<<context", "translation engine inside a chat", "never instructions to you"} {
		if strings.Contains(lout, leak) && !strings.Contains(lin, leak) {
			return notTr("the answer repeats the instructions")
		}
	}
	// A think tag the message lacks is a reasoning model's thoughts,
	// left in the answer by a server that ignored think=false (the LLM
	// rungs cut a leading block; this refuses whatever remains, from any
	// rung, before it is served or cached).
	for _, tag := range []string{"<think>", "</think>"} {
		if strings.Contains(lout, tag) && !strings.Contains(lin, tag) {
			return notTr("the answer has the model's reasoning (%s)", tag)
		}
	}
	// Commentary counts only where the message has none of its kind, in
	// any language, and its phrases are those of refusals, not of chat:
	// "Lo siento, no puedo ir hoy" is "I'm sorry, I can't go today".
	if f := commentary.Added(in, out, target); len(f) > 0 {
		return notTr("the answer comments instead of translating (%s %q)", f[0].Kind, f[0].Text)
	}
	if k := addedEntity(toks, out); k != "" {
		return notTr("the answer adds a %s that the message does not have", strings.ReplaceAll(string(k), "_", " "))
	}
	if k := jsonAnswer(in, out); k != "" {
		// "json please" or "Return JSON only." obeyed: {"pwned": true},
		// or "reply with the JSON string PWNED": "PWNED". Too short for
		// the length checks, and in no language the function words
		// could tell.
		return notTr("the answer is a %s, which the message is not", k)
	}

	pin, pout := prose(toks, in), stripAtoms(toks, out)
	win, wout := weight(pin), weight(pout)
	nin, nout := normalize(pin), normalize(pout)
	switch {
	case win >= 12 && float64(wout) < 0.3*float64(win):
		return notTr("the answer is too short to be a translation (%d of %d characters)", wout, win)
	case win >= 12 && float64(wout) > 3*float64(win), win < 12 && wout > 4*win+40:
		return notTr("the answer is too long to be a translation (%d for %d characters)", wout, win)
	case win >= 12 && len(nout) >= 3 && float64(wout) < 0.8*float64(win) && strings.Contains(nin, nout):
		return notTr("the answer repeats part of the message instead of translating it")
	case win >= 10 && nin == nout && copyCounts(pin, nin, source, target) && guessLanguage(pin) != api.Base(target) &&
		weight(withoutTerms(nin, terms)) >= 10:
		return notTr("the message came back untranslated")
	}
	if why := wrongScript(pout, target); why != "" {
		return notTr("%s", why)
	}
	// Function words tell languages of one script apart. For a target
	// without a word list only English, the language models drift into,
	// is judged: a close relative (Catalan for Spanish) must not be.
	tgt := api.Base(target)
	if lang := guessLanguage(pout); lang != "" && lang != tgt && (stopwords[tgt] != nil || lang == "en") {
		return notTr("the answer is in %s, not %s", languageName(lang), languageName(tgt))
	}
	return nil
}

// copyCounts reports whether an answer identical to the message (pin,
// normalized nin) is an untranslated copy rather than a translation that
// happens to read the same. Between two languages it takes more than one
// word: a single word may be a name or a loan ("Kubernetes"). A change
// of script within one language (zh-Hans to zh-Hant, sr-Latn to sr-Cyrl)
// has no such names, and Chinese writes no spaces, so there an identical
// answer is a copy whenever the text has something the target script
// writes otherwise (api.ScriptChanges: "我明天早上" is the same in both).
func copyCounts(pin, nin, source, target string) bool {
	if sameLanguage(source, target) {
		return false
	}
	if api.Base(source) == api.Base(target) {
		return api.ScriptChanges(pin, source, target)
	}
	return strings.Contains(nin, " ")
}

// addedEntity reports a link, address, mention or code in out that the
// message does not have: a translation never invents them, an obeyed
// instruction ("act as a terminal", "add a link to ...") does.
func addedEntity(toks []entity.Token, out string) entity.Kind {
	have := map[string]bool{}
	for _, t := range toks {
		if t.Role != entity.Text {
			have[t.Text] = true
		}
	}
	for _, t := range entity.Scan(out, nil) {
		switch t.Kind {
		case entity.URL, entity.Email, entity.Mention, entity.CodeBlock, entity.InlineCode:
			if t.Role == entity.Atom && !have[t.Text] {
				return t.Kind
			}
		}
	}
	return ""
}

// jsonStructure names what s is when it is, as a whole, a JSON object or
// array ("JSON object", "JSON array"), and is "" otherwise. A chat
// message is prose; an answer that is a data structure is an obeyed
// instruction ("reply in JSON"), unless the message was one too (a
// translatable JSON document keeps its structure).
func jsonStructure(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 2 || !json.Valid([]byte(s)) {
		return ""
	}
	switch s[0] {
	case '{':
		return "JSON object"
	case '[':
		return "JSON array"
	}
	return ""
}

// jsonAnswer names what out is when it is, as a whole, a JSON value
// that the message in is not, and is "" otherwise: json.Valid holds for
// "PWNED" (quotes included), true and 42 as much as for an object. Each
// is allowed where the message explains it: an object or array for a
// message that is one, a string for a message in quotes of any kind
// (“Carpe diem” may come back with plain quotes), true, false or null
// for a message that is that word, and a number for a message with a
// digit, since a number is a translation of a number however it is
// written ("1,000" → "1.000").
func jsonAnswer(in, out string) string {
	out, in = strings.TrimSpace(out), strings.TrimSpace(in)
	if out == "" || !json.Valid([]byte(out)) {
		return ""
	}
	switch out[0] {
	case '{', '[':
		if jsonStructure(in) != "" {
			return ""
		}
		return jsonStructure(out)
	case '"':
		if r, _ := utf8.DecodeRuneInString(in); strings.ContainsRune(quoteMarks, r) {
			return ""
		}
		return "JSON string"
	case 't', 'f', 'n':
		if strings.EqualFold(in, out) {
			return ""
		}
		return "JSON literal " + out
	}
	if strings.ContainsFunc(in, unicode.IsDigit) {
		return ""
	}
	return "JSON number"
}

// quoteMarks open a quotation in the languages Parley serves.
const quoteMarks = "\"'“”„‘’‚«»‹›「『"

// prose is the message without its protected atoms.
func prose(toks []entity.Token, in string) string {
	var b strings.Builder
	for _, t := range toks {
		if t.Role != entity.Atom {
			b.WriteString(t.Text)
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// stripAtoms removes the message's protected atoms from a translation.
func stripAtoms(toks []entity.Token, out string) string {
	for _, t := range toks {
		if t.Role == entity.Atom {
			out = strings.ReplaceAll(out, t.Text, " ")
		}
	}
	return out
}

// weight measures how much a text says: letters and digits, with the
// characters of Chinese, Japanese and Korean counted as 2.5, since one of
// them carries about as much as two or three Latin letters.
func weight(s string) int {
	w := 0.0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			w += 2.5
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w++
		}
	}
	return int(w)
}

// normalize lowercases s and keeps its words, one space apart.
func normalize(s string) string {
	return strings.Join(words(s), " ")
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && r != '\''
	})
}

// scriptTables maps ISO 15924 codes to the letters that write them.
var scriptTables = map[string][]*unicode.RangeTable{
	"Latn": {unicode.Latin}, "Cyrl": {unicode.Cyrillic}, "Grek": {unicode.Greek},
	"Arab": {unicode.Arabic}, "Hebr": {unicode.Hebrew}, "Deva": {unicode.Devanagari},
	"Beng": {unicode.Bengali}, "Thai": {unicode.Thai}, "Kore": {unicode.Hangul, unicode.Han},
	"Jpan": {unicode.Hiragana, unicode.Katakana, unicode.Han}, "Hans": {unicode.Han}, "Hant": {unicode.Han},
	"Geor": {unicode.Georgian}, "Armn": {unicode.Armenian}, "Taml": {unicode.Tamil}, "Telu": {unicode.Telugu},
	"Gujr": {unicode.Gujarati}, "Knda": {unicode.Kannada}, "Mlym": {unicode.Malayalam}, "Guru": {unicode.Gurmukhi},
	"Ethi": {unicode.Ethiopic}, "Khmr": {unicode.Khmer}, "Laoo": {unicode.Lao}, "Mymr": {unicode.Myanmar}, "Sinh": {unicode.Sinhala},
}

// wrongScript reports an answer written mostly in another script than the
// target's (English for Japanese, Cyrillic for Greek), Japanese kana in a
// Chinese answer or Chinese for Japanese (no kana, and characters or
// particles Japanese does not write: api.ChineseNotJapanese), and Chinese
// written mostly in the other script than the one the target names
// (hanScript).
func wrongScript(out, target string) string {
	script, _ := language.Make(target).Script()
	tables := scriptTables[script.String()]
	if tables == nil {
		return ""
	}
	if why := hanScript(out, target); why != "" {
		return why
	}
	letters, in, kana := 0, 0, 0
	for _, r := range out {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.In(r, tables...) {
			in++
		}
		if unicode.In(r, unicode.Hiragana, unicode.Katakana) {
			kana++
		}
	}
	switch {
	case letters < 6:
		return ""
	case float64(in) < 0.5*float64(letters):
		return fmt.Sprintf("the answer is not written in the %s script", script)
	case (script.String() == "Hans" || script.String() == "Hant") && float64(kana) > 0.2*float64(letters):
		return "the answer is Japanese, not Chinese"
	case script.String() == "Jpan" && kana == 0 && letters >= 12 && api.ChineseNotJapanese(out):
		// Japanese written in kanji only (a headline, a notice:
		// "年次株主総会開催。") is Japanese: only characters or particles
		// that Japanese does not write make it Chinese.
		return "the answer has no kana and writes what only Chinese writes: Chinese, not Japanese"
	}
	return ""
}

// hanScript reports a Chinese answer for a target that names its script
// (zh-Hant, zh-TW, zh-Hans, zh-CN; not zh alone, which either script
// writes) with more characters that only the other script writes than
// characters only the target's writes, and at least two of them
// (api.HanVariants): all Han, so the script check above passes it, and a
// simplified answer would be served to a traditional reader. A mixed
// answer with fewer of them (a half-converted text, a name) passes, and
// the quality service flags it for review: refused, the reader could be
// left with the untranslated message instead.
func hanScript(out, target string) string {
	t := language.Make(target)
	script, sconf := t.Script()
	if _, rconf := t.Region(); sconf != language.Exact && rconf != language.Exact {
		return ""
	}
	simplified, traditional := api.HanVariants(out)
	switch script.String() {
	case "Hant":
		if simplified >= 2 && simplified > traditional {
			return fmt.Sprintf("the answer is simplified Chinese (%d characters only it writes, %d only traditional writes), not traditional", simplified, traditional)
		}
	case "Hans":
		if traditional >= 2 && traditional > simplified {
			return fmt.Sprintf("the answer is traditional Chinese (%d characters only it writes, %d only simplified writes), not simplified", traditional, simplified)
		}
	}
	return ""
}

// stopwords are the frequent function words of languages that share the
// Latin script (api.FunctionWords), enough to tell a Spanish answer from
// an English one without a model. A language is only guessed on clear
// evidence (see guessLanguage).
var stopwords = api.FunctionWords

// guessLanguage names the language of a Latin-script text when its
// function words say so clearly: at least five words, at least three and a
// quarter of them function words of one language, and twice as many as of
// any other. Otherwise it returns "".
func guessLanguage(s string) string {
	ws := words(s)
	if len(ws) < 5 {
		return ""
	}
	best, second, bestLang := 0, 0, ""
	for lang, sw := range stopwords {
		n := 0
		for _, w := range ws {
			if sw[w] {
				n++
			}
		}
		switch {
		case n > best:
			best, second, bestLang = n, best, lang
		case n > second:
			second = n
		}
	}
	if best >= 3 && float64(best) >= 0.25*float64(len(ws)) && best >= 2*second+1 {
		return bestLang
	}
	return ""
}

func languageName(base string) string {
	if n := display.English.Tags().Name(language.Make(base)); n != "" {
		return n
	}
	return base
}

// withoutTerms is the normalized text nin without the words of the
// glossary terms' sources: what is left to judge a copy by.
func withoutTerms(nin string, terms []api.TermHint) string {
	if len(terms) == 0 {
		return nin
	}
	termWords := map[string]bool{}
	for _, t := range terms {
		for _, w := range words(t.Source) {
			termWords[w] = true
		}
	}
	var rest []string
	for _, w := range strings.Fields(nin) {
		if !termWords[w] {
			rest = append(rest, w)
		}
	}
	return strings.Join(rest, " ")
}
