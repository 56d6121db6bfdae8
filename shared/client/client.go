// Package client has a typed NATS client for each Parley service. Calls carry
// the caller's remaining budget and request id in headers, and turn micro
// error replies (the Nats-Service-Error headers, which nats.go itself does
// not treat as errors) back into *api.Error values.
package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/telemetry"
)

// DefaultTimeout bounds a call whose context has no deadline.
const DefaultTimeout = 10 * time.Second

// Call sends req to subject and decodes the reply into a new Resp.
//
// When ctx carries a span, Call records a client span under it and sends
// the W3C trace context in the request headers, so the service's server
// span joins the same trace. The tracer comes from the span already in ctx
// (as otelhttp does), so a caller outside any trace pays nothing.
func Call[Resp any](ctx context.Context, nc *nats.Conn, subject string, req any) (out *Resp, err error) {
	ctx, span := trace.SpanFromContext(ctx).TracerProvider().
		Tracer("github.com/parley-chat/parley/shared/client").
		Start(ctx, subject, trace.WithSpanKind(trace.SpanKindClient),
			trace.WithAttributes(attribute.String("messaging.system", "nats")))
	defer func() {
		if err != nil {
			code := string(api.AsError(err).Code)
			span.SetAttributes(attribute.String(telemetry.AttrCode, code))
			span.SetStatus(codes.Error, code)
		} else {
			span.SetAttributes(attribute.String(telemetry.AttrCode, "ok"))
		}
		span.End()
	}()
	return call[Resp](ctx, nc, subject, req)
}

func call[Resp any](ctx context.Context, nc *nats.Conn, subject string, req any) (*Resp, error) {
	data, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encode %s request: %w", subject, err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	dl, _ := ctx.Deadline()
	budget := time.Until(dl)
	if budget <= 0 {
		return nil, api.Errorf(api.CodeTimeout, "no time left to call %s", subject)
	}
	msg := nats.NewMsg(subject)
	msg.Data = data
	msg.Header.Set(api.HeaderTimeout, strconv.FormatInt(max(1, budget.Milliseconds()), 10))
	if id := service.RequestID(ctx); id != "" {
		msg.Header.Set(api.HeaderRequestID, id)
	}
	telemetry.Inject(ctx, msg.Header)
	reply, err := nc.RequestMsgWithContext(ctx, msg)
	if err != nil {
		return nil, transportError(subject, err)
	}
	if code := reply.Header.Get(micro.ErrorCodeHeader); code != "" {
		return nil, api.ParseServiceError(code, reply.Header.Get(micro.ErrorHeader), reply.Data)
	}
	out := new(Resp)
	if err := json.Unmarshal(reply.Data, out); err != nil {
		return nil, fmt.Errorf("decode %s reply: %w", subject, err)
	}
	return out, nil
}

// transportError classifies a failed request: nobody listening is a 503 at
// once, a spent budget a 504, so callers never hang on a dead service.
func transportError(subject string, err error) error {
	switch {
	case errors.Is(err, nats.ErrNoResponders):
		return &api.Error{Code: api.CodeUnavailable, Message: fmt.Sprintf("no %s service is running", serviceOf(subject))}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, nats.ErrTimeout):
		return &api.Error{Code: api.CodeTimeout, Message: fmt.Sprintf("%s did not answer in time", serviceOf(subject))}
	case errors.Is(err, context.Canceled):
		return &api.Error{Code: api.CodeCanceled, Message: "request canceled"}
	case errors.Is(err, nats.ErrConnectionClosed), errors.Is(err, nats.ErrConnectionDraining), errors.Is(err, nats.ErrDisconnected):
		return &api.Error{Code: api.CodeUnavailable, Message: "not connected to NATS"}
	}
	return fmt.Errorf("request %s: %w", subject, err)
}

// serviceOf extracts "translate" from "parley.translate.v1.translate".
func serviceOf(subject string) string {
	start := len("parley.")
	if len(subject) <= start {
		return subject
	}
	for i := start; i < len(subject); i++ {
		if subject[i] == '.' {
			return subject[start:i]
		}
	}
	return subject
}

// Detect is the detect service's client.
type Detect struct{ NC *nats.Conn }

// Detect identifies the language of a text.
func (c Detect) Detect(ctx context.Context, req api.DetectRequest) (*api.DetectResponse, error) {
	return Call[api.DetectResponse](ctx, c.NC, api.SubjectDetect, req)
}

// DetectBatch identifies the language of several texts, each on its own;
// an item with bad input carries its own error.
func (c Detect) DetectBatch(ctx context.Context, req api.DetectBatchRequest) (*api.DetectBatchResponse, error) {
	return Call[api.DetectBatchResponse](ctx, c.NC, api.SubjectDetectBatch, req)
}

// Translate is the translate service's client.
type Translate struct{ NC *nats.Conn }

// Translate runs the backend chain for one text.
func (c Translate) Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	return Call[api.TranslateResponse](ctx, c.NC, api.SubjectTranslate, req)
}

// Languages lists the chain's backends and what they serve.
func (c Translate) Languages(ctx context.Context) (*api.LanguagesResponse, error) {
	return Call[api.LanguagesResponse](ctx, c.NC, api.SubjectTranslateLangs, api.LanguagesRequest{})
}

// Glossary is the glossary service's client.
type Glossary struct{ NC *nats.Conn }

// Prepare finds glossary terms in a source text.
func (c Glossary) Prepare(ctx context.Context, req api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	return Call[api.GlossaryPrepareResponse](ctx, c.NC, api.SubjectGlossaryPrepare, req)
}

// Verify reports what happened to the matched terms in a translation.
func (c Glossary) Verify(ctx context.Context, req api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	return Call[api.GlossaryReport](ctx, c.NC, api.SubjectGlossaryVerify, req)
}

// List lists the loaded glossaries.
func (c Glossary) List(ctx context.Context) (*api.GlossaryListResponse, error) {
	return Call[api.GlossaryListResponse](ctx, c.NC, api.SubjectGlossaryList, api.GlossaryListRequest{})
}

// Quality is the quality service's client.
type Quality struct{ NC *nats.Conn }

// Score estimates the quality of a translation.
func (c Quality) Score(ctx context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	return Call[api.QualityResponse](ctx, c.NC, api.SubjectQualityScore, req)
}

// Safety is the safety service's client.
type Safety struct{ NC *nats.Conn }

// Check returns verdicts for a source and its translation.
func (c Safety) Check(ctx context.Context, req api.SafetyRequest) (*api.SafetyResponse, error) {
	return Call[api.SafetyResponse](ctx, c.NC, api.SubjectSafetyCheck, req)
}

// Ping asks every instance of the named micro service to answer
// $SRV.PING.<name> and reports whether at least one did within ctx.
func Ping(ctx context.Context, nc *nats.Conn, name string) error {
	subj, err := micro.ControlSubject(micro.PingVerb, name, "")
	if err != nil {
		return fmt.Errorf("ping subject for %s: %w", name, err)
	}
	if _, err := nc.RequestWithContext(ctx, subj, nil); err != nil {
		return &api.Error{Code: api.CodeUnavailable, Message: fmt.Sprintf("%s does not answer: %v", name, err)}
	}
	return nil
}
