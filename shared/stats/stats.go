// Package stats holds the small statistics that A/B experiments need in
// more than one place (quality/'s reports, the guardrails every translate
// replica runs): a sample's mean with its Student's t confidence interval,
// Welch's unequal-variance t-test, the Wilson score interval of a
// proportion, the two-proportion z-test and the chi-square distribution's
// tail (for the sample-ratio-mismatch check). quality/metrics re-exports
// them, so there is one implementation.
package stats

import (
	"encoding/json"
	"math"
)

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// Sample summarizes independent observations of one quantity.
type Sample struct {
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	// SD is the sample standard deviation (n-1 denominator).
	SD float64 `json:"sd"`
	// Low and High bound the 95 % confidence interval of the mean
	// (Student's t); they equal Mean when N < 2.
	Low  float64 `json:"ci_low"`
	High float64 `json:"ci_high"`
}

// MarshalJSON leaves out the statistics of an empty sample, {"n":0}: a
// mean of 0 with an interval would read as a measurement, and there is
// none. Decoding {"n":0} gives the empty Sample back.
func (s Sample) MarshalJSON() ([]byte, error) {
	if s.N == 0 {
		return []byte(`{"n":0}`), nil
	}
	type plain Sample // without this method
	return json.Marshal(plain(s))
}

// Summarize computes a Sample of xs.
func Summarize(xs []float64) Sample {
	s := Sample{N: len(xs)}
	if s.N == 0 {
		return s
	}
	s.Mean = mean(xs)
	s.Low, s.High = s.Mean, s.Mean
	if s.N < 2 {
		return s
	}
	ss := 0.0
	for _, x := range xs {
		ss += (x - s.Mean) * (x - s.Mean)
	}
	s.SD = math.Sqrt(ss / float64(s.N-1))
	half := TQuantile(0.975, float64(s.N-1)) * s.SD / math.Sqrt(float64(s.N))
	s.Low, s.High = s.Mean-half, s.Mean+half
	return s
}

// Welch is the result of Welch's unequal-variance t-test of B against A.
type Welch struct {
	// Defined is false when either sample has fewer than two
	// observations: there is no variance to compare with, so no
	// difference or interval is reported (Diff, Low and High are 0, P is
	// 1); a report shows "n/a". An empty control is not a control of 0.
	// It is false too when neither sample varies (NoVariance).
	Defined bool `json:"defined"`
	// NoVariance is set when both samples have two observations or more
	// but neither varies: the difference of the means is known (Diff, and
	// Low and High equal it) but the t statistic is 0/0 or x/0, so there
	// is no test. P is 1 then, never significant (a p of 0 would let a
	// guardrail stop an arm on three constant samples), and a report
	// shows "p=n/a".
	NoVariance bool `json:"no_variance,omitempty"`
	// Diff is B's mean minus A's, with its 95 % confidence interval.
	Diff float64 `json:"diff"`
	Low  float64 `json:"ci_low"`
	High float64 `json:"ci_high"`
	T    float64 `json:"t"`
	DF   float64 `json:"df"`
	// P is the two-sided p-value (1 when the test is undefined).
	P float64 `json:"p"`
}

// WelchTest compares two samples. It needs two observations in each
// (otherwise the result is not Defined) and variance in at least one:
// without it the result is not Defined either, only NoVariance with the
// difference of the means, and P is 1.
func WelchTest(a, b Sample) Welch {
	if a.N < 2 || b.N < 2 {
		return Welch{P: 1}
	}
	w := Welch{Defined: true, Diff: b.Mean - a.Mean, P: 1}
	w.Low, w.High = w.Diff, w.Diff
	va, vb := a.SD*a.SD/float64(a.N), b.SD*b.SD/float64(b.N)
	se := math.Sqrt(va + vb)
	if se == 0 {
		// Two constant samples: no standard error, so no test, however
		// far apart (or close) they are.
		w.Defined, w.NoVariance = false, true
		return w
	}
	w.T = w.Diff / se
	w.DF = (va + vb) * (va + vb) / (va*va/float64(a.N-1) + vb*vb/float64(b.N-1))
	w.P = 2 * StudentTSF(math.Abs(w.T), w.DF)
	half := TQuantile(0.975, w.DF) * se
	w.Low, w.High = w.Diff-half, w.Diff+half
	return w
}

