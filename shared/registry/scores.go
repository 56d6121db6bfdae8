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
	// of them. Nil in an entry stored before it was recorded, and when
	// nothing was translated (an empty map does not survive the store).
	ServedBy map[string]int `json:"served_by,omitempty"`
	// Tally counts the run's segments per language pair, outcome, engine
	// and prompt. The gates read it to judge a version on the pairs it
	// serves and on the segments it (model, or prompt) translated itself:
	// a report is usually wider than one version. Nil in an entry stored
	// before it was recorded: the gates then read the run's totals, and
	// no segment counts as a prompt's.
	Tally []Tally `json:"tally,omitempty"`
}

// PairScore is one language pair's result.
type PairScore struct {
	// Pair is the report's key ("en-es", "pt-BR-en"); Source and Target
	// its base languages (empty in an entry stored before they were
	// recorded: they are then read from Pair).
	Pair     string  `json:"pair"`
	Source   string  `json:"source,omitempty"`
	Target   string  `json:"target,omitempty"`
	Segments int     `json:"segments"`
	ChrF     float64 `json:"chrf"`
	BLEU     float64 `json:"bleu"`
}

// langs returns the pair's base languages.
func (p PairScore) langs() (source, target string) {
	if p.Source != "" && p.Target != "" {
		return p.Source, p.Target
	}
	// Recorded before Source and Target: a base pair "en-es" splits at
	// its dash (a regional key such as "pt-BR-en" cannot be told apart,
	// and then matches no version).
	source, target, _ = strings.Cut(p.Pair, "-")
	return source, target
}

// Tally is how many segments of one language pair of a run ended alike.
type Tally struct {
	// Source and Target are base languages ("en", "es").
	Source string `json:"source"`
	Target string `json:"target"`
	// Status is the view's status (api.StatusTranslated, ...).
	Status string `json:"status"`
	// Backend and Model served a translated segment, and Prompt is the
	// template the backend rendered ("chat-translate@4"; empty for a
	// backend without prompts, or a report that did not record it).
	Backend  string `json:"backend,omitempty"`
	Model    string `json:"model,omitempty"`
	Prompt   string `json:"prompt,omitempty"`
	Segments int    `json:"segments"`
	// QESum is the sum of the QEScored segments' quality estimates.
	QESum    float64 `json:"qe_sum,omitempty"`
	QEScored int     `json:"qe_scored,omitempty"`
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
			ID         string `json:"id"`
			SourceLang string `json:"source_lang"`
			TargetLang string `json:"target_lang"`
			Status     string `json:"status"`
			Backend    string `json:"backend"`
			Model      string `json:"model"`
			// PromptID and PromptVersion are the template an LLM
			// rendered (absent from reports written before they were
			// recorded).
			PromptID      string   `json:"prompt_id"`
			PromptVersion int      `json:"prompt_version"`
			QE            *float64 `json:"qe"`
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
	// The report keys its pairs "source_lang-target_lang" as the
	// segments spell them; the segments say which base languages a key
	// is, even for regional tags ("pt-BR-en").
	pairLangs := map[string][2]string{}
	// Keyed by the tally with its counts still zero.
	tally := map[Tally]*Tally{}
	s.ServedBy = map[string]int{}
	for _, seg := range x.Segments {
		if seg.SourceLang == "" || seg.TargetLang == "" {
			return nil, fmt.Errorf("evaluation report run %q: segment %q has no source_lang or target_lang: use the report eval run wrote", x.Config.Name, seg.ID)
		}
		src, tgt := api.Base(seg.SourceLang), api.Base(seg.TargetLang)
		pairLangs[seg.SourceLang+"-"+seg.TargetLang] = [2]string{src, tgt}
		k := Tally{Source: src, Target: tgt, Status: seg.Status}
		if seg.Status == api.StatusTranslated {
			s.ServedBy[servedKey(seg.Backend, seg.Model)]++
			k.Backend, k.Model = seg.Backend, seg.Model
			if seg.PromptID != "" {
				k.Prompt = fmt.Sprintf("%s@%d", seg.PromptID, seg.PromptVersion)
			}
		}
		t := tally[k]
		if t == nil {
			t = &k
			tally[k] = t
		}
		t.Segments++
		if seg.QE != nil {
			t.QESum += *seg.QE
			t.QEScored++
		}
	}
	for _, t := range tally {
		s.Tally = append(s.Tally, *t)
	}
	slices.SortFunc(s.Tally, func(a, b Tally) int {
		return strings.Compare(a.key(), b.key())
	})
	for _, p := range x.Summary.ByPair {
		ps := PairScore{Pair: p.Key, Segments: p.Segments, ChrF: p.ChrF, BLEU: p.BLEU}
		if l, ok := pairLangs[p.Key]; ok {
			ps.Source, ps.Target = l[0], l[1]
		}
		s.Pairs = append(s.Pairs, ps)
	}
	return s, nil
}

