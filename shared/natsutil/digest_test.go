package natsutil_test

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
)

// TestSameConfigIsNotUpdatedAgain: a stream, bucket or object store
// opened again with the configuration already applied (every start of
// every replica) gets no update, which nats-server would carry out
// (rewriting the configuration, an advisory) while other processes create
// consumers on it; a changed configuration is applied.
func TestSameConfigIsNotUpdatedAgain(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	updates, err := nc.SubscribeSync("$JS.EVENT.ADVISORY.STREAM.UPDATED.>")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	// count counts the update advisories (sent asynchronously: a busy
	// machine can hold them up for long).
	count := func(want int) int {
		if err := nc.Flush(); err != nil {
			t.Fatal(err)
		}
		return natstest.Count(t, updates, want)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	scfg := jetstream.StreamConfig{Name: "DIGEST", Subjects: []string{"digest.>"}, MaxBytes: 1 << 20}
	kcfg := jetstream.KeyValueConfig{Bucket: "digest", History: 2}
	ocfg := jetstream.ObjectStoreConfig{Bucket: "digest", TTL: time.Hour}
	open := func() {
		if _, err := natsutil.CreateOrUpdateStream(ctx, js, scfg, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := natsutil.CreateOrUpdateKeyValue(ctx, js, kcfg, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := natsutil.CreateOrUpdateObjectStore(ctx, js, ocfg, nil); err != nil {
			t.Fatal(err)
		}
	}
	open()
	count(0)
	open()
	if n := count(0); n != 0 {
		t.Fatalf("opened again with the same configuration: %d updates, want none", n)
	}
	scfg.MaxBytes, kcfg.History, ocfg.TTL = 2<<20, 3, 2*time.Hour
	open()
	if n := count(3); n != 3 {
		t.Fatalf("opened with a changed configuration: %d updates, want 3", n)
	}
	st, err := js.Stream(ctx, "DIGEST")
	if err != nil {
		t.Fatal(err)
	}
	if got := st.CachedInfo().Config.MaxBytes; got != 2<<20 {
		t.Errorf("max bytes %d after the change, want %d", got, 2<<20)
	}
}
