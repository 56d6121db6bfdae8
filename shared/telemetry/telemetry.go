// Package telemetry carries OpenTelemetry traces across Parley's NATS hops
// and ties logs to them. The W3C trace context (traceparent, tracestate)
// travels in NATS message headers exactly as it would in HTTP headers, so a
// view is one trace from the gateway through every service it calls.
//
// Spans carry only bounded, non-personal attributes (service, endpoint,
// result code); message text never goes into a span.
package telemetry

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/nats-io/nats.go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/parley-chat/parley/shared/config"
)

// Attribute keys used on Parley spans. They are bounded by construction:
// service and endpoint names come from code, codes from the api error table.
const (
	AttrService  = "parley.service"
	AttrEndpoint = "parley.endpoint"
	AttrCode     = "parley.code"
)

// propagator is the W3C trace context format only: it is a stateless value,
// so sharing it is not shared mutable state.
var propagator = propagation.TraceContext{}

// headerCarrier adapts nats.Header to propagation.TextMapCarrier. NATS
// headers are case-sensitive, and W3C names are lower case, so Get falls
// back to the canonical form a proxy might have produced.
type headerCarrier nats.Header

func (h headerCarrier) Get(key string) string {
	if v := nats.Header(h).Get(key); v != "" {
		return v
	}
	return h.canonical(key)
}

func (h headerCarrier) canonical(key string) string {
	for k, vs := range h {
		if len(vs) > 0 && equalFold(k, key) {
			return vs[0]
		}
	}
	return ""
}

func (h headerCarrier) Set(key, value string) { nats.Header(h).Set(key, value) }

func (h headerCarrier) Keys() []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	return keys
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		ca, cb := a[i], b[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}

// Inject writes the trace context of ctx into h (traceparent, tracestate).
// It writes nothing when ctx carries no valid span context.
func Inject(ctx context.Context, h nats.Header) {
	if h == nil {
		return
	}
	propagator.Inject(ctx, headerCarrier(h))
}

// Extract returns ctx with the remote span context found in h, if any.
func Extract(ctx context.Context, h nats.Header) context.Context {
	if h == nil {
		return ctx
	}
	return propagator.Extract(ctx, headerCarrier(h))
}

// EnvOTLPEndpoint is the standard OpenTelemetry variable; when it is set,
// spans are exported with OTLP over HTTP. The exporter also honours the
// other OTEL_EXPORTER_OTLP_* variables (headers, timeout, insecure).
const EnvOTLPEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT"

// Setup builds the process's tracer provider. With OTEL_EXPORTER_OTLP_ENDPOINT
// (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) set it batches spans to an OTLP/HTTP
// collector, sampled by OTEL_TRACES_SAMPLER_ARG (a ratio, default 1) with
// the parent's decision respected; otherwise it returns a no-op provider so
// tracing costs nothing. The shutdown func flushes pending spans.
func Setup(ctx context.Context, env *config.Reader, serviceName string, log *slog.Logger) (trace.TracerProvider, func(context.Context) error, error) {
	// Per the OTLP spec the general endpoint is a base URL (the signal path
	// is appended) and the traces endpoint is used as is.
	endpoint := env.String("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "")
	if base := env.String(EnvOTLPEndpoint, ""); endpoint == "" && base != "" {
		endpoint = strings.TrimRight(base, "/") + "/v1/traces"
	}
	if endpoint == "" {
		return noop.NewTracerProvider(), func(context.Context) error { return nil }, nil
	}
	ratio := 1.0
	if v := env.String("OTEL_TRACES_SAMPLER_ARG", ""); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r < 0 || r > 1 {
			return nil, nil, fmt.Errorf("OTEL_TRACES_SAMPLER_ARG=%q: want a ratio between 0 and 1", v)
		}
		ratio = r
	}
	// The URL comes from env (so tests and the all-in-one process can pass
	// it explicitly); the exporter still reads the other
	// OTEL_EXPORTER_OTLP_* variables (headers, timeout, certificates).
	exp, err := otlptracehttp.New(ctx, otlptracehttp.WithEndpointURL(endpoint))
	if err != nil {
		return nil, nil, fmt.Errorf("otlp trace exporter: %w", err)
	}
	res, err := resource.Merge(resource.Default(), resource.NewSchemaless(attribute.String("service.name", "parley-"+serviceName)))
	if err != nil {
		return nil, nil, fmt.Errorf("trace resource: %w", err)
	}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exp),
		sdktrace.WithResource(res),
		sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.TraceIDRatioBased(ratio))),
	)
	if log != nil {
		log.Info("exporting traces", "otlp_endpoint", endpoint, "sample_ratio", ratio)
	}
	return tp, tp.Shutdown, nil
}
