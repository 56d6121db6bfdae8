package natsutil_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
)

// TestFetchFreshConsumerOnACluster: an ordered consumer created through
// one node of a 3-node cluster and read at once, through each node in
// turn, reads the stream every time: Fetch waits for the consumer's
// interest to reach the node instead of failing with no responders.
func TestFetchFreshConsumerOnACluster(t *testing.T) {
	jss := natstest.NodeJetStreams(t, natstest.RunCluster(t, 3))
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	_, err := jss[0].CreateStream(ctx, jetstream.StreamConfig{Name: "FETCH", Subjects: []string{"fetch.>"}, Replicas: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := jss[0].Publish(ctx, fmt.Sprintf("fetch.%d", i), []byte("m")); err != nil {
			t.Fatal(err)
		}
	}
	for round := range 30 {
		js := jss[round%len(jss)]
		cons, err := js.OrderedConsumer(ctx, "FETCH", jetstream.OrderedConsumerConfig{})
		if err != nil {
			t.Fatalf("round %d: consumer: %v", round, err)
		}
		batch, err := natsutil.Fetch(ctx, cons, 3, jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			t.Fatalf("round %d (node %d): fetch: %v", round, round%len(jss)+1, err)
		}
		n := 0
		for range batch.Messages() {
			n++
		}
		if err := batch.Error(); err != nil || n != 3 {
			t.Fatalf("round %d (node %d): read %d messages, %v; want 3", round, round%len(jss)+1, n, err)
		}
	}
}
