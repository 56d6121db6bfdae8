package metrics_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/parley-chat/parley/quality/metrics"
)

// The cases below are sacreBLEU's own unit tests (test/test_chrf.py,
// test/test_bleu.py, test/test_sentence_bleu.py in mjpost/sacrebleu v2.6.0),
// as listed in ../shared/reference/llm-qe-safety.md §C.5. They exercise
// settings the shared vector files do not: beta 3, eps smoothing, kept
// white space, other tokenizers and smoothing methods.

// corpus turns one hypothesis list and one reference stream (sacreBLEU's
// test layout) into per-segment references.
func corpus(refStream ...string) [][]string {
	out := make([][]string, len(refStream))
	for i, r := range refStream {
		out[i] = []string{r}
	}
	return out
}

const (
	riskHyp  = " risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ."
	riskRef  = "risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ."
	obamaRef = "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."
)

func TestChrFSacreBLEUUnitTests(t *testing.T) {
	beta3 := metrics.CHRF{CharOrder: 6, Beta: 3}
	eps := beta3
	eps.EpsSmoothing = true
	space := beta3
	space.Whitespace = true
	cases := []struct {
		name string
		m    metrics.CHRF
		hyps []string
		refs []string
		want float64
	}{
		{"eps disjoint", eps, []string{"abcdefg"}, []string{"hijklmnop"}, 0},
		{"eps a/b", eps, []string{"a"}, []string{"b"}, 0},
		{"eps empty hyp", eps, []string{""}, []string{"reference"}, 0},
		{"eps aa/ab", eps, []string{"aa"}, []string{"ab"}, 8.3333},
		{"eps two segments", eps, []string{"a", "b"}, []string{"a", "c"}, 8.3333},
		{"eps a/a", eps, []string{"a"}, []string{"a"}, 16.6667},
		{"eps a b c", eps, []string{"a b c"}, []string{"a b c"}, 50},
		{"eps spaces removed", eps, []string{"a b c"}, []string{"abc"}, 50},
		{"eps risk", eps, []string{riskHyp}, []string{riskRef}, 63.361730},
		{"eps obama", eps, []string{" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "}, []string{obamaRef}, 64.1302698},
		{"eps identical", eps, []string{"Niemand hat die Absicht, eine Mauer zu errichten"}, []string{"Niemand hat die Absicht, eine Mauer zu errichten"}, 100},
		{"eff a/a", beta3, []string{"a"}, []string{"a"}, 100},
		{"eff empty hyp", beta3, []string{""}, []string{"reference"}, 0},
		{"eff spaces removed", beta3, []string{"a b c"}, []string{"abc"}, 100},
		{"eff two segments", beta3, []string{"a", "b"}, []string{"a", "c"}, 50},
		{"eff aa/ab", beta3, []string{"aa"}, []string{"ab"}, 25},
		{"whitespace obama", space, []string{"Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich."}, []string{obamaRef}, 67.3481606},
		{"whitespace risk", space, []string{riskHyp[1:]}, []string{riskRef}, 65.2414427},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := c.m.Corpus(c.hyps, corpus(c.refs...))
			if err != nil {
				t.Fatal(err)
			}
			near(t, "chrF", s.Score, c.want)
		})
	}
}

// The README example of sacreBLEU: three hypotheses, two reference streams.
var (
	readmeHyps = []string{"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."}
	readmeRefs = [][]string{
		{"The dog bit the man.", "The dog had bit the man."},
		{"It was not unexpected.", "No one was surprised."},
		{"The man bit him first.", "The man had bitten the dog."},
	}
)

