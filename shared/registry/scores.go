package registry

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

// Scores are a version's offline evaluation results, read from a quality/
// evaluation report (`eval run -out DIR -name NAME` writes DIR/NAME.json).
type Scores struct {
	// TestSet and TestSetSHA256 identify what was evaluated; Run is the
	// report's config name.
	TestSet       string    `json:"test_set"`
	TestSetSHA256 string    `json:"test_set_sha256,omitempty"`
	Run           string    `json:"run"`
	EvaluatedAt   time.Time `json:"evaluated_at,omitzero"`
	Segments      int       `json:"segments"`
	Translated    int       `json:"translated"`
	ChrF          float64   `json:"chrf"`
	BLEU          float64   `json:"bleu"`
	// QE is the mean quality-estimation score, when the run had one.
	QE           *float64 `json:"qe,omitempty"`
	LatencyP90MS float64  `json:"latency_p90_ms"`
	// Pairs are per language pair ("en-es").
	Pairs []PairScore `json:"pairs,omitempty"`
	// ServedBy counts the translated segments per "backend/model" that
	// served them. The summary scores are of whatever served each
	// segment: a run whose model was down is scored on the fallback
	// rungs (Apertium), so Check refuses a version that served too few
	// of them. Nil in an entry stored before it was recorded.
	ServedBy map[string]int `json:"served_by,omitempty"`
}

// PairScore is one language pair's result.
type PairScore struct {
	Pair     string  `json:"pair"`
	Segments int     `json:"segments"`
	ChrF     float64 `json:"chrf"`
	BLEU     float64 `json:"bleu"`
}

// report is the part of quality's report layout (quality.Report,
// ReportVersion 1) the registry reads.
type report struct {
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	TestSet   struct {
		Name   string `json:"name"`
		SHA256 string `json:"sha256"`
	} `json:"test_set"`
	Runs []struct {
		Config struct {
			Name string `json:"name"`
		} `json:"config"`
		Segments []struct {
			Status  string `json:"status"`
			Backend string `json:"backend"`
			Model   string `json:"model"`
		} `json:"segments"`
		Summary struct {
			Segments   int `json:"segments"`
			Translated int `json:"translated"`
			ChrF       struct {
				Score float64 `json:"score"`
			} `json:"chrf"`
			BLEU struct {
				Score float64 `json:"score"`
			} `json:"bleu"`
			QE struct {
				Mean *float64 `json:"mean"`
			} `json:"qe"`
			Latency struct {
				P90 float64 `json:"p90"`
			} `json:"latency_ms"`
			ByPair []struct {
				Key      string  `json:"key"`
				Segments int     `json:"segments"`
				ChrF     float64 `json:"chrf"`
				BLEU     float64 `json:"bleu"`
			} `json:"by_pair"`
		} `json:"summary"`
	} `json:"runs"`
}

// ScoresFromReport reads the scores of the run named run (the only run
// when run is empty) from a quality/ evaluation report.
func ScoresFromReport(data []byte, run string) (*Scores, error) {
	var r report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("evaluation report: %w", err)
	}
	if r.Version != 1 {
		return nil, fmt.Errorf("evaluation report version %d: this registry reads version 1", r.Version)
	}
	var names []string
	for _, x := range r.Runs {
		names = append(names, x.Config.Name)
	}
	i := slices.Index(names, run)
	if run == "" && len(r.Runs) == 1 {
		i = 0
	}
	if i < 0 {
		return nil, fmt.Errorf("evaluation report has no run %q (runs: %s)", run, strings.Join(names, ", "))
	}
	x := r.Runs[i]
	if len(x.Segments) == 0 && x.Summary.Segments > 0 {
		// Without them nothing tells which engine the scores are of.
		return nil, fmt.Errorf("evaluation report run %q has no per-segment results: use the report eval run wrote", x.Config.Name)
	}
	s := &Scores{
		TestSet: r.TestSet.Name, TestSetSHA256: r.TestSet.SHA256, Run: x.Config.Name, EvaluatedAt: r.CreatedAt,
		Segments: x.Summary.Segments, Translated: x.Summary.Translated,
		ChrF: x.Summary.ChrF.Score, BLEU: x.Summary.BLEU.Score, QE: x.Summary.QE.Mean, LatencyP90MS: x.Summary.Latency.P90,
	}
	for _, p := range x.Summary.ByPair {
		s.Pairs = append(s.Pairs, PairScore{Pair: p.Key, Segments: p.Segments, ChrF: p.ChrF, BLEU: p.BLEU})
	}
	s.ServedBy = map[string]int{}
	for _, seg := range x.Segments {
		if seg.Status == api.StatusTranslated {
			s.ServedBy[servedKey(seg.Backend, seg.Model)]++
		}
	}
	return s, nil
}

