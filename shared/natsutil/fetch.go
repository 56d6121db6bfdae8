package natsutil

import (
	"context"
	"errors"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// InterestCatchUp bounds the waits of Fetch for a fresh consumer's
// interest to reach the node a pull went through.
const InterestCatchUp = 1280 * time.Millisecond

// Fetch is cons.Fetch(n, opts...) for a consumer just created (the
// ordered consumers that read a stream through once). On a cluster the
// consumer lives on its stream's leader, and the interest in its pull
// subject reaches the other nodes over the routes a moment after the
// create is answered: a pull sent through another node in between finds
// no responders, which jetstream reports as the batch's error once it
// has ended empty. Fetch waits for that interest (5 ms, doubling up to
// InterestCatchUp: about 2.5 s in all, within ctx; usually the first
// wait does) and pulls again (an ordered consumer starts over where it
// stood) instead of failing the read; no responders past that is a real
// outage. The bound is generous: on a busy machine the routes can lag
// well behind the leader, and a wait ends as soon as a pull is answered.
//
// To see how the pull ended, Fetch waits for the batch's first message
// (or its end), which the caller would have waited for anyway; the
// batch it returns yields that message first. Read it to its end, as
// any batch.
func Fetch(ctx context.Context, cons jetstream.Consumer, n int, opts ...jetstream.FetchOpt) (jetstream.MessageBatch, error) {
	wait := 5 * time.Millisecond
	for {
		batch, err := cons.Fetch(n, opts...)
		if err != nil {
			return nil, err
		}
		first, ok := <-batch.Messages()
		if ok {
			return &headBatch{first: first, rest: batch}, nil
		}
		if !errors.Is(batch.Error(), nats.ErrNoResponders) || wait > InterestCatchUp {
			return batch, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// headBatch is a batch whose first message has been taken out of it.
type headBatch struct {
	first jetstream.Msg
	rest  jetstream.MessageBatch
	msgs  chan jetstream.Msg
}

// Messages yields the first message, then the rest of the batch; the
// channel closes when the batch does.
func (b *headBatch) Messages() <-chan jetstream.Msg {
	if b.msgs == nil {
		b.msgs = make(chan jetstream.Msg, 1)
		b.msgs <- b.first
		go func() {
			defer close(b.msgs)
			for m := range b.rest.Messages() {
				b.msgs <- m
			}
		}()
	}
	return b.msgs
}

// Error is the batch's error, once its messages are read.
func (b *headBatch) Error() error { return b.rest.Error() }
