package pipeline

import (
	"errors"
	"regexp"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/shared/api"
)

// Metrics are the view-level metrics: what was served, by which backend,
// whether it fell back from a rung that should have served, how quality
// scored it, what safety found, and which steps degraded. They are recorded where the view is built, so the
// HTTP front end and event consumers report the same way.
//
// Every label is bounded: backend names come from the chain's
// configuration, pairs are base language codes of a pair some backend
// translated, categories and decisions come from fixed vocabularies (and
// anything unexpected is reported as "other"). No ids, no text.
type Metrics struct {
	views     *prometheus.CounterVec
	errors    *prometheus.CounterVec
	degraded  *prometheus.CounterVec
	fallbacks *prometheus.CounterVec
	score     *prometheus.HistogramVec
	decisions *prometheus.CounterVec
	safety    *prometheus.CounterVec
	policy    *prometheus.CounterVec
}

// MetricNames lists the families NewMetrics registers, for dashboards and
// the tests that check them.
var MetricNames = []string{
	"parley_views_total",
	"parley_view_errors_total",
	"parley_view_degraded_total",
	"parley_view_fallbacks_total",
	"parley_quality_score",
	"parley_quality_decisions_total",
	"parley_safety_flags_total",
	"parley_safety_policy_total",
}

// NewMetrics registers the view metrics on reg. A nil *Metrics is valid and
// records nothing. Where reg already has them (the all-in-one command,
// whose gateway and messages service both build views on one registry),
// the registered ones are shared: the process reports all its views.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		views: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_views_total",
			Help: "Views served, by status (translated, original) and the backend that served them (none for the original).",
		}, []string{"status", "backend"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_view_errors_total",
			Help: "Views that could not be served at all, by error code (bad input, spent deadline).",
		}, []string{"code"}),
		degraded: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_view_degraded_total",
			Help: "Views served without a step (detect, glossary, translate, quality, safety) because its service failed.",
		}, []string{"step"}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_view_fallbacks_total",
			Help: "Views that fell back: at most one per view, from the first configured rung that failed, was rejected or could not be called (unavailable, circuit open, no time left) to the backend that served (none: the original). Rungs not configured, not translating the pair or switched off do not count.",
		}, []string{"from", "to"}),
		score: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "parley_quality_score",
			Help:    "Quality estimation scores (0-100) of translations, rejected ones included, by backend and language pair.",
			Buckets: prometheus.LinearBuckets(10, 10, 10),
		}, []string{"backend", "pair"}),
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_quality_decisions_total",
			Help: "Quality decisions (accept, accept_with_warning, retry, flag_for_review) by backend.",
		}, []string{"backend", "decision"}),
		safety: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_safety_flags_total",
			Help: "Safety findings in served views, by side (source, translation) and category.",
		}, []string{"side", "category"}),
		policy: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_safety_policy_total",
			Help: "Tenant policy actions (allow, mask, flag) on served views.",
		}, []string{"action"}),
	}
	for _, c := range []**prometheus.CounterVec{&m.views, &m.errors, &m.degraded, &m.fallbacks, &m.decisions, &m.safety, &m.policy} {
		*c = register(reg, *c)
	}
	m.score = register(reg, m.score)
	// Series of a known, fixed set start at zero, so that rates and
	// alerts see them before the first failure.
	for _, step := range []string{DegradedDetect, DegradedGlossary, DegradedTranslate, DegradedQuality, DegradedSafety} {
		m.degraded.WithLabelValues(step)
	}
	m.errors.WithLabelValues(string(api.CodeTimeout))
	return m
}

// register registers c on reg and returns it, or the collector of the
// same description reg already has; any other failure is a programming
// error, and panics as MustRegister does.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	err := reg.Register(c)
	if err == nil {
		return c
	}
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing
		}
	}
	panic(err)
}

// word is what a label value from a fixed vocabulary looks like; anything
// else (which would be a bug upstream) is counted as "other" so that a
// label can never carry text.
var word = regexp.MustCompile(`^[a-z][a-z0-9_.:-]{0,39}$`)

func bounded(s string) string {
	if s == "" {
		return "none"
	}
	if !word.MatchString(s) {
		return "other"
	}
	return s
}

// observe records a finished Run.
func (m *Metrics) observe(v *api.View, err error) {
	if m == nil {
		return
	}
	if err != nil {
		m.errors.WithLabelValues(bounded(string(api.ErrorCode(err)))).Inc()
		return
	}
	backend := "none"
	if v.Status == api.StatusTranslated {
		backend = bounded(v.Backend)
	}
	m.views.WithLabelValues(bounded(v.Status), backend).Inc()
	for _, step := range v.Degraded {
		m.degraded.WithLabelValues(bounded(step)).Inc()
	}
	if from := fallbackFrom(v.Attempts); from != "" {
		m.fallbacks.WithLabelValues(bounded(from), backend).Inc()
	}
	if s := v.Safety; s != nil {
		for _, c := range s.Source.Categories {
			m.safety.WithLabelValues("source", bounded(c)).Inc()
		}
		if s.Translation != nil {
			for _, c := range s.Translation.Categories {
				m.safety.WithLabelValues("translation", bounded(c)).Inc()
			}
		}
		if s.Policy != nil {
			m.policy.WithLabelValues(bounded(s.Policy.Action)).Inc()
		}
	}
}

// fallbackFrom is the rung a view fell back from: the first attempt of a
// rung that was meant to serve and did not (its call failed, quality
// rejected its translation, or it could not be called: unavailable,
// circuit open, no time left), "" when there is none. A rung skipped by
// design (not configured here, not translating the pair, turned off by a
// kill switch) or because the caller went away is no fallback: counted,
// such rungs made every view of a deployment without OpenAI a fallback,
// once per rung, and the fallback rate read over 100%.
func fallbackFrom(attempts []api.Attempt) string {
	for _, a := range attempts {
		if a.Error == "" {
			continue
		}
		switch api.SkipReason(a.Error) {
		case "", api.SkipUnavailable, api.SkipCircuitOpen, api.SkipNoTime:
			return a.Backend
		}
	}
	return ""
}

// quality records one quality estimate of a translation by backend from
// source to target.
func (m *Metrics) quality(backend, source, target string, q *api.QualityResponse) {
	if m == nil || q == nil {
		return
	}
	b := bounded(backend)
	m.score.WithLabelValues(b, bounded(api.Base(source))+"-"+bounded(api.Base(target))).Observe(q.Score)
	m.decisions.WithLabelValues(b, bounded(q.Decision)).Inc()
}
