package natsstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/glossary/natsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

func openOn(t *testing.T, srv *server.Server) (*natsstore.Store, *nats.Conn) {
	t.Helper()
	nc := natstest.Conn(t, srv)
	s, err := natsstore.Open(ctx(t), nc, natsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return s, nc
}

// TestUpdateWritesOneRecord: an update writes its head and its own
// version record, and no longer writes the previous version's record
// again (a JetStream write refused as existing, which cost a round trip to
// the stream's leader on every update); a previous record that is missing
// (its writer died between head and record) is still written.
func TestUpdateWritesOneRecord(t *testing.T) {
	srv := natstest.RunServer(t)
	s, nc := openOn(t, srv)
	watcher := natstest.Conn(t, srv)
	records, err := watcher.SubscribeSync("$KV." + natsstore.BucketKV + ".ver.>")
	if err != nil {
		t.Fatal(err)
	}
	if err := watcher.Flush(); err != nil {
		t.Fatal(err)
	}
	commit := func(n int) {
		t.Helper()
		_, rev, err := s.Head(ctx(t), "g")
		if err != nil && n > 1 {
			t.Fatal(err)
		}
		if err := s.Commit(ctx(t), version("g", n), rev); err != nil {
			t.Fatalf("commit %d: %v", n, err)
		}
	}
	// writes counts the records written since it last did (the server
	// hands the watcher its copy of a write on another goroutine than the
	// one acknowledging it, so a copy can still be on its way).
	writes := func(want int) int {
		t.Helper()
		if err := watcher.Flush(); err != nil {
			t.Fatal(err)
		}
		return natstest.Count(t, records, want)
	}
	commit(1)
	commit(2)
	commit(3)
	if n := writes(3); n != 3 {
		t.Errorf("3 commits wrote %d version records, want 3", n)
	}
	// Version 4's writer died between its head and its record.
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	kv, err := js.KeyValue(ctx(t), natsstore.BucketKV)
	if err != nil {
		t.Fatal(err)
	}
	_, rev, err := s.Head(ctx(t), "g")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(version("g", 4))
	if _, err := kv.Update(ctx(t), "head.g", data, rev); err != nil {
		t.Fatal(err)
	}
	commit(5)
	if n := writes(2); n != 2 {
		t.Errorf("a commit after a missing record wrote %d records, want 2 (the missing one and its own)", n)
	}
	vs, err := s.Versions(ctx(t), "g")
	if err != nil || len(vs) != 5 || vs[3].Version != 4 {
		t.Fatalf("versions %+v %v, want 1 to 5", vs, err)
	}
}

// TestUnavailableIsRetryable: a write that JetStream leaves unanswered (a
// stream whose leader stopped with it in flight) or that finds no stream
// to answer it ("no response from stream" while a leader is elected) is
// api.CodeUnavailable with a Retry-After, which the gateway answers with
// 503, not an internal error (500); a glossary that does not exist stays
// not found.
func TestUnavailableIsRetryable(t *testing.T) {
	tests := []struct {
		name    string
		disturb func(t *testing.T, nc *nats.Conn)
	}{
		{"no answer", func(t *testing.T, nc *nats.Conn) { natstest.SilenceStream(t, nc, "KV_"+natsstore.BucketKV) }},
		{"no responders", func(t *testing.T, nc *nats.Conn) {
			js, err := jetstream.New(nc)
			if err != nil {
				t.Fatal(err)
			}
			if err := js.DeleteStream(ctx(t), "KV_"+natsstore.BucketKV); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := natstest.RunServer(t)
			s, _ := openOn(t, srv)
			if _, _, err := s.Head(ctx(t), "missing"); api.ErrorCode(err) != api.CodeNotFound {
				t.Fatalf("missing glossary: %v", err)
			}
			tc.disturb(t, natstest.Conn(t, srv))
			c, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			err := s.Commit(c, version("g", 1), 0)
			var ae *api.Error
			if !errors.As(err, &ae) || ae.Code != api.CodeUnavailable || ae.RetryAfter < 1 {
				t.Fatalf("commit: %v (%#v), want unavailable with a Retry-After", err, ae)
			}
		})
	}
}