// key orders tallies (stable JSON for equal reports).
func (t Tally) key() string {
	return strings.Join([]string{t.Source, t.Target, t.Status, t.Backend, t.Model, t.Prompt}, "\x00")
}

func servedKey(backend, model string) string {
	if model == "" {
		return backend
	}
	return backend + "/" + model
}

// Served is how many of the evaluated segments of the pairs e serves it
// translated itself: a model's are those its backend served with its
// model; a prompt's, those its backend (any LLM backend for "*") served
// rendering its template. A report that did not record the prompt per
// segment counts none as a prompt's: any prompt may have served them.
func (e Entry) Served() int {
	if e.Offline == nil {
		return 0
	}
	return e.own().served
}

// servedBy reports whether a translated segment of backend and model,
// rendered with prompt, is e's own.
func (e Entry) servedBy(backend, model, prompt string) bool {
	switch e.Kind {
	case KindModel:
		return backend == e.Backend && model == e.ModelName()
	case KindPrompt:
		return prompt == e.PromptRef() && (backend == e.Backend || e.Backend == "" && slices.Contains(Backends, backend))
	}
	return false
}

// ownScores are e's offline scores as the gates read them: restricted to
// the language pairs e serves, and attributed to e.
type ownScores struct {
	segments, translated, served int
	chrF, bleu                   float64
	qe                           *float64
	// pairs are the evaluated pairs e serves, outside those it does not
	// (their report keys).
	pairs   []PairScore
	outside []string
	// servedBy counts what translated the segments of e's pairs, by
	// summary key (for the reasons).
	servedBy map[string]int
	// tallied is false for an entry stored before Tally was recorded.
	tallied bool
}

// own computes e's own scores from e.Offline (which must not be nil).
func (e Entry) own() ownScores {
	s := e.Offline
	o := ownScores{servedBy: map[string]int{}, tallied: s.Tally != nil}
	for _, p := range s.Pairs {
		if src, tgt := p.langs(); e.Serves(src, tgt) {
			o.pairs = append(o.pairs, p)
		} else {
			o.outside = append(o.outside, p.Pair)
		}
	}
	// The corpus scores are the run's when every evaluated pair is e's;
	// otherwise the segment-weighted mean of e's pairs' corpus scores
	// (the report has no n-gram statistics to recompute a corpus score
	// over a subset).
	o.chrF, o.bleu = s.ChrF, s.BLEU
	if len(o.outside) > 0 {
		o.chrF, o.bleu = 0, 0
		n := 0
		for _, p := range o.pairs {
			o.chrF += p.ChrF * float64(p.Segments)
			o.bleu += p.BLEU * float64(p.Segments)
			n += p.Segments
		}
		if n > 0 {
			o.chrF, o.bleu = o.chrF/float64(n), o.bleu/float64(n)
		}
	}
	if o.tallied {
		var qeSum float64
		var qeN int
		for _, t := range s.Tally {
			if !e.Serves(t.Source, t.Target) {
				continue
			}
			o.segments += t.Segments
			qeSum, qeN = qeSum+t.QESum, qeN+t.QEScored
			if t.Status != api.StatusTranslated {
				continue
			}
			o.translated += t.Segments
			o.servedBy[e.summaryKey(t.Backend, t.Model, t.Prompt)] += t.Segments
			if e.servedBy(t.Backend, t.Model, t.Prompt) {
				o.served += t.Segments
			}
		}
		if qeN > 0 {
			m := qeSum / float64(qeN)
			o.qe = &m
		}
		return o
	}
	// Stored before Tally: the run's totals, less the segments of pairs
	// outside e's languages where the pairs tell them. Which engine
	// served which pair is unknown, and no prompt was recorded.
	o.segments, o.translated, o.qe = s.Segments, s.Translated, s.QE
	if len(o.outside) > 0 {
		o.segments = 0
		for _, p := range o.pairs {
			o.segments += p.Segments
		}
		o.translated = min(o.translated, o.segments)
	}
	for k, c := range s.ServedBy {
		backend, model, _ := strings.Cut(k, "/")
		o.servedBy[e.summaryKey(backend, model, "")] += c
		if e.servedBy(backend, model, "") {
			o.served += c
		}
	}
	o.served = min(o.served, o.translated)
	return o
}

