package backend

import (
	"errors"
	"fmt"
	"time"
)

// Kinds of rung failure. The chain records every failure; these kinds let it
// tell a sick backend (which a circuit breaker should skip for a while) from
// one bad answer (which says nothing about the next request).
var (
	// ErrUnavailable: the backend cannot be reached or is not set up
	// (connection refused, bad credentials, engine not installed).
	ErrUnavailable = errors.New("unavailable")
	// ErrModelNotFound: the server answers but does not have the model.
	ErrModelNotFound = errors.New("model not found")
	// ErrBusy: the backend refused the request for load (queue full, rate
	// limited, overloaded).
	ErrBusy = errors.New("busy")
	// ErrTimeout: the backend did not answer within its budget.
	ErrTimeout = errors.New("timed out")
	// ErrFailed: the backend reported an error while serving the request.
	ErrFailed = errors.New("failed")
	// ErrBadOutput: the answer could not be used (not the requested JSON,
	// empty, truncated at the token limit, a refusal).
	ErrBadOutput = errors.New("unusable output")
	// ErrProtected: a protected term was lost, altered or duplicated.
	ErrProtected = errors.New("protected terms not preserved")
	// ErrUnsupported: the backend does not translate this language pair.
	ErrUnsupported = errors.New("language pair not supported")
	// ErrNotTranslation: the answer is not a translation of the message
	// (wrong language, an answer to an instruction inside the message,
	// commentary, the prompt repeated, far too short or too long).
	ErrNotTranslation = errors.New("not a translation")
	// ErrOverloaded: the rung's own concurrency limit and queue are full.
	ErrOverloaded = errors.New("overloaded")
)

// Error is a rung failure whose message is safe to return to callers (in
// api.Attempt): it names the kind and a short detail, never a URL, a key or
// the text being translated. The cause stays available to logs through
// errors.Unwrap and Cause.
type Error struct {
	Kind   error
	Detail string
	Err    error
	// RetryAfter is how long the backend asked to be left alone (an
	// HTTP Retry-After on a 429 or 503), 0 when it did not say.
	RetryAfter time.Duration
}

// RetryAfter is the wait err's backend asked for (0: none said).
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// Errorf builds an *Error of the given kind with a formatted detail.
func Errorf(kind, cause error, format string, args ...any) *Error {
	return &Error{Kind: kind, Detail: fmt.Sprintf(format, args...), Err: cause}
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Kind.Error()
	}
	return e.Kind.Error() + ": " + e.Detail
}

// Unwrap exposes both the kind (for errors.Is) and the cause.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// Cause returns the underlying error (for logs), or nil.
func (e *Error) Cause() error { return e.Err }

// IsOutputFault reports whether err is about one answer rather than about
// the backend's health: such failures do not count against a circuit
// breaker.
func IsOutputFault(err error) bool {
	return errors.Is(err, ErrBadOutput) || errors.Is(err, ErrProtected) || errors.Is(err, ErrUnsupported) ||
		errors.Is(err, ErrNotTranslation)
}

// IsRequestFault reports whether err is about what one request asked of
// the backend rather than about its health: a model the server does not
// have (a route or an experiment arm naming it) or a language pair it
// does not translate. The same backend keeps serving every other request,
// so such a failure neither counts against a circuit breaker (which is
// per rung, and would skip the rung for every pair) nor clears its count.
func IsRequestFault(err error) bool {
	return errors.Is(err, ErrModelNotFound) || errors.Is(err, ErrUnsupported)
}
