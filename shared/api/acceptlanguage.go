package api

import (
	"strings"

	"golang.org/x/text/language"
)

// ParseAcceptLanguage reads an Accept-Language header, best first, as
// browsers and HTTP libraries expect a server to. x/text fails a whole
// header on one entry it cannot read, and reads any float as a weight
// ("q=1.5", "q=NaN"); here each entry is read as RFC 9110 writes it, and
// one that cannot be read is skipped: a range that is not a valid BCP 47
// tag ("es-ES_tradnl", "en-YY", a typo) or a weight that is not a q-value
// (qvalue). An entry that names no known language ("xx") is skipped too,
// and "*" (any language) and q=0 entries name no tag. qs holds each tag's
// weight. usable is false when no entry was readable, which is a
// malformed header; unknown is true when an entry was well-formed but
// names no known language.
func ParseAcceptLanguage(header string) (tags []language.Tag, qs []float32, usable, unknown bool) {
	var kept []string
	for part := range strings.SplitSeq(header, ",") {
		rng, weight, weighted := strings.Cut(part, ";")
		rng = strings.TrimSpace(rng)
		if rng == "" && !weighted {
			// An empty list element, which RFC 9110 lets senders add.
			continue
		}
		entry := rng
		if weighted {
			q, ok := qvalue(weight)
			if !ok {
				continue
			}
			// x/text reads only a lower-case "q=" without spaces.
			entry += ";q=" + q
		}
		if _, _, err := language.ParseAcceptLanguage(entry); err != nil {
			tag := strings.ReplaceAll(rng, "_", "-")
			if sub, ok := unknownSubtag(err); ok && isLanguageSubtag(tag, sub) {
				usable, unknown = true, true
			}
			continue
		}
		usable = true
		if rng == "*" {
			continue
		}
		kept = append(kept, entry)
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

// qvalue reads the weight of an Accept-Language entry (what follows its
// ";") as RFC 9110 (section 12.4.2) writes it: "q=" (either case) and a
// number from 0 to 1 with at most three decimals ("0", "0.5", "1.000").
// It returns the number; ok is false for anything else ("q=1.5",
// "q=0.1234", "q=.5", "q=NaN", "q=abc", a parameter other than q).
func qvalue(weight string) (q string, ok bool) {
	w := strings.TrimSpace(weight)
	if len(w) < 3 || !strings.EqualFold(w[:2], "q=") {
		return "", false
	}
	q = w[2:]
	whole, frac, _ := strings.Cut(q, ".")
	if (whole != "0" && whole != "1") || len(frac) > 3 {
		return "", false
	}
	for _, c := range frac {
		if c < '0' || c > '9' || (whole == "1" && c != '0') {
			return "", false
		}
	}
	return q, true
}
