package quality

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/parley-chat/parley/shared/api"
)

// Entity kinds found by ExtractEntities.
const (
	EntityURL         = "url"
	EntityEmail       = "email"
	EntityMention     = "mention"
	EntityHashtag     = "hashtag"
	EntityPlaceholder = "placeholder"
	EntityNumber      = "number"
	EntityTime        = "time"
	EntityEmoji       = "emoji"
	// EntityExplicit is an entity listed in the test set.
	EntityExplicit = "explicit"
)

// Entity is a stretch of source text that a translation must carry over.
type Entity struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// The structured kinds, in the order they claim text: a URL's digits are
// not numbers, an e-mail address is not a mention.
var entityPatterns = []struct {
	kind string
	re   *regexp.Regexp
}{
	{EntityURL, regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"]+`)},
	{EntityEmail, regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)},
	{EntityMention, regexp.MustCompile(`(?:^|[^\w@])(@[A-Za-z0-9_][A-Za-z0-9_.-]*)`)},
	{EntityHashtag, regexp.MustCompile(`(?:^|[^\w#&])(#[\p{L}\p{N}_]+)`)},
	// printf conversions (%s, %d, %1$s, %-10s, %lu, %'d) without the space
	// flag, so that "50% off" is not a placeholder; brace placeholders
	// ({name}, {0}, {{count}}).
	{EntityPlaceholder, regexp.MustCompile(`%(?:\d+\$)?[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn%]|\{\{?[A-Za-z0-9_.]*\}\}?`)},
	// A time of day: "3pm", "3:30 p.m.", "15h", "15h30", "15:30". A
	// translation writes it on its language's clock ("3pm" → "15:00",
	// "15h" → "3pm"), so it compares by its value (clockValues).
	{EntityTime, regexp.MustCompile(`(?i)\b(?:(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|(?:[01]?\d|2[0-3])\s?h(?:[0-5]\d)?\b|(?:[01]?\d|2[0-3]):[0-5]\d\b)`)},
	{EntityNumber, regexp.MustCompile(`\p{Nd}+(?:[.,]\p{Nd}+)*`)},
}

// trailing punctuation that ends a sentence rather than a URL or mention.
const trailingPunct = ".,;:!?)]}'\"…"

