package api

import (
	"errors"
	"strings"

	"golang.org/x/text/language"
)

// ParseAcceptLanguage reads an Accept-Language header, best first, as
// browsers and HTTP libraries expect a server to. x/text fails a whole
// header on one entry it cannot read; here an entry that does not parse
// ("es-ES_tradnl", a typo) or names no known language ("xx") is skipped,
// and "*" (any language) and q=0 entries name no tag. qs holds each tag's
// weight. usable is false when no entry was well-formed, which is a
// malformed header; unknown is true when an entry was well-formed but
// names no known language.
func ParseAcceptLanguage(header string) (tags []language.Tag, qs []float32, usable, unknown bool) {
	var kept []string
	for part := range strings.SplitSeq(header, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if _, _, err := language.ParseAcceptLanguage(part); err != nil {
			var ve language.ValueError
			if errors.As(err, &ve) {
				usable, unknown = true, true
			}
			continue
		}
		usable = true
		if rng, _, _ := strings.Cut(part, ";"); strings.TrimSpace(rng) == "*" {
			continue
		}
		kept = append(kept, part)
	}
	if len(kept) == 0 {
		return nil, nil, usable, unknown
	}
	tags, qs, err := language.ParseAcceptLanguage(strings.Join(kept, ","))
	if err != nil {
		return nil, nil, false, unknown
	}
	return tags, qs, true, unknown
}
