package natsutil_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
)

// TestGetObjectFromALaggingReplica: an object put through one node of a
// 3-node cluster and read at once through another is read whole every
// time, though the replica that answers the read may not have it yet;
// a name never put is not found.
func TestGetObjectFromALaggingReplica(t *testing.T) {
	jss := natstest.NodeJetStreams(t, natstest.RunCluster(t, 3))
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	stores := make([]jetstream.ObjectStore, len(jss))
	var err error
	if stores[0], err = jss[0].CreateObjectStore(ctx, jetstream.ObjectStoreConfig{Bucket: "transfer", Replicas: 3}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(jss); i++ {
		if stores[i], err = jss[i].ObjectStore(ctx, "transfer"); err != nil {
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
		got, err := natsutil.GetObject(ctx, stores[1+round%2], name)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("round %d: read %d bytes, %v; want %d", round, len(got), err, len(data))
		}
	}
	if _, err := natsutil.GetObject(ctx, stores[1], "never-put"); !errors.Is(err, jetstream.ErrObjectNotFound) {
		t.Errorf("a name never put: %v, want ErrObjectNotFound", err)
	}
}

// TestGetListedFromALaggingReplica: a key put through one node of a
// 3-node cluster, listed through another and read through the third is
// read every time, though the replica that answers the read may not
// have it yet; a key deleted since is not found.
func TestGetListedFromALaggingReplica(t *testing.T) {
	jss := natstest.NodeJetStreams(t, natstest.RunCluster(t, 3))
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	kvs := make([]jetstream.KeyValue, len(jss))
	var err error
	if kvs[0], err = jss[0].CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: "listed", Replicas: 3}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(jss); i++ {
		if kvs[i], err = jss[i].KeyValue(ctx, "listed"); err != nil {
			t.Fatal(err)
		}
	}
	for round := range 30 {
		key := fmt.Sprintf("ver.g.%d", round)
		if _, err := kvs[0].Put(ctx, key, []byte(key)); err != nil {
			t.Fatalf("round %d: put: %v", round, err)
		}
		l, err := kvs[1+round%2].ListKeysFiltered(ctx, key)
		if err != nil {
			t.Fatalf("round %d: list: %v", round, err)
		}
		for k := range l.Keys() {
			e, err := natsutil.GetListed(ctx, kvs[2-round%2], k)
			if err != nil || string(e.Value()) != key {
				t.Fatalf("round %d: read %s: %v", round, k, err)
			}
		}
	}
	if err := kvs[0].Purge(ctx, "ver.g.0"); err != nil {
		t.Fatal(err)
	}
	if _, err := natsutil.GetListed(ctx, kvs[0], "ver.g.0"); !errors.Is(err, jetstream.ErrKeyNotFound) {
		t.Errorf("a key purged: %v, want ErrKeyNotFound", err)
	}
}
