package safety

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// PII kinds, as the suffix of a span's detector ("pii:email").
const (
	PIIEmail        = "email"
	PIIPhone        = "phone"
	PIIPaymentCard  = "payment_card"
	PIIIBAN         = "iban"
	piiDetectPrefix = "pii:"
)

// piiSeverity grades a kind of personal data by the harm of its exposure:
// contact details are low, a bank account medium, a payment card number
// high (it is enough to pay with).
var piiSeverity = map[string]string{
	PIIEmail:       api.SeverityLow,
	PIIPhone:       api.SeverityLow,
	PIIIBAN:        api.SeverityMedium,
	PIIPaymentCard: api.SeverityHigh,
}

// findPII finds e-mail addresses, phone numbers, payment card numbers and
// IBANs in text, in text order. It reads the text as sent (no
// normalization beyond reading non-ASCII decimal digits), since personal
// data is copied, not disguised; what it cannot afford is flagging plain
// numbers, dates and amounts, so every detector insists on a shape and,
// where there is one, a checksum.
func findPII(text string) []api.Span {
	hasAt, hasDigit := false, false
	for _, r := range text {
		switch {
		case r == '@':
			hasAt = true
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			hasDigit = true
		case r >= utf8.RuneSelf && unicode.IsDigit(r):
			hasDigit = true
		}
	}
	if !hasAt && !hasDigit {
		return nil
	}
	var out []api.Span
	add := func(start, end int, kind string) {
		out = append(out, api.Span{
			Start: start, End: end, Text: text[start:end], Category: api.CategoryPII,
			Severity: piiSeverity[kind], Detector: piiDetectPrefix + kind,
		})
	}
	if hasAt {
		for _, s := range findEmails(text) {
			add(s.start, s.end, PIIEmail)
		}
	}
	if hasDigit {
		ibans := findIBANs(text)
		for _, s := range ibans {
			add(s.start, s.end, PIIIBAN)
		}
		for _, c := range numberCandidates(text) {
			if overlapsAny(c.span, ibans) || overlapsSpans(c.span, out) {
				continue
			}
			if kind := c.classify(); kind != "" && !(kind == PIIPhone && labelled(text, c.start)) {
				add(c.start, c.end, kind)
			}
		}
	}
	slices.SortFunc(out, func(a, b api.Span) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

func overlapsAny(s span, spans []span) bool {
	for _, o := range spans {
		if s.start < o.end && o.start < s.end {
			return true
		}
	}
	return false
}

func overlapsSpans(s span, spans []api.Span) bool {
	for _, o := range spans {
		if s.start < o.End && o.Start < s.end {
			return true
		}
	}
	return false
}

// --- e-mail ---

func isLocalChar(r rune) bool {
	return r < utf8.RuneSelf && (isASCIIAlnum(byte(r)) || strings.ContainsRune(".!#$%&'*+/=?^_`{|}~-", r)) ||
		r >= utf8.RuneSelf && unicode.IsLetter(r)
}

func isDomainChar(r rune) bool {
	return r < utf8.RuneSelf && (isASCIIAlnum(byte(r)) || r == '.' || r == '-') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// findEmails finds addr-spec shaped addresses (RFC 5322 dot-atoms; quoted
// local parts and address literals are not chat material): a local part, an
// "@" and a domain of at least two labels whose last is alphabetic and at
// least two letters long. Internationalized local parts and domains count.
func findEmails(text string) []span {
	var out []span
	from := 0
	for {
		at := strings.IndexByte(text[from:], '@')
		if at < 0 {
			return out
		}
		at += from
		from = at + 1
		start := at
		for start > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:start])
			if !isLocalChar(r) {
				break
			}
			start -= size
		}
		// A local part does not start or end with a dot.
		for start < at && text[start] == '.' {
			start++
		}
		if start == at || text[at-1] == '.' {
			continue
		}
		end := at + 1
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if !isDomainChar(r) {
				break
			}
			end += size
		}
		// A sentence may end right after the address.
		for end > at+1 && (text[end-1] == '.' || text[end-1] == '-') {
			end--
		}
		if validDomain(text[at+1 : end]) {
			out = append(out, span{start, end})
			from = end
		}
	}
}

