package quality

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// date is a calendar date written with digits: 2025-03-01, 01.03.2025,
// 3/1/2025. Its numbers are compared one by one as a set, which cannot
// tell 2025-03-01 from 2025-01-03 (compareDates does).
type date struct {
	text       string
	start, end int
	// parts are its three numbers as written, in order.
	parts [3]int
	// sep is the separator between them ('-', '/' or '.').
	sep byte
	// yearFirst is set for year-month-day (2025-03-01); otherwise the
	// year is last and day and month come in the order of a convention.
	yearFirst bool
}

// dates finds the dates of s: a four-digit year first or last, two
// numbers of one or two digits, joined by one separator ('-', '/', '.').
// A time (15:30) or a decimal (1.5) is none; a fourth number joined the
// same way makes the whole no date (a version 1.2.3.4, an IP address).
func dates(s string) []date {
	var out []date
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsDigit(r) {
			i += size
			continue
		}
		if d, end, ok := scanDate(s, i); ok {
			out = append(out, d)
			i = end
			continue
		}
		i, _ = digitRun(s, i)
	}
	return out
}

// scanDate reads a date starting at s[start], a digit not preceded by
// another digit.
func scanDate(s string, start int) (date, int, bool) {
	var d date
	if start > 0 {
		if p, _ := utf8.DecodeLastRuneInString(s[:start]); strings.ContainsRune("-/.", p) || unicode.IsLetter(p) || unicode.IsDigit(p) {
			return d, 0, false // part of something longer: 1.2.3.4, v1.2
		}
	}
	var counts [3]int
	i := start
	for k := range 3 {
		if k > 0 {
			if i >= len(s) || !strings.ContainsRune("-/.", rune(s[i])) || (k == 2 && s[i] != d.sep) {
				return d, 0, false
			}
			d.sep = s[i]
			i++
		}
		end, c := digitRun(s, i)
		if c == 0 || c > 4 {
			return d, 0, false
		}
		d.parts[k] = atoi(digitGroups(s[i:end])[0])
		counts[k] = c
		i = end
	}
	// A fourth part joined the same way (1.2.3.4, an IP address) makes
	// it none; what else follows does not (2025-03-01T10:00 is a date).
	if i+1 < len(s) && strings.ContainsRune("-/.", rune(s[i])) {
		if _, c := digitRun(s, i+1); c > 0 {
			return d, 0, false
		}
	}
	switch {
	case counts[0] == 4 && counts[1] <= 2 && counts[2] <= 2:
		d.yearFirst = true
	case counts[0] <= 2 && counts[1] <= 2 && counts[2] == 4:
	default:
		return d, 0, false
	}
	d.text, d.start, d.end = s[start:i], start, i
	return d, i, true
}

// Orders of a date's day and month with the year last.
const (
	monthFirst = "md" // 3/1/2025: March 1
	dayFirst   = "dm" // 1/3/2025, 1.3.2025: 1 March
)

// slashOrder is, per language, the order of day and month in the short
// date it writes with slashes (CLDR): month first only in US English
// (and Filipino); languages that write dates with dots or year first (de,
// ru, pl, ja, zh) are not here: a date they keep in slashes is not
// localized. Bare "en" may be American or British: either.
var slashOrder = map[string][]string{
	"en-us": {monthFirst}, "en-ph": {monthFirst}, "fil": {monthFirst},
	"en": {monthFirst, dayFirst},
	"fr": {dayFirst}, "es": {dayFirst}, "it": {dayFirst}, "pt": {dayFirst}, "ca": {dayFirst},
	"ar": {dayFirst}, "el": {dayFirst}, "hi": {dayFirst}, "id": {dayFirst}, "ms": {dayFirst},
	"vi": {dayFirst}, "th": {dayFirst}, "ur": {dayFirst}, "bn": {dayFirst}, "ga": {dayFirst},
	"cy": {dayFirst}, "sw": {dayFirst}, "ta": {dayFirst}, "te": {dayFirst}, "mr": {dayFirst},
}

// dotLanguages write dates with dots or year first, and not with slashes.
var dotLanguages = map[string]bool{
	"de": true, "ru": true, "pl": true, "tr": true, "uk": true, "cs": true, "sk": true, "da": true,
	"fi": true, "nb": true, "no": true, "nn": true, "ro": true, "hr": true, "sr": true, "sl": true,
	"bg": true, "et": true, "lv": true, "lt": true, "hu": true, "he": true, "sv": true, "ja": true,
	"zh": true, "ko": true, "fa": true, "nl": true, "kk": true, "be": true, "az": true,
}

