package telemetry

import (
	"net/http"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// HTTPMiddleware starts the root span of a view at the HTTP edge: it
// continues a caller's W3C traceparent when one is sent, and puts the span
// in the request context so every NATS call the handler makes (through
// package client) joins the same trace. The span name is the method and
// the mux pattern when there is one ("POST /v1/translate"), never the raw
// path, which may hold ids. Echo wraps it with echo.WrapMiddleware. A
// method outside the standard set is named "other" (see Method), and its
// http.request.method attribute is "_OTHER", as the OpenTelemetry
// conventions have it.
func HTTPMiddleware(tp trace.TracerProvider) func(http.Handler) http.Handler {
	tracer := tp.Tracer("github.com/parley-chat/parley/shared/telemetry")
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := propagator.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
			method := Method(r.Method)
			name := "HTTP " + method
			if r.Pattern != "" {
				name = r.Pattern
			}
			attr := r.Method
			if method == OtherMethod {
				attr = "_OTHER"
			}
			ctx, span := tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindServer),
				trace.WithAttributes(attribute.String("http.request.method", attr)))
			defer span.End()
			sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(sw, r.WithContext(ctx))
			span.SetAttributes(attribute.Int("http.response.status_code", sw.status))
			if sw.status >= 500 {
				span.SetStatus(codes.Error, http.StatusText(sw.status))
			}
		})
	}
}

// OtherMethod is what Method returns for a method outside the standard set.
const OtherMethod = "other"

// standardMethods are the methods of RFC 9110 and PATCH (RFC 5789).
var standardMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true, http.MethodPatch: true,
	http.MethodDelete: true, http.MethodOptions: true, http.MethodConnect: true, http.MethodTrace: true,
}

// Method returns m when it is a standard HTTP method (GET, HEAD, POST,
// PUT, PATCH, DELETE, OPTIONS, CONNECT, TRACE) and OtherMethod otherwise,
// for metric labels and span names. Any token is a valid method, so a
// label made of the raw one would let every client mint new series, as
// long as it likes ("curl -X QWERTY").
func Method(m string) string {
	if standardMethods[m] {
		return m
	}
	return OtherMethod
}

type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer
// (flushing, deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