func TestBLEUSacreBLEUUnitTests(t *testing.T) {
	with := func(f func(*metrics.BLEU)) metrics.BLEU {
		b := metrics.CorpusBLEU()
		f(&b)
		return b
	}
	cases := []struct {
		name string
		b    metrics.BLEU
		want float64
	}{
		{"default", metrics.CorpusBLEU(), 48.530827},
		{"tokenize none", with(func(b *metrics.BLEU) { b.Tokenize = metrics.TokNone }), 49.1919566},
		{"tokenize intl", with(func(b *metrics.BLEU) { b.Tokenize = metrics.TokIntl }), 43.91623493},
		{"smooth none", with(func(b *metrics.BLEU) { b.Smooth = metrics.SmoothNone }), 48.530827},
	}
	for _, c := range cases {
		t.Run("readme/"+c.name, func(t *testing.T) {
			s, err := c.b.Corpus(readmeHyps, readmeRefs)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(s.Score-c.want) > 1e-6 {
				t.Errorf("BLEU %.8f, want %.8f", s.Score, c.want)
			}
		})
	}

	t.Run("readme verbose and chrF", func(t *testing.T) {
		s, _ := metrics.CorpusBLEU().Corpus(readmeHyps, readmeRefs)
		if want := "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)"; s.Verbose() != want {
			t.Errorf("got  %s\nwant %s", s.Verbose(), want)
		}
		if got := metrics.CorpusBLEU().Signature(metrics.NRefs(readmeRefs)); got != "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0" {
			t.Errorf("signature %s", got)
		}
		c, _ := metrics.ChrF().Corpus(readmeHyps, readmeRefs)
		if got := fmt.Sprintf("%.2f", c.Score); got != "59.73" {
			t.Errorf("chrF2 %s, want 59.73", got)
		}
		cpp, _ := metrics.ChrFPP().Corpus(readmeHyps, readmeRefs)
		if got := fmt.Sprintf("%.2f", cpp.Score); got != "59.15" {
			t.Errorf("chrF2++ %s, want 59.15", got)
		}
	})

	t.Run("empty hypotheses", func(t *testing.T) {
		s, _ := metrics.CorpusBLEU().Corpus([]string{"", "", ""}, readmeRefs)
		if s.Score != 0 {
			t.Errorf("BLEU %v, want 0", s.Score)
		}
	})

	for order, want := range []string{"77.65", "60.50", "53.93", "48.53", "46.14", "43.28"} {
		t.Run(fmt.Sprintf("max order %d", order+1), func(t *testing.T) {
			s, _ := with(func(b *metrics.BLEU) { b.MaxOrder = order + 1 }).Corpus(readmeHyps, readmeRefs)
			if got := fmt.Sprintf("%.2f", s.Score); got != want {
				t.Errorf("BLEU %s, want %s", got, want)
			}
		})
	}

	t.Run("compute_bleu", func(t *testing.T) {
		// stats layout: hyp_len, ref_len, correct 1..4, total 1..4.
		s := metrics.BLEU{Smooth: metrics.SmoothFloor, SmoothValue: 0.01}.Compute([]int{11, 11, 9, 7, 5, 3, 10, 8, 6, 4})
		if math.Abs(s.Score/100-0.8375922397) > 1e-8 {
			t.Errorf("BLEU %.10f, want 0.8375922397", s.Score/100)
		}
	})

	// raw_corpus_bleu: tokenize none, floor 0.01, effective order.
	raw := metrics.BLEU{Tokenize: metrics.TokNone, Smooth: metrics.SmoothFloor, SmoothValue: 0.01, EffectiveOrder: true}
	for _, c := range []struct {
		hyps []string
		refs [][]string
		want float64
	}{
		{[]string{"this is a test", "another test"}, corpus("ref1", "ref2"), 0},
		{[]string{"this is a test"}, corpus("this is a test"), 1},
		{[]string{"this is a fest"}, corpus("this is a test"), 0.223606797749979},
		{[]string{"test"}, corpus("a test"), 0.3678794411714425},
		{[]string{"a test"}, corpus("a test"), 1},
		{[]string{"a little test"}, corpus("a test"), 0.03218297948685433},
	} {
		t.Run("raw/"+c.hyps[0], func(t *testing.T) {
			s, _ := raw.Corpus(c.hyps, c.refs)
			if math.Abs(s.Score/100-c.want) > 1e-8 {
				t.Errorf("BLEU %.12f, want %.12f", s.Score/100, c.want)
			}
		})
	}
}