func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
	}
	tld := labels[len(labels)-1]
	if utf8.RuneCountInString(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// --- digits ---

// digitValue reads a decimal digit: ASCII, fullwidth, Arabic-Indic,
// Extended Arabic-Indic (Persian, Urdu) and Devanagari, the digits chat
// messages in the supported languages are written with.
func digitValue(r rune) (int, bool) {
	for _, zero := range [...]rune{'0', '０', '٠', '۰', '०'} {
		if zero <= r && r <= zero+9 {
			return int(r - zero), true
		}
	}
	return 0, false
}

// candidate is a run of digits with the separators people put in phone and
// card numbers.
type candidate struct {
	span
	text   string
	digits []byte // values 0-9
	groups []int  // digits per group between separators
	// seps are the separators other than parentheses, in order: bytes,
	// since a string built by appending took time quadratic in a long run
	// ("1 1 1 ...").
	seps   []byte
	plus   bool // starts with "+"
	parens bool // has a parenthesized group
	// usFormat is "(ddd) ddd-dddd" exactly.
	usFormat bool
}

// numberCandidates finds maximal runs that start with a digit, "+" or "("
// followed by a digit, and continue with digits and single separators
// (space, "-", ".", parentheses), ending on a digit. A run glued to a
// letter, or to a digit across other punctuation ("12,345", "10:30"),
// is cut there: such runs are amounts, times or identifiers.
func numberCandidates(text string) []candidate {
	var out []candidate
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		_, isDigit := digitValue(r)
		starts := isDigit || (r == '+' || r == '(') && i+size < len(text) && startsDigit(text[i+size:])
		if !starts || glued(text, i) {
			i += size
			continue
		}
		c, end := readCandidate(text, i)
		if c != nil {
			out = append(out, *c)
		}
		if end <= i {
			end = i + size
		}
		i = end
	}
	return out
}

func startsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	_, ok := digitValue(r)
	return ok
}

// glued reports whether the rune before i makes position i part of a word
// or of a number written with other punctuation.
func glued(text string, i int) bool {
	if i == 0 {
		return false
	}
	prev, size := utf8.DecodeLastRuneInString(text[:i])
	if unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '_' {
		return true
	}
	if strings.ContainsRune(",.:/", prev) && i-size > 0 {
		before, _ := utf8.DecodeLastRuneInString(text[:i-size])
		return unicode.IsDigit(before)
	}
	return false
}

// readCandidate reads one candidate from start and returns it (nil when
// the run is glued to a letter at its end) and where scanning resumes.
func readCandidate(text string, start int) (*candidate, int) {
	c := &candidate{}
	i := start
	if text[i] == '+' {
		c.plus = true
		i++
	}
	group, lastDigitEnd := 0, i
	open := false
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if v, ok := digitValue(r); ok {
			c.digits = append(c.digits, byte(v))
			group++
			i += size
			lastDigitEnd = i
			continue
		}
		// A separator must be followed by a digit (or, around parentheses,
		// by the next group).
		next := i + size
		switch {
		case r == '(' && !open && group == 0:
			open, c.parens = true, true
			i = next
			continue
		case r == ')' && open && group > 0:
			open = false
			c.groups = append(c.groups, group)
			group = 0
			i = next
			if i < len(text) && text[i] == ' ' && startsDigitAt(text, i+1) {
				i++
				c.seps = append(c.seps, ' ')
			}
			continue
		case (r == ' ' || r == '-' || r == '.') && group > 0 && !open && startsGroup(text, next):
			c.groups = append(c.groups, group)
			group = 0
			c.seps = append(c.seps, byte(r)) // r is ASCII
			i = next
			continue
		}
		break
	}
	if group > 0 {
		c.groups = append(c.groups, group)
	}
	if open || len(c.digits) == 0 {
		return nil, lastDigitEnd
	}
	c.span = span{start, lastDigitEnd}
	if c.parens && !c.plus {
		// Parentheses must open the number: "(555) 123-4567".
		if text[start] != '(' {
			return nil, lastDigitEnd
		}
	}
	// Glued to a letter or a digit-bearing token at the end: not a number
	// on its own ("555-1234abc", "12.5.2024.3").
	if lastDigitEnd < len(text) {
		next, size := utf8.DecodeRuneInString(text[lastDigitEnd:])
		if unicode.IsLetter(next) || next == '_' {
			return nil, lastDigitEnd
		}
		if strings.ContainsRune(",.:/-", next) && startsDigitAt(text, lastDigitEnd+size) {
			return nil, lastDigitEnd + size
		}
	}
	c.text = text[start:lastDigitEnd]
	c.usFormat = len(c.groups) == 3 && c.parens && c.groups[0] == 3 && c.groups[1] == 3 && c.groups[2] == 4 && string(c.seps) == " -"
	return c, lastDigitEnd
}

