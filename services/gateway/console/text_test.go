package console

import (
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

func TestTextDir(t *testing.T) {
	for _, tc := range []struct{ lang, want string }{
		{"ar", "rtl"}, {"he", "rtl"}, {"fa", "rtl"}, {"ur", "rtl"}, {"yi", "rtl"}, {"ar-EG", "rtl"},
		{"az-Arab", "rtl"}, {"az", "ltr"}, {"pa-Arab", "rtl"}, {"pa", "ltr"},
		{"en", "ltr"}, {"es", "ltr"}, {"ja", "ltr"}, {"zh-Hant", "ltr"}, {"ru", "ltr"},
		{"", "auto"}, {"und", "auto"}, {"auto", "auto"}, {"not a tag!", "auto"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			if got := textDir(tc.lang); got != tc.want {
				t.Fatalf("textDir(%q) = %q, want %q", tc.lang, got, tc.want)
			}
		})
	}
}

func TestSegments(t *testing.T) {
	const text = "you шit, fuck <b>"
	joined := func(segs []Segment) string {
		var b strings.Builder
		for _, s := range segs {
			if s.Mark {
				b.WriteString("[" + s.Text + "]")
			} else {
				b.WriteString(s.Text)
			}
		}
		return b.String()
	}
	for _, tc := range []struct {
		name  string
		spans []api.Span
		want  string
	}{
		{"none", nil, text},
		{"one", []api.Span{{Start: 10, End: 14}}, "you шit, [fuck] <b>"},
		{"multi-byte", []api.Span{{Start: 4, End: 8}}, "you [шit], fuck <b>"},
		{"inside a character widens", []api.Span{{Start: 5, End: 6}}, "you [ш]it, fuck <b>"},
		{"out of range clipped", []api.Span{{Start: -5, End: 3}, {Start: 15, End: 99}}, "[you] шit, fuck [<b>]"},
		{"empty and inverted dropped", []api.Span{{Start: 3, End: 3}, {Start: 9, End: 2}}, text},
		{"overlaps merged", []api.Span{{Start: 10, End: 12, Severity: "low"}, {Start: 11, End: 14, Severity: "high"}}, "you шit, [fuck] <b>"},
		{"unsorted", []api.Span{{Start: 10, End: 14}, {Start: 0, End: 3}}, "[you] шit, [fuck] <b>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			segs := segments(text, tc.spans)
			if got := joined(segs); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			var all strings.Builder
			for _, s := range segs {
				all.WriteString(s.Text)
			}
			if all.String() != text {
				t.Fatalf("segments lost text: %q", all.String())
			}
		})
	}
	if segs := segments(text, []api.Span{{Start: 10, End: 12, Severity: "low"}, {Start: 11, End: 14, Severity: "high"}}); segs[1].Severity != "high" {
		t.Fatalf("merged span keeps severity %q", segs[1].Severity)
	}
}

func TestSafeNext(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/console/glossaries/demo?q=x", "/console/glossaries/demo?q=x"},
		{"", "/console/"},
		{"https://evil.example/console/", "/console/"},
		{"//evil.example/console/", "/console/"},
		{"/console/\\evil", "/console/"},
		{"/other", "/console/"},
		{"/console", "/console/"},
		{"/console/\r\nSet-Cookie: x", "/console/"},
		{"/console/../v1/moderation/cases", "/console/"},
		{"/console/%2e%2e/v1/moderation/cases", "/console/"},
		{"/console/./glossaries/../queue", "/console/queue"},
		{"/console/glossaries/", "/console/glossaries/"},
		{"/console/glossaries/demo#frag", "/console/glossaries/demo"},
	} {
		if got := safeNext(tc.in); got != tc.want {
			t.Errorf("safeNext(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSessionStoreBounded checks that a key signing in over and over only
// ever ends its own sessions: past its share, and when the whole store is
// full.
func TestSessionStoreBounded(t *testing.T) {
	for _, tc := range []struct {
		name        string
		max, perKey int
	}{
		{"store full", 3, 20},
		{"per-key bound", 100, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := newSessionStore(time.Hour, time.Hour, tc.max, tc.perKey, time.Now)
			other, _ := st.create(Principal{Name: "mo", KeyID: "k-mo"})
			var flood []string
			for range 50 {
				id, _ := st.create(Principal{Name: "app", KeyID: "k-app"})
				flood = append(flood, id)
			}
			if st.get(other) == nil {
				t.Fatal("another key's sign-ins ended this key's session")
			}
			if n := st.len(); n > min(tc.max, tc.perKey+1) {
				t.Fatalf("%d sessions, want at most %d", n, min(tc.max, tc.perKey+1))
			}
			if st.get(flood[len(flood)-1]) == nil {
				t.Fatal("the newest session was dropped")
			}
			if st.get(flood[0]) != nil {
				t.Fatal("the flooding key's oldest session survived")
			}
		})
	}
}

// TestTruncateKeepsGraphemes: the queue's previews are cut between
// user-perceived characters and close the bidi controls they cut open.
func TestTruncateKeepsGraphemes(t *testing.T) {
	family := "\U0001F468\u200D\U0001F469\u200D\U0001F467"
	for _, tc := range []struct{ name, in, want string }{
		{"ZWJ family", "ab" + family + "cd", "ab…"},
		{"combining accent", "abce\u0301d", "abc…"},
		{"open isolate", "a\u2067bcdef", "a\u2067bc\u2069…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := truncate(4, tc.in); got != tc.want {
				t.Fatalf("truncate(4, %+q) = %+q, want %+q", tc.in, got, tc.want)
			}
		})
	}
}
