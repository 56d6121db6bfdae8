package messages_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/svcmain"
)

// viewLocales collects the locales of the views published for conv until
// want has come (false if it did not within 20s).
func viewLocales(t *testing.T, sub *nats.Subscription, want string) bool {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		m, err := sub.NextMsg(time.Until(deadline))
		if err != nil {
			return false
		}
		var v api.MessageView
		if err := json.Unmarshal(m.Data, &v); err != nil {
			t.Fatal(err)
		}
		if v.Locale == want {
			return true
		}
	}
	return false
}

// waitBucket waits until the readers bucket exists (again).
func waitBucket(t *testing.T, js jetstream.JetStream, within time.Duration) jetstream.KeyValue {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		kv, err := js.KeyValue(context.Background(), messages.ReadersBucket)
		if err == nil {
			return kv
		}
		if time.Now().After(deadline) {
			t.Fatalf("the readers bucket was not re-created within %s: %v", within, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestPresenceRecreatesDeletedBucket: the readers bucket's stream deleted
// under running Presences (the messages service's and a gateway's), a
// registration re-creates it with the service's settings, the other
// mirrors follow the new bucket, and the service pre-translates into the
// locale registered after the loss.
func TestPresenceRecreatesDeletedBucket(t *testing.T) {
	nc, js := startService(t, map[string]string{"MESSAGES_MAX_LOCALES": "3"})
	fakeServices(t, nc)
	ctx := context.Background()
	gw, err := messages.OpenPresence(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(gw.Close)
	other, err := messages.OpenPresence(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)
	if ok, err := gw.Register(ctx, "", "room", "es"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if err := js.DeleteKeyValue(ctx, messages.ReadersBucket); err != nil {
		t.Fatal(err)
	}

	if ok, err := gw.Register(ctx, "", "room", "de"); !ok || err != nil {
		t.Fatalf("register after the bucket was lost: %v, %v", ok, err)
	}
	kv, err := js.KeyValue(ctx, messages.ReadersBucket)
	if err != nil {
		t.Fatal(err)
	}
	st, err := kv.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bs := st.(*jetstream.KeyValueBucketStatus)
	if cfg := bs.StreamInfo().Config; cfg.Storage != jetstream.MemoryStorage || cfg.Metadata["parley_max_locales"] != "3" || st.TTL() != 45*time.Second {
		t.Fatalf("re-created with %v, %v, TTL %s; want the service's settings", cfg.Storage, cfg.Metadata, st.TTL())
	}
	// Another process's mirror follows the new bucket.
	if err := other.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if active, _ := other.Active(ctx, "", "room"); !slices.Contains(active, "de") {
		t.Fatalf("the other mirror has %v, want de in it", active)
	}

	sub, err := nc.SubscribeSync(api.SubjectViewsPrefix + "room.*.*")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	publish(t, js, "room", api.MessageEvent{ID: "m1", Author: "ana", Text: "hello"})
	if !viewLocales(t, sub, "de") {
		t.Fatal("no pre-translated de view after the bucket was re-created")
	}
}

// TestPresenceRecreatesBucketUnasked: with nobody registering, a running
// Presence notices the bucket is gone (its watch ends, or its periodic
// check) and re-creates it.
func TestPresenceRecreatesBucketUnasked(t *testing.T) {
	_, js := startService(t, map[string]string{"MESSAGES_READER_TTL": "1s"})
	ctx := context.Background()
	if err := js.DeleteKeyValue(ctx, messages.ReadersBucket); err != nil {
		t.Fatal(err)
	}
	kv := waitBucket(t, js, 15*time.Second)
	if st, err := kv.Status(ctx); err != nil || st.TTL() != time.Second {
		t.Fatalf("re-created with %v, %v; want the service's TTL", st, err)
	}
}

// TestPresenceSurvivesServerRestart: the SRE's case. The NATS server is
// stopped and started again with the same store: the bucket in memory is
// gone; the service re-creates it when it reconnects, and readers who
// register then get pre-translated views.
func TestPresenceSurvivesServerRestart(t *testing.T) {
	dir := t.TempDir()
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: dir, MaxFileStore: natstest.MaxFileStore})
	if err != nil {
		t.Fatal(err)
	}
	port := s.Addr().(*net.TCPAddr).Port
	url := s.ClientURL()
	// Last, whichever server runs then: the service and the mirrors stop
	// first.
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	connect := func() (*nats.Conn, jetstream.JetStream) {
		nc, err := natsutil.Connect(url, nil, t.Name(), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(nc.Close)
		js, err := jetstream.New(nc)
		if err != nil {
			t.Fatal(err)
		}
		return nc, js
	}
	nc, js := connect()
	// Before the service, so that its stop (cleanups run last first)
	// finds them answering the translations still running.
	fakeServices(t, nc)
	stop, err := messages.Start(context.Background(), svcmain.Deps{
		NC: nc, Env: config.NewReader(config.Map(nil)), Registry: prometheus.NewRegistry(), Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	gwnc, gwjs := connect()
	ctx := context.Background()
	gw, err := messages.OpenPresence(ctx, gwjs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(gw.Close)
	if ok, err := gw.Register(ctx, "", "room", "es"); !ok || err != nil {
		t.Fatal(ok, err)
	}

	s.Shutdown()
	s.WaitForShutdown()
	// Same port and store, as an orchestrator restarts it.
	if s, err = natsutil.RunEmbedded(natsutil.EmbedConfig{Port: port, StoreDir: dir, MaxFileStore: natstest.MaxFileStore}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*nats.Conn{nc, gwnc} {
		deadline := time.Now().Add(10 * time.Second)
		for !c.IsConnected() {
			if time.Now().After(deadline) {
				t.Fatal("no reconnect")
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	// Re-created when the processes reconnected, before anyone asked.
	waitBucket(t, js, 10*time.Second)

	if ok, err := gw.Register(ctx, "", "room", "de"); !ok || err != nil {
		t.Fatalf("register after the restart: %v, %v", ok, err)
	}
	sub, err := gwnc.SubscribeSync(api.SubjectViewsPrefix + "room.*.*")
	if err != nil {
		t.Fatal(err)
	}
	if err := gwnc.Flush(); err != nil {
		t.Fatal(err)
	}
	publish(t, gwjs, "room", api.MessageEvent{ID: "m1", Author: "ana", Text: "hello"})
	if !viewLocales(t, sub, "de") {
		t.Fatal("no pre-translated de view after the server restarted")
	}
}
