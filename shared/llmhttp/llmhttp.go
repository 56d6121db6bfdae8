// Package llmhttp provides the HTTP client that Parley's LLM backends
// (Ollama, OpenAI-compatible endpoints) share.
package llmhttp

import (
	"net/http"
	"time"
)

// MaxIdlePerHost is how many idle connections the client keeps to one
// endpoint: above any backend's concurrency limit. net/http keeps 2 by
// default, so with more calls in flight to one model server every extra
// call opened a connection and closed it afterwards (a TCP handshake per
// call, and sockets left in TIME_WAIT under load).
const MaxIdlePerHost = 256

// NewClient returns a client for LLM endpoints. It has no overall
// timeout: each request carries a context deadline instead, which a
// streamed answer must be able to outlive http.Client.Timeout's whole-body
// limit for.
func NewClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 2 * MaxIdlePerHost
	t.MaxIdleConnsPerHost = MaxIdlePerHost
	t.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: t}
}
