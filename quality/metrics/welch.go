package metrics

import "github.com/parley-chat/parley/shared/stats"

// The experiment statistics live in shared/stats, so that the guardrails
// in the translate service and quality/'s reports share one
// implementation; these names keep quality/'s callers unchanged.

// Sample summarizes independent observations of one quantity (stats.Sample).
type Sample = stats.Sample

// Welch is the result of Welch's unequal-variance t-test (stats.Welch).
type Welch = stats.Welch

// Proportion is a share with its 95 % Wilson score interval (stats.Proportion).
type Proportion = stats.Proportion

// Summarize computes a Sample of xs.
func Summarize(xs []float64) Sample { return stats.Summarize(xs) }

// WelchTest compares two samples (see stats.WelchTest).
func WelchTest(a, b Sample) Welch { return stats.WelchTest(a, b) }

// StudentTSF is the upper tail P(T > t) of Student's t with df degrees of
// freedom, for t >= 0.
func StudentTSF(t, df float64) float64 { return stats.StudentTSF(t, df) }

// TQuantile is the p-quantile (0.5 < p < 1) of Student's t with df
// degrees of freedom.
func TQuantile(p, df float64) float64 { return stats.TQuantile(p, df) }

// RegIncBeta is the regularized incomplete beta function I_x(a, b).
func RegIncBeta(a, b, x float64) float64 { return stats.RegIncBeta(a, b, x) }

// Wilson computes count of n as a Proportion.
func Wilson(count, n int) Proportion { return stats.Wilson(count, n) }

// TwoProportionP is the two-sided p-value of the pooled z-test that two
// proportions are equal (1 when undefined).
func TwoProportionP(a, b Proportion) float64 { return stats.TwoProportionP(a, b) }
