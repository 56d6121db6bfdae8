package stats

import (
	"encoding/json"
	"math"
	"testing"
)

func TestStudentT(t *testing.T) {
	// Reference values from scipy.stats.t.
	tests := []struct {
		name      string
		got, want float64
		tolerance float64
	}{
		{"t.sf(2.0, 10)", StudentTSF(2, 10), 0.036694017385370, 1e-9},
		{"t.sf(1.0, 1)", StudentTSF(1, 1), 0.25, 1e-12},
		{"t.sf(0, 5)", StudentTSF(0, 5), 0.5, 1e-12},
		{"t.ppf(0.975, 10)", TQuantile(0.975, 10), 2.228138851986, 1e-6},
		{"t.ppf(0.975, 1000)", TQuantile(0.975, 1000), 1.962339, 1e-5},
		{"I_0.5(2,3)", RegIncBeta(2, 3, 0.5), 0.6875, 1e-12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if math.Abs(tt.got-tt.want) > tt.tolerance {
				t.Fatalf("got %.12f, want %.12f", tt.got, tt.want)
			}
		})
	}
}

func TestWelch(t *testing.T) {
	a := Summarize([]float64{27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4})
	b := Summarize([]float64{27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4})
	w := WelchTest(a, b)
	// scipy.stats.ttest_ind(b, a, equal_var=False): t=2.4553, p=0.02135,
	// Welch-Satterthwaite df=24.985 (Wikipedia's Welch example).
	if math.Abs(w.T-2.4553) > 1e-3 {
		t.Fatalf("t = %v", w.T)
	}
	if math.Abs(w.P-0.02135) > 1e-4 || math.Abs(w.DF-24.985) > 1e-2 {
		t.Fatalf("welch = %+v", w)
	}
	if w.Low <= 0 || w.High <= w.Low {
		t.Fatalf("interval [%v, %v] should exclude 0", w.Low, w.High)
	}
	if s := Summarize([]float64{1, 2, 3}); s.Mean != 2 || math.Abs(s.High-(2+4.302652729749464/math.Sqrt(3))) > 1e-5 {
		t.Fatalf("summary %+v", s)
	}
	if !w.Defined {
		t.Fatalf("two samples of 15: %+v", w)
	}
	// Fewer than two observations on either side (an empty control, one
	// rating): no difference, no interval, no test.
	for _, tt := range []struct {
		name string
		a, b Sample
	}{
		{"one observation", Summarize([]float64{1}), b},
		{"empty control", Summarize(nil), Summarize([]float64{2})},
		{"one each", Summarize([]float64{3}), Summarize([]float64{5})},
		{"empty arm", a, Summarize(nil)},
	} {
		if w := WelchTest(tt.a, tt.b); w != (Welch{P: 1}) {
			t.Errorf("%s: %+v, want no difference (undefined, p=1)", tt.name, w)
		}
	}
	// Two samples without variance: the difference is known, the test is
	// not (t is x/0 or 0/0), so it is never significant; it once gave
	// p=0 and let a guardrail stop an arm on three constant samples.
	for _, tt := range []struct {
		name string
		a, b Sample
		diff float64
	}{
		{"constant samples that differ", Summarize([]float64{300, 300, 300}), Summarize([]float64{310, 310, 310}), 10},
		{"two of each", Summarize([]float64{1, 1}), Summarize([]float64{3, 3}), 2},
		{"equal constant samples", Summarize([]float64{5, 5}), Summarize([]float64{5, 5, 5}), 0},
	} {
		w := WelchTest(tt.a, tt.b)
		if w.Defined || !w.NoVariance || w.P != 1 || w.Diff != tt.diff || w.Low != tt.diff || w.High != tt.diff {
			t.Errorf("%s: %+v, want no test (p=1) and diff %v", tt.name, w, tt.diff)
		}
	}
	// One constant sample against a varying one is a test.
	if w := WelchTest(Summarize([]float64{1, 1, 1}), Summarize([]float64{2, 3, 4})); !w.Defined || w.NoVariance || w.P >= 1 {
		t.Errorf("one constant sample: %+v", w)
	}
}

