package telemetry_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/telemetry"
)

type msg struct {
	Text string `json:"text"`
}

// waitFor polls cond until it holds or the test's patience runs out; the
// limit is generous because it only bounds a failure, never a pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestOneTraceAcrossHops sends a request from a root span to service
// "front", whose handler calls service "back" over NATS, and checks that
// all spans share one trace with the right parent links.
func TestOneTraceAcrossHops(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })

	var logs bytes.Buffer
	log := slog.New(telemetry.LogHandler(slog.NewJSONHandler(&logs, nil)))

	back, err := service.New(nc, service.Config{Name: "back", Version: "1.0.0", TracerProvider: tp},
		[]service.Endpoint{{Name: "echo", Subject: "test.back", Handler: service.JSON(func(ctx context.Context, r *msg) (any, error) {
			if r.Text == "fail" {
				return nil, api.Errorf(api.CodeInvalidArgument, "no: %s", r.Text)
			}
			return msg{Text: r.Text + "!"}, nil
		})}}, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = back.Stop() })
	front, err := service.New(nc, service.Config{Name: "front", Version: "1.0.0", TracerProvider: tp},
		[]service.Endpoint{{Name: "relay", Subject: "test.front", Workers: 2, Handler: service.JSON(func(ctx context.Context, r *msg) (any, error) {
			log.InfoContext(ctx, "relaying")
			return client.Call[msg](ctx, nc, "test.back", r)
		})}}, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = front.Stop() })

	ctx, root := tp.Tracer("test").Start(context.Background(), "view")
	got, err := client.Call[msg](ctx, nc, "test.front", msg{Text: "secret words"})
	root.End()
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "secret words!" {
		t.Fatalf("reply %q", got.Text)
	}
	// view, client->front, front server, client->back, back server. Server
	// spans end after the reply is published, so wait for them.
	waitFor(t, "five spans", func() bool { return len(exp.GetSpans()) >= 5 })
	spans := exp.GetSpans()
	traceID := root.SpanContext().TraceID()
	byID := map[trace.SpanID]tracetest.SpanStub{}
	for _, s := range spans {
		if s.SpanContext.TraceID() != traceID {
			t.Errorf("span %s is in trace %s, want %s", s.Name, s.SpanContext.TraceID(), traceID)
		}
		byID[s.SpanContext.SpanID()] = s
		for _, a := range s.Attributes {
			if a.Value.Type() == attribute.STRING && bytes.Contains([]byte(a.Value.AsString()), []byte("secret")) {
				t.Errorf("span %s leaks message text in %s", s.Name, a.Key)
			}
		}
	}
	// Walk up from the back server span: the chain of names and kinds must
	// be exactly the path the request took.
	var leaf tracetest.SpanStub
	for _, s := range spans {
		if s.Name == "test.back" && s.SpanKind == trace.SpanKindServer {
			leaf = s
		}
	}
	want := []struct {
		name string
		kind trace.SpanKind
	}{
		{"test.back", trace.SpanKindServer},
		{"test.back", trace.SpanKindClient},
		{"test.front", trace.SpanKindServer},
		{"test.front", trace.SpanKindClient},
		{"view", trace.SpanKindInternal},
	}
	cur := leaf
	for i, w := range want {
		if cur.Name != w.name || cur.SpanKind != w.kind {
			t.Fatalf("hop %d: got %s (%s), want %s (%s)", i, cur.Name, cur.SpanKind, w.name, w.kind)
		}
		if i == len(want)-1 {
			break
		}
		parent, ok := byID[cur.Parent.SpanID()]
		if !ok {
			t.Fatalf("hop %d (%s): parent %s not recorded", i, cur.Name, cur.Parent.SpanID())
		}
		cur = parent
	}
	if attrs := attrMap(leaf.Attributes); attrs[telemetry.AttrService] != "back" || attrs[telemetry.AttrEndpoint] != "echo" || attrs[telemetry.AttrCode] != "ok" {
		t.Fatalf("back server span attributes %v", attrs)
	}

	// The log line written inside the front handler carries the trace id.
	var rec map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(logs.Bytes()), []byte("\n")) {
		var m map[string]any
		if json.Unmarshal(line, &m) == nil && m["msg"] == "relaying" {
			rec = m
		}
	}
	if rec == nil || rec["trace_id"] != traceID.String() || rec["span_id"] == "" {
		t.Fatalf("log record %v lacks trace_id %s", rec, traceID)
	}

	t.Run("errors mark spans with the code only", func(t *testing.T) {
		exp.Reset()
		ctx, root := tp.Tracer("test").Start(context.Background(), "view")
		_, err := client.Call[msg](ctx, nc, "test.back", msg{Text: "fail"})
		root.End()
		if api.ErrorCode(err) != api.CodeInvalidArgument {
			t.Fatalf("err = %v", err)
		}
		waitFor(t, "three spans", func() bool { return len(exp.GetSpans()) >= 3 })
		for _, s := range exp.GetSpans() {
			if s.Name != "test.back" {
				continue
			}
			if got := attrMap(s.Attributes)[telemetry.AttrCode]; got != string(api.CodeInvalidArgument) {
				t.Errorf("%s span code %q", s.SpanKind, got)
			}
			if s.Status.Description != string(api.CodeInvalidArgument) {
				t.Errorf("%s span status %q must be the code, not the message", s.SpanKind, s.Status.Description)
			}
		}
	})
}

