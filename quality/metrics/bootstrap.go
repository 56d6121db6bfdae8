package metrics

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// Bootstrap defaults, as in sacreBLEU (SACREBLEU_SEED defaults to 12345).
const (
	DefaultSamples = 1000
	DefaultSeed    = 12345
)

// BootstrapOptions configure PairedBootstrap.
type BootstrapOptions struct {
	// Samples is the number of resamples (DefaultSamples when 0).
	Samples int
	// Seed fixes the resampling so that a comparison can be repeated
	// (DefaultSeed when 0).
	Seed uint64
}

func (o BootstrapOptions) withDefaults() BootstrapOptions {
	if o.Samples <= 0 {
		o.Samples = DefaultSamples
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	return o
}

// Estimate is a bootstrap estimate of a corpus score: the mean over
// resamples and the half-width of the 95% interval around it.
type Estimate struct {
	Mean float64 `json:"mean"`
	CI   float64 `json:"ci"`
}

// Comparison is the outcome of a paired bootstrap test of a system against
// a baseline on one metric.
type Comparison struct {
	Metric    string  `json:"metric"`
	Signature string  `json:"signature"`
	Baseline  float64 `json:"baseline"`
	System    float64 `json:"system"`
	// Delta is System - Baseline.
	Delta float64 `json:"delta"`
	// PValue is the probability of a difference at least this large if
	// the two systems were equally good.
	PValue         float64  `json:"p_value"`
	BaselineSample Estimate `json:"baseline_estimate"`
	SystemSample   Estimate `json:"system_estimate"`
	Samples        int      `json:"samples"`
	Seed           uint64   `json:"seed"`
	Segments       int      `json:"segments"`
}

// Significant reports whether the p-value is below alpha (e.g. 0.05).
func (c Comparison) Significant(alpha float64) bool { return c.PValue < alpha }

// PairedBootstrap tests whether sys differs from base on metric m, by
// sacreBLEU's paired bootstrap resampling (Koehn 2004; sacreBLEU's
// _paired_bs_test, after Moses' bootstrap-hypothesis-difference-
// significance.pl): both systems are rescored on the same Samples resamples
// of segments drawn with replacement; the absolute per-resample differences
// are centred on their mean, and the p-value is (c + 1) / (Samples + 1)
// where c counts centred differences above the observed absolute
// difference.
//
// The resampling uses Go's PCG generator, not NumPy's, so p-values match
// sacreBLEU's statistically, not digit for digit. One deliberate
// difference: when the systems score the same on every resample, the
// p-value is 1 (sacreBLEU's formula would report 1/(Samples+1)).
func PairedBootstrap(m Metric, base, sys []string, refs [][]string, opts BootstrapOptions) (Comparison, error) {
	if len(base) != len(sys) || len(base) != len(refs) {
		return Comparison{}, fmt.Errorf("%w (baseline %d, system %d, references %d)", ErrLength, len(base), len(sys), len(refs))
	}
	if len(base) == 0 {
		return Comparison{}, fmt.Errorf("metrics: no segments to compare")
	}
	baseSum, baseStats, _ := CorpusStats(m, base, refs)
	sysSum, sysStats, _ := CorpusStats(m, sys, refs)
	opts = opts.withDefaults()
	c := Comparison{
		Metric:    m.Name(),
		Signature: bootstrapSignature(m.Signature(NRefs(refs)), opts),
		Baseline:  m.ScoreStats(baseSum),
		System:    m.ScoreStats(sysSum),
		Samples:   opts.Samples,
		Seed:      opts.Seed,
		Segments:  len(base),
	}
	c.Delta = c.System - c.Baseline

	baseScores, sysScores := pairedResample(m, baseStats, sysStats, opts)
	c.BaselineSample = estimateCI(baseScores)
	c.SystemSample = estimateCI(sysScores)

	diffs := make([]float64, len(baseScores))
	mean := 0.0
	for i := range diffs {
		diffs[i] = math.Abs(sysScores[i] - baseScores[i])
		mean += diffs[i]
	}
	if mean == 0 {
		// The systems score the same on every resample (identical output,
		// or differences the metric cannot see). sacreBLEU's formula would
		// give its smallest p-value, 1/(Samples+1), here; no difference is
		// the opposite of a significant one.
		c.PValue = 1
		return c, nil
	}
	mean /= float64(len(diffs))
	observed := math.Abs(c.Delta)
	count := 0
	for _, d := range diffs {
		if d-mean > observed {
			count++
		}
	}
	c.PValue = float64(count+1) / float64(len(diffs)+1)
	return c, nil
}

// pairedResample scores both systems on the same resamples.
func pairedResample(m Metric, base, sys [][]int, opts BootstrapOptions) (baseScores, sysScores []float64) {
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	n := len(base)
	width := len(base[0])
	idx := make([]int, n)
	bsum := make([]int, width)
	ssum := make([]int, width)
	baseScores = make([]float64, opts.Samples)
	sysScores = make([]float64, opts.Samples)
	for s := range opts.Samples {
		for i := range idx {
			idx[i] = rng.IntN(n)
		}
		clear(bsum)
		clear(ssum)
		for _, i := range idx {
			for j, v := range base[i] {
				bsum[j] += v
			}
			for j, v := range sys[i] {
				ssum[j] += v
			}
		}
		baseScores[s] = m.ScoreStats(bsum)
		sysScores[s] = m.ScoreStats(ssum)
	}
	return baseScores, sysScores
}

// estimateCI is sacreBLEU's estimate_ci: the mean of the resampled scores
// and half the distance between the 2.5th and 97.5th order statistics.
func estimateCI(scores []float64) Estimate {
	s := slices.Clone(scores)
	slices.Sort(s)
	n := len(s)
	lower := n / 40
	upper := n - lower - 1
	return Estimate{Mean: Mean(s), CI: 0.5 * (s[upper] - s[lower])}
}

// bootstrapSignature inserts bs and seed after nrefs, where sacreBLEU puts
// them: "nrefs:1|bs:1000|seed:12345|case:mixed|...".
func bootstrapSignature(sig string, opts BootstrapOptions) string {
	extra := "|bs:" + strconv.Itoa(opts.Samples) + "|seed:" + strconv.FormatUint(opts.Seed, 10)
	for i := range len(sig) {
		if sig[i] == '|' {
			return sig[:i] + extra + sig[i:]
		}
	}
	return sig + extra
}
