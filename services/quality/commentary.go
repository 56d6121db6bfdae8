package quality

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/commentary"
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

	for _, f := range commentary.Added(in.source, in.translation, in.targetLang) {
		switch f.Kind {
		case commentary.Label:
			found = append(found, finding{valueLabel, fmt.Sprintf("label %q before the answer", f.Text)})
		case commentary.Note:
			found = append(found, finding{valueNote, "translator's note " + quoteShort(f.Text)})
		default:
			found = append(found, finding{valueRefusal, fmt.Sprintf("%s %q", f.Kind, f.Text)})
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
