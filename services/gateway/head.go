package gateway

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
)

// headAsGet answers HEAD on every GET route, as net/http's ServeMux does and
// as HTTP requires of a server that serves GET (RFC 9110, 9.3.2): the
// request runs as the GET it stands for, with the same authentication and
// limits, and the response keeps its status and headers but not its body.
// Once the status is written the request's context ends, so a handler that
// would go on writing (an event stream) stops.
func headAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodHead {
			return next(c)
		}
		// Echo's router reads the request it was handed, so the method
		// changes on it; it is HEAD again before net/http finishes the
		// response, which then sends no Content-Length of the dropped body.
		r.Method = http.MethodGet
		defer func() { r.Method = http.MethodHead }()
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		c.SetRequest(r.WithContext(ctx))
		res := c.Response()
		res.Writer = &headWriter{ResponseWriter: res.Writer, done: cancel}
		return next(c)
	}
}

// headWriter passes on the status and headers and drops the body.
type headWriter struct {
	http.ResponseWriter
	done context.CancelFunc
}

func (w *headWriter) WriteHeader(code int) {
	w.ResponseWriter.WriteHeader(code)
	w.done()
}

func (w *headWriter) Write(b []byte) (int, error) { return len(b), nil }

// Flush is a no-op: the body is dropped, and flushing the underlying writer
// would send a second time what WriteHeader sent.
func (w *headWriter) Flush() {}

func (w *headWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
