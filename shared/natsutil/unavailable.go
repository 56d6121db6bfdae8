package natsutil

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
)

// Unavailable reports whether err says that JetStream could not be reached
// for now rather than that the request was wrong: no responders or no
// answer (a stream electing a leader after its leader stopped, a client
// reconnecting to another node), or a JetStream error with status 503
// ("JetStream system temporarily unavailable", insufficient resources, a
// full stream). The same request may well succeed a moment later.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code == http.StatusServiceUnavailable
	}
	for _, e := range []error{
		nats.ErrNoResponders, jetstream.ErrNoStreamResponse, nats.ErrTimeout, context.DeadlineExceeded,
		nats.ErrConnectionClosed, nats.ErrConnectionReconnecting, nats.ErrConnectionDraining,
		nats.ErrDisconnected, jetstream.ErrServerShutdown,
	} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// StoreError turns an error of a JetStream store into the API's error for
// it: when the store is briefly unavailable (Unavailable), an *api.Error
// with api.CodeUnavailable and a Retry-After of a second, saying that
// what (e.g. "the glossary store") is unavailable, which wraps err so that
// logs keep the cause; any other error is returned as it is (an *api.Error
// stays one, anything else is an internal error). A nil err stays nil.
//
// A store refused for lack of room (StorageFull) is unavailable too, but
// not for a moment: the error says so, and asks for a later retry.
func StoreError(err error, what string) error {
	var ae *api.Error
	if err == nil || errors.As(err, &ae) || !Unavailable(err) {
		return err
	}
	if StorageFull(err) {
		return fmt.Errorf("%w: %w", &api.Error{Code: api.CodeUnavailable, RetryAfter: StorageRetryAfter,
			Message: what + " is full: JetStream refuses writes until retention or an operator makes room (docs/operations.md); retry later"}, err)
	}
	return fmt.Errorf("%w: %w", &api.Error{Code: api.CodeUnavailable, RetryAfter: 1,
		Message: what + " is unavailable for a moment (JetStream is electing a leader or reconnecting); retry shortly"}, err)
}