func TestSentenceBLEUSacreBLEUUnitTests(t *testing.T) {
	const (
		sys = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;"
		ref = "producţia de zahăr brut se exprimă în zahăr alb;"
	)
	with := func(f func(*metrics.BLEU)) metrics.BLEU {
		b := metrics.SentenceBLEU()
		f(&b)
		return b
	}
	cases := []struct {
		name string
		b    metrics.BLEU
		want float64
	}{
		{"exp", metrics.SentenceBLEU(), 8.493},
		{"none", with(func(b *metrics.BLEU) { b.Smooth = metrics.SmoothNone }), 0},
		{"floor 0.1", with(func(b *metrics.BLEU) { b.Smooth = metrics.SmoothFloor }), 4.51688},
		{"floor 0.5", with(func(b *metrics.BLEU) { b.Smooth, b.SmoothValue = metrics.SmoothFloor, 0.5 }), 10.10},
		{"add-k 1", with(func(b *metrics.BLEU) { b.Smooth = metrics.SmoothAddK }), 14.882},
		{"add-k 2", with(func(b *metrics.BLEU) { b.Smooth, b.SmoothValue = metrics.SmoothAddK, 2 }), 21.389},
		{"tokenize none", with(func(b *metrics.BLEU) { b.Tokenize = metrics.TokNone }), 7.347},
		{"tokenize intl", with(func(b *metrics.BLEU) { b.Tokenize = metrics.TokIntl }), 8.493},
		{"tokenize char", with(func(b *metrics.BLEU) { b.Tokenize = metrics.TokChar }), 40.8759},
		{"tokenize char lowercase", with(func(b *metrics.BLEU) { b.Tokenize, b.Lowercase = metrics.TokChar, true }), 42.0267},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.b.Sentence(sys, []string{ref}).Score; math.Abs(got-c.want) > 1e-3 {
				t.Errorf("BLEU %.5f, want %.5f", got, c.want)
			}
		})
		if c.b.Tokenize == metrics.TokChar {
			continue // characters of the two texts below do match
		}
		t.Run(c.name+"/no match", func(t *testing.T) {
			if got := c.b.Sentence("this is a cat", []string{"okay thanks"}).Score; got != 0 {
				t.Errorf("BLEU %v, want 0", got)
			}
		})
	}
}

func TestSignatures(t *testing.T) {
	floor := metrics.SentenceBLEU()
	floor.Smooth, floor.Lowercase = metrics.SmoothFloor, true
	addk := metrics.CorpusBLEU()
	addk.Smooth, addk.SmoothValue = metrics.SmoothAddK, 2
	eps := metrics.ChrF()
	eps.EpsSmoothing, eps.Whitespace = true, true
	cases := []struct{ got, want string }{
		{metrics.ChrF().Signature("1"), "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0"},
		{metrics.ChrFPP().Signature("var"), "nrefs:var|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0"},
		{eps.Signature("2"), "nrefs:2|case:mixed|eff:no|nc:6|nw:0|space:yes|version:2.6.0"},
		{metrics.CorpusBLEU().Signature("1"), "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"},
		{floor.Signature("1"), "nrefs:1|case:lc|eff:yes|tok:13a|smooth:floor[0.10]|version:2.6.0"},
		{addk.Signature("1"), "nrefs:1|case:mixed|eff:no|tok:13a|smooth:add-k[2.00]|version:2.6.0"},
		{metrics.NRefs([][]string{{"a"}, {"b", "c"}}), "var"},
		{metrics.NRefs([][]string{{"a", ""}, {"b"}}), "1"},
		{metrics.Sentence(metrics.ChrF(), "a", []string{"a"}).String(), "chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0 = 100.00"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, b := range []metrics.BLEU{{Tokenize: "zh"}, {Smooth: "laplace"}, {MaxOrder: -1}} {
		if b.Validate() == nil {
			t.Errorf("%+v: want an error", b)
		}
	}
	if err := metrics.SentenceBLEU().Validate(); err != nil {
		t.Error(err)
	}
	if _, err := metrics.CorpusBLEU().Corpus([]string{"a"}, nil); err == nil {
		t.Error("length mismatch: want an error")
	}
	// An empty corpus scores 0 rather than failing.
	if s, err := metrics.ChrF().Corpus(nil, nil); err != nil || s.Score != 0 || s.Signature == "" {
		t.Errorf("empty corpus chrF: %+v %v", s, err)
	}
	if s, err := metrics.CorpusBLEU().Corpus(nil, nil); err != nil || s.Score != 0 {
		t.Errorf("empty corpus BLEU: %+v %v", s, err)
	}
}