// summaryKey names what served a segment in the reasons: "backend/model"
// for an LLM rung (with the prompt for a prompt entry), the backend alone
// for rungs without registered models (Apertium's language-pair modes).
func (e Entry) summaryKey(backend, model, prompt string) string {
	if !slices.Contains(Backends, backend) {
		return backend
	}
	k := servedKey(backend, model)
	if e.Kind == KindPrompt {
		if prompt == "" {
			prompt = "prompt not recorded"
		}
		k += " " + prompt
	}
	return k
}

// summary lists what translated the segments, most first.
func summary(by map[string]int) string {
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

// ServedSummary lists what translated the run's segments, most first:
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
	return summary(by)
}

// Thresholds are what a version's offline scores must reach before it is
// promoted to canary or production. A zero field is not checked. Every
// field is written, zero or not: a promotion's history keeps the
// thresholds it passed, and a gate that was off must read as off there,
// not as left at its default.
type Thresholds struct {
	// Every gate reads the segments of the pairs the version serves
	// (both languages among its Languages): a report's other pairs say
	// nothing about it.
	//
	// MinSegments is the least number of evaluated segments.
	MinSegments int `json:"min_segments"`
	// MinChrF and MinBLEU bound the corpus scores (0-100).
	MinChrF float64 `json:"min_chrf"`
	MinBLEU float64 `json:"min_bleu"`
	// MinPairChrF bounds every evaluated pair among the version's
	// languages; with RequirePairs, every pair the routing would send it
	// (each direction between two of its languages) must have been
	// evaluated: a promotion never routes a pair nobody scored.
	MinPairChrF  float64 `json:"min_pair_chrf"`
	RequirePairs bool    `json:"require_pairs"`
	// MinQE bounds the mean quality-estimation score.
	MinQE float64 `json:"min_qe"`
	// MinTranslated is the least share (0-1) of segments translated
	// rather than served as the original, and of segments translated by
	// the version itself rather than by another rung.
	MinTranslated float64 `json:"min_translated"`
	// MaxLatencyP90MS bounds the 90th percentile latency.
	MaxLatencyP90MS float64 `json:"max_latency_p90_ms"`
}

// DefaultThresholds are the thresholds when none are configured.
var DefaultThresholds = Thresholds{MinSegments: 50, MinChrF: 40, MinPairChrF: 30, RequirePairs: true, MinTranslated: 0.9}

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

// Check returns why e's offline scores fail t (nil when they pass). The
// scores are judged on the pairs e serves, and on the segments e itself
// translated (see Served).
func (t Thresholds) Check(e Entry) []string {
	s := e.Offline
	if s == nil {
		return []string{"no offline evaluation: evaluate it (quality/ eval run -out DIR -name NAME), then add the version with --report DIR/NAME.json"}
	}
	o := e.own()
	var why []string
	fail := func(format string, args ...any) { why = append(why, fmt.Sprintf(format, args...)) }
	// The report had pairs the version does not serve: say that the
	// numbers are of its own.
	on := ""
	if len(o.outside) > 0 {
		on = " on its own pairs"
	}
	if o.segments < t.MinSegments {
		fail("evaluated on %d segments%s, fewer than %d", o.segments, on, t.MinSegments)
	}
	if o.chrF < t.MinChrF {
		fail("chrF%s %.2f below %.2f", on, o.chrF, t.MinChrF)
	}
	if o.bleu < t.MinBLEU {
		fail("BLEU%s %.2f below %.2f", on, o.bleu, t.MinBLEU)
	}
	if t.MinQE > 0 && (o.qe == nil || *o.qe < t.MinQE) {
		if o.qe == nil {
			fail("no quality-estimation score (minimum %.1f)", t.MinQE)
		} else {
			fail("mean quality estimation%s %.1f below %.1f", on, *o.qe, t.MinQE)
		}
	}
	if t.MinTranslated > 0 && o.segments > 0 && float64(o.translated)/float64(o.segments) < t.MinTranslated {
		fail("translated %d of %d segments%s, below %.0f %%", o.translated, o.segments, on, 100*t.MinTranslated)
	}
	if o.segments > 0 {
		// The scores are of whatever served the segments; a version that
		// served none (its model was not running and every segment fell
		// back to Apertium, the run used another prompt, or nothing was
		// translated at all) or too few has no scores of its own. With
		// min_translated off, only the first case is refused. Whether
		// the store kept an empty served_by does not matter: the count
		// is what is checked.
		what := e.servedWhat()
		switch {
		case o.served == 0:
			fail("%s", e.notServed(o, what))
		case t.MinTranslated > 0 && o.served < o.translated && float64(o.served)/float64(o.segments) < t.MinTranslated:
			// (served == translated: the translated gate above said it.)
			fail("%s translated %d of %d evaluated segments%s, below %.0f %% (served by: %s)", what, o.served, o.segments, on, 100*t.MinTranslated, summary(o.servedBy))
		}
	}
	if t.MaxLatencyP90MS > 0 && s.LatencyP90MS > t.MaxLatencyP90MS {
		fail("p90 latency %.0f ms above %.0f ms", s.LatencyP90MS, t.MaxLatencyP90MS)
	}
	for _, p := range o.pairs {
		if t.MinPairChrF > 0 && p.ChrF < t.MinPairChrF {
			fail("pair %s chrF %.2f below %.2f", p.Pair, p.ChrF, t.MinPairChrF)
		}
	}
	if t.RequirePairs {
		if missing := e.unevaluated(); len(missing) > 0 {
			fail("pairs it would serve were not evaluated: %s (evaluate them, or register the version with fewer -languages)", strings.Join(missing, ", "))
		}
	}
	if math.IsNaN(o.chrF) {
		fail("chrF is undefined")
	}
	return why
}