func servedKey(backend, model string) string {
	if model == "" {
		return backend
	}
	return backend + "/" + model
}

// Served is how many of the evaluated segments e itself translated: a
// model's segments are those its backend served with its model; a
// prompt's, those its backend (any LLM backend for "*") served.
func (e Entry) Served() int {
	n := 0
	for k, c := range e.Offline.ServedBy {
		backend, model, _ := strings.Cut(k, "/")
		switch {
		case e.Kind == KindModel && backend == e.Backend && model == e.ModelName():
		case e.Kind == KindPrompt && (backend == e.Backend || e.Backend == "" && slices.Contains(Backends, backend)):
		default:
			continue
		}
		n += c
	}
	return n
}

// ServedSummary lists what translated the segments, most first:
// "apertium 30, ollama/qwen2.5:7b 2". Rungs without registered models
// (Apertium's language-pair modes) are counted per backend.
func (s *Scores) ServedSummary() string {
	by := map[string]int{}
	for k, n := range s.ServedBy {
		if backend, _, _ := strings.Cut(k, "/"); !slices.Contains(Backends, backend) {
			k = backend
		}
		by[k] += n
	}
	keys := slices.Collect(maps.Keys(by))
	slices.SortFunc(keys, func(a, b string) int {
		if c := by[b] - by[a]; c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, by[k]))
	}
	if len(parts) == 0 {
		return "nothing translated"
	}
	return strings.Join(parts, ", ")
}

// Thresholds are what a version's offline scores must reach before it is
// promoted to canary or production. A zero field is not checked.
type Thresholds struct {
	// MinSegments is the least number of evaluated segments.
	MinSegments int `json:"min_segments,omitempty"`
	// MinChrF and MinBLEU bound the corpus scores (0-100).
	MinChrF float64 `json:"min_chrf,omitempty"`
	MinBLEU float64 `json:"min_bleu,omitempty"`
	// MinPairChrF bounds every evaluated pair among the version's
	// languages; with RequirePairs, every two of its languages must have
	// been evaluated in at least one direction.
	MinPairChrF  float64 `json:"min_pair_chrf,omitempty"`
	RequirePairs bool    `json:"require_pairs,omitempty"`
	// MinQE bounds the mean quality-estimation score.
	MinQE float64 `json:"min_qe,omitempty"`
	// MinTranslated is the least share (0-1) of segments translated
	// rather than served as the original, and of segments translated by
	// the version itself rather than by another rung.
	MinTranslated float64 `json:"min_translated,omitempty"`
	// MaxLatencyP90MS bounds the 90th percentile latency.
	MaxLatencyP90MS float64 `json:"max_latency_p90_ms,omitempty"`
}

// DefaultThresholds are the thresholds when none are configured.
var DefaultThresholds = Thresholds{MinSegments: 50, MinChrF: 40, MinPairChrF: 30, MinTranslated: 0.9}

// Validate reports thresholds no score can be compared with: a negative
// bound (which would pass everything while looking like a gate), a share
// above 1 (min_translated 90 meant 0.9) or a score bound above 100.
func (t Thresholds) Validate() error {
	bad := func(field string, v float64, want string) error {
		return api.FieldError(api.CodeInvalidArgument, field, "threshold %s %v: want %s", field, v, want)
	}
	if t.MinSegments < 0 {
		return bad("min_segments", float64(t.MinSegments), "0 or more")
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"min_chrf", t.MinChrF}, {"min_bleu", t.MinBLEU}, {"min_pair_chrf", t.MinPairChrF}, {"min_qe", t.MinQE}} {
		if !(f.v >= 0 && f.v <= 100) {
			return bad(f.name, f.v, "0 to 100")
		}
	}
	if !(t.MinTranslated >= 0 && t.MinTranslated <= 1) {
		return bad("min_translated", t.MinTranslated, "a share from 0 to 1")
	}
	if !(t.MaxLatencyP90MS >= 0) {
		return bad("max_latency_p90_ms", t.MaxLatencyP90MS, "0 (no bound) or more")
	}
	return nil
}

