package metrics

import (
	"math"
	"slices"
)

// Mean is the arithmetic mean (NaN for no values).
func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// Percentile returns the p-th percentile (0-100) of xs with linear
// interpolation between order statistics (NumPy's default method). It is
// NaN for no values.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	p = math.Min(100, math.Max(0, p))
	pos := p / 100 * float64(len(s)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	if lo == hi {
		return s[lo]
	}
	return s[lo] + (s[hi]-s[lo])*(pos-float64(lo))
}

// Pearson is Pearson's correlation coefficient of paired values. It is NaN
// when it is undefined: fewer than two pairs, different lengths, or a
// constant series.
func Pearson(x, y []float64) float64 {
	if len(x) != len(y) || len(x) < 2 {
		return math.NaN()
	}
	mx, my := Mean(x), Mean(y)
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// KendallTauB is Kendall's rank correlation with the tau-b correction for
// ties (what scipy.stats.kendalltau computes by default):
//
//	tau_b = (C - D) / sqrt((n0 - n1) (n0 - n2))
//
// with C and D the concordant and discordant pairs, n0 = n(n-1)/2, and n1,
// n2 the pairs tied in x and in y. It is NaN when undefined (fewer than two
// pairs, different lengths, or one series constant). The O(n²) pair count
// is fine for evaluation sets of a few thousand segments.
func KendallTauB(x, y []float64) float64 {
	n := len(x)
	if n != len(y) || n < 2 {
		return math.NaN()
	}
	var concordant, discordant, tiesX, tiesY float64
	for i := range n {
		for j := i + 1; j < n; j++ {
			dx := sign(x[j] - x[i])
			dy := sign(y[j] - y[i])
			switch {
			case dx == 0 && dy == 0:
				tiesX++
				tiesY++
			case dx == 0:
				tiesX++
			case dy == 0:
				tiesY++
			case dx == dy:
				concordant++
			default:
				discordant++
			}
		}
	}
	n0 := float64(n) * float64(n-1) / 2
	denom := math.Sqrt((n0 - tiesX) * (n0 - tiesY))
	if denom == 0 {
		return math.NaN()
	}
	return (concordant - discordant) / denom
}

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}
