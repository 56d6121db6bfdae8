package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/service"
)

// callCancelable makes a translate request that stops the service's work
// when the caller goes away. micro requests carry no cancellation of their
// own: without a notice the translate service would keep an LLM busy for a
// caller that left. So the request always carries a request id (the
// caller's, or a new one), and when ctx is cancelled before the reply
// arrives the client publishes api.TranslateCancel naming it on
// api.SubjectTranslateCancel; every translate replica hears it and the one
// running the request cancels it, down to the model call.
//
// A deadline that passes sends no notice: the service got the same
// deadline in the request's header and stops on its own.
func callCancelable[Resp any](ctx context.Context, nc *nats.Conn, subject string, req any) (*Resp, error) {
	if service.RequestID(ctx) == "" {
		ctx = service.WithRequestID(ctx, newRequestID())
	}
	out, err := CallIdempotent[Resp](ctx, nc, subject, req)
	if err != nil && errors.Is(ctx.Err(), context.Canceled) {
		publishCancel(nc, service.RequestID(ctx))
	}
	return out, err
}

// publishCancel sends the notice; it is best effort (a lost notice only
// costs the work the caller no longer waits for).
func publishCancel(nc *nats.Conn, id string) {
	data, err := json.Marshal(api.TranslateCancel{RequestID: id})
	if err != nil {
		return
	}
	_ = nc.Publish(api.SubjectTranslateCancel, data)
}

// newRequestID names a request whose caller gave it no id.
func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "c-" + hex.EncodeToString(b[:])
}
