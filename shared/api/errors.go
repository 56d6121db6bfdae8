package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// Code is a stable, machine-readable error code. Every service and the
// gateway speak the same table, so one place (ErrorStatus) maps a failure to
// HTTP and one place (the typed clients) turns it back into a Go error.
type Code string

// The error table. Each code has exactly one HTTP status, which is also the
// value of the Nats-Service-Error-Code header (ADR-32 wants it numeric).
const (
	CodeInvalidJSON     Code = "invalid_json"
	CodeInvalidArgument Code = "invalid_argument"
	CodeEmptyText       Code = "empty_text"
	CodeInvalidUTF8     Code = "invalid_utf8"
	CodeTextTooLong     Code = "text_too_long"
	CodeBodyTooLarge    Code = "body_too_large"
	// CodeUnsupportedMediaType is a JSON write sent with a Content-Type
	// that is not JSON (text/plain, a form): parsing it as JSON anyway
	// would hide a client's mistake.
	CodeUnsupportedMediaType Code = "unsupported_media_type"
	CodeRequestTimeout       Code = "request_timeout" // a request body that did not arrive in time (the gateway's GATEWAY_BODY_TIMEOUT)
	CodeInvalidLanguage      Code = "invalid_language"
	CodeUnsupportedLanguage  Code = "unsupported_language"
	CodeNotFound             Code = "not_found"
	CodeMethodNotAllowed     Code = "method_not_allowed"
	CodeUnauthorized         Code = "unauthorized"
	CodeForbidden            Code = "forbidden"
	CodeConflict             Code = "conflict"
	CodePreconditionFailed   Code = "precondition_failed" // a conditional request (HTTP If-Match) whose condition does not hold
	CodeRateLimited          Code = "rate_limited"
	CodeCanceled             Code = "canceled"
	CodeInternal             Code = "internal"
	CodeBackend              Code = "backend_error"
	CodeUnavailable          Code = "unavailable"
	CodeOverloaded           Code = "overloaded"
	CodeTimeout              Code = "timeout"
)

var codeStatus = map[Code]int{
	CodeInvalidJSON:          http.StatusBadRequest,
	CodeInvalidArgument:      http.StatusBadRequest,
	CodeEmptyText:            http.StatusBadRequest,
	CodeInvalidUTF8:          http.StatusBadRequest,
	CodeTextTooLong:          http.StatusRequestEntityTooLarge,
	CodeBodyTooLarge:         http.StatusRequestEntityTooLarge,
	CodeUnsupportedMediaType: http.StatusUnsupportedMediaType,
	CodeRequestTimeout:       http.StatusRequestTimeout,
	CodeInvalidLanguage:      http.StatusBadRequest,
	CodeUnsupportedLanguage:  http.StatusUnprocessableEntity,
	CodeNotFound:             http.StatusNotFound,
	CodeMethodNotAllowed:     http.StatusMethodNotAllowed,
	CodeUnauthorized:         http.StatusUnauthorized,
	CodeForbidden:            http.StatusForbidden,
	CodeConflict:             http.StatusConflict,
	CodePreconditionFailed:   http.StatusPreconditionFailed,
	CodeRateLimited:          http.StatusTooManyRequests,
	CodeCanceled:             499,
	CodeInternal:             http.StatusInternalServerError,
	CodeBackend:              http.StatusBadGateway,
	CodeUnavailable:          http.StatusServiceUnavailable,
	CodeOverloaded:           http.StatusServiceUnavailable,
	CodeTimeout:              http.StatusGatewayTimeout,
}

// genericCode maps a bare status (from a service that did not send the
// shared body) back to the most general code with that status.
var genericCode = map[int]Code{
	http.StatusBadRequest:            CodeInvalidArgument,
	http.StatusUnauthorized:          CodeUnauthorized,
	http.StatusForbidden:             CodeForbidden,
	http.StatusNotFound:              CodeNotFound,
	http.StatusRequestTimeout:        CodeRequestTimeout,
	http.StatusConflict:              CodeConflict,
	http.StatusPreconditionFailed:    CodePreconditionFailed,
	http.StatusRequestEntityTooLarge: CodeTextTooLong,
	http.StatusUnsupportedMediaType:  CodeUnsupportedMediaType,
	http.StatusUnprocessableEntity:   CodeUnsupportedLanguage,
	http.StatusTooManyRequests:       CodeRateLimited,
	499:                              CodeCanceled,
	http.StatusBadGateway:            CodeBackend,
	http.StatusServiceUnavailable:    CodeUnavailable,
	http.StatusGatewayTimeout:        CodeTimeout,
}

