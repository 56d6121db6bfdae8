package messages

import (
	"context"

	"github.com/nats-io/nats.go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/telemetry"
)

// tracerName names the spans this package starts.
const tracerName = "github.com/parley-chat/parley/services/messages"

// Span names: the operation and the stream, never the subject, which
// holds the conversation id and the tenant's token.
const (
	spanSend    = "send " + api.StreamChat
	spanProcess = "process " + api.StreamChat
)

// startSendSpan starts the producer span of a chat event written under
// the span in ctx (the gateway's POST, PATCH or DELETE) and writes its
// W3C trace context into h, so that whoever consumes the event continues
// the writer's trace. As shared/client does for requests, the tracer is
// the one of the span in ctx: a writer outside any trace records nothing
// and sends no traceparent.
func startSendSpan(ctx context.Context, h nats.Header) (context.Context, trace.Span) {
	ctx, span := trace.SpanFromContext(ctx).TracerProvider().Tracer(tracerName).
		Start(ctx, spanSend, trace.WithSpanKind(trace.SpanKindProducer),
			trace.WithAttributes(
				attribute.String("messaging.system", "nats"),
				attribute.String("messaging.operation.type", "send"),
				attribute.String("messaging.destination.name", api.StreamChat),
			))
	telemetry.Inject(ctx, h)
	return ctx, span
}

// startProcessSpan starts the consumer span under which consumer handles
// a chat event: a child of the writer's span when the event carries a
// traceparent (Publish writes one), so the work the event causes is one
// trace with the request that wrote it; a new root otherwise (an event
// published by a chat back end with a plain NATS client).
func startProcessSpan(ctx context.Context, tracer trace.Tracer, h nats.Header, consumer, endpoint string) (context.Context, trace.Span) {
	ctx = telemetry.Extract(ctx, h)
	return tracer.Start(ctx, spanProcess, trace.WithSpanKind(trace.SpanKindConsumer),
		trace.WithAttributes(
			attribute.String("messaging.system", "nats"),
			attribute.String("messaging.operation.type", "process"),
			attribute.String("messaging.destination.name", api.StreamChat),
			attribute.String("messaging.consumer.group.name", consumer),
			attribute.String(telemetry.AttrService, api.ServiceMessages),
			attribute.String(telemetry.AttrEndpoint, endpoint),
		))
}

// endSpan records err's code (ok, or the api error code: never its
// message, which may quote the text) and ends span.
func endSpan(span trace.Span, err error) {
	if err != nil {
		code := string(api.AsError(err).Code)
		span.SetAttributes(attribute.String(telemetry.AttrCode, code))
		span.SetStatus(codes.Error, code)
	} else {
		span.SetAttributes(attribute.String(telemetry.AttrCode, "ok"))
	}
	span.End()
}