// Check returns why e's offline scores fail t (nil when they pass).
func (t Thresholds) Check(e Entry) []string {
	s := e.Offline
	if s == nil {
		return []string{"no offline evaluation: evaluate it (quality/ eval run -out DIR -name NAME), then add the version with --report DIR/NAME.json"}
	}
	var why []string
	fail := func(format string, args ...any) { why = append(why, fmt.Sprintf(format, args...)) }
	if s.Segments < t.MinSegments {
		fail("evaluated on %d segments, fewer than %d", s.Segments, t.MinSegments)
	}
	if s.ChrF < t.MinChrF {
		fail("chrF %.2f below %.2f", s.ChrF, t.MinChrF)
	}
	if s.BLEU < t.MinBLEU {
		fail("BLEU %.2f below %.2f", s.BLEU, t.MinBLEU)
	}
	if t.MinQE > 0 && (s.QE == nil || *s.QE < t.MinQE) {
		if s.QE == nil {
			fail("no quality-estimation score (minimum %.1f)", t.MinQE)
		} else {
			fail("mean quality estimation %.1f below %.1f", *s.QE, t.MinQE)
		}
	}
	if t.MinTranslated > 0 && s.Segments > 0 && float64(s.Translated)/float64(s.Segments) < t.MinTranslated {
		fail("translated %d of %d segments, below %.0f %%", s.Translated, s.Segments, 100*t.MinTranslated)
	}
	if s.ServedBy != nil && s.Segments > 0 {
		// The scores are of whatever served the segments; a version that
		// served none (its model was not running, every segment fell
		// back to Apertium) or too few has no scores of its own. With
		// min_translated off, only the first case is refused.
		served, what := e.Served(), e.Backend+"/"+e.ModelName()
		if e.Kind == KindPrompt {
			what = e.Backend
			if what == "" {
				what = strings.Join(Backends, " or ")
			}
		}
		switch {
		case served == 0:
			fail("no evaluated segment was translated by %s (served by: %s): the scores are another engine's", what, s.ServedSummary())
		case t.MinTranslated > 0 && served < s.Translated && float64(served)/float64(s.Segments) < t.MinTranslated:
			// (served == Translated: the translated gate above said it.)
			fail("%s translated %d of %d evaluated segments, below %.0f %% (served by: %s)", what, served, s.Segments, 100*t.MinTranslated, s.ServedSummary())
		}
	}
	if t.MaxLatencyP90MS > 0 && s.LatencyP90MS > t.MaxLatencyP90MS {
		fail("p90 latency %.0f ms above %.0f ms", s.LatencyP90MS, t.MaxLatencyP90MS)
	}
	evaluated := map[string]PairScore{}
	for _, p := range s.Pairs {
		evaluated[p.Pair] = p
		src, tgt, _ := strings.Cut(p.Pair, "-")
		if e.Serves(src, tgt) && t.MinPairChrF > 0 && p.ChrF < t.MinPairChrF {
			fail("pair %s chrF %.2f below %.2f", p.Pair, p.ChrF, t.MinPairChrF)
		}
	}
	if t.RequirePairs {
		for i, a := range e.Languages {
			for _, b := range e.Languages[i+1:] {
				a, b := api.Base(a), api.Base(b)
				_, ab := evaluated[a+"-"+b]
				_, ba := evaluated[b+"-"+a]
				if a != b && !ab && !ba {
					fail("pair %s-%s not evaluated in either direction", a, b)
				}
			}
		}
	}
	if math.IsNaN(s.ChrF) {
		fail("chrF is undefined")
	}
	return why
}
