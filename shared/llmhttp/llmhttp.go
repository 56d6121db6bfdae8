// Package llmhttp provides the HTTP client that Parley's LLM backends
// (Ollama, OpenAI-compatible endpoints) share.
package llmhttp

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"time"
)

// MaxIdlePerHost is how many idle connections the client keeps to one
// endpoint: above any backend's concurrency limit. net/http keeps 2 by
// default, so with more calls in flight to one model server every extra
// call opened a connection and closed it afterwards (a TCP handshake per
// call, and sockets left in TIME_WAIT under load).
const MaxIdlePerHost = 256

// MaxBufferedBody is the largest request body the client reads into
// memory before sending (see bufferBodies).
const MaxBufferedBody = 256 << 10

// NewClient returns a client for LLM endpoints. It has no overall
// timeout: each request carries a context deadline instead, which a
// streamed answer must be able to outlive http.Client.Timeout's whole-body
// limit for.
func NewClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 2 * MaxIdlePerHost
	t.MaxIdleConnsPerHost = MaxIdlePerHost
	t.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: bufferBodies{next: t}}
}

// bufferBodies sends a request's headers and body in one write. net/http
// writes them together only when the body is one of the standard library's
// in-memory readers; any other body (openai-go wraps every request's body
// in its own ReadCloser) gets its headers flushed first, in case the
// server wants them before a body that may block. For a chat call that is
// a second write system call, and a server that wakes up for the headers
// and again for the body: BenchmarkModelCall in
// services/translate/backend/openai measures the difference. Bodies of a
// known length up to MaxBufferedBody are read into memory first; others go
// through as they are.
type bufferBodies struct {
	next http.RoundTripper
}

func (t bufferBodies) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody || req.ContentLength <= 0 || req.ContentLength > MaxBufferedBody {
		return t.next.RoundTrip(req)
	}
	buf := make([]byte, req.ContentLength)
	_, err := io.ReadFull(req.Body, buf)
	if err == nil {
		// As net/http does, refuse a body longer than it says.
		var more [1]byte
		if n, _ := req.Body.Read(more[:]); n > 0 {
			err = fmt.Errorf("the body is longer than its ContentLength (%d)", req.ContentLength)
		}
	}
	req.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("llmhttp: read request body: %w", err)
	}
	// A RoundTripper must not change the request it was given: send a
	// shallow copy (the headers are only read).
	r := *req
	r.Body = io.NopCloser(bytes.NewReader(buf))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(buf)), nil }
	return t.next.RoundTrip(&r)
}

// CloseIdleConnections closes the idle connections of the transport
// underneath, which http.Client.CloseIdleConnections reaches through this.
func (t bufferBodies) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
