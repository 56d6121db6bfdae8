package gateway

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"
)

// headAsGet answers HEAD on every GET route, as net/http's ServeMux does and
// as HTTP requires of a server that serves GET (RFC 9110, 9.3.2): the
// request runs as the GET it stands for, with the same authentication and
// limits, and the response keeps its status and headers but not its body.
// Once the status is written the request's context ends, so a handler that
// would go on writing stops.
//
// Running the GET is not free everywhere: the message routes translate
// and bill, and the event stream registers its reader's locale and
// replays. Those ask isHead and answer from their checks alone, so that a
// HEAD gets the status a GET would (400, 404, 429 …) without the work.
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
		ctx, cancel := context.WithCancel(context.WithValue(r.Context(), headKey{}, true))
		defer cancel()
		c.SetRequest(r.WithContext(ctx))
		res := c.Response()
		res.Writer = &headWriter{ResponseWriter: res.Writer, done: cancel}
		return next(c)
	}
}

// headKey marks the context of a HEAD request that runs as a GET.
type headKey struct{}

// isHead reports whether c is a HEAD request (run as its GET by
// headAsGet): its handler should check what the GET would check and then
// answer with the headers, without rendering, billing or registering
// anything for a body nobody receives.
func isHead(c echo.Context) bool {
	v, _ := c.Request().Context().Value(headKey{}).(bool)
	return v
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

// headJSON answers a HEAD of a JSON route whose checks passed: the GET's
// status and content type, without the body the GET would compute.
func headJSON(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, nil)
}

// allowHead names HEAD in the Allow header beside GET. Echo's router
// writes Allow (on a 405 and on the OPTIONS answer of a path with no
// OPTIONS route) from the routes registered, and HEAD is not one: it is
// answered by headAsGet. RFC 9110 (10.2.1) wants Allow to list the methods
// the resource supports, and a client that probes with OPTIONS before a
// HEAD should not be told it cannot. The header is fixed just before it is
// written, so every writer of Allow (the router's, the LibreTranslate
// preflights) is covered.
func allowHead(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		// Only a request the router found no route of its method for
		// (it then records the path's methods) or an OPTIONS writes Allow.
		if _, routed := c.Get(echo.ContextKeyHeaderAllow).(string); routed || c.Request().Method == http.MethodOptions {
			res := c.Response()
			res.Before(func() {
				if a := res.Header().Get(echo.HeaderAllow); a != "" {
					res.Header().Set(echo.HeaderAllow, withHead(a))
				}
			})
		}
		return next(c)
	}
}

// withHead returns the Allow list with HEAD after GET, unless it has
// HEAD or has no GET: "OPTIONS, GET, POST" is "OPTIONS, GET, HEAD, POST".
func withHead(allow string) string {
	var methods []string
	get := -1
	for m := range strings.SplitSeq(allow, ",") {
		m = strings.TrimSpace(m)
		switch m {
		case http.MethodHead:
			return allow
		case http.MethodGet:
			get = len(methods)
		}
		methods = append(methods, m)
	}
	if get < 0 {
		return allow
	}
	methods = slices.Insert(methods, get+1, http.MethodHead)
	return strings.Join(methods, ", ")
}
