package quality

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	xnumber "golang.org/x/text/number"
)

// number is one number of a text with every value it may stand for. A
// translation may write it in another convention (1,250.50 → 1.250,50),
// in other digits (١٢٣), or, for a time, on another clock (3:30 pm →
// 15.30 Uhr, 오후 3시 30분), and it must still be the same value: only
// the digits would let 0.5 pass for 5 and 1,250.50 for 125.050.
type number struct {
	// text is the number as written, with a time's marks ("3:30 pm").
	text       string
	start, end int
	// dot and comma are its value read with a decimal point and with a
	// decimal comma, normalised (ASCII digits, no grouping, no leading
	// zeros in the whole part or trailing ones in the fraction:
	// "1,250.50" → dot "1250.5"), "" where that reading is impossible
	// ("1,5" has no decimal-point reading, "12.3456" no decimal-comma
	// one). plain is the digit groups joined by dots when neither
	// reading holds ("1.2.3"), and "" for a clock time.
	dot, comma, plain string
	// times are the clock times ("15:30") it may be: "3:30" without am or
	// pm is 3:30 or 15:30, and a bare "3" may be an hour. explicit is set
	// when the text says it is a time (a colon, am/pm, Uhr, h, 時, 시);
	// a bare hour only matches an explicit time, so "3" → "15" is still
	// a change.
	times    []string
	explicit bool
	// groups are its runs of digits without leading zeros, for a number
	// written in several parts on the other side ("05/06" → "5.6",
	// "15:30" → "15 Uhr 30").
	groups []string
	// unit is the symbol written next to it ("mg", "%", "$"), "time" for
	// an explicit time, "" for none: numbers of one unit keep their order
	// in a translation, so "0.5 mg …, not 5 mg" → "5 mg …, no 0,5 mg" is
	// a swap.
	unit string
	// decade is set for a multiple of ten written as a decade ("90s",
	// "1990s", "90er", "90-е", "90年代"): a translation may say it in words
	// ("los años noventa", "die Neunziger").
	decade bool
	// rangeTo is set when the next number of the text ends a range this
	// one starts ("from 10 to 2", "10-12", "10 bis 12"; markRanges): the
	// two keep their order in a translation, with or without a unit.
	rangeTo bool
}

// key is the value shown for the number and used in entity lists.
func (n number) key() string {
	switch {
	case n.dot != "":
		return n.dot
	case n.comma != "":
		return n.comma
	case n.plain != "":
		return n.plain
	case len(n.times) > 0:
		return n.times[0]
	}
	return n.text
}

// Separators inside a number. A decimal point or comma reads either way
// (decimalPoint, decimalComma: readings); U+066B and U+066C are the
// Arabic decimal and thousands separators, U+2019 the Swiss one.
const (
	numberSeparators = ".,' \u00a0\u202f\u2019\u066b\u066c"
	pointGroups      = ", \u00a0\u202f'\u2019\u066c"
	commaGroups      = ". \u00a0\u202f'\u2019\u066c"
)

// numbers finds the numbers of s: digits with thousands groups and a
// decimal part in any convention (1,000.5 1.000,5 1 000,5 1'000.5), and
// clock times (15:30, 3:30 pm, 15.30 Uhr, 15 h 30, 3 o'clock, 下午3点半,
// 오후 3시 30분). It is a scanner rather than a regexp because it runs on
// every text.
func numbers(s string) []number {
	var out []number
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsDigit(r) {
			i += size
			continue
		}
		n := scanNumber(s, i)
		out = append(out, n)
		i = n.end
	}
	return out
}

// digitRun returns the end of the run of digits of s starting at i and
// how many digits it has.
func digitRun(s string, i int) (int, int) {
	count := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsDigit(r) {
			break
		}
		i += n
		count++
	}
	return i, count
}

