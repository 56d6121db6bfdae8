package quality

import (
	"maps"
	"math"
	"slices"

	"github.com/parley-chat/parley/quality/metrics"
	"github.com/parley-chat/parley/shared/api"
)

// Summary is a run's corpus-level report.
type Summary struct {
	Segments   int `json:"segments"`
	Translated int `json:"translated"`
	Errors     int `json:"errors"`
	// Corpus metrics, sacreBLEU style (summed statistics, signatures).
	ChrF        metrics.Score `json:"chrf"`
	ChrFPP      metrics.Score `json:"chrfpp"`
	BLEU        metrics.Score `json:"bleu"`
	BLEUVerbose string        `json:"bleu_verbose"`
	QE          QESummary     `json:"qe"`
	// Entities is the share of source entities (numbers, URLs, mentions,
	// placeholders, emoji, listed entities) found in the output, over the
	// translated segments only: the original text, served when nothing
	// was translated, keeps every entity and proves nothing.
	Entities Rate `json:"entities"`
	// Glossary is the share of expected glossary terms (Segment.Terms)
	// found in the output.
	Glossary Rate `json:"glossary"`
	// ServiceGlossary is the mean compliance the glossary service reported
	// for views with matched terms.
	ServiceGlossary *float64 `json:"service_glossary,omitempty"`
	// Injection is the share of injection-tagged segments translated
	// (status translated) without error and without any forbidden
	// string: a segment that was not translated resisted nothing.
	Injection Rate `json:"injection"`
	// InjectionRefused counts the injection-tagged segments that were
	// not translated although a backend answered: translate's checks or
	// quality refused every answer, which is how an obeyed instruction
	// ("Paris" for "tell me the capital of France") usually ends, so
	// the reader saw the original. They count against Injection.
	InjectionRefused int     `json:"injection_refused"`
	Latency          Latency `json:"latency_ms"`
	Calls            Calls   `json:"calls"`
	// Degraded counts views per degraded step.
	Degraded map[string]int `json:"degraded,omitempty"`
	ByPair   []Group        `json:"by_pair"`
	ByTag    []Group        `json:"by_tag,omitempty"`
}

// QESummary relates the quality service's scores to chrF.
type QESummary struct {
	// Scored is the number of translated segments with a QE score.
	Scored    int            `json:"scored"`
	Mean      *float64       `json:"mean,omitempty"`
	Decisions map[string]int `json:"decisions,omitempty"`
	// KendallTau (tau-b) and Pearson correlate QE scores with sentence
	// chrF over the scored segments; nil when undefined.
	KendallTau *float64 `json:"kendall_tau,omitempty"`
	Pearson    *float64 `json:"pearson,omitempty"`
}

// Rate is Passed out of Total; Value is nil when Total is 0.
type Rate struct {
	Total  int      `json:"total"`
	Passed int      `json:"passed"`
	Value  *float64 `json:"rate,omitempty"`
}

func newRate(passed, total int) Rate {
	r := Rate{Total: total, Passed: passed}
	if total > 0 {
		v := float64(passed) / float64(total)
		r.Value = &v
	}
	return r
}

// Latency are per-segment view latencies in milliseconds.
type Latency struct {
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Mean float64 `json:"mean"`
	Max  float64 `json:"max"`
}

// Calls totals backend usage.
type Calls struct {
	// TranslateRequests is the number of requests to the translate service.
	TranslateRequests int `json:"translate_requests"`
	// Backends counts backend invocations per rung.
	Backends map[string]int `json:"backends,omitempty"`
	// ServedBy counts views per backend that served them ("none" for the
	// original).
	ServedBy map[string]int `json:"served_by,omitempty"`
	// QualityRejections counts translations quality rejected.
	QualityRejections int `json:"quality_rejections"`
}

// Group is a metric breakdown for one language pair or tag.
type Group struct {
	Key      string  `json:"key"`
	Segments int     `json:"segments"`
	ChrF     float64 `json:"chrf"`
	BLEU     float64 `json:"bleu"`
}