func attrMap(kvs []attribute.KeyValue) map[string]string {
	m := map[string]string{}
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.Emit()
	}
	return m
}

func TestInjectExtract(t *testing.T) {
	tp := sdktrace.NewTracerProvider()
	ctx, span := tp.Tracer("test").Start(context.Background(), "x")
	defer span.End()
	tests := []struct {
		name  string
		ctx   context.Context
		valid bool
	}{
		{"span context travels", ctx, true},
		{"no span writes nothing", context.Background(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := nats.Header{}
			telemetry.Inject(tt.ctx, h)
			if (h.Get("traceparent") != "") != tt.valid {
				t.Fatalf("traceparent = %q", h.Get("traceparent"))
			}
			got := trace.SpanContextFromContext(telemetry.Extract(context.Background(), h))
			if got.IsValid() != tt.valid {
				t.Fatalf("extracted %v", got)
			}
			if tt.valid && (got.TraceID() != span.SpanContext().TraceID() || !got.IsRemote()) {
				t.Fatalf("extracted %v, want remote %v", got, span.SpanContext())
			}
		})
	}
	t.Run("canonicalised header names still parse", func(t *testing.T) {
		h := nats.Header{}
		telemetry.Inject(ctx, h)
		moved := nats.Header{"Traceparent": h.Values("traceparent")}
		if !trace.SpanContextFromContext(telemetry.Extract(context.Background(), moved)).IsValid() {
			t.Fatal("Traceparent not read")
		}
	})
}

func TestSetupWithoutEndpointIsNoop(t *testing.T) {
	tp, shutdown, err := telemetry.Setup(context.Background(), config.NewReader(config.Map(nil)), "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = shutdown(context.Background()) }()
	_, span := tp.Tracer("x").Start(context.Background(), "y")
	if span.IsRecording() {
		t.Fatal("no endpoint should mean no recording")
	}
}

func TestSetupWithEndpoint(t *testing.T) {
	env := config.Map(map[string]string{telemetry.EnvOTLPEndpoint: "http://127.0.0.1:1", "OTEL_TRACES_SAMPLER_ARG": "0.5"})
	tp, shutdown, err := telemetry.Setup(context.Background(), config.NewReader(env), "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tp.(*sdktrace.TracerProvider); !ok {
		t.Fatalf("provider %T, want the SDK", tp)
	}
	// Nothing was recorded, so shutdown has nothing to send to the dead
	// endpoint and returns at once.
	if err := shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	bad := config.Map(map[string]string{telemetry.EnvOTLPEndpoint: "http://127.0.0.1:1", "OTEL_TRACES_SAMPLER_ARG": "2"})
	if _, _, err := telemetry.Setup(context.Background(), config.NewReader(bad), "test", nil); err == nil {
		t.Fatal("ratio 2 accepted")
	}
}

func TestLogHandlerWithoutSpan(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(telemetry.LogHandler(slog.NewJSONHandler(&buf, nil))).With("svc", "x")
	log.InfoContext(context.Background(), "plain")
	if bytes.Contains(buf.Bytes(), []byte("trace_id")) {
		t.Fatalf("trace_id without a span: %s", buf.String())
	}
}
