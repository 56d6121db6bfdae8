package client_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestGetTransferFromALaggingReplica: an object put through one node of a
// 3-node cluster and read at once through another is read whole every
// time, though the replica that answers the read may not have it yet;
// a name never put is not found.
func TestGetTransferFromALaggingReplica(t *testing.T) {
	servers := natstest.RunCluster(t, 3)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	stores := make([]jetstream.ObjectStore, len(servers))
	for i, s := range servers {
		nc, err := nats.Connect(s.ClientURL(), nats.DontRandomize(), nats.NoReconnect())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(nc.Close)
		js, err := jetstream.New(nc)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if stores[i], err = js.CreateObjectStore(ctx, jetstream.ObjectStoreConfig{Bucket: "transfer", Replicas: 3}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if stores[i], err = js.ObjectStore(ctx, "transfer"); err != nil {
			t.Fatal(err)
		}
	}
	// Several chunks (128 KiB each), so that a replica can also hold a
	// part of the object.
	data := bytes.Repeat([]byte("glossary entry;"), 40_000)
	for round := range 20 {
		name := fmt.Sprintf("export-%d", round)
		if _, err := stores[0].PutBytes(ctx, name, data); err != nil {
			t.Fatalf("round %d: put: %v", round, err)
		}
		got, err := client.GetTransfer(ctx, stores[1+round%2], name)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("round %d: read %d bytes, %v; want %d", round, len(got), err, len(data))
		}
	}
	if _, err := client.GetTransfer(ctx, stores[1], "never-put"); !errors.Is(err, jetstream.ErrObjectNotFound) {
		t.Errorf("a name never put: %v, want ErrObjectNotFound", err)
	}
}
