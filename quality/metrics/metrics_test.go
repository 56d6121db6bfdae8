package metrics_test

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-chat/parley/quality/metrics"
)

// v13Regexp is sacreBLEU's TokenizerRegexp written with regexp, the
// literal translation of the Python; Tokenize13a must agree with it.
var v13Regexp = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`([\{-\~\[-\x60 -\&\(-\+\:-\@\/])`), " ${1} "},
	{regexp.MustCompile(`([^0-9])([\.,])`), "${1} ${2} "},
	{regexp.MustCompile(`([\.,])([^0-9])`), " ${1} ${2}"},
	{regexp.MustCompile(`([0-9])(-)`), "${1} ${2} "},
}

func tokenize13aRegexp(line string) string {
	line = strings.ReplaceAll(line, "<skipped>", "")
	line = strings.ReplaceAll(line, "-\n", "")
	line = strings.ReplaceAll(line, "\n", " ")
	if strings.Contains(line, "&") {
		r := strings.NewReplacer("&quot;", `"`)
		line = r.Replace(line)
		line = strings.ReplaceAll(line, "&amp;", "&")
		line = strings.ReplaceAll(line, "&lt;", "<")
		line = strings.ReplaceAll(line, "&gt;", ">")
	}
	line = " " + line + " "
	for _, r := range v13Regexp {
		line = r.re.ReplaceAllString(line, r.repl)
	}
	return strings.Join(strings.FieldsFunc(line, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' ||
			(r >= 0x1c && r <= 0x1f) || r == 0x85 || r == 0xa0 || r == 0x1680 ||
			(r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000
	}), " ")
}

func TestTokenizeV13MatchesRegexp(t *testing.T) {
	fixed := []string{
		"", "a.,b", "1.5,2", "3-4", "x-1", "1-2-3", "a..b", "..,,", "end.", "1,000.50 $",
		"&amp;lt; &quot;hi&quot;", "well-\nknown", "<skipped>x", "e.g.,", "U.S.A.", "(hi)", "don't",
		"Hallo @anna 👋, schau mal https://example.com/x?y=1 !", "a\u001cb c", "9.", ".9", ",9,",
	}
	alphabet := []rune("ab9.,-&;:/()'\"\n <>@$_{}~[]\\^`é👋\u00a0\u001c")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := rng.IntN(14)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		fixed = append(fixed, b.String())
	}
	for _, s := range fixed {
		if got, want := metrics.Tokenize13a(s), tokenize13aRegexp(s); got != want {
			t.Fatalf("Tokenize13a(%q) = %q, regexp gives %q", s, got, want)
		}
	}
}

func TestTokenizeUnknown(t *testing.T) {
	if _, err := metrics.Tokenize("ja-mecab", "x"); err == nil {
		t.Error("want an error for an unknown tokenizer")
	}
	if got, _ := metrics.Tokenize(metrics.TokChar, "ab c"); got != "a b   c" {
		t.Errorf("char tokens %q", got)
	}
}

// Python's str.lower() and str.split() differ from Go's; these cases are
// the ones the metrics depend on.
func TestPythonTextSemantics(t *testing.T) {
	lc := metrics.ChrF()
	lc.Lowercase = true
	cases := []struct {
		name      string
		hyp, ref  string
		m         metrics.CHRF
		wantExact float64
	}{
		// Python lowercases İ to i + combining dot; Go to a bare i. With
		// Python's rule the hypothesis "İ" does not equal the reference "i".
		{"dotted capital I", "İ", "i", lc, -1},
		{"dotted capital I matches its Python lowercase", "İ", "i\u0307", lc, 100},
		// Final sigma: Python lowercases "ΟΔΟΣ" to "οδος" with a final ς.
		{"final sigma", "ΟΔΟΣ", "οδος", lc, 100},
		{"medial sigma", "ΣΑ", "σα", lc, 100},
		// U+001C..U+001F are white space to Python.
		{"information separators", "a\u001cb\u001fc", "abc", metrics.ChrF(), 100},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.m.Sentence(c.hyp, []string{c.ref}).Score
			if c.wantExact < 0 {
				if got == 100 {
					t.Errorf("chrF %v, want less than 100", got)
				}
				return
			}
			if got != c.wantExact {
				t.Errorf("chrF %v, want %v", got, c.wantExact)
			}
		})
	}
}

func TestMultipleReferencesPickBest(t *testing.T) {
	c := metrics.ChrF()
	one := c.Sentence("the cat sat", []string{"a dog ran"}).Score
	best := c.Sentence("the cat sat", []string{"a dog ran", "the cat sat"}).Score
	if best != 100 || one >= 100 {
		t.Errorf("chrF one ref %v, best of two %v", one, best)
	}
	// An empty reference is ignored, as sacreBLEU ignores it.
	if got := c.Sentence("the cat sat", []string{"", "the cat sat"}).Score; got != 100 {
		t.Errorf("chrF with an empty extra reference %v", got)
	}
}

