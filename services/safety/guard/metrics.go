package guard

import (
	"context"
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// Outcomes of a classification: the values of the outcome label of
// parley_safety_guard_requests_total.
const (
	// OutcomeOK: the model answered this classification.
	OutcomeOK = "ok"
	// OutcomeMemo: answered from the memo, or by an identical request made
	// at the same moment (Result.Memo set); not a request of its own.
	OutcomeMemo = "memo"
	// OutcomeTimeout: the model did not answer within the classification's
	// slot, or too little of the caller's time was left to ask it.
	OutcomeTimeout = "timeout"
	// OutcomeUnavailable: skipped, the circuit is open.
	OutcomeUnavailable = "unavailable"
	// OutcomeOverloaded: not sent, every slot taken and the queue full
	// (Config.Concurrency, Config.Queue).
	OutcomeOverloaded = "overloaded"
	// OutcomeCanceled: the caller gave up first.
	OutcomeCanceled = "canceled"
	// OutcomeBadAnswer: the answer is not in the Llama Guard format.
	OutcomeBadAnswer = "bad_answer"
	// OutcomeTooLong: the message does not fit the context; not sent.
	OutcomeTooLong = "too_long"
	// OutcomeError: the request failed (server error, model missing,
	// server unreachable).
	OutcomeError = "error"
)

// kind indexes Guard.outcomes.
type kind uint8

const (
	kindOK kind = iota
	kindMemo
	kindTimeout
	kindUnavailable
	kindOverloaded
	kindCanceled
	kindBadAnswer
	kindTooLong
	kindError
	numOutcomes
)

var outcomeNames = [numOutcomes]string{
	OutcomeOK, OutcomeMemo, OutcomeTimeout, OutcomeUnavailable, OutcomeOverloaded,
	OutcomeCanceled, OutcomeBadAnswer, OutcomeTooLong, OutcomeError,
}

// outcomeOf sorts what Classify returned.
func outcomeOf(res Result, err error) kind {
	switch {
	case err == nil && res.Memo != "":
		return kindMemo
	case err == nil:
		return kindOK
	case errors.Is(err, ErrUnavailable):
		return kindUnavailable
	case errors.Is(err, ErrOverloaded):
		return kindOverloaded
	case errors.Is(err, ErrTooLong):
		return kindTooLong
	case errors.Is(err, ErrBadAnswer):
		return kindBadAnswer
	case errors.Is(err, context.DeadlineExceeded):
		return kindTimeout
	case errors.Is(err, context.Canceled):
		return kindCanceled
	}
	return kindError
}

// collector reports a guard's counts and circuit at scrape time, so that
// the circuit's state is read as it is, not as it was at the last call.
type collector struct {
	g        *Guard
	requests *prometheus.Desc
	open     *prometheus.Desc
	unknown  *prometheus.Desc
}

// Collector returns a Prometheus collector of g:
// parley_safety_guard_requests_total{model,outcome}, classifications by
// outcome (every outcome from zero), and
// parley_safety_guard_circuit_open{model}, 1 while the circuit is open or
// half-open after repeated failures (this replica skips the guard, or
// waits for its one trial request), else 0, and
// parley_safety_guard_unknown_codes_total{model}, the category codes
// outside S1-S14 in its answers (each counted as unspecified: a model of
// another taxonomy, or a newer one).
func (g *Guard) Collector() prometheus.Collector {
	labels := prometheus.Labels{"model": g.cfg.Model}
	return &collector{
		g: g,
		requests: prometheus.NewDesc("parley_safety_guard_requests_total",
			"LLM guard classifications by outcome (ok, memo, timeout, unavailable, overloaded, canceled, bad_answer, too_long, error).",
			[]string{"outcome"}, labels),
		open: prometheus.NewDesc("parley_safety_guard_circuit_open",
			"1 while the LLM guard's circuit breaker is open or half-open after repeated failures, else 0.",
			nil, labels),
		unknown: prometheus.NewDesc("parley_safety_guard_unknown_codes_total",
			"Category codes outside S1-S14 in the LLM guard's unsafe answers, each taken as unspecified.",
			nil, labels),
	}
}

// Describe implements prometheus.Collector.
func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.requests
	ch <- c.open
	ch <- c.unknown
}

// Collect implements prometheus.Collector.
func (c *collector) Collect(ch chan<- prometheus.Metric) {
	for k, name := range outcomeNames {
		ch <- prometheus.MustNewConstMetric(c.requests, prometheus.CounterValue, float64(c.g.outcomes[k].Load()), name)
	}
	open := 0.0
	if c.g.tripped() {
		open = 1
	}
	ch <- prometheus.MustNewConstMetric(c.open, prometheus.GaugeValue, open)
	ch <- prometheus.MustNewConstMetric(c.unknown, prometheus.CounterValue, float64(c.g.unknownCodes.Load()))
}

// tripped reports whether the circuit is open or half-open.
func (g *Guard) tripped() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return !g.openTill.IsZero()
}