// Codes lists every code in the table, for documentation and tests.
func Codes() []Code {
	out := make([]Code, 0, len(codeStatus))
	for c := range codeStatus {
		out = append(out, c)
	}
	return out
}

// Status is the HTTP status of a code; unknown codes are internal errors.
func (c Code) Status() int {
	if s, ok := codeStatus[c]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// Error is the one error type that crosses service boundaries. Message is
// safe to show to a client; the cause stays in the logs of the service that
// produced it.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
	// Field names the request field at fault, when there is one.
	Field string `json:"field,omitempty"`
	// RetryAfter, in seconds, is how long a shed (overloaded or
	// unavailable) request should wait before it is retried; the gateway
	// sends it as the Retry-After header. Zero means no hint.
	RetryAfter int `json:"retry_after,omitempty"`
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Status is the HTTP status for the error.
func (e *Error) Status() int { return e.Code.Status() }

// Errorf builds an *Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// MaxQuotedRunes bounds what Quote echoes of a caller's input.
const MaxQuotedRunes = 64

// Quote is s quoted as %q quotes it, for an error message that names the
// input at fault, cut to at most MaxQuotedRunes characters with the number
// left out: a message that echoed a 5,000-character field whole would copy
// it into the caller's logs and ours, and bury what was wrong with it. The
// cut falls between grapheme clusters (ClipPrefix), never inside an emoji
// sequence or between a letter and its accent.
func Quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= MaxQuotedRunes {
		return strconv.Quote(s)
	}
	prefix, kept := ClipPrefix(s, MaxQuotedRunes)
	return fmt.Sprintf("%s… (%d more characters)", strconv.Quote(prefix), n-kept)
}

// FieldError builds an *Error that names the offending request field.
func FieldError(code Code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, or CodeInternal for errors that are not
// an *Error (whose text must not reach clients).
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// AsError returns err as an *Error. Anything that is not already one becomes
// an internal error with a generic message: the cause belongs in logs.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: CodeInternal, Message: "internal error"}
}

// ErrorBody is the single JSON error shape of every HTTP response and every
// micro error reply body: {"error":{"code":...,"message":...,"status":...}}.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the inside of ErrorBody.
type ErrorDetail struct {
	Code      Code   `json:"code"`
	Message   string `json:"message"`
	Status    int    `json:"status"`
	Field     string `json:"field,omitempty"`
	RequestID string `json:"request_id,omitempty"`
	// RetryAfter is Error.RetryAfter (seconds).
	RetryAfter int `json:"retry_after,omitempty"`
}

// Body renders e in the shared JSON error shape.
func (e *Error) Body(requestID string) ErrorBody {
	return ErrorBody{Error: ErrorDetail{Code: e.Code, Message: e.Message, Status: e.Status(), Field: e.Field, RequestID: requestID, RetryAfter: e.RetryAfter}}
}

// ParseServiceError rebuilds an *Error from a micro error reply: the
// Nats-Service-Error-Code and Nats-Service-Error headers, and the body when
// it carries the shared shape (which keeps the symbolic code).
func ParseServiceError(statusHeader, descHeader string, body []byte) *Error {
	var eb ErrorBody
	if len(body) > 0 && json.Unmarshal(body, &eb) == nil && eb.Error.Code != "" {
		return &Error{Code: eb.Error.Code, Message: eb.Error.Message, Field: eb.Error.Field, RetryAfter: eb.Error.RetryAfter}
	}
	status, _ := strconv.Atoi(statusHeader)
	code, ok := genericCode[status]
	if !ok {
		code = CodeInternal
	}
	if descHeader == "" {
		descHeader = http.StatusText(status)
	}
	return &Error{Code: code, Message: descHeader}
}