// ExtractEntities finds what a translation must preserve in a text: URLs,
// e-mail addresses, @mentions, #hashtags, printf and brace placeholders,
// numbers and emoji, in order of appearance.
func ExtractEntities(text string) []Entity {
	type span struct {
		start, end int
		e          Entity
	}
	var spans []span
	taken := make([]bool, len(text))
	free := func(a, b int) bool {
		for i := a; i < b; i++ {
			if taken[i] {
				return false
			}
		}
		return true
	}
	for _, p := range entityPatterns {
		for _, m := range p.re.FindAllStringSubmatchIndex(text, -1) {
			a, b := m[0], m[1]
			if len(m) > 2 && m[2] >= 0 { // the pattern captures the entity itself
				a, b = m[2], m[3]
			}
			if p.kind == EntityURL || p.kind == EntityMention {
				for b > a && strings.ContainsRune(trailingPunct, rune(text[b-1])) {
					b--
				}
			}
			if b <= a || !free(a, b) {
				continue
			}
			for i := a; i < b; i++ {
				taken[i] = true
			}
			spans = append(spans, span{a, b, Entity{p.kind, text[a:b]}})
		}
	}
	for i, r := range text {
		if isEmoji(r) && !taken[i] {
			spans = append(spans, span{i, i + len(string(r)), Entity{EntityEmoji, string(r)}})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	out := make([]Entity, len(spans))
	for i, s := range spans {
		out[i] = s.e
	}
	return out
}

// isEmoji reports pictographic symbols (the emoji blocks and the older
// dingbat and miscellaneous-symbol blocks).
func isEmoji(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF && unicode.Is(unicode.So, r))
}

// EntityCheck is the outcome of checking a translation's entities.
type EntityCheck struct {
	Total     int      `json:"total"`
	Preserved int      `json:"preserved"`
	Missing   []string `json:"missing,omitempty"`
}

// CheckEntities counts how many of the entities reach the translation.
// Each occurrence counts: an entity that appears twice in the source must
// appear twice in the translation. Numbers compare by their digits, so
// that "1,000.5" rendered as "1.000,5" in German counts as preserved;
// times by their value on a 24-hour clock ("3pm" as "15:00" or "15h"),
// or their digits; everything else must appear verbatim.
func CheckEntities(entities []Entity, translation string) EntityCheck {
	var c EntityCheck
	have := map[string]int{}
	for _, e := range ExtractEntities(translation) {
		switch e.Kind {
		case EntityTime:
			for _, v := range clockValues(e.Text) {
				have["@"+v]++
			}
			have["#"+digits(e.Text)]++
		case EntityNumber:
			have["#"+digits(e.Text)]++
		}
	}
	used := map[string]int{}
	for _, e := range entities {
		c.Total++
		key, ok := "", false
		switch e.Kind {
		case EntityTime:
			for _, v := range append(clockValues(e.Text), "") {
				key = "@" + v
				if v == "" {
					key = "#" + digits(e.Text)
				}
				if ok = have[key] > used[key]; ok {
					break
				}
			}
		case EntityNumber:
			key = "#" + digits(e.Text)
			ok = have[key] > used[key]
		default:
			key = e.Text
			ok = strings.Count(translation, e.Text) > used[key]
		}
		if ok {
			used[key]++
			c.Preserved++
		} else {
			c.Missing = append(c.Missing, e.Text)
		}
	}
	return c
}

// clockValues returns the times of day ("15:00") a time entity may be:
// one with "am", "pm" or "h", or past twelve; "3:30" is 3:30 or 15:30.
func clockValues(s string) []string {
	lower := strings.ToLower(s)
	var nums []int
	for _, f := range strings.FieldsFunc(lower, func(r rune) bool { return r < '0' || r > '9' }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil
		}
		nums = append(nums, n)
	}
	if len(nums) == 0 {
		return nil
	}
	hour, minute := nums[0], 0
	if len(nums) > 1 {
		minute = nums[1]
	}
	at := func(h int) string { return fmt.Sprintf("%02d:%02d", h, minute) }
	switch {
	case strings.Contains(lower, "p"):
		return []string{at(hour%12 + 12)}
	case strings.Contains(lower, "a"):
		return []string{at(hour % 12)}
	case strings.Contains(lower, "h") || hour == 0 || hour > 12:
		return []string{at(hour)}
	}
	return []string{at(hour), at(hour + 12)}
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// segmentEntities are a segment's entities: the listed ones, or else the
// extracted ones.
func segmentEntities(s Segment) []Entity {
	if len(s.Entities) > 0 {
		out := make([]Entity, len(s.Entities))
		for i, e := range s.Entities {
			out[i] = Entity{EntityExplicit, e}
		}
		return out
	}
	return ExtractEntities(s.Source)
}

// TermCheck is the outcome of checking a translation's glossary terms.
type TermCheck struct {
	Total   int      `json:"total"`
	Applied int      `json:"applied"`
	Missing []string `json:"missing,omitempty"`
}

// CheckTerms reports which expected target terms appear in the
// translation, ignoring case.
func CheckTerms(terms []api.TermHint, translation string) TermCheck {
	var c TermCheck
	low := strings.ToLower(translation)
	for _, t := range terms {
		c.Total++
		if strings.Contains(low, strings.ToLower(t.Target)) {
			c.Applied++
		} else {
			c.Missing = append(c.Missing, t.Target)
		}
	}
	return c
}

// obeyed returns the forbidden strings found in a translation.
func obeyed(forbidden []string, translation string) []string {
	var out []string
	low := strings.ToLower(translation)
	for _, f := range forbidden {
		if strings.Contains(low, strings.ToLower(f)) {
			out = append(out, f)
		}
	}
	return out
}