// scanNumber reads the number that starts at s[start], a digit.
func scanNumber(s string, start int) number {
	end, first := digitRun(s, start)
	n := number{start: start}
	// A clock time: H:MM or H:MM:SS.
	if first <= 2 && end < len(s) && s[end] == ':' {
		if e2, c := digitRun(s, end+1); c == 2 {
			end = e2
			if end < len(s) && s[end] == ':' {
				if e3, c3 := digitRun(s, end+1); c3 == 2 {
					end = e3
				}
			}
			n.end = end
			n.groups = digitGroups(s[start:end])
			if h, m, ok := clockOf(n.groups); ok {
				n.explicit, n.unit = true, "time"
				n.times = hourReadings(h, m, n.groups)
				n.timeSuffix(s)
				n.text = s[start:n.end]
				return n
			}
			end, _ = digitRun(s, start) // 99:99 is no time: read the digits alone
		}
	}
	for end < len(s) {
		sep, size := utf8.DecodeRuneInString(s[end:])
		if !strings.ContainsRune(numberSeparators, sep) {
			break
		}
		next, count := digitRun(s, end+size)
		if count == 3 {
			end = next // a thousands group, or a three-digit decimal part
			continue
		}
		if count > 0 && (sep == '.' || sep == ',' || sep == '\u066b') {
			end = next // a decimal part ends the number
		}
		break
	}
	n.end = end
	n.readings(s[start:end])
	n.groups = digitGroups(s[start:end])
	n.timeReadings(s)
	if n.unit == "" {
		n.unit = unitAround(s, start, n.end)
	}
	n.text = s[start:n.end]
	n.decade = n.unit == "" && isDecade(n.text, s[n.end:])
	return n
}

// decadeEnds are what follows the digits of a decade: en "90s", "90's",
// de "90er", ru "90-е", "90-х", uk "90-ті", tr "90'lar", zh and ja
// "90年代", ko "90년대".
var decadeEnds = []string{"s", "'s", "’s", "er", "ern", "-е", "-х", "-ые", "-ых", "-ті", "-і", "'lar", "'ler", "’lar", "’ler", "年代", "년대"}

// isDecade reports whether digits, followed by rest, write a decade: a
// multiple of ten (10 to 90, or a year from 1800 on) with a decade's
// ending and no letter after it.
func isDecade(digits, rest string) bool {
	v, err := strconv.Atoi(digits)
	if err != nil || v%10 != 0 || !(v >= 10 && v <= 90 || v >= 1800 && v <= 2090) {
		return false
	}
	for _, end := range decadeEnds {
		if after, ok := strings.CutPrefix(rest, end); ok && !letterAt(after, 0) {
			return true
		}
	}
	return false
}

// digitGroups are the runs of digits of s, as ASCII without leading
// zeros.
func digitGroups(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, trimZeros(b.String()))
			b.Reset()
		}
	}
	for _, r := range s {
		if unicode.IsDigit(r) {
			b.WriteByte(byte('0' + digitValue(r)))
		} else {
			flush()
		}
	}
	flush()
	return out
}

func trimZeros(d string) string {
	d = strings.TrimLeft(d, "0")
	if d == "" {
		return "0"
	}
	return d
}

// readings sets the number's value with a decimal point and with a
// decimal comma. Separators are read by convention: in the point
// reading a comma, space or apostrophe groups thousands and a final
// point starts the fraction, in the comma reading the other way round;
// a reading whose groups are not of three digits is impossible.
func (n *number) readings(raw string) {
	var groups []string
	var seps []rune
	var b strings.Builder
	for _, r := range raw {
		if unicode.IsDigit(r) {
			b.WriteByte(byte('0' + digitValue(r)))
			continue
		}
		groups = append(groups, b.String())
		b.Reset()
		seps = append(seps, r)
	}
	groups = append(groups, b.String())
	n.dot = reading(groups, seps, ".\u066b", pointGroups)
	n.comma = reading(groups, seps, ",\u066b", commaGroups)
	if n.dot == "" && n.comma == "" {
		parts := make([]string, len(groups))
		for i, g := range groups {
			parts[i] = trimZeros(g)
		}
		n.plain = strings.Join(parts, ".")
	}
}