// dateOrders are the orders in which a text of lang may write d's day and
// month, and known, false when the language tells nothing (unknown: either
// order). A date with the year first is always year-month-day, one with
// dots always day first; with slashes or dashes (year last) it is the
// language's slash order, or none when the language does not write dates
// so (de: 03/12/2025 is no German date).
func dateOrders(lang string, d date) (orders []string, known bool) {
	switch {
	case d.yearFirst:
		return []string{"ymd"}, true
	case d.sep == '.':
		return []string{dayFirst}, true
	}
	tag := strings.ToLower(lang)
	if o, ok := slashOrder[tag]; ok {
		return o, true
	}
	base, region, _ := strings.Cut(tag, "-")
	if base == "en" && region != "" {
		return []string{dayFirst}, true // en-GB, en-AU, en-IN …
	}
	if o, ok := slashOrder[base]; ok {
		return o, true
	}
	if dotLanguages[base] {
		return nil, true
	}
	return nil, false
}

// readings are the calendar dates (year·10000 + month·100 + day) that d
// may be in the given orders: none when no order gives a valid date
// (2025-15-03).
func (d date) readings(orders []string) []int {
	var out []int
	for _, o := range orders {
		var y, m, day int
		switch o {
		case "ymd":
			y, m, day = d.parts[0], d.parts[1], d.parts[2]
		case monthFirst:
			m, day, y = d.parts[0], d.parts[1], d.parts[2]
		case dayFirst:
			day, m, y = d.parts[0], d.parts[1], d.parts[2]
		}
		if validDate(y, m, day) {
			out = append(out, y*10000+m*100+day)
		}
	}
	return out
}

// validDate reports whether the day is in the month (29 February in any
// year: a leap year's rule would only matter to a date changed anyway).
func validDate(y, m, d int) bool {
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	return y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= days[m-1]
}

// readingsOr are d's readings in lang, in either order when the language
// tells none.
func (d date) readingsOr(lang string) []int {
	orders, _ := dateOrders(lang, d)
	if len(orders) == 0 {
		orders = []string{monthFirst, dayFirst}
	}
	return d.readings(orders)
}

// compareDates finds the dates of the source that the translation writes
// with the same numbers but as another date: 2025-03-01 → 2025-01-03,
// 2025-03-15 → 2025-15-03 (no date at all), 12/03/2025 → 03/12/2025 into
// German. A date written another way is the same one when some reading of
// each side agrees (3/1/2025 → 1.3.2025; 05/06/2024 → 2024-06-05); when
// the translation keeps the source's way of writing and only swaps day
// and month, it is a localization only if the target's convention differs
// from one the source may follow (en 12/03/2025 → fr 03/12/2025), so a
// copy of the layout is not taken for one. A date copied as written, or
// one the source's language cannot read, is never a finding: when unsure,
// no penalty.
func compareDates(src, tr []date, srcLang, trLang string) []numberFinding {
	var out []numberFinding
	used := make([]bool, len(tr))
	for _, s := range src {
		sr := s.readingsOr(srcLang)
		if len(sr) == 0 {
			continue
		}
		j := matchDate(s, tr, used)
		if j < 0 {
			continue // its numbers are compared one by one
		}
		used[j] = true
		t := tr[j]
		if t.text == s.text || t.parts == s.parts && t.sep == s.sep && t.yearFirst == s.yearFirst {
			continue
		}
		tOrders, known := dateOrders(trLang, t)
		if !known {
			tOrders = []string{monthFirst, dayFirst}
		}
		ok := intersects(sr, t.readings(tOrders))
		if ok && t.sep == s.sep && t.yearFirst == s.yearFirst {
			// The same layout with day and month swapped: a
			// localization only between two conventions.
			sOrders, _ := dateOrders(srcLang, s)
			if len(sOrders) == 0 {
				sOrders = []string{monthFirst, dayFirst}
			}
			ok = slices.ContainsFunc(sOrders, func(a string) bool {
				return slices.ContainsFunc(tOrders, func(b string) bool { return a != b })
			})
		}
		if !ok {
			sn, tn := number{text: s.text}, number{text: t.text}
			out = append(out, numberFinding{kind: "date", src: sn, other: &tn})
		}
	}
	return out
}

// matchDate is the first unused date of tr with the numbers of s, the
// one written as s is first.
func matchDate(s date, tr []date, used []bool) int {
	key := func(d date) [3]int {
		p := d.parts
		slices.Sort(p[:])
		return p
	}
	found := -1
	for j, t := range tr {
		if used[j] || key(t) != key(s) {
			continue
		}
		if t.text == s.text {
			return j
		}
		if found < 0 {
			found = j
		}
	}
	return found
}

func intersects(a, b []int) bool {
	return slices.ContainsFunc(a, func(v int) bool { return slices.Contains(b, v) })
}
