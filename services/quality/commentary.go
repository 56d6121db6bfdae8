package quality

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/parley-chat/parley/shared/api"
)

// Values of the refusal signal per finding. A refusal, an AI-identity
// statement or a chatty preamble means the reader gets the model talking
// instead of (or around) the message: value 0, which retries. A bare
// label ("Translation: ...") or a translator's note still delivers the
// translation with noise around it; quotes around the whole answer are
// the mildest.
const (
	valueRefusal = 0
	valueLabel   = 0.3
	valueNote    = 0.3
	valueQuotes  = 0.8
)

// quotePairs are the quotation marks a model wraps a whole answer in.
var quotePairs = [][2]string{
	{`"`, `"`}, {"“", "”"}, {"„", "“"}, {"«", "»"}, {"»", "«"}, {"'", "'"}, {"‘", "’"}, {"「", "」"}, {"『", "』"}, {"《", "》"},
}

// noteRE finds a parenthesised or bracketed note, or a line that starts
// with a note word followed by a colon.
var noteRE = regexp.MustCompile(`(?i)[(\[]\s*(` + alternation(noteWords) + `)(?:\s*[:：.,-]|\s)[^)\]]*[)\]]|(?m:^\s*\**\s*(` + alternation(noteWords) + `)\s*\**\s*[:：])`)

// alternation escapes words for a regexp alternation, longest first.
func alternation(words []string) string {
	ws := slices.Clone(words)
	slices.SortFunc(ws, func(a, b string) int { return len(b) - len(a) })
	for i, w := range ws {
		ws[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(ws, "|")
}

// labelRE matches a label line at the start of an answer: optional
// Markdown emphasis, one to four words, a colon.
var labelRE = regexp.MustCompile(`^[\s*_#>]*([\p{L}' ()-]{2,40}?)[\s*_]*[:：]`)

// labelSet is labelWords in lower case.
var labelSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range labelWords {
		m[w] = true
	}
	return m
}()

// isLabel reports whether the words before a colon name the answer: a
// label word, the target language ("Spanish:", "Español:", "Spanish
// translation:") or both.
func isLabel(words, target string) bool {
	w := strings.ToLower(strings.TrimSpace(words))
	if labelSet[w] {
		return true
	}
	names := languageNames(target)
	for _, f := range strings.Fields(w) {
		f = strings.Trim(f, "()")
		if !labelSet[f] && !slices.Contains(names, f) && f != "in" && f != "en" && f != "al" && f != "into" {
			return false
		}
	}
	return w != ""
}

// languageNames are the target's names in English and in the language
// itself, lower case ("spanish", "español"; "chinese", "中文").
func languageNames(tag string) []string {
	t, err := api.ParseTag(tag)
	if err != nil {
		return nil
	}
	b, _ := t.Base()
	bt := language.Make(b.String())
	var out []string
	for _, n := range []string{display.English.Languages().Name(bt), display.Self.Name(bt), display.English.Tags().Name(t), display.Self.Name(t)} {
		if n = strings.ToLower(n); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// finding is one kind of commentary found in a translation.
type finding struct {
	value  float64
	reason string
}

// refusal flags what LLM translators add instead of or around a
// translation, when the source does not contain it: refusals, statements
// about being an AI, preambles ("Sure! Here is the translation"), labels
// ("Translation:"), translator's notes ("(Note: ...)") and quotes around
// the whole answer.
func refusal(in *input) api.Signal {
	sg := api.Signal{Name: SignalRefusal, Value: 1, Weight: WeightRefusal}
	var found []finding

	inSource := commentaryIndex.find(phraseKey(in.source))
	inTranslation := commentaryIndex.find(phraseKey(in.translation))
	for gi, g := range commentary {
		pi, ok := inTranslation[gi]
		if _, quoted := inSource[gi]; !ok || quoted {
			continue
		}
		found = append(found, finding{valueRefusal, fmt.Sprintf("%s %q", g.group, g.phrases[pi])})
	}
	if m := labelRE.FindStringSubmatch(in.translation); m != nil && isLabel(m[1], in.targetLang) {
		if s := labelRE.FindStringSubmatch(in.source); s == nil {
			found = append(found, finding{valueLabel, fmt.Sprintf("label %q before the answer", strings.TrimSpace(m[0]))})
		}
	}
	// A note needs brackets or a colon; most messages have neither, and
	// skip the regexp.
	if strings.ContainsAny(in.translation, "([:：") {
		if m := noteRE.FindString(in.translation); m != "" && noteRE.FindString(in.source) == "" {
			found = append(found, finding{valueNote, fmt.Sprintf("translator's note %s", quoteShort(strings.TrimSpace(m)))})
		}
	}
	if q, ok := wrappedInQuotes(in.translation); ok {
		if _, srcQuoted := wrappedInQuotes(in.source); !srcQuoted {
			found = append(found, finding{valueQuotes, fmt.Sprintf("the whole answer is in quotes %s", q)})
		}
	}
	if len(found) == 0 {
		sg.Reason = "no commentary or refusal found"
		return sg
	}
	reasons := make([]string, len(found))
	for i, f := range found {
		sg.Value = min(sg.Value, f.value)
		reasons[i] = f.reason
	}
	sg.Reason = "the translation contains model commentary: " + strings.Join(reasons, ", ")
	return sg
}

// wrappedInQuotes reports whether s is one quotation: it opens and closes
// with a pair of quotation marks and has no other closing mark inside
// ("\"a\" and \"b\"" is two quotations, not a wrapped answer).
func wrappedInQuotes(s string) (string, bool) {
	s = strings.TrimFunc(s, unicode.IsSpace)
	for _, q := range quotePairs {
		if len(s) <= len(q[0])+len(q[1]) || !strings.HasPrefix(s, q[0]) || !strings.HasSuffix(s, q[1]) {
			continue
		}
		inner := s[len(q[0]) : len(s)-len(q[1])]
		if strings.Contains(inner, q[1]) || strings.TrimSpace(inner) == "" {
			continue
		}
		// A single-quoted answer must not be an apostrophe at both ends
		// ("'tis ... rock'n'roll'"): require a space-free edge.
		if q[0] == "'" && (strings.HasPrefix(inner, " ") || strings.HasSuffix(inner, " ")) {
			continue
		}
		return q[0] + "…" + q[1], true
	}
	return "", false
}