// reading is the normalised value of the digit groups and separators
// under one convention, or "" when they cannot be read so.
func reading(groups []string, seps []rune, decimals, grouping string) string {
	whole, frac := groups, ""
	if k := len(seps); k > 0 && strings.ContainsRune(decimals, seps[k-1]) {
		whole, frac = groups[:k], strings.TrimRight(groups[k], "0")
		seps = seps[:k-1]
	}
	for i, sep := range seps {
		if !strings.ContainsRune(grouping, sep) || sep != seps[0] || len(whole[i+1]) != 3 {
			return ""
		}
	}
	if len(seps) > 0 && len(whole[0]) > 3 {
		return ""
	}
	v := trimZeros(strings.Join(whole, ""))
	if frac != "" {
		v += "." + frac
	}
	return v
}

// clockOf reads hour and minute groups as a time of day.
func clockOf(groups []string) (h, m int, ok bool) {
	if len(groups) < 2 {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(groups[0])
	m, err2 := strconv.Atoi(groups[1])
	return h, m, err1 == nil && err2 == nil && h <= 24 && m <= 59
}

// hourReadings are the times h:m may be without am or pm: an hour from 1
// to 11 may be in the morning or the afternoon.
func hourReadings(h, m int, groups []string) []string {
	out := []string{clockText(h, m, groups)}
	if h >= 1 && h <= 11 {
		out = append(out, clockText(h+12, m, groups))
	}
	return out
}

// clockText writes a time as "15:30" (with seconds when groups has them).
func clockText(h, m int, groups []string) string {
	t := strconv.Itoa(h) + ":" + twoDigits(m)
	if len(groups) > 2 {
		t += ":" + twoDigits(atoi(groups[2]))
	}
	return t
}

func twoDigits(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

func atoi(s string) int {
	v, _ := strconv.Atoi(s)
	return v
}

// timeReadings finds what makes a number a time: a bare hour or H.MM
// may be one, and am/pm, Uhr, h, o'clock or 時/点/시 after it (with
// 午後/下午/오후 before it) say it is.
func (n *number) timeReadings(s string) {
	raw := s[n.start:n.end]
	var h, m int
	switch {
	case len(n.groups) == 1 && !strings.ContainsAny(raw, numberSeparators):
		h = atoi(n.groups[0])
	case len(n.groups) == 2 && strings.Count(raw, ".") == 1 && len(raw)-strings.IndexByte(raw, '.') == 3:
		// 15.30: a decimal, or a time as German and Finnish write it.
		var ok bool
		if h, m, ok = clockOf(n.groups); !ok {
			return
		}
	default:
		return
	}
	if _, digits := digitRun(raw, 0); h > 24 || digits > 2 {
		return
	}
	n.times = hourReadings(h, m, n.groups)
	if cjk := n.cjkTime(s, h); cjk {
		return
	}
	n.timeSuffix(s)
}

// timeSuffix reads an am/pm, Uhr, h or o'clock after a number that may be
// a time, and makes it an explicit one.
func (n *number) timeSuffix(s string) {
	j := skipSpace(s, n.end)
	rest := strings.ToLower(s[j:min(len(s), j+12)])
	h, m := atoi(n.groups[0]), 0
	if len(n.groups) > 1 {
		m = atoi(n.groups[1])
	}
	for _, mark := range []struct {
		text string
		pm   int // 1 pm, 0 am, -1 either
	}{{"a.m.", 0}, {"a. m.", 0}, {"am", 0}, {"p.m.", 1}, {"p. m.", 1}, {"pm", 1}, {"uhr", -1}, {"o'clock", -1}, {"o’clock", -1}} {
		if !strings.HasPrefix(rest, mark.text) || letterAt(rest, len(mark.text)) {
			continue
		}
		if mark.pm >= 0 && (h < 1 || h > 12) {
			return
		}
		n.explicit, n.unit = true, "time"
		n.end = j + len(mark.text)
		switch mark.pm {
		case 0:
			n.times = []string{clockText(h%12, m, n.groups)}
		case 1:
			n.times = []string{clockText(h%12+12, m, n.groups)}
		}
		return
	}
	// 15h, 15 h 30, 15h30 (French and others).
	if strings.HasPrefix(rest, "h") && len(n.groups) == 1 {
		k := j + 1
		mm := skipSpace(s, k)
		if e, c := digitRun(s, mm); c == 2 && !letterAt(s, e) {
			if mins := atoi(digitGroups(s[mm:e])[0]); mins <= 59 {
				n.groups = append(n.groups, strconv.Itoa(mins))
				n.times = []string{clockText(h, mins, nil)}
				n.explicit, n.unit, n.end = true, "time", e
			}
			return
		}
		if !letterAt(s, k) {
			n.explicit, n.unit, n.end = true, "time", k
		}
	}
}

// cjkTime reads 3時, 3时30分, 3点半, 3시 30분 and 3시 반 after the
// number, with 午後, 下午 or 오후 (afternoon) or 午前, 上午 or 오전
// (morning) before it. 時間 and 시간 are hours of duration, not times.
func (n *number) cjkTime(s string, h int) bool {
	j := skipSpace(s, n.end)
	r, size := utf8.DecodeRuneInString(s[j:])
	if !strings.ContainsRune("時时点點시", r) {
		return false
	}
	if next, _ := utf8.DecodeRuneInString(s[j+size:]); next == '間' || next == '간' {
		return false
	}
	end := j + size
	m := 0
	k := skipSpace(s, end)
	if e, c := digitRun(s, k); c > 0 && c <= 2 {
		unitRune, us := utf8.DecodeRuneInString(s[e:])
		if unitRune == '分' || unitRune == '분' {
			m = atoi(digitGroups(s[k:e])[0])
			n.groups = append(n.groups, strconv.Itoa(m))
			end = e + us
		}
	} else if half, hs := utf8.DecodeRuneInString(s[k:]); half == '半' || half == '반' {
		m, end = 30, k+hs
	}
	if m > 59 {
		return false
	}
	before := s[max(0, n.start-12):n.start]
	switch {
	case containsAny(before, "午後", "下午", "晚上", "傍晚", "夜", "오후", "저녁", "밤"):
		if h >= 1 && h <= 11 {
			h += 12
		}
		n.times = []string{clockText(h, m, nil)}
	case containsAny(before, "午前", "上午", "早上", "凌晨", "朝", "오전", "아침", "새벽"):
		n.times = []string{clockText(h%12, m, nil)}
	default:
		n.times = hourReadings(h, m, nil)
	}
	n.explicit, n.unit, n.end = true, "time", end
	return true
}

func containsAny(s string, subs ...string) bool {
	return slices.ContainsFunc(subs, func(sub string) bool { return strings.Contains(s, sub) })
}

// skipSpace skips at most one space (or no-break space) at s[i].
func skipSpace(s string, i int) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == ' ' || r == '\u00a0' || r == '\u202f' {
		return i + size
	}
	return i
}

// letterAt reports whether s has a letter at byte i.
func letterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// units are symbols that a translation writes as the source does, so a
// number's unit tells which numbers of both sides belong together.
var units = func() map[string]bool {
	m := map[string]bool{}
	for _, u := range strings.Fields("mg g kg µg mcg ml l cl dl km m cm mm mi ft lb lbs oz gb mb kb tb ms kw kwh w v hz khz mhz ghz % ‰ ° °c °f € $ £ ¥ ₹ ₽ ₩ ₪") {
		m[u] = true
	}
	return m
}()

// currencies are written before a number.
const currencies = "$€£¥₹₽₩₪"

// unitAround is the unit written right after the number (one space
// allowed), or a currency sign right before it, or "".
func unitAround(s string, start, end int) string {
	j := skipSpace(s, end)
	k := j
	for k < len(s) {
		r, size := utf8.DecodeRuneInString(s[k:])
		if !unicode.IsLetter(r) && !strings.ContainsRune("%‰°µ"+currencies, r) {
			break
		}
		k += size
	}
	if u := strings.ToLower(s[j:k]); units[u] {
		return u
	}
	if start > 0 {
		i := start
		if r, size := utf8.DecodeLastRuneInString(s[:i]); r == ' ' || r == '\u00a0' {
			i -= size
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); strings.ContainsRune(currencies, r) {
			return string(r)
		}
	}
	return ""
}

// digitValue is the value of a decimal digit in any script. Unicode keeps
// each script's digits 0-9 contiguous, so the zero is found by walking down.
func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	v := 0
	for v < 9 && unicode.IsDigit(r-1) {
		r--
		v++
	}
	return v
}

