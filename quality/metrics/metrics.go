// Package metrics computes the reference-based translation metrics that
// sacreBLEU 2.6.0 computes, number for number: chrF, chrF++ and BLEU (13a
// tokenizer, the four smoothing methods, effective order), at sentence and
// corpus level, with sacreBLEU-style signatures; paired bootstrap
// resampling to compare two systems; and the agreement statistics the
// evaluation harness reports (Kendall's tau-b, Pearson's r, percentiles).
//
// Every metric works on per-segment sufficient statistics (integer counts)
// that sum over a corpus, exactly as sacreBLEU does: a corpus score is the
// score of the summed statistics, not a mean of sentence scores, and the
// bootstrap resamples statistics rather than re-reading text.
//
// References are given per segment: refs[i] holds the references of
// segment i (sacreBLEU's API takes reference streams, refs[k][i]; the
// transposition is the only difference). Empty references are ignored, as
// sacreBLEU ignores them, so segments may have different numbers of
// references ("nrefs:var" in the signature).
package metrics

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Version is the sacreBLEU release whose behaviour this package reproduces;
// it is the version field of every signature, so that a number computed
// here can be compared with one computed by sacreBLEU.
const Version = "2.6.0"

// Metric is a corpus metric computed from summed per-segment statistics.
// CHRF and BLEU implement it; PairedBootstrap works on any Metric.
type Metric interface {
	// Name is the score's name as sacreBLEU prints it ("chrF2", "BLEU").
	Name() string
	// Stats returns the sufficient statistics of one segment. Vectors of
	// different segments have the same length and add up element-wise.
	Stats(hyp string, refs []string) []int
	// ScoreStats turns (summed) statistics into a score in [0, 100].
	ScoreStats(stats []int) float64
	// Signature describes the settings, sacreBLEU style, for nrefs
	// references per segment (a number, or "var").
	Signature(nrefs string) string
}

// Score is a metric value with its name and signature.
type Score struct {
	Name      string  `json:"name"`
	Score     float64 `json:"score"`
	Signature string  `json:"signature"`
}

// String formats a score as sacreBLEU's text output does:
// "chrF2|nrefs:1|case:mixed|...|version:2.6.0 = 59.67".
func (s Score) String() string {
	return s.Name + "|" + s.Signature + " = " + strconv.FormatFloat(s.Score, 'f', 2, 64)
}

// ErrLength is returned when hypotheses and references differ in number.
var ErrLength = errors.New("metrics: hypotheses and references differ in number")

// CorpusStats returns the summed statistics of a corpus and the per-segment
// statistics (what a bootstrap resamples).
func CorpusStats(m Metric, hyps []string, refs [][]string) (sum []int, segments [][]int, err error) {
	if len(hyps) != len(refs) {
		return nil, nil, fmt.Errorf("%w (%d and %d)", ErrLength, len(hyps), len(refs))
	}
	segments = make([][]int, len(hyps))
	for i, h := range hyps {
		segments[i] = m.Stats(h, refs[i])
		if sum == nil {
			sum = make([]int, len(segments[i]))
		}
		for j, v := range segments[i] {
			sum[j] += v
		}
	}
	return sum, segments, nil
}

// Corpus scores a whole corpus with m: the score of the summed statistics.
func Corpus(m Metric, hyps []string, refs [][]string) (Score, error) {
	sum, _, err := CorpusStats(m, hyps, refs)
	if err != nil {
		return Score{}, err
	}
	if sum == nil {
		// No segments: the statistics of an empty hypothesis are all zero.
		sum = m.Stats("", nil)
	}
	return Score{Name: m.Name(), Score: m.ScoreStats(sum), Signature: m.Signature(NRefs(refs))}, nil
}

// Sentence scores one segment with m.
func Sentence(m Metric, hyp string, refs []string) Score {
	return Score{Name: m.Name(), Score: m.ScoreStats(m.Stats(hyp, refs)), Signature: m.Signature(NRefs([][]string{refs}))}
}

// NRefs is the signature's nrefs value: the number of (non-empty)
// references per segment, or "var" when segments differ.
func NRefs(refs [][]string) string {
	n := -1
	for _, r := range refs {
		k := len(usableRefs(r))
		if n >= 0 && k != n {
			return "var"
		}
		n = k
	}
	if n < 0 {
		n = 0
	}
	return strconv.Itoa(n)
}

// usableRefs drops empty references but keeps at least one (an empty one),
// as sacreBLEU does when caching references.
func usableRefs(refs []string) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		if r != "" {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		out = append(out, "")
	}
	return out
}

// signature joins key:value pairs with "|" in the given order.
func signature(pairs ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(pairs[i])
		b.WriteByte(':')
		b.WriteString(pairs[i+1])
	}
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