// servedWhat names the engine whose segments count as e's:
// "ollama/qwen2.5:7b", "ollama or openai with chat-translate@2".
func (e Entry) servedWhat() string {
	if e.Kind != KindPrompt {
		return e.Backend + "/" + e.ModelName()
	}
	what := e.Backend
	if what == "" {
		what = strings.Join(Backends, " or ")
	}
	return what + " with " + e.PromptRef()
}

// notServed says why none of the evaluated segments counts as e's.
func (e Entry) notServed(o ownScores, what string) string {
	switch {
	case e.Kind == KindPrompt && !o.tallied:
		return fmt.Sprintf("the scores do not record which prompt translated each segment (a report written before prompts were recorded): no segment counts as %s's; evaluate again and register the new report", e.PromptRef())
	case e.Kind == KindModel && !o.tallied && o.translated > 0 && len(e.Offline.ServedBy) == 0:
		return fmt.Sprintf("the scores do not record which engine translated each segment (a report written before engines were recorded): no segment counts as %s's; evaluate again and register the new report", what)
	case e.Kind == KindPrompt:
		return fmt.Sprintf("no evaluated segment was translated by %s (served by: %s): the scores are another prompt's or engine's", what, summary(o.servedBy))
	}
	return fmt.Sprintf("no evaluated segment was translated by %s (served by: %s): the scores are another engine's", what, summary(o.servedBy))
}

// unevaluated lists the pairs the routing would send e ("en-ja", each
// direction between two of its languages) that its scores have no
// segment of.
func (e Entry) unevaluated() []string {
	evaluated := map[string]bool{}
	if e.Offline != nil {
		for _, p := range e.Offline.Pairs {
			if src, tgt := p.langs(); p.Segments > 0 {
				evaluated[api.Base(src)+"-"+api.Base(tgt)] = true
			}
		}
	}
	var langs, missing []string
	for _, l := range e.Languages {
		if l = api.Base(l); !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	for _, a := range langs {
		for _, b := range langs {
			if a != b && !evaluated[a+"-"+b] {
				missing = append(missing, a+"-"+b)
			}
		}
	}
	return missing
}

// Warnings are what to tell whoever registers e about its offline scores
// before any promotion is asked: pairs of the report it does not serve
// (not counted), pairs it would serve without an evaluation, and scores
// that are not its own. A version is registered anyway (a candidate
// routes nothing).
func (e Entry) Warnings() []string {
	if e.Offline == nil {
		return nil
	}
	o := e.own()
	var w []string
	if len(o.outside) > 0 {
		w = append(w, fmt.Sprintf("the report's pairs %s are outside the version's languages: its gates leave them out", strings.Join(o.outside, ", ")))
	}
	if missing := e.unevaluated(); len(missing) > 0 {
		w = append(w, fmt.Sprintf("pairs it would serve were not evaluated: %s; its promotion is refused unless they are (or require_pairs is turned off)", strings.Join(missing, ", ")))
	}
	if o.segments > 0 && (o.served == 0 || o.served < o.translated) {
		w = append(w, fmt.Sprintf("%s translated %d of the %d segments of its pairs (served by: %s); its promotion is refused unless it served enough of them",
			e.servedWhat(), o.served, o.segments, summary(o.servedBy)))
	}
	return w
}