func TestPairedBootstrap(t *testing.T) {
	refs := make([][]string, 0, 60)
	good := make([]string, 0, 60)
	bad := make([]string, 0, 60)
	noisy := make([]string, 0, 60)
	words := strings.Fields("the quick brown fox jumps over a lazy dog while seven small cats watch from the old stone wall")
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 60 {
		var s []string
		for range 6 + rng.IntN(6) {
			s = append(s, words[rng.IntN(len(words))])
		}
		ref := strings.Join(s, " ") + "."
		refs = append(refs, []string{ref})
		good = append(good, ref)
		bad = append(bad, strings.Join(s[:len(s)/2], " "))
		if i%20 == 0 {
			noisy = append(noisy, strings.Join(s[1:], " ")+".")
		} else {
			noisy = append(noisy, ref)
		}
	}
	for _, m := range []metrics.Metric{metrics.ChrF(), metrics.ChrFPP(), metrics.CorpusBLEU()} {
		t.Run(m.Name()+"/clearly better", func(t *testing.T) {
			c, err := metrics.PairedBootstrap(m, bad, good, refs, metrics.BootstrapOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if c.Delta <= 0 || !c.Significant(0.05) || c.PValue != 1.0/1001 {
				t.Errorf("%+v: want a significant improvement with p = 1/1001", c)
			}
			if c.Samples != 1000 || c.Seed != 12345 || c.Segments != 60 {
				t.Errorf("defaults not applied: %+v", c)
			}
			if !strings.Contains(c.Signature, "|bs:1000|seed:12345|") {
				t.Errorf("signature %s", c.Signature)
			}
			// The bootstrap mean of a system lies near its corpus score.
			if math.Abs(c.SystemSample.Mean-c.System) > 5 || c.SystemSample.CI <= 0 && c.System < 100 {
				t.Errorf("system estimate %+v for score %v", c.SystemSample, c.System)
			}
		})
		t.Run(m.Name()+"/small difference", func(t *testing.T) {
			c, err := metrics.PairedBootstrap(m, good, noisy, refs, metrics.BootstrapOptions{Samples: 500, Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			if c.Delta >= 0 || c.Significant(0.01) {
				t.Errorf("%+v: three slightly worse segments in 60 should not be significant at 0.01", c)
			}
			again, _ := metrics.PairedBootstrap(m, good, noisy, refs, metrics.BootstrapOptions{Samples: 500, Seed: 3})
			if again != c {
				t.Errorf("same seed gave %+v then %+v", c, again)
			}
		})
	}
	t.Run("identical systems", func(t *testing.T) {
		c, err := metrics.PairedBootstrap(metrics.ChrF(), good, good, refs, metrics.BootstrapOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if c.PValue != 1 || c.Significant(0.05) {
			t.Errorf("identical systems: p = %v, want 1", c.PValue)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		if _, err := metrics.PairedBootstrap(metrics.ChrF(), good, good[1:], refs, metrics.BootstrapOptions{}); err == nil {
			t.Error("length mismatch: want an error")
		}
		if _, err := metrics.PairedBootstrap(metrics.ChrF(), nil, nil, nil, metrics.BootstrapOptions{}); err == nil {
			t.Error("no segments: want an error")
		}
	})
}

func TestCorrelationAndPercentiles(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name         string
		x, y         []float64
		tau, pearson float64
	}{
		// scipy.stats.kendalltau (the "scipy example" is from its documentation) and pearsonr give these values.
		{"perfect", []float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}, 1, 1},
		{"reversed", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, -1, -1},
		{"ties", []float64{1, 2, 2, 3}, []float64{1, 3, 2, 4}, 0.9128709291752769, 0.9486832980505138},
		{"scipy example", []float64{12, 2, 1, 12, 2}, []float64{1, 4, 7, 1, 0}, -0.47140452079103173, -0.5566399985665696},
		{"constant", []float64{1, 1, 1}, []float64{1, 2, 3}, nan, nan},
		{"too short", []float64{1}, []float64{1}, nan, nan},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := metrics.KendallTauB(c.x, c.y); !same(got, c.tau) {
				t.Errorf("tau-b %v, want %v", got, c.tau)
			}
			if got := metrics.Pearson(c.x, c.y); !same(got, c.pearson) {
				t.Errorf("pearson %v, want %v", got, c.pearson)
			}
		})
	}
	xs := []float64{15, 20, 35, 40, 50}
	for p, want := range map[float64]float64{0: 15, 50: 35, 90: 46, 99: 49.6, 100: 50} {
		if got := metrics.Percentile(xs, p); !same(got, want) {
			t.Errorf("p%v = %v, want %v (NumPy linear)", p, got, want)
		}
	}
	if !math.IsNaN(metrics.Percentile(nil, 50)) || !math.IsNaN(metrics.Mean(nil)) {
		t.Error("empty input should give NaN")
	}
}

func same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) < 1e-9
}