func startsDigitAt(text string, i int) bool { return i < len(text) && startsDigit(text[i:]) }

func startsGroup(text string, i int) bool {
	return startsDigitAt(text, i) || i < len(text) && text[i] == '(' && startsDigitAt(text, i+1)
}

// classify names the kind of personal data a candidate is, or "".
func (c *candidate) classify() string {
	if c.isCard() {
		return PIIPaymentCard
	}
	if c.isPhone() {
		return PIIPhone
	}
	return ""
}

// oneSeparator reports whether the candidate uses at most one kind of
// separator (other than parentheses): phone and card numbers are written
// "0612 345 678" or "0612-345-678", while "01.02.2024 10" (a date and
// an hour) mixes them.
func (c *candidate) oneSeparator() bool {
	for i := 1; i < len(c.seps); i++ {
		if c.seps[i] != c.seps[0] {
			return false
		}
	}
	return true
}

// isCard: 13 to 19 digits, grouped by spaces or dashes or not at all, with
// a known issuer prefix and length, passing the Luhn check. The issuer
// test matters: one random number in ten passes Luhn.
func (c *candidate) isCard() bool {
	n := len(c.digits)
	if n < 13 || n > 19 || c.plus || c.parens || !c.oneSeparator() || bytes.IndexByte(c.seps, '.') >= 0 {
		return false
	}
	return knownIssuer(c.digits) && luhn(c.digits)
}

// luhn is the ISO/IEC 7812 check digit test.
func luhn(d []byte) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i])
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum%10 == 0
}

// prefix returns the first n digits as a number.
func prefix(d []byte, n int) int {
	v := 0
	for i := 0; i < n && i < len(d); i++ {
		v = v*10 + int(d[i])
	}
	return v
}

// knownIssuer checks the issuer identification number range and the length
// the issuer uses: Visa, Mastercard, American Express, Discover, JCB,
// Diners Club, UnionPay and Maestro.
func knownIssuer(d []byte) bool {
	n := len(d)
	p1, p2, p3, p4, p6 := prefix(d, 1), prefix(d, 2), prefix(d, 3), prefix(d, 4), prefix(d, 6)
	switch {
	case p1 == 4: // Visa
		return n == 13 || n == 16 || n == 19
	case 51 <= p2 && p2 <= 55, 2221 <= p4 && p4 <= 2720: // Mastercard
		return n == 16
	case p2 == 34 || p2 == 37: // American Express
		return n == 15
	case p4 == 6011, p2 == 65, 644 <= p3 && p3 <= 649, 622126 <= p6 && p6 <= 622925: // Discover
		return 16 <= n && n <= 19
	case 3528 <= p4 && p4 <= 3589: // JCB
		return 16 <= n && n <= 19
	case p2 == 36, 300 <= p3 && p3 <= 305, p2 == 38, p2 == 39: // Diners Club
		return 14 <= n && n <= 19
	case p2 == 62: // UnionPay
		return 16 <= n && n <= 19
	case p2 == 50, 56 <= p2 && p2 <= 69: // Maestro
		return 12 <= n && n <= 19
	}
	return false
}

// isPhone accepts the shapes phone numbers are written in and plain numbers
// are not:
//   - international: "+" (or the "00" exit code) and 8 to 15 digits,
//     E.164's limit, the country code not starting with 0;
//   - national with a trunk prefix, as most of Europe and Asia write them:
//     a leading 0 and 9 to 12 digits, the first group at least two digits
//     long ("0612345678", "06 12 34 56 78", "030 1234567",
//     "090-1234-5678"), so that "0.123456789" stays a number;
//   - North American: 10 digits as "(555) 123-4567", "555-123-4567",
//     "555.123.4567" or "555 123 4567" (or 11 with a leading 1 group), the
//     area code and exchange not starting with 0 or 1;
//   - Spanish-style nine digits grouped 3-2-2-2 starting with 6 to 9
//     ("612 34 56 78").
//
// Every shape but the international and the American ones uses a single
// kind of separator, which keeps dates and times out ("2024-01-15 10"); contiguous digits are
// accepted only with "+", "00" or the trunk 0 (a bare 10-digit number is an
// identifier as often as a phone).
func (c *candidate) isPhone() bool {
	n := len(c.digits)
	switch {
	case c.usFormat:
		return nanp(c.digits)
	case c.plus:
		// The "+" is evidence enough for mixed separators:
		// "+1 (415) 555-2671".
		return 8 <= n && n <= 15 && c.digits[0] != 0
	case !c.oneSeparator():
		return false
	case n >= 2 && c.digits[0] == 0 && c.digits[1] == 0:
		return 10 <= n && n <= 17 && c.digits[2] != 0 && !c.parens
	case c.digits[0] == 0:
		return 9 <= n && n <= 12 && c.groups[0] >= 2
	}
	if len(c.groups) < 3 || c.parens && !(len(c.groups) == 3 && c.groups[0] == 3) {
		return false
	}
	switch {
	case n == 10 && equalInts(c.groups, 3, 3, 4):
		return nanp(c.digits)
	case n == 11 && c.digits[0] == 1 && equalInts(c.groups, 1, 3, 3, 4):
		return nanp(c.digits[1:])
	case n == 9 && equalInts(c.groups, 3, 2, 2, 2):
		return c.digits[0] >= 6
	}
	return false
}

