package eval

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{"tl": "fil", "fil": "fil", "pt-BR": "pt", "und": "und", "zh-Hant": "zh", "nb": "nb"} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScore(t *testing.T) {
	// Two deployed languages and one the deployment lacks: for it, only
	// "und" is right, and it counts in the all-languages figure only.
	texts := []Text{
		{Kind: "word-pairs", Lang: "en", Text: "a"}, {Kind: "word-pairs", Lang: "en", Text: "b"},
		{Kind: "word-pairs", Lang: "es", Text: "c"}, {Kind: "word-pairs", Lang: "es", Text: "d"},
		{Kind: "word-pairs", Lang: "bs", Text: "e"}, {Kind: "word-pairs", Lang: "bs", Text: "f"},
	}
	answers := map[string]string{"a": "en", "b": "und", "c": "es", "d": "en", "e": "und", "f": "hr"}
	res := Score(texts, map[string]bool{"en": true, "es": true}, func(x Text) string { return answers[x.Text] })
	if len(res) != 1 {
		t.Fatalf("%d results, want 1", len(res))
	}
	r := res[0]
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	near("accuracy", r.Accuracy, 50)          // en 1/2, es 1/2
	near("accuracy all", r.AccuracyAll, 50)   // en 1/2, es 1/2, bs 1/2
	near("precision", r.Precision, 100*2/3.0) // en, es right; en for es wrong
	near("abstention", r.Abstention, 25)      // one und of four deployed texts
	if r.Texts != 4 {
		t.Errorf("texts = %d, want 4 (deployed languages only)", r.Texts)
	}
}

func TestEach(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "word-pairs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "word-pairs", "tl.txt"), []byte("a b\nc d\n\ne f\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir, []string{"word-pairs"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	// Lines 0 and 2 (line 2 is blank and skipped).
	if len(got) != 1 || got[0].Text != "a b" || got[0].Lang != "fil" {
		t.Fatalf("Load = %+v", got)
	}
	if _, err := Load(dir, []string{"sentences"}, 1); err == nil {
		t.Error("Load of a missing kind succeeded")
	}
}