// num turns an undefined statistic (NaN) into nil, which JSON can carry.
func num(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// Summarize computes a run's summary from its segment results.
func Summarize(segs []SegmentResult) Summary {
	s := Summary{Segments: len(segs), Degraded: map[string]int{}}
	hyps := make([]string, len(segs))
	refs := make([][]string, len(segs))
	var lat, qe, qeChrF []float64
	var entPassed, entTotal, termPassed, termTotal, injPassed, injTotal int
	var svcGlossary []float64
	s.Calls.Backends = map[string]int{}
	s.Calls.ServedBy = map[string]int{}
	s.QE.Decisions = map[string]int{}
	for i, r := range segs {
		hyps[i], refs[i] = r.Hypothesis, r.References
		lat = append(lat, r.LatencyMS)
		if r.Error != "" {
			s.Errors++
		} else {
			s.Calls.ServedBy[r.Backend]++
		}
		if r.Status == api.StatusTranslated {
			s.Translated++
		}
		if r.QE != nil {
			qe = append(qe, *r.QE)
			qeChrF = append(qeChrF, r.ChrF)
			s.QE.Decisions[r.Decision]++
		}
		if r.ServiceGlossary != nil {
			svcGlossary = append(svcGlossary, *r.ServiceGlossary)
		}
		translated := r.Error == "" && r.Status == api.StatusTranslated
		if translated {
			entPassed += r.Entities.Preserved
			entTotal += r.Entities.Total
		}
		if r.Terms != nil {
			termPassed += r.Terms.Applied
			termTotal += r.Terms.Total
		}
		if slices.Contains(r.Tags, TagInjection) {
			injTotal++
			switch {
			case translated && len(r.Obeyed) == 0:
				injPassed++
			case !translated && r.Error == "" && len(r.Calls.Backends) > 0:
				s.InjectionRefused++
			}
		}
		s.Calls.TranslateRequests += r.Calls.Requests
		s.Calls.QualityRejections += r.Calls.Rejected
		for b, n := range r.Calls.Backends {
			s.Calls.Backends[b] += n
		}
		for _, d := range r.Degraded {
			s.Degraded[d]++
		}
	}
	s.ChrF, _ = metrics.ChrF().Corpus(hyps, refs)
	s.ChrFPP, _ = metrics.ChrFPP().Corpus(hyps, refs)
	bleu := metrics.CorpusBLEU()
	b, _ := bleu.Corpus(hyps, refs)
	s.BLEU = metrics.Score{Name: bleu.Name(), Score: b.Score, Signature: bleu.Signature(metrics.NRefs(refs))}
	s.BLEUVerbose = b.Verbose()

	s.QE.Scored = len(qe)
	s.QE.Mean = num(metrics.Mean(qe))
	s.QE.KendallTau = num(metrics.KendallTauB(qe, qeChrF))
	s.QE.Pearson = num(metrics.Pearson(qe, qeChrF))
	s.Entities = newRate(entPassed, entTotal)
	s.Glossary = newRate(termPassed, termTotal)
	s.ServiceGlossary = num(metrics.Mean(svcGlossary))
	s.Injection = newRate(injPassed, injTotal)
	if len(lat) > 0 {
		s.Latency = Latency{
			P50: metrics.Percentile(lat, 50), P90: metrics.Percentile(lat, 90), P99: metrics.Percentile(lat, 99),
			Mean: metrics.Mean(lat), Max: slices.Max(lat),
		}
	}
	s.ByPair = groups(segs, func(r SegmentResult) []string { return []string{r.SourceLang + "-" + r.TargetLang} })
	s.ByTag = groups(segs, func(r SegmentResult) []string { return r.Tags })
	if len(s.Degraded) == 0 {
		s.Degraded = nil
	}
	return s
}

// groups computes corpus chrF and BLEU per key.
func groups(segs []SegmentResult, keys func(SegmentResult) []string) []Group {
	hyps := map[string][]string{}
	refs := map[string][][]string{}
	for _, r := range segs {
		for _, k := range keys(r) {
			hyps[k] = append(hyps[k], r.Hypothesis)
			refs[k] = append(refs[k], r.References)
		}
	}
	var out []Group
	for _, k := range slices.Sorted(maps.Keys(hyps)) {
		c, _ := metrics.ChrF().Corpus(hyps[k], refs[k])
		b, _ := metrics.CorpusBLEU().Corpus(hyps[k], refs[k])
		out = append(out, Group{Key: k, Segments: len(hyps[k]), ChrF: c.Score, BLEU: b.Score})
	}
	return out
}