// decimalMarks caches decimalMark per language tag.
var decimalMarks sync.Map

// decimalMark is the decimal separator of a language as CLDR has it
// ('.' for en, es-MX and de-CH, ',' for es, de and fr), or 0 when it is
// neither or the language is unknown: both readings are then tried.
func decimalMark(tag string) rune {
	if tag == "" {
		return 0
	}
	if v, ok := decimalMarks.Load(tag); ok {
		return v.(rune)
	}
	mark := rune(0)
	if t, err := language.Parse(tag); err == nil {
		s := message.NewPrinter(t).Sprint(xnumber.Decimal(1.5))
		for _, r := range s {
			if r == '.' || r == ',' {
				mark = r
			}
		}
	}
	// Tags come from requests: past 1024 of them the rest are computed
	// each time rather than kept, so the cache stays small.
	if decimalCount.Add(1) <= 1024 {
		decimalMarks.Store(tag, mark)
	}
	return mark
}

var decimalCount atomic.Int64

// values are the number's readings in a text of the given decimal mark:
// the reading of its convention when that one is possible, else every
// possible one ("1,250.50" in a Spanish text, copied as written).
func (n number) values(mark rune) []string {
	switch {
	case mark == '.' && n.dot != "":
		return []string{n.dot}
	case mark == ',' && n.comma != "":
		return []string{n.comma}
	}
	var out []string
	for _, v := range []string{n.dot, n.comma, n.plain} {
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// numberFinding is a number of the source that the translation does not
// have with its value.
type numberFinding struct {
	kind string // "missing", "changed", "swapped"
	src  number
	// other is the translation's number for a changed or swapped one.
	other *number
}

// numberMatch is what compareNumbers found.
type numberMatch struct {
	findings []numberFinding
	// spelled lists source numbers the translation writes as words
	// ("2" → "zwei"), as "2 (zwei)".
	spelled []string
}

// compareNumbers checks that every number of the source is in the
// translation with its value. Numbers are matched, in this order: as
// written; by value, each side read by its language's decimal mark
// (decimalMark), or either way when that reading is impossible or the
// language unknown; as a time (3:30 pm = 15.30 Uhr); and a number written
// in parts on one side and whole on the other (15:30 → 15 … 30, 05/06 →
// 5.6). What is left is spelled out (numberWord), changed (the
// translation has another number left), or missing. Matched numbers of
// one unit must keep their order (swapped).
func compareNumbers(src, tr []number, srcLang, trLang, srcText, trText string) numberMatch {
	var res numberMatch
	if len(src) == 0 {
		return res
	}
	pair := make([]int, len(src)) // index into tr, or -1
	for i := range pair {
		pair[i] = -1
	}
	used := make([]bool, len(tr))
	// As written.
	byText := map[string][]int{}
	for j, t := range tr {
		k := asciiDigits(t.text)
		byText[k] = append(byText[k], j)
	}
	take := func(idx map[string][]int, key string) int {
		for _, j := range idx[key] {
			if !used[j] {
				used[j] = true
				return j
			}
		}
		return -1
	}
	for i, s := range src {
		pair[i] = take(byText, asciiDigits(s.text))
	}
	// By value, then as a time. A bare hour ("at 3") matches only an
	// explicit time ("15:00", "3 pm"), so that "3" → "15" stays a change.
	sm, tm := decimalMark(srcLang), decimalMark(trLang)
	byKey := map[string][]int{}
	for j, t := range tr {
		for _, v := range t.values(tm) {
			byKey["v"+v] = append(byKey["v"+v], j)
		}
		for _, c := range t.times {
			k := "h" + c
			if t.explicit {
				k = "t" + c
			}
			byKey[k] = append(byKey[k], j)
		}
	}
	for i, s := range src {
		if pair[i] >= 0 {
			continue
		}
		var keys []string
		for _, v := range s.values(sm) {
			keys = append(keys, "v"+v)
		}
		for _, c := range s.times {
			keys = append(keys, "t"+c)
			if s.explicit {
				keys = append(keys, "h"+c)
			}
		}
		for _, k := range keys {
			if j := take(byKey, k); j >= 0 {
				pair[i] = j
				break
			}
		}
	}
	swaps := swapped(src, tr, pair)
	swaps = append(swaps, rangeSwaps(src, tr, pair)...)
	// Written in parts: a number of the source whose groups are numbers
	// of the translation, or the other way round.
	reformatted := make([]bool, len(src))
	singles := func(ns []number, free func(int) bool) map[string][]int {
		m := map[string][]int{}
		for i, n := range ns {
			if free(i) && len(n.groups) == 1 {
				m[n.groups[0]] = append(m[n.groups[0]], i)
			}
		}
		return m
	}
	cover := func(groups []string, pool map[string][]int, taken []bool) []int {
		var got []int
		for _, g := range groups {
			found := -1
			for _, i := range pool[g] {
				if !taken[i] && !slices.Contains(got, i) {
					found = i
					break
				}
			}
			if found < 0 {
				return nil
			}
			got = append(got, found)
		}
		return got
	}
	trPool := singles(tr, func(j int) bool { return !used[j] })
	for i, s := range src {
		if pair[i] >= 0 || len(s.groups) < 2 {
			continue
		}
		if got := cover(s.groups, trPool, used); got != nil {
			for _, j := range got {
				used[j] = true
			}
			reformatted[i] = true
		}
	}
	srcTaken := make([]bool, len(src))
	for i := range src {
		srcTaken[i] = pair[i] >= 0 || reformatted[i]
	}
	srcPool := singles(src, func(i int) bool { return !srcTaken[i] })
	for j, t := range tr {
		if used[j] || len(t.groups) < 2 {
			continue
		}
		if got := cover(t.groups, srcPool, srcTaken); got != nil {
			for _, i := range got {
				srcTaken[i], reformatted[i] = true, true
			}
			used[j] = true
		}
	}
	// What is left: spelled out, changed or missing.
	srcWord, trWord := wordsIn(srcLang, srcText), wordsIn(trLang, trText)
	var others []int
	for j, t := range tr {
		if used[j] {
			continue
		}
		if slices.ContainsFunc(wordValues(t, tm), func(v int) bool { _, spelled := srcWord(v); return spelled }) {
			continue // "two" → "2"
		}
		others = append(others, j)
	}
	for i, s := range src {
		if srcTaken[i] {
			continue
		}
		if w, spelled := spelledAs(wordValues(s, sm), trWord); spelled {
			res.spelled = append(res.spelled, s.text+" ("+w+")")
			continue
		}
		f := numberFinding{kind: "missing", src: s}
		if len(others) > 0 {
			f.kind, f.other = "changed", &tr[others[0]]
			others = others[1:]
		}
		res.findings = append(res.findings, f)
	}
	res.findings = append(res.findings, swaps...)
	return res
}

// wordsIn returns numberWord for one text, which looks each value up
// once: numberWord reads the whole text, and a text of many small numbers
// had it read once for each (5,000 and 20,000 numbers: 4-7 s).
func wordsIn(lang, text string) func(v int) (string, bool) {
	type word struct {
		w       string
		spelled bool
	}
	seen := map[int]word{}
	return func(v int) (string, bool) {
		r, ok := seen[v]
		if !ok {
			r.w, r.spelled = numberWord(v, lang, text)
			seen[v] = r
		}
		return r.w, r.spelled
	}
}

// swapped finds numbers of one unit whose order the translation changed:
// "Take 0.5 mg …, not 5 mg" → "Tome 5 mg …, no 0,5 mg" has both values,
// each in the other's place.
func swapped(src, tr []number, pair []int) []numberFinding {
	var out []numberFinding
	for a := range src {
		if src[a].unit == "" || pair[a] < 0 {
			continue
		}
		for b := a + 1; b < len(src); b++ {
			ja, jb := pair[a], pair[b]
			if jb < 0 || jb > ja {
				continue
			}
			sa, sb := src[a], src[b]
			if sa.unit != sb.unit || tr[ja].unit != sa.unit || tr[jb].unit != sa.unit || sa.key() == sb.key() {
				continue
			}
			out = append(out, numberFinding{kind: "swapped", src: sa, other: &src[b]})
			// One swap already costs the signal its whole weight; a
			// text of a thousand reversed values would otherwise make
			// half a million findings (and hundreds of MB) per request.
			if len(out) == maxSwapFindings {
				return out
			}
		}
	}
	return out
}

// rangeWords join the two ends of a range between two numbers ("10 to
// 2", "10 bis 12", "10 a 12", "10〜12", "10から12"): en, de, es, fr, it,
// pt, nl, ru, ja, zh, ko. "and" is left out: "2 cats and 3 dogs" is no
// range.
var rangeWords = map[string]bool{
	"-": true, "–": true, "—": true, "~": true, "〜": true, "～": true,
	"to": true, "till": true, "until": true, "through": true, "thru": true,
	"bis": true, "a": true, "al": true, "hasta": true, "à": true, "au": true, "até": true,
	"tot": true, "до": true, "по": true, "から": true, "到": true, "至": true, "부터": true,
}

// markRanges sets rangeTo on the numbers of s (found in it, in order)
// that start a range. Numbers of a date (2025-03-01) are no range:
// compareDates compares them.
func markRanges(s string, nums []number, ds []date) {
	// Both are in the order of the text: one pass over the dates.
	next := 0
	inDate := func(n number) bool {
		for next < len(ds) && ds[next].end <= n.start {
			next++
		}
		return next < len(ds) && n.start >= ds[next].start && n.end <= ds[next].end
	}
	for k := 0; k+1 < len(nums); k++ {
		a, b := nums[k], nums[k+1]
		if b.start < a.end || b.start-a.end > 12 {
			continue
		}
		between := strings.ToLower(strings.TrimSpace(s[a.end:b.start]))
		if rangeWords[between] && !inDate(a) && !inDate(b) {
			nums[k].rangeTo = true
		}
	}
}

// rangeSwaps finds ranges of the source whose ends the translation
// reversed: "open from 10 to 2" → "von 2 bis 10". Ends of one unit are
// left to swapped.
func rangeSwaps(src, tr []number, pair []int) []numberFinding {
	var out []numberFinding
	for a := 0; a+1 < len(src); a++ {
		sa, sb := src[a], src[a+1]
		ja, jb := pair[a], pair[a+1]
		if !sa.rangeTo || ja < 0 || jb < 0 || jb > ja || sa.key() == sb.key() || sa.unit != "" && sa.unit == sb.unit {
			continue
		}
		out = append(out, numberFinding{kind: "swapped", src: sa, other: &src[a+1]})
		if len(out) == maxSwapFindings {
			break
		}
	}
	return out
}

// maxSwapFindings bounds the swaps reported for one translation.
const maxSwapFindings = 5

// asciiDigits is s with its digits made ASCII, for comparing numbers as
// written.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return rune('0' + digitValue(r))
		}
		return r
	}, s)
}

