package llm

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/parley-chat/parley/services/translate/backend"
)

// Masked is a message whose protected terms were replaced by sentinels such
// as ⟦0⟧ before it goes to a model. Visible bracket tokens are copied by
// small models far more reliably than control characters, and a model has
// no reason to translate them. Restore checks that every sentinel came back
// exactly as often as it was sent.
type Masked struct {
	// Text is the message with sentinels in place of protected terms.
	Text   string
	terms  []string // index -> term
	counts []int    // index -> occurrences in Text
	prefix string
}

const (
	sentinelOpen  = "⟦"
	sentinelClose = "⟧"
)

// Mask replaces every occurrence of each protected term in text by a
// sentinel. Longer terms win where terms overlap, and text is scanned once,
// so a term never matches inside a sentinel or another term's replacement.
// Terms that do not occur are dropped.
func Mask(text string, protect []string) Masked {
	m := Masked{Text: text}
	terms := uniqueTerms(protect)
	if len(terms) == 0 {
		return m
	}
	// A message that already contains ⟦ gets sentinels with a prefix that
	// does not occur in it, so that Restore cannot confuse the two.
	for strings.Contains(text, sentinelOpen+m.prefix) {
		m.prefix += "p"
	}
	index := map[string]int{}
	var b strings.Builder
	for i := 0; i < len(text); {
		matched := ""
		for _, t := range terms {
			if strings.HasPrefix(text[i:], t) {
				matched = t
				break
			}
		}
		if matched == "" {
			b.WriteByte(text[i])
			i++
			continue
		}
		n, ok := index[matched]
		if !ok {
			n = len(m.terms)
			index[matched] = n
			m.terms = append(m.terms, matched)
			m.counts = append(m.counts, 0)
		}
		m.counts[n]++
		b.WriteString(m.sentinel(n))
		i += len(matched)
	}
	if len(m.terms) > 0 {
		m.Text = b.String()
	}
	return m
}

// uniqueTerms drops empty and duplicate terms and orders the rest longest
// first.
func uniqueTerms(protect []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range protect {
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func (m Masked) sentinel(n int) string {
	return sentinelOpen + m.prefix + strconv.Itoa(n) + sentinelClose
}

// Len is the number of distinct protected terms found in the message.
func (m Masked) Len() int { return len(m.terms) }

// Sentinels lists the sentinels in use, in order.
func (m Masked) Sentinels() []string {
	out := make([]string, len(m.terms))
	for i := range m.terms {
		out[i] = m.sentinel(i)
	}
	return out
}

// Restore puts the protected terms back into a model's answer. It fails
// with backend.ErrProtected when a sentinel is missing, duplicated or
// invented, so that the chain moves on instead of shipping a translation
// that lost a do-not-translate term.
func (m Masked) Restore(out string) (string, error) {
	if len(m.terms) == 0 {
		return out, nil
	}
	for i := range m.terms {
		got := strings.Count(out, m.sentinel(i))
		if got != m.counts[i] {
			return "", backend.Errorf(backend.ErrProtected, nil,
				"protected term %d appears %d times in the answer, want %d", i, got, m.counts[i])
		}
	}
	// Any other sentinel-shaped token is one the model made up.
	stripped := out
	for i := range m.terms {
		stripped = strings.ReplaceAll(stripped, m.sentinel(i), "")
	}
	if strings.Contains(stripped, sentinelOpen+m.prefix) {
		return "", backend.Errorf(backend.ErrProtected, nil, "the answer contains a sentinel that was not sent")
	}
	pairs := make([]string, 0, 2*len(m.terms))
	for i, t := range m.terms {
		pairs = append(pairs, m.sentinel(i), t)
	}
	return strings.NewReplacer(pairs...).Replace(out), nil
}

// String describes the mask for logs without the terms themselves.
func (m Masked) String() string {
	return fmt.Sprintf("masked(%d terms)", len(m.terms))
}