func TestChiSquareSF(t *testing.T) {
	// evenSF is the closed form for an even df: e^(-x/2) times the sum
	// of (x/2)^k/k! for k < df/2.
	evenSF := func(x float64, df int) float64 {
		term, sum := 1.0, 1.0
		for k := 1; k < df/2; k++ {
			term *= x / 2 / float64(k)
			sum += term
		}
		return math.Exp(-x/2) * sum
	}
	// oddSF1 is df=1's, erfc(sqrt(x/2)).
	oddSF1 := func(x float64) float64 { return math.Erfc(math.Sqrt(x / 2)) }
	for _, tt := range []struct {
		name string
		x    float64
		df   int
		want float64
		rel  float64 // relative tolerance
	}{
		// Critical values at 0.05 (scipy.stats.chi2.ppf(0.95, df)).
		{"5% df=1", 3.841458820694124, 1, 0.05, 1e-9},
		{"5% df=2", 5.991464547107979, 2, 0.05, 1e-9},
		{"5% df=3", 7.814727903251178, 3, 0.05, 1e-9},
		{"5% df=10", 18.307038053275146, 10, 0.05, 1e-9},
		{"5% df=100", 124.34211340400407, 100, 0.05, 1e-8},
		{"0.1% df=1", 10.827566170662733, 1, 0.001, 1e-8},
		// Far in the tail, where 1-P would round to 0: the SRM of 1000
		// units against 500 at equal weights is 166.7 on 1 df.
		{"df=1 x=167", 167, 1, oddSF1(167), 1e-9},
		{"df=1 x=0.5 (series)", 0.5, 1, oddSF1(0.5), 1e-12},
		{"df=1 x=30", 30, 1, oddSF1(30), 1e-9},
		{"df=2 x=1", 1, 2, math.Exp(-0.5), 1e-12},
		{"df=2 x=400", 400, 2, math.Exp(-200), 1e-9},
		{"df=4 x=3 (series)", 3, 4, evenSF(3, 4), 1e-12},
		{"df=10 x=3 (series)", 3, 10, evenSF(3, 10), 1e-12},
		{"df=10 x=25 (fraction)", 25, 10, evenSF(25, 10), 1e-12},
		{"df=40 x=39", 39, 40, evenSF(39, 40), 1e-10},
		{"zero", 0, 3, 1, 0},
	} {
		got := ChiSquareSF(tt.x, tt.df)
		if math.Abs(got-tt.want) > tt.rel*tt.want {
			t.Errorf("%s: ChiSquareSF(%v, %d) = %.15g, want %.15g", tt.name, tt.x, tt.df, got, tt.want)
		}
	}
	if got := ChiSquareSF(167, 1); got < 1e-38 || got > 1e-37 {
		t.Errorf("ChiSquareSF(167, 1) = %g, want about 3e-38", got)
	}
	if !math.IsNaN(ChiSquareSF(1, 0)) || !math.IsNaN(RegIncGammaQ(-1, 1)) {
		t.Error("no degrees of freedom (or a <= 0) should be NaN")
	}
}

func TestWilson(t *testing.T) {
	p := Wilson(10, 100)
	// statsmodels proportion_confint(10, 100, method="wilson").
	if math.Abs(p.Low-0.05522914) > 1e-6 || math.Abs(p.High-0.17436566) > 1e-6 {
		t.Fatalf("wilson %+v", p)
	}
	// Pooled z = 0.15 / sqrt(0.175*0.825*0.02) = 2.7915, p = 2(1-Φ(z)).
	if got := TwoProportionP(Wilson(10, 100), Wilson(25, 100)); math.Abs(got-0.005247) > 1e-5 {
		t.Fatalf("two-proportion p = %v", got)
	}
}

