package textmatch

import (
	"slices"
	"testing"

	"golang.org/x/text/cases"
)

func TestOffsets(t *testing.T) {
	// "Aß\t\n b" rewritten as "ass b": ß becomes two bytes of one segment
	// and the white space run collapses to one space.
	text := "Aß\t\n b"
	o := NewOffsets(len(text))
	var b []byte
	b = o.Append(b, []byte("a"), Span{0, 1})
	b = o.Append(b, []byte("ss"), Span{1, 3})
	b = o.AppendSpace(b, Span{3, 4})
	b = o.AppendSpace(b, Span{4, 5})
	b = o.AppendSpace(b, Span{5, 6})
	b = o.Append(b, []byte("b"), Span{6, 7})
	if string(b) != "ass b" {
		t.Fatalf("rewrite = %q, want %q", b, "ass b")
	}
	if o.Len() != len(b) {
		t.Fatalf("Len = %d, want %d", o.Len(), len(b))
	}
	tests := []struct {
		name       string
		start, end int
		want       Span
	}{
		{"whole text", 0, 5, Span{0, 7}},
		{"one byte of a longer segment widens to it", 1, 2, Span{1, 3}},
		{"collapsed space covers the run", 3, 4, Span{3, 6}},
		{"last segment", 4, 5, Span{6, 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := o.Orig(tt.start, tt.end); got != tt.want {
				t.Errorf("Orig(%d, %d) = %v, want %v", tt.start, tt.end, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, seg, want string
		buf             int
	}{
		{"ASCII upper", "Q", "q", 16},
		{"ASCII other", "7", "7", 16},
		{"sharp s", "ß", "ss", 16},
		{"Greek final sigma", "Σ", "σ", 16},
		{"too long for the buffer", "ẞ", "ss", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cases.Fold()
			if got := Fold(&c, []byte(tt.seg), make([]byte, tt.buf)); string(got) != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.seg, got, tt.want)
			}
		})
	}
}

func TestIsASCII(t *testing.T) {
	for s, want := range map[string]bool{"": true, "hello, world\n": true, "héllo": false, "\x7f": true, "\x80": false} {
		if got := IsASCII(s); got != want {
			t.Errorf("IsASCII(%q) = %v, want %v", s, got, want)
		}
	}
	if got := LowerASCII('Z'); string(got) != "z" {
		t.Errorf("LowerASCII('Z') = %q", got)
	}
}

func TestBoundaries(t *testing.T) {
	tests := []struct {
		name       string
		s, match   string
		whole      bool
		start, end bool
	}{
		{"word between spaces", "send a message now", "message", true, true, true},
		{"inside a longer word", "messages", "message", false, true, false},
		{"after a letter", "xmessage", "message", false, false, true},
		{"punctuation is a boundary", "(message)", "message", true, true, true},
		{"digits join words", "message2", "message", false, true, false},
		{"Korean particle after a Latin name", "Parley에서", "Parley", true, true, true},
		{"Hangul end needs no boundary", "스레드에서 봐", "스레드", true, true, true},
		{"Hangul start does", "새스레드", "스레드", false, false, true},
		{"scripts without spaces need none", "我们的频道很好", "频道", true, true, true},
		{"Latin next to Han", "用Parley聊天", "Parley", true, true, true},
		{"Cyrillic glued to Latin", "Parleyчат", "Parley", true, true, true},
		{"combining mark belongs to the word", "cafe\u0301", "cafe", false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := indexOf(t, tt.s, tt.match)
			j := i + len(tt.match)
			if got := StartsWord(tt.s, i); got != tt.start {
				t.Errorf("StartsWord = %v, want %v", got, tt.start)
			}
			if got := EndsWord(tt.s, i, j); got != tt.end {
				t.Errorf("EndsWord = %v, want %v", got, tt.end)
			}
			if got := WholeWord(tt.s, i, j); got != tt.whole {
				t.Errorf("WholeWord = %v, want %v", got, tt.whole)
			}
		})
	}
}

func indexOf(t *testing.T, s, sub string) int {
	t.Helper()
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	t.Fatalf("%q not in %q", sub, s)
	return -1
}

func TestRunes(t *testing.T) {
	tests := []struct {
		name                    string
		r                       rune
		word, noSpace, boundary bool
	}{
		{"ASCII letter", 'a', true, false, true},
		{"ASCII digit", '5', true, false, true},
		{"punctuation", '-', false, false, false},
		{"Cyrillic", 'ж', true, false, true},
		{"combining acute", '\u0301', true, false, true},
		{"Han", '字', true, true, false},
		{"Thai", 'ก', true, true, false},
		{"prolonged sound mark", 'ー', true, true, false},
		{"Hangul", '한', true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsWord(tt.r); got != tt.word {
				t.Errorf("IsWord = %v, want %v", got, tt.word)
			}
			if got := NoSpace(tt.r); got != tt.noSpace {
				t.Errorf("NoSpace = %v, want %v", got, tt.noSpace)
			}
			if got := NeedsBoundary(tt.r); got != tt.boundary {
				t.Errorf("NeedsBoundary = %v, want %v", got, tt.boundary)
			}
		})
	}
}

func TestSameScript(t *testing.T) {
	tests := []struct {
		name string
		a, b rune
		want bool
	}{
		{"ASCII", 'a', 'Z', true},
		{"Latin with accent", 'a', 'é', true},
		{"Latin and Cyrillic", 'a', 'д', false},
		{"Han and Hiragana", '性', 'は', false},
		{"letter and digit", 'д', '1', true},
		{"unlisted script", 'Ꭰ', 'Ꭱ', true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameScript(tt.a, tt.b); got != tt.want {
				t.Errorf("SameScript(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

type hit struct{ start, end, rank int }

func (h hit) Range() (int, int, int) { return h.start, h.end, h.rank }

func TestResolve(t *testing.T) {
	tests := []struct {
		name string
		hits []hit
		want []hit
	}{
		{"none", nil, []hit{}},
		{"longest wins", []hit{{7, 14, 0}, {0, 14, 1}}, []hit{{0, 14, 1}}},
		{"tie goes to the lower rank", []hit{{20, 26, 3}, {20, 26, 2}}, []hit{{20, 26, 2}}},
		{"overlap with a kept hit dropped", []hit{{20, 26, 0}, {24, 30, 1}}, []hit{{20, 26, 0}}},
		{"equal length: earlier start wins", []hit{{4, 8, 0}, {2, 6, 1}}, []hit{{2, 6, 1}}},
		{"disjoint kept in text order", []hit{{10, 12, 0}, {0, 3, 1}, {3, 5, 2}}, []hit{{0, 3, 1}, {3, 5, 2}, {10, 12, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Resolve(tt.hits); !slices.Equal(got, tt.want) {
				t.Errorf("Resolve = %v, want %v", got, tt.want)
			}
		})
	}
}