// StudentTSF is the upper tail P(T > t) of Student's t with df degrees of
// freedom, for t >= 0.
func StudentTSF(t, df float64) float64 {
	if math.IsInf(t, 1) {
		return 0
	}
	x := df / (df + t*t)
	return 0.5 * RegIncBeta(df/2, 0.5, x)
}

// TQuantile is the p-quantile (0.5 < p < 1) of Student's t with df
// degrees of freedom, found by bisection on StudentTSF.
func TQuantile(p, df float64) float64 {
	lo, hi := 0.0, 1.0
	for StudentTSF(hi, df) > 1-p {
		hi *= 2
		if hi > 1e6 {
			return hi
		}
	}
	for range 100 {
		mid := (lo + hi) / 2
		if StudentTSF(mid, df) > 1-p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// RegIncBeta is the regularized incomplete beta function I_x(a, b), by
// Lentz's continued fraction (Numerical Recipes, betacf).
func RegIncBeta(a, b, x float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a + b)
	lb, _ := math.Lgamma(a)
	lc, _ := math.Lgamma(b)
	front := math.Exp(la - lb - lc + a*math.Log(x) + b*math.Log(1-x))
	if x < (a+1)/(a+b+2) {
		return front * betacf(a, b, x) / a
	}
	return 1 - front*betacf(b, a, 1-x)/b
}

func betacf(a, b, x float64) float64 {
	const (
		maxIter = 300
		eps     = 1e-14
		tiny    = 1e-300
	)
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1-qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= maxIter; m++ {
		m2 := float64(2 * m)
		fm := float64(m)
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < eps {
			break
		}
	}
	return h
}

// ChiSquareSF is the upper tail P(X > x) of the chi-square distribution
// with df degrees of freedom: the p-value of a chi-square test (the
// sample-ratio-mismatch check of experiments). It is the regularized
// upper incomplete gamma Q(df/2, x/2).
func ChiSquareSF(x float64, df int) float64 {
	if df <= 0 || math.IsNaN(x) {
		return math.NaN()
	}
	if x <= 0 {
		return 1
	}
	return RegIncGammaQ(float64(df)/2, x/2)
}

// RegIncGammaQ is the regularized upper incomplete gamma function
// Q(a, x) = Γ(a, x)/Γ(a), for a > 0 and x >= 0: by its series below
// x < a+1, where the series converges fast, and by Lentz's continued
// fraction above, where the series would cancel (Numerical Recipes,
// gser and gcf). The fraction keeps Q's own precision far in the tail
// (Q(0.5, 83.5) ~ 3e-38), where 1-P would round to 0.
func RegIncGammaQ(a, x float64) float64 {
	switch {
	case a <= 0 || x < 0 || math.IsNaN(a) || math.IsNaN(x):
		return math.NaN()
	case x == 0:
		return 1
	case math.IsInf(x, 1):
		return 0
	}
	lg, _ := math.Lgamma(a)
	front := math.Exp(-x + a*math.Log(x) - lg)
	if x < a+1 {
		return 1 - front*gammaSeries(a, x)
	}
	return front * gammaCF(a, x)
}

// gammaSeries is the sum of x^n/(a(a+1)...(a+n)), P(a, x) divided by
// x^a e^-x / Γ(a).
func gammaSeries(a, x float64) float64 {
	const (
		maxIter = 1000
		eps     = 1e-15
	)
	ap, del := a, 1/a
	sum := del
	for range maxIter {
		ap++
		del *= x / ap
		sum += del
		if math.Abs(del) < math.Abs(sum)*eps {
			break
		}
	}
	return sum
}

// gammaCF is the continued fraction of Q(a, x) divided by
// x^a e^-x / Γ(a), by the modified Lentz method.
func gammaCF(a, x float64) float64 {
	const (
		maxIter = 1000
		eps     = 1e-15
		tiny    = 1e-300
	)
	b := x + 1 - a
	c := 1 / tiny
	d := 1 / b
	h := d
	for i := 1; i <= maxIter; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < eps {
			break
		}
	}
	return h
}