// TestShares: a Proportion of per-unit shares weighs each unit once; with
// one observation per unit it is Wilson's, and its interval stays in [0, 1].
func TestShares(t *testing.T) {
	tests := []struct {
		name   string
		shares []float64
		want   Proportion // Low and High checked against Wilson when wilson
		wilson bool
	}{
		{"one observation per unit is Wilson's", append(make([]float64, 90), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), Wilson(10, 100), true},
		{"no units", nil, Proportion{}, true},
		{"every unit half", []float64{0.5, 0.5, 0.5, 0.5}, Proportion{N: 4, Count: 2, P: 0.5}, false},
		{"a share above 1 counts as 1", []float64{3, 0}, Proportion{N: 2, Count: 1, P: 0.5}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shares(tt.shares)
			if got.N != tt.want.N || got.Count != tt.want.Count || math.Abs(got.P-tt.want.P) > 1e-12 {
				t.Fatalf("%+v, want %+v", got, tt.want)
			}
			if tt.wilson && (math.Abs(got.Low-tt.want.Low) > 1e-12 || math.Abs(got.High-tt.want.High) > 1e-12) {
				t.Fatalf("interval %+v, want Wilson's %+v", got, tt.want)
			}
			if got.Low < 0 || got.High > 1 || (got.N > 0 && (got.Low > got.P || got.High < got.P)) {
				t.Fatalf("interval %+v", got)
			}
		})
	}
	// The pooled test of shares is the test of counts when units have one
	// observation each.
	a := Shares(append(make([]float64, 90), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
	if got, want := TwoProportionP(a, Wilson(25, 100)), TwoProportionP(Wilson(10, 100), Wilson(25, 100)); math.Abs(got-want) > 1e-12 {
		t.Fatalf("p of shares %v, of counts %v", got, want)
	}
}

// TestClip: an interval is clipped to the quantity's range, the mean kept.
func TestClip(t *testing.T) {
	tests := []struct {
		name           string
		xs             []float64
		lo, hi         float64
		wantLo, wantHi float64
	}{
		{"quality near 100", []float64{100, 100, 100, 62}, 0, 100, -1, 100},
		{"latency near 0", []float64{1, 1, 1, 40}, 0, math.Inf(1), 0, -1},
		{"inside the range", []float64{50, 51, 52}, 0, 100, -1, -1},
		// An empty sample (an arm without ratings) has no interval: not
		// [1, 1] around a mean of 0.
		{"empty", nil, 1, 5, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Summarize(tt.xs)
			c := s.Clip(tt.lo, tt.hi)
			if c.Mean != s.Mean || c.N != s.N || c.SD != s.SD {
				t.Fatalf("clip changed the sample: %+v -> %+v", s, c)
			}
			wantLo, wantHi := s.Low, s.High
			if tt.wantLo >= 0 {
				wantLo = tt.wantLo
			}
			if tt.wantHi >= 0 {
				wantHi = tt.wantHi
			}
			if c.Low != wantLo || c.High != wantHi || (c.N > 0 && (c.Low < tt.lo || c.High > tt.hi)) {
				t.Fatalf("clipped %+v to [%g, %g]: [%g, %g], want [%g, %g]", s, tt.lo, tt.hi, c.Low, c.High, wantLo, wantHi)
			}
		})
	}
}

// TestSampleJSON: an empty sample is {"n":0}, its statistics left out
// (none was measured); any other has them all, and both decode back.
func TestSampleJSON(t *testing.T) {
	tests := []struct {
		name string
		s    Sample
		want string
	}{
		{"empty", Summarize(nil).Clip(1, 5), `{"n":0}`},
		{"one", Summarize([]float64{4}).Clip(1, 5), `{"n":1,"mean":4,"sd":0,"ci_low":4,"ci_high":4}`},
		{"two", Summarize([]float64{2, 4}).Clip(1, 5), `{"n":2,"mean":3,"sd":1.4142135623730951,"ci_low":1,"ci_high":5}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.s)
			if err != nil || string(b) != tt.want {
				t.Fatalf("%+v encoded as %s (%v), want %s", tt.s, b, err, tt.want)
			}
			var back Sample
			if err := json.Unmarshal(b, &back); err != nil || back != tt.s {
				t.Fatalf("decoded %s as %+v (%v), want %+v", b, back, err, tt.s)
			}
			// As a field too (reports embed samples by value and pointer).
			b, err = json.Marshal(struct {
				S Sample  `json:"s"`
				P *Sample `json:"p"`
			}{tt.s, &tt.s})
			if err != nil || string(b) != `{"s":`+tt.want+`,"p":`+tt.want+`}` {
				t.Fatalf("as fields: %s (%v)", b, err)
			}
		})
	}
}
