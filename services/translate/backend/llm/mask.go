package llm

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
)

// Masked is a message whose protected parts were replaced by sentinels
// before it goes to a model: every atom (mention, URL, emoji, code,
// placeholder, do-not-translate term, chat-template control token such as
// "<|im_end|>", which the server would parse as the end of the user turn
// ...) becomes ⟦n⟧, and markup whose content is translated (Markdown
// emphasis and links, paired HTML tags) becomes ⟦n⟧ ... ⟦/n⟧ around that
// content. Visible bracket tokens are copied by small models far more
// reliably than control characters or private-use code points, and a
// model has no reason to translate them.
// Restore checks that every sentinel came back exactly once and that pairs
// still nest, wherever the model moved them.
type Masked struct {
	// Text is the message with sentinels in place of protected parts.
	Text   string
	prefix string
	// For each ID: the atom's text, or a pair's opening and closing text.
	atoms  map[int]string
	opens  map[int]string
	closes map[int]string
	// filled lists the pairs whose original content was not blank.
	filled map[int]bool
	n      int
	toks   []entity.Token
}

const (
	sentinelOpen  = "⟦"
	sentinelClose = "⟧"
)

// Mask scans text for entities (see package entity) and the protected
// terms, and replaces them by sentinels. A message that already contains ⟦
// gets sentinels with a prefix that does not occur in it (⟦p0⟧), so that
// Restore cannot confuse the two.
func Mask(text string, protect []string) Masked {
	return MaskFormat(text, protect, "")
}

// MaskFormat is Mask for a message in format: api.FormatHTML scans it as
// HTML (entity.ScanHTML), so that every tag reaches the model whole as a
// sentinel, attributes and all, whatever its quoted values hold.
func MaskFormat(text string, protect []string, format string) Masked {
	var toks []entity.Token
	if format == api.FormatHTML {
		toks = entity.ScanHTML(text, protect)
	} else {
		toks = entity.Scan(text, protect)
	}
	m := Masked{Text: text, toks: toks, atoms: map[int]string{}, opens: map[int]string{}, closes: map[int]string{}, filled: map[int]bool{}}
	for strings.Contains(text, sentinelOpen+m.prefix) || (m.prefix == "" && strings.Contains(text, sentinelClose)) {
		m.prefix += "p"
	}
	var b strings.Builder
	var stack []int
	for _, t := range toks {
		switch t.Role {
		case entity.Text:
			b.WriteString(t.Text)
			if len(stack) > 0 && strings.TrimSpace(t.Text) != "" {
				m.filled[stack[len(stack)-1]] = true
			}
			continue
		case entity.Atom:
			m.atoms[t.ID] = t.Text
			b.WriteString(m.sentinel(t.ID, false))
			if len(stack) > 0 {
				m.filled[stack[len(stack)-1]] = true
			}
		case entity.Open:
			m.opens[t.ID] = t.Text
			b.WriteString(m.sentinel(t.ID, false))
			if len(stack) > 0 {
				m.filled[stack[len(stack)-1]] = true
			}
			stack = append(stack, t.ID)
		case entity.Close:
			m.closes[t.ID] = t.Text
			b.WriteString(m.sentinel(t.ID, true))
			stack = stack[:len(stack)-1]
		}
		m.n = max(m.n, t.ID+1)
	}
	m.Text = b.String()
	return m
}

func (m Masked) sentinel(id int, closing bool) string {
	slash := ""
	if closing {
		slash = "/"
	}
	return sentinelOpen + slash + m.prefix + strconv.Itoa(id) + sentinelClose
}

// Len is the number of sentinel IDs (atoms and pairs) in the message.
func (m Masked) Len() int { return m.n }

// HasPairs reports whether the message has markup pairs (⟦n⟧...⟦/n⟧).
func (m Masked) HasPairs() bool { return len(m.opens) > 0 }

// HasProse reports whether anything outside the protected parts is worth
// translating.
func (m Masked) HasProse() bool { return entity.HasProse(m.toks) }

// Tokens are the scanned parts of the message.
func (m Masked) Tokens() []entity.Token { return m.toks }

// Sentinels lists every sentinel the answer must contain, in the order of
// the message.
func (m Masked) Sentinels() []string {
	var out []string
	for _, t := range m.toks {
		if t.Role != entity.Text {
			out = append(out, m.sentinel(t.ID, t.Role == entity.Close))
		}
	}
	return out
}

