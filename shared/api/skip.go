package api

import "strings"

// AttemptSkipped begins the Error of an Attempt whose rung the translate
// chain skipped without calling its backend; what follows says why.
const AttemptSkipped = "skipped: "

// The reasons a translate rung is skipped, as a small fixed vocabulary:
// the reason label of parley_translate_skips_total and what SkipReason
// reads back from an attempt, so that the view metrics can tell a rung
// that could not serve (unavailable, circuit open, no time left) from one
// that was never meant to (not configured, pair not supported, switched
// off).
const (
	// SkipNotConfigured: the rung cannot run here (no endpoint
	// configured, Apertium not installed).
	SkipNotConfigured = "not_configured"
	// SkipUnsupported: the rung does not translate the pair.
	SkipUnsupported = "unsupported_pair"
	// SkipUnavailable: its health check or last call found no server or
	// no model; skipped until the next probe finds it.
	SkipUnavailable = "unavailable"
	// SkipCircuitOpen: its circuit breaker opened after repeated failures.
	SkipCircuitOpen = "circuit_open"
	// SkipRateLimited: its endpoint answered 429 or 503 with Retry-After,
	// and that time has not passed.
	SkipRateLimited = "rate_limited"
	// SkipNoTime: too little of the request's budget was left for it.
	SkipNoTime = "no_time"
	// SkipCanceled: the caller went away before the rung was reached.
	SkipCanceled = "canceled"
	// SkipKillSwitch: a kill switch (no_llm) turned the rung off.
	SkipKillSwitch = "kill_switch"
	// SkipOther: a skip this vocabulary does not name (a newer replica's).
	SkipOther = "other"
)

// SkipReasons lists the skip reasons, for metrics that start every series
// at zero and for tests.
var SkipReasons = []string{
	SkipNotConfigured, SkipUnsupported, SkipUnavailable, SkipCircuitOpen, SkipRateLimited, SkipNoTime, SkipCanceled, SkipKillSwitch, SkipOther,
}

// The texts after AttemptSkipped that the translate chain writes, by
// reason (a disabled rung's text is its own: "not configured (set ...)",
// "not installed").
const (
	SkipTextUnavailable  = "unavailable"
	SkipTextCircuitOpen  = "circuit open after repeated failures"
	SkipTextRateLimited  = "rate limited: the endpoint asked not to be called before "
	SkipTextNoTime       = "no time left in the request's budget"
	SkipTextTooLittle    = "too little time left"
	SkipTextCanceled     = "the request was canceled"
	SkipTextUnsupported  = "does not translate "
	SkipTextKillSwitch   = "turned off by the "
	skipTextNotConfig    = "not configured"
	skipTextNotInstalled = "not installed"
)

// SkipReason returns the reason (Skip*) of an attempt's error that says
// the rung was skipped, "" for an attempt that called its backend (and
// failed, or was rejected). A skip it does not recognize is SkipOther.
func SkipReason(attemptError string) string {
	why, ok := strings.CutPrefix(attemptError, AttemptSkipped)
	if !ok {
		return ""
	}
	for _, r := range []struct{ prefix, reason string }{
		{SkipTextUnavailable, SkipUnavailable},
		{SkipTextCircuitOpen, SkipCircuitOpen},
		{SkipTextRateLimited, SkipRateLimited},
		{SkipTextNoTime, SkipNoTime},
		{SkipTextTooLittle, SkipNoTime},
		{SkipTextCanceled, SkipCanceled},
		{SkipTextUnsupported, SkipUnsupported},
		{SkipTextKillSwitch, SkipKillSwitch},
		{skipTextNotConfig, SkipNotConfigured},
		{skipTextNotInstalled, SkipNotConfigured},
	} {
		if strings.HasPrefix(why, r.prefix) {
			return r.reason
		}
	}
	return SkipOther
}

// Transient reports whether an attempt error (Attempt.Error) is one a
// later try may not meet: a rung that was called and failed, or that was
// skipped for the moment (down, circuit open, rate limited, out of time,
// canceled). A rung not configured, a pair it does not translate and a
// kill switch are what the next try would meet too. The renderer does
// not cache an original served for a transient reason, and the view's
// reason code (SkipReasonCode) says a later try may serve.
func Transient(attemptError string) bool {
	switch SkipReason(attemptError) {
	case SkipUnsupported, SkipKillSwitch, SkipNotConfigured:
		return false
	}
	return true
}