// nanp checks a 10-digit North American number: area code and exchange
// start with 2-9.
func nanp(d []byte) bool { return len(d) == 10 && d[0] >= 2 && d[3] >= 2 }

func equalInts(got []int, want ...int) bool { return slices.Equal(got, want) }

// --- IBAN ---

// ibanLength is the length of an IBAN per country (ISO 13616 IBAN
// registry, SWIFT, release 99, 2024).
var ibanLength = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
	"BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
	"DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
	"GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
	"IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32,
	"LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
	"MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
	"PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
	"SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23,
	"TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }

// findIBANs finds IBANs written contiguously or in groups separated by
// single spaces ("DE89 3704 0044 0532 0130 00"), in either case: a known
// country code, two check digits, exactly the country's length, not glued
// to more letters or digits, and the ISO 7064 mod 97-10 check.
func findIBANs(text string) []span {
	var out []span
	for i := 0; i+4 <= len(text); i++ {
		if !isLetter(text[i]) || !isLetter(text[i+1]) || !isDigit(text[i+2]) || !isDigit(text[i+3]) {
			continue
		}
		if i > 0 {
			if prev, _ := utf8.DecodeLastRuneInString(text[:i]); unicode.IsLetter(prev) || unicode.IsDigit(prev) {
				continue
			}
		}
		want, ok := ibanLength[string([]byte{upper(text[i]), upper(text[i+1])})]
		if !ok {
			continue
		}
		var buf [34]byte
		n, j := 0, i
		for j < len(text) && n < want {
			c := text[j]
			switch {
			case isASCIIAlnum(c):
				buf[n] = upper(c)
				n++
				j++
			case c == ' ' && j+1 < len(text) && isASCIIAlnum(text[j+1]) && n >= 4:
				j++
			default:
				n = -1
			}
			if n < 0 {
				break
			}
		}
		if n != want {
			continue
		}
		if j < len(text) {
			if next, _ := utf8.DecodeRuneInString(text[j:]); unicode.IsLetter(next) || unicode.IsDigit(next) {
				continue
			}
		}
		if mod97(buf[:n]) == 1 {
			out = append(out, span{i, j})
			i = j - 1
		}
	}
	return out
}

// mod97 computes the IBAN check: the first four characters moved to the
// end, letters as 10-35, the number modulo 97 (1 when valid).
func mod97(iban []byte) int {
	rem := 0
	for k := range iban {
		c := iban[(k+4)%len(iban)]
		if isDigit(c) {
			rem = (rem*10 + int(c-'0')) % 97
		} else {
			rem = (rem*100 + int(c-'A'+10)) % 97
		}
	}
	return rem
}

// identifierLabels name numbers that are not phone numbers however they
// are grouped: a book's "ISBN 0375403744" has a trunk 0 and ten digits.
var identifierLabels = []string{"isbn", "isbn-10", "isbn-13", "isbn10", "isbn13", "issn", "ean", "gtin", "upc"}

// labelled reports whether the number at text[start:] follows one of
// identifierLabels, with at most ": ", "# " or "(" between them.
func labelled(text string, start int) bool {
	i := start
	for k := 0; k < 3 && i > 0 && strings.IndexByte(" :#(", text[i-1]) >= 0; k++ {
		i--
	}
	j := i
	for j > 0 && (isLetter(text[j-1]) || isDigit(text[j-1]) || text[j-1] == '-') {
		j--
	}
	return slices.Contains(identifierLabels, strings.ToLower(text[j:i]))
}