// Proportion is a share with its 95 % Wilson score interval.
type Proportion struct {
	N     int     `json:"n"`
	Count int     `json:"count"`
	P     float64 `json:"p"`
	Low   float64 `json:"ci_low"`
	High  float64 `json:"ci_high"`
}

// Wilson computes count of n as a Proportion.
func Wilson(count, n int) Proportion {
	pr := Proportion{N: n, Count: count}
	if n == 0 {
		return pr
	}
	pr.P = float64(count) / float64(n)
	pr.Low, pr.High = wilson(pr.P, n)
	return pr
}

// wilson is the 95 % Wilson score interval of share p of n trials.
func wilson(p float64, n int) (low, high float64) {
	const z = 1.959963984540054
	nn := float64(n)
	den := 1 + z*z/nn
	centre := (p + z*z/(2*nn)) / den
	half := z * math.Sqrt(max(0, p*(1-p))/nn+z*z/(4*nn*nn)) / den
	return max(0, centre-half), min(1, centre+half)
}

// Shares computes a Proportion from per-unit shares (each in [0, 1]: a
// unit's share of its observations with the property), for experiments
// randomised by unit, whose observations within a unit are not
// independent: each unit weighs one, whatever its number of
// observations. N is the number of units, P the mean of their shares,
// Count the sum of the shares rounded (the count itself when each unit
// had one observation), and the interval Wilson's over N trials at P.
// That interval is conservative: a share in [0, 1] with mean P varies
// at most as much as a single trial, P(1-P), so it is never narrower than
// the units warrant, and with one observation per unit it is exactly
// Wilson's.
func Shares(shares []float64) Proportion {
	pr := Proportion{N: len(shares)}
	if pr.N == 0 {
		return pr
	}
	sum := 0.0
	for _, s := range shares {
		sum += min(1, max(0, s))
	}
	pr.Count = int(math.Round(sum))
	pr.P = sum / float64(pr.N)
	pr.Low, pr.High = wilson(pr.P, pr.N)
	return pr
}

// Clip returns s with its interval clipped to [lo, hi], the range the
// quantity can take (a quality score of 0-100, a latency of at least 0):
// Student's t interval is symmetric and can leave it for skewed data
// near a bound. The mean is inside the range already.
// An empty sample stays empty: it has no mean, and no interval to clip
// (a rating's [1, 1] around a mean of 0 would be an interval without its
// mean).
func (s Sample) Clip(lo, hi float64) Sample {
	if s.N == 0 {
		return s
	}
	s.Low = min(max(s.Low, lo), hi)
	s.High = min(max(s.High, lo), hi)
	return s
}

// TwoProportionP is the two-sided p-value of the pooled z-test that two
// proportions are equal (1 when undefined). It pools P×N, which is Count
// for a Proportion of Wilson's and the summed shares for one of Shares.
func TwoProportionP(a, b Proportion) float64 {
	if a.N == 0 || b.N == 0 {
		return 1
	}
	pool := (a.P*float64(a.N) + b.P*float64(b.N)) / float64(a.N+b.N)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(a.N) + 1/float64(b.N)))
	if se == 0 {
		return 1
	}
	z := math.Abs(b.P-a.P) / se
	return math.Erfc(z / math.Sqrt2)
}
