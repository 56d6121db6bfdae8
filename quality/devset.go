package quality

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/quality/gettext"
	"github.com/parley-chat/parley/shared/api"
)

// DevSetOptions select which catalog messages make good dev segments.
type DevSetOptions struct {
	// SourceLang is the language of the msgids (GNU packages: "en").
	SourceLang string
	// MinRunes and MaxRunes bound the source length (defaults 12 and 200):
	// chat-sized strings, not usage screens.
	MinRunes, MaxRunes int
	// MinWords is the least number of words in the source (default 3).
	MinWords int
}

func (o DevSetOptions) withDefaults() DevSetOptions {
	if o.SourceLang == "" {
		o.SourceLang = "en"
	}
	if o.MinRunes <= 0 {
		o.MinRunes = 12
	}
	if o.MaxRunes <= 0 {
		o.MaxRunes = 200
	}
	if o.MinWords <= 0 {
		o.MinWords = 3
	}
	return o
}

// CatalogSegments turns the messages of one catalog (domain, translated
// into target) into test segments, keeping the messages that read like
// sentences: single-line, translated, not a copy of the source, not option
// tables or format-only strings, and without plural forms (whose
// references would depend on a count). Each segment is tagged "gettext"
// and the domain, and "entity" when it has placeholders, numbers or URLs.
func CatalogSegments(domain, target string, cat *gettext.Catalog, opts DevSetOptions) []Segment {
	opts = opts.withDefaults()
	var out []Segment
	for _, m := range cat.Messages {
		if m.Plural != "" || len(m.Translations) != 1 {
			continue
		}
		src, ref, ok := devPair(m.ID, m.Translations[0], opts)
		if !ok {
			continue
		}
		h := fnv.New32a()
		h.Write([]byte(m.Context + "\x04" + m.ID))
		seg := Segment{
			ID:         fmt.Sprintf("%s.%s-%s.%08x", domain, opts.SourceLang, target, h.Sum32()),
			Source:     src,
			SourceLang: opts.SourceLang,
			TargetLang: target,
			References: []string{ref},
			Tags:       []string{"gettext", tagWord(domain)},
			Origin:     "gettext:" + domain,
		}
		if len(ExtractEntities(src)) > 0 {
			seg.Tags = append(seg.Tags, TagEntity)
		}
		if v, err := seg.Validate(); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// tagWord makes a tag of a domain name ("libapt-pkg6.0" -> "libapt-pkg6_0").
func tagWord(s string) string {
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

// devPair cleans one message and reports whether it is a usable segment.
func devPair(id, str string, opts DevSetOptions) (src, ref string, ok bool) {
	// A message and its translation often end with the same newline.
	if strings.HasSuffix(id, "\n") && strings.HasSuffix(str, "\n") {
		id, str = strings.TrimSuffix(id, "\n"), strings.TrimSuffix(str, "\n")
	}
	src, ref = strings.TrimSpace(id), strings.TrimSpace(str)
	switch {
	case src == "" || ref == "" || src == ref:
		return "", "", false
	case strings.ContainsAny(src+ref, "\n\t\r\a\b\f\v_"):
		// Multi-line help, column layouts, control characters, and
		// identifiers or keyboard accelerators.
		return "", "", false
	case strings.HasPrefix(src, "-") || strings.Contains(src, "  ") || strings.Contains(src, "--"):
		// Option descriptions and aligned tables.
		return "", "", false
	case src == "translator-credits":
		return "", "", false
	}
	n := utf8.RuneCountInString(src)
	if n < opts.MinRunes || n > opts.MaxRunes {
		return "", "", false
	}
	words, letters := 0, 0
	for _, w := range strings.Fields(src) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 && !strings.HasPrefix(w, "%") {
			words++
		}
	}
	for _, r := range src {
		if unicode.IsLetter(r) || r == ' ' {
			letters++
		}
	}
	if words < opts.MinWords || letters*10 < n*7 {
		return "", "", false
	}
	// The translation must keep the source's placeholders, or it is not a
	// reference a translator would accept.
	for _, e := range ExtractEntities(src) {
		if e.Kind == EntityPlaceholder && !strings.Contains(ref, e.Text) {
			return "", "", false
		}
	}
	if _, err := api.ValidateText("source", src, 0); err != nil {
		return "", "", false
	}
	return src, ref, true
}

// BuildDevSet merges the segments of several catalogs: one segment per
// (target language, source string), the first catalog's reference winning;
// then at most perPair segments per language pair (0 for all), chosen by a
// hash of the id so that the selection is stable across runs and machines
// and spread over the catalogs. Segments come out ordered by pair and id.
func BuildDevSet(parts [][]Segment, perPair int) []Segment {
	seen := map[string]bool{}
	byPair := map[string][]Segment{}
	for _, part := range parts {
		for _, s := range part {
			key := s.TargetLang + "\x00" + s.Source
			if seen[key] {
				continue
			}
			seen[key] = true
			byPair[s.Pair()] = append(byPair[s.Pair()], s)
		}
	}
	var out []Segment
	pairs := make([]string, 0, len(byPair))
	for p := range byPair {
		pairs = append(pairs, p)
	}
	slices.Sort(pairs)
	for _, p := range pairs {
		segs := byPair[p]
		slices.SortFunc(segs, func(a, b Segment) int {
			if c := strings.Compare(hashHex(a.ID), hashHex(b.ID)); c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		})
		if perPair > 0 && len(segs) > perPair {
			segs = segs[:perPair]
		}
		slices.SortFunc(segs, func(a, b Segment) int { return strings.Compare(a.ID, b.ID) })
		out = append(out, segs...)
	}
	return out
}

func hashHex(s string) string {
	h := fnv.New64a()
	h.Write([]byte(s))
	return fmt.Sprintf("%016x", h.Sum64())
}