// wordValues are the values of n that a text may write as a word
// (wordValue: 0 to 12, the tens, 100, 1,000, 1,000,000), read with the
// decimal mark of its language: "5", "90", "1,000" in English, and for a
// decade the tens of its year ("1990s": 90, "noventa"). A time is none,
// and a small number written with a separator ("1.000" read as 1) is none.
func wordValues(n number, mark rune) []int {
	if n.explicit {
		return nil
	}
	var out []int
	if len(n.groups) == 1 && !strings.ContainsAny(n.text, numberSeparators) {
		v, err := strconv.Atoi(n.groups[0])
		if err != nil {
			return nil
		}
		if wordValue(v) {
			out = append(out, v)
		}
		if n.decade && v >= 1000 && wordValue(v%100) && v%100 >= 20 {
			out = append(out, v%100)
		}
		return out
	}
	for _, r := range n.values(mark) {
		if v, err := strconv.Atoi(r); err == nil && v >= 1000 && wordValue(v) {
			out = append(out, v)
		}
	}
	return out
}

// spelledAs is the first of values that word finds written as a word, and
// that word.
func spelledAs(values []int, word func(int) (string, bool)) (string, bool) {
	for _, v := range values {
		if w, ok := word(v); ok {
			return w, true
		}
	}
	return "", false
}
