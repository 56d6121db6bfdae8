package messages_test

import (
	"context"
	"testing"

	"github.com/nats-io/nats.go/jetstream"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
)

// TestPublishCarriesTheWritersTrace: an event written in a trace carries
// it (traceparent of a producer span under the writer's span), so its
// consumers continue that trace; one written outside any trace records
// nothing and stores no header but the de-duplication id.
func TestPublishCarriesTheWritersTrace(t *testing.T) {
	_, js := startService(t, nil)
	st, err := js.Stream(context.Background(), api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })

	for _, tt := range []struct {
		name, id string
		traced   bool
	}{
		{"in a trace", "m1", true},
		{"outside any trace", "m2", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			exp.Reset()
			ctx := context.Background()
			var parent trace.Span
			if tt.traced {
				ctx, parent = tp.Tracer("test").Start(ctx, "POST /v1/messages")
				defer parent.End()
			}
			seq, err := messages.Publish(ctx, js, "room", api.MessageEvent{ID: tt.id, Text: "hello"})
			if err != nil {
				t.Fatal(err)
			}
			stored, err := st.GetMsg(context.Background(), seq)
			if err != nil {
				t.Fatal(err)
			}
			got := stored.Header.Get("traceparent")
			if !tt.traced {
				if len(stored.Header) != 1 || stored.Header.Get(jetstream.MsgIDHeader) == "" || len(exp.GetSpans()) != 0 {
					t.Fatalf("headers %v, spans %v", stored.Header, exp.GetSpans())
				}
				return
			}
			spans := exp.GetSpans()
			if len(spans) != 1 {
				t.Fatalf("spans %v", spans)
			}
			send := spans[0]
			if send.Name != "send "+api.StreamChat || send.SpanKind != trace.SpanKindProducer ||
				send.Parent.SpanID() != parent.SpanContext().SpanID() {
				t.Fatalf("producer span %+v", send)
			}
			want := "00-" + send.SpanContext.TraceID().String() + "-" + send.SpanContext.SpanID().String() + "-01"
			if got != want {
				t.Fatalf("traceparent %q, want %q", got, want)
			}
		})
	}
}
