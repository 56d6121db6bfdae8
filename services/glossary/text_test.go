package glossary

import (
	"testing"

	"github.com/parley-chat/parley/shared/textmatch"
)

func TestNormalizeMapsOffsets(t *testing.T) {
	tests := []struct {
		name, text, norm string
		fold             folding
	}{
		{"ascii fold", "Hello World", "hello world", foldDefault},
		{"no fold", "Hello World", "Hello World", caseExact},
		{"sharp s grows", "Straße", "strasse", foldDefault},
		{"decomposed accent composes", "cafe\u0301", "café", foldDefault},
		{"white space collapses", "a \t\n b", "a b", foldDefault},
		{"no-break space", "a\u00a0b", "a b", foldDefault},
		{"turkish dotless capital I", "ISTANBUL İzmir", "ıstanbul izmir", foldTurkic},
		{"default folding of dotted capital I", "İzmir", "i\u0307zmir", foldDefault},
		{"greek final sigma", "ΟΔΟΣ", "οδοσ", foldDefault},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := normalize(tt.text, tt.fold)
			if n.s != tt.norm {
				t.Fatalf("normalize(%q) = %q, want %q", tt.text, n.s, tt.norm)
			}
			if n.Len() != len(n.s) {
				t.Fatalf("segment map has %d entries for %d bytes", n.Len(), len(n.s))
			}
			if whole := n.orig(0, len(n.s)); whole.start != 0 || whole.end != len(tt.text) {
				t.Errorf("whole text maps to [%d,%d), want [0,%d)", whole.start, whole.end, len(tt.text))
			}
		})
	}
}

func TestAtBoundaries(t *testing.T) {
	tests := []struct {
		s, term string
		want    bool
	}{
		{"the thread.", "thread", true},
		{"threaded", "thread", false},
		{"subthread", "thread", false},
		{"thread_id", "thread", true},
		{"thread2", "thread", false},
		{"スレッドで", "スレッド", true},
		{"大スレッド", "スレッド", true},
		{"Parleyの", "parley", true},
		{"Parley에서", "parley", true},
		{"스레드에서", "스레드", true},
		{"큰스레드", "스레드", false},
		{"Привет", "прив", false},
		{"naïve", "na", false},
	}
	for _, tt := range tests {
		t.Run(tt.s+"/"+tt.term, func(t *testing.T) {
			n := normalize(tt.s, foldDefault)
			got := occurrences(n.s, key(tt.term, foldDefault), MatchExact, nil, nil) > 0
			if got != tt.want {
				t.Errorf("found %q in %q = %v, want %v", tt.term, tt.s, got, tt.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	hits := []hit{
		{span: span{7, 14}, ref: 0, rank: 0},  // "message"
		{span: span{0, 14}, ref: 1, rank: 1},  // "direct message"
		{span: span{20, 26}, ref: 2, rank: 3}, // tie, later rank
		{span: span{20, 26}, ref: 3, rank: 2}, // tie, earlier rank wins
		{span: span{24, 30}, ref: 4, rank: 4}, // overlaps the tie
	}
	got := textmatch.Resolve(hits)
	if len(got) != 2 || got[0].ref != 1 || got[1].ref != 3 {
		t.Errorf("resolve = %+v, want refs 1 and 3", got)
	}
}
