package safety

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestFindPII(t *testing.T) {
	type found struct{ kind, text string }
	tests := []struct {
		name string
		text string
		want []found
	}{
		// E-mail.
		{"email", "write to jane.doe+chat@example.co.uk today", []found{{PIIEmail, "jane.doe+chat@example.co.uk"}}},
		{"email at sentence end", "Mail: ops@example.com.", []found{{PIIEmail, "ops@example.com"}}},
		{"internationalized email", "Écris à josé@exemple.fr", []found{{PIIEmail, "josé@exemple.fr"}}},
		{"two emails", "a@b.io, c.d@e-f.org", []found{{PIIEmail, "a@b.io"}, {PIIEmail, "c.d@e-f.org"}}},
		{"mention is not an email", "thanks @alice, see you @ 5", nil},
		{"no top-level domain", "user@localhost", nil},
		{"numeric top-level domain", "root@10.0.0.1", nil},

		// Phone numbers.
		{"E.164", "call +14155552671 now", []found{{PIIPhone, "+14155552671"}}},
		{"international grouped", "Ring +44 20 7946 0958!", []found{{PIIPhone, "+44 20 7946 0958"}}},
		{"international with trunk in parentheses", "+44 (0)20 7946 0958", []found{{PIIPhone, "+44 (0)20 7946 0958"}}},
		{"international mixed separators", "+1 415-555-2671", []found{{PIIPhone, "+1 415-555-2671"}}},
		{"international with US parentheses", "+1 (415) 555-2671", []found{{PIIPhone, "+1 (415) 555-2671"}}},
		{"00 exit code", "0049 30 1234567", []found{{PIIPhone, "0049 30 1234567"}}},
		{"US parentheses", "my cell is (415) 555-2671.", []found{{PIIPhone, "(415) 555-2671"}}},
		{"US dashes", "415-555-2671", []found{{PIIPhone, "415-555-2671"}}},
		{"US dots", "415.555.2671", []found{{PIIPhone, "415.555.2671"}}},
		{"US with country code", "1 415 555 2671", []found{{PIIPhone, "1 415 555 2671"}}},
		{"French mobile", "appelle-moi au 06 12 34 56 78", []found{{PIIPhone, "06 12 34 56 78"}}},
		{"French contiguous", "0612345678", []found{{PIIPhone, "0612345678"}}},
		{"UK mobile", "07700 900123", []found{{PIIPhone, "07700 900123"}}},
		{"German landline", "Tel. 030 12345678", []found{{PIIPhone, "030 12345678"}}},
		{"Japanese mobile", "090-1234-5678", []found{{PIIPhone, "090-1234-5678"}}},
		{"Spanish mobile", "llámame al 612 34 56 78", []found{{PIIPhone, "612 34 56 78"}}},
		{"Arabic-Indic digits", "رقمي ٠٦١٢٣٤٥٦٧٨", []found{{PIIPhone, "٠٦١٢٣٤٥٦٧٨"}}},

		// Not phone numbers.
		{"ISO date", "released 2024-01-15", nil},
		{"European date and hour", "am 01.02.2024 10:30 Uhr", nil},
		{"US date", "on 12/05/2023", nil},
		{"time", "at 10:30:45", nil},
		{"amount with thousands", "1,234,567 users and 1.234.567 Nutzer", nil},
		{"French thousands", "1 234 567 euros", nil},
		{"decimal", "pi is 3.14159265358979", nil},
		{"small decimal", "0.123456789", nil},
		{"bare ten digits", "order 4155552671 shipped", nil},
		{"version", "v1.22.3 and 10.0.19045.2965", nil},
		{"ISBN", "ISBN 978-3-16-148410-0", nil},
		{"ISBN-10 with a trunk 0", "Hardcover, $53.00 (ISBN 0375403744), isbn: 0-521-42706-1", nil},
		{"ISSN and EAN", "ISSN 0317-8471, EAN: 0012345678905", nil},
		{"a phone after a label of no identifier", "Tel. 0251 316006", []found{{PIIPhone, "0251 316006"}}},
		{"glued to letters", "ID AB0612345678", nil},
		{"area code starting with 1", "(115) 555-2671", nil},
		{"too few digits", "+1234567", nil},

		// Payment cards.
		{"Visa grouped", "card 4111 1111 1111 1111 exp 12/27", []found{{PIIPaymentCard, "4111 1111 1111 1111"}}},
		{"Visa contiguous", "4111111111111111", []found{{PIIPaymentCard, "4111111111111111"}}},
		{"Mastercard dashes", "5555-5555-5555-4444", []found{{PIIPaymentCard, "5555-5555-5555-4444"}}},
		{"Mastercard 2-series", "2223003122003222", []found{{PIIPaymentCard, "2223003122003222"}}},
		{"Amex", "3782 822463 10005", []found{{PIIPaymentCard, "3782 822463 10005"}}},
		{"Discover", "6011111111111117", []found{{PIIPaymentCard, "6011111111111117"}}},
		{"JCB", "3530111333300000", []found{{PIIPaymentCard, "3530111333300000"}}},
		{"fails Luhn", "4111 1111 1111 1112", nil},
		{"Luhn but no issuer", "1234 5678 9012 3452", nil},
		{"Amex prefix with Visa length", "3782822463100050", nil},
		{"mixed separators", "4111 1111-1111 1111", nil},

		// IBANs.
		{"IBAN grouped", "IBAN: DE89 3704 0044 0532 0130 00, thanks", []found{{PIIIBAN, "DE89 3704 0044 0532 0130 00"}}},
		{"IBAN contiguous", "GB82WEST12345698765432", []found{{PIIIBAN, "GB82WEST12345698765432"}}},
		{"IBAN lower case", "fr14 2004 1010 0505 0001 3m02 606", []found{{PIIIBAN, "fr14 2004 1010 0505 0001 3m02 606"}}},
		{"IBAN Norway (shortest)", "NO9386011117947", []found{{PIIIBAN, "NO9386011117947"}}},
		{"IBAN bad checksum", "DE89 3704 0044 0532 0130 01", nil},
		{"IBAN wrong length", "DE89 3704 0044 0532 0130 0", nil},
		{"IBAN unknown country", "ZZ89 3704 0044 0532 0130 00", nil},
		{"IBAN glued", "XDE89370400440532013000", nil},

		// Several kinds.
		{"email and phone", "jane@example.com / +33 6 12 34 56 78", []found{{PIIEmail, "jane@example.com"}, {PIIPhone, "+33 6 12 34 56 78"}}},
		{"phone inside an email is the email", "0612345678@example.com", []found{{PIIEmail, "0612345678@example.com"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := findPII(tt.text)
			var got []found
			for _, s := range spans {
				if tt.text[s.Start:s.End] != s.Text || s.Category != api.CategoryPII || s.Severity == "" {
					t.Errorf("bad span %+v", s)
				}
				got = append(got, found{strings.TrimPrefix(s.Detector, piiDetectPrefix), s.Text})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("found %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("found %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestLuhnAndMod97(t *testing.T) {
	digits := func(s string) []byte {
		var d []byte
		for _, c := range s {
			d = append(d, byte(c-'0'))
		}
		return d
	}
	for s, want := range map[string]bool{"79927398713": true, "79927398710": false, "0": true, "4012888888881881": true} {
		if got := luhn(digits(s)); got != want {
			t.Errorf("luhn(%s) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]int{"GB82WEST12345698765432": 1, "BE68539007547034": 1, "CH9300762011623852957": 1, "GB82WEST12345698765433": 1 + 1} {
		if got := mod97([]byte(s)); (got == 1) != (want == 1) {
			t.Errorf("mod97(%s) = %d", s, got)
		}
	}
}

func BenchmarkFindPII(b *testing.B) {
	text := strings.Repeat("Call me at +44 20 7946 0958 or mail ops@example.com; pay to DE89 3704 0044 0532 0130 00, "+
		"not card 4111 1111 1111 1111. Meeting 2024-01-15 10:30, 1,234 people. ", 4)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		findPII(text)
	}
}

// BenchmarkFindPIILongRun is the worst input found for the number reader:
// one run of digit groups as long as a message may be ("1 1 1 ...", 10,000
// bytes), against prose of the same length ("baseline"). It took 5.8-7.7
// ms and 13.5 MB (about 200x the prose) while the run's separators were
// appended to a string; 0.23 ms and 164 KB since.
func BenchmarkFindPIILongRun(b *testing.B) {
	for _, bc := range []struct{ name, text string }{
		{"baseline", strings.Repeat("hello world, this is a long message. ", 280)[:10000]},
		{"spaces", strings.Repeat("1 ", 5000)},
		{"dashes", strings.Repeat("1-", 5000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				findPII(bc.text)
			}
		})
	}
}