// anySentinel matches what a model may make of a sentinel: spaces inside
// the brackets are forgiven (and normalized), anything else is not.
var anySentinel = regexp.MustCompile(`⟦\s*(/?)\s*([a-z]*)(\d+)\s*⟧`)

// Restore puts the protected parts back into a model's answer. It fails
// with backend.ErrProtected when a sentinel is missing, duplicated, altered
// or invented, when a pair's closing sentinel comes before its opening one
// or pairs cross, or when a pair that held text came back empty: the chain
// then retries or moves on instead of shipping a translation that lost a
// mention, a link or a placeholder.
func (m Masked) Restore(out string) (string, error) {
	if m.n == 0 && !strings.Contains(out, sentinelOpen+m.prefix) {
		return out, nil
	}
	type occ struct {
		start, end int
		id         int
		closing    bool
	}
	var occs []occ
	var b strings.Builder
	last := 0
	for _, loc := range anySentinel.FindAllStringSubmatchIndex(out, -1) {
		if out[loc[4]:loc[5]] != m.prefix {
			continue // the user's own bracket text, not a sentinel of ours
		}
		id, err := strconv.Atoi(out[loc[6]:loc[7]])
		if err != nil {
			return "", backend.Errorf(backend.ErrProtected, err, "malformed sentinel")
		}
		b.WriteString(out[last:loc[0]])
		occs = append(occs, occ{start: b.Len(), id: id, closing: loc[3] > loc[2]})
		b.WriteString(m.sentinel(id, loc[3] > loc[2]))
		occs[len(occs)-1].end = b.Len()
		last = loc[1]
	}
	b.WriteString(out[last:])
	norm := b.String()

	seenOpen := map[int]int{}
	seenClose := map[int]int{}
	var stack []occ
	for _, o := range occs {
		_, isAtom := m.atoms[o.id]
		_, isPair := m.opens[o.id]
		switch {
		case !isAtom && !isPair:
			return "", backend.Errorf(backend.ErrProtected, nil, "the answer contains sentinel %d, which was not sent", o.id)
		case isAtom && o.closing:
			return "", backend.Errorf(backend.ErrProtected, nil, "the answer closes sentinel %d, which is not a pair", o.id)
		case o.closing:
			seenClose[o.id]++
			if len(stack) == 0 || stack[len(stack)-1].id != o.id {
				return "", backend.Errorf(backend.ErrProtected, nil, "sentinel pair %d is out of order or crosses another pair", o.id)
			}
			open := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if m.filled[o.id] && !hasContent(norm[open.end:o.start]) {
				return "", backend.Errorf(backend.ErrProtected, nil, "sentinel pair %d came back empty", o.id)
			}
		default:
			seenOpen[o.id]++
			if isPair {
				stack = append(stack, o)
			}
		}
	}
	for id := range m.n {
		if seenOpen[id] != 1 {
			return "", backend.Errorf(backend.ErrProtected, nil, "sentinel %d appears %d times in the answer, want once", id, seenOpen[id])
		}
		if m.opens[id] != "" && seenClose[id] != 1 {
			return "", backend.Errorf(backend.ErrProtected, nil, "sentinel pair %d is closed %d times in the answer, want once", id, seenClose[id])
		}
	}
	// A sentinel mangled beyond recognition leaves its bracket behind.
	rest := anySentinel.ReplaceAllString(norm, "")
	if strings.Contains(rest, sentinelOpen+m.prefix) || (m.prefix == "" && strings.Contains(rest, sentinelClose)) {
		return "", backend.Errorf(backend.ErrProtected, nil, "the answer contains a damaged sentinel")
	}

	var r strings.Builder
	last = 0
	for _, o := range occs {
		r.WriteString(norm[last:o.start])
		switch {
		case o.closing:
			r.WriteString(m.closes[o.id])
		case m.opens[o.id] != "":
			r.WriteString(m.opens[o.id])
		default:
			r.WriteString(m.atoms[o.id])
		}
		last = o.end
	}
	r.WriteString(norm[last:])
	return r.String(), nil
}

// hasContent reports whether s holds more than space and sentinels.
func hasContent(s string) bool {
	s = anySentinel.ReplaceAllString(s, "")
	return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) }) >= 0
}

// String describes the mask for logs without the protected texts.
func (m Masked) String() string {
	return fmt.Sprintf("masked(%d atoms, %d pairs)", len(m.atoms), len(m.opens))
}
