package confusable

import "testing"

func TestSkeleton(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"ascii", "system", "system"},
		{"case", "SyStEm", "system"},
		{"cyrillic dze", "ѕystem", "system"},
		{"cyrillic u", "sуstem", "system"},
		{"cyrillic look-alikes only", "ѕуѕтем", "sysтeм"}, // lower-case т and м look nothing like t and m
		{"cyrillic capitals", "ЅYЅТЕМ", "system"},
		{"greek capitals", "ΑΒΕ", "abe"},
		{"fullwidth", "ＳＹＳＴＥＭ", "system"},
		{"dotless i", "admın", "admin"},
		{"blanks around", "  lena ", "lena"},
		{"other letters kept", "Жизнь", "жизнь"},
		{"han kept", "系统", "系统"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Skeleton(tc.in); got != tc.want {
				t.Errorf("Skeleton(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// Every entry maps one non-ASCII letter to an ASCII one: the safety
// service's range test (mayConfuse) and the skeleton rely on it.
func TestToLatinTargetsASCII(t *testing.T) {
	for from, to := range ToLatin {
		if from < 0x80 || to >= 0x80 {
			t.Errorf("ToLatin[%q] = %q: want a non-ASCII letter mapped to ASCII", from, to)
		}
	}
}
