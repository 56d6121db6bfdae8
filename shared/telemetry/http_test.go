package telemetry_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/nats-io/nats.go"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/shared/telemetry"
)

func TestHTTPMiddleware(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })

	var onward nats.Header
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/views/{id}", func(w http.ResponseWriter, r *http.Request) {
		// What client.Call does with the handler's context.
		onward = nats.Header{}
		telemetry.Inject(r.Context(), onward)
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	h := telemetry.HTTPMiddleware(tp)(mux)

	tests := []struct {
		name        string
		traceparent string
	}{
		{"starts a trace", ""},
		{"continues the caller's trace", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exp.Reset()
			req := httptest.NewRequest(http.MethodPost, "/v1/views/secret-id", nil)
			if tt.traceparent != "" {
				req.Header.Set("traceparent", tt.traceparent)
			}
			// The mux sets the pattern on its own copy of the request, so
			// the middleware (outside the mux) names spans by method.
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			spans := exp.GetSpans()
			if len(spans) != 1 {
				t.Fatalf("%d spans", len(spans))
			}
			s := spans[0]
			if s.Name != "HTTP POST" || s.SpanKind != trace.SpanKindServer {
				t.Fatalf("span %q kind %s", s.Name, s.SpanKind)
			}
			if got := attrMap(s.Attributes)["http.response.status_code"]; got != "503" {
				t.Fatalf("status attribute %q", got)
			}
			if tt.traceparent != "" && s.SpanContext.TraceID().String() != "4bf92f3577b34da6a3ce929d0e0e4736" {
				t.Fatalf("trace %s not continued", s.SpanContext.TraceID())
			}
			got := trace.SpanContextFromContext(telemetry.Extract(context.Background(), onward))
			if got.TraceID() != s.SpanContext.TraceID() || got.SpanID() != s.SpanContext.SpanID() {
				t.Fatalf("onward call carries %v, want the edge span %v", got, s.SpanContext)
			}
		})
	}
}

func TestMethod(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GET", "GET"}, {"HEAD", "HEAD"}, {"POST", "POST"}, {"PUT", "PUT"}, {"PATCH", "PATCH"},
		{"DELETE", "DELETE"}, {"OPTIONS", "OPTIONS"}, {"CONNECT", "CONNECT"}, {"TRACE", "TRACE"},
		{"QWERTY", "other"}, {"get", "other"}, {"PROPFIND", "other"}, {"", "other"},
		{strings.Repeat("A", 2000), "other"},
	}
	for _, tt := range tests {
		if got := telemetry.Method(tt.in); got != tt.want {
			t.Errorf("Method(%.20q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A made-up method does not name the span: span names, like metric labels,
// come from a fixed set.
func TestHTTPMiddlewareOtherMethod(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	h := telemetry.HTTPMiddleware(tp)(http.NotFoundHandler())
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(strings.Repeat("Q", 2000), "/nope", nil))
	spans := exp.GetSpans()
	if len(spans) != 1 {
		t.Fatalf("%d spans", len(spans))
	}
	if s := spans[0]; s.Name != "HTTP other" || attrMap(s.Attributes)["http.request.method"] != "_OTHER" {
		t.Fatalf("span %q attributes %v", s.Name, attrMap(s.Attributes))
	}
}
