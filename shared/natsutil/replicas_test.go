package natsutil_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
)

func streamReplicas(t *testing.T, js jetstream.JetStream, name string) int {
	t.Helper()
	st, err := js.Stream(t.Context(), name)
	if err != nil {
		t.Fatalf("stream %s: %v", name, err)
	}
	return st.CachedInfo().Config.Replicas
}

// TestReplicasAreRaisedNeverLowered: on a 3-node cluster, a KV bucket, a
// stream and an object store created with one replica (by a command or a
// service run without PARLEY_JS_REPLICAS) are raised to 3 by the next
// process configured with 3, whether it only binds (EnsureKeyValue,
// RaiseReplicas) or updates the whole configuration (CreateOrUpdate*); a
// process configured with 1 afterwards leaves them at 3.
func TestReplicasAreRaisedNeverLowered(t *testing.T) {
	servers := natstest.RunCluster(t, 3)
	_, js := natstest.ClusterConn(t, servers)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	log := slog.New(slog.DiscardHandler)

	// What an earlier process left: every kind at R1.
	kvCfg := jetstream.KeyValueConfig{Bucket: "keys", History: 5}
	if _, err := js.CreateKeyValue(ctx, kvCfg); err != nil {
		t.Fatal(err)
	}
	kv2Cfg := jetstream.KeyValueConfig{Bucket: "cache", TTL: time.Hour}
	if _, err := js.CreateKeyValue(ctx, kv2Cfg); err != nil {
		t.Fatal(err)
	}
	stCfg := jetstream.StreamConfig{Name: "EVENTS", Subjects: []string{"events.>"}, MaxBytes: 1 << 20}
	if _, err := js.CreateStream(ctx, stCfg); err != nil {
		t.Fatal(err)
	}
	objCfg := jetstream.ObjectStoreConfig{Bucket: "docs"}
	if _, err := js.CreateObjectStore(ctx, objCfg); err != nil {
		t.Fatal(err)
	}

	kvCfg.Replicas, kv2Cfg.Replicas, stCfg.Replicas, objCfg.Replicas = 3, 3, 3, 3
	kv, err := natsutil.EnsureKeyValue(ctx, js, kvCfg, log)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := natsutil.CreateOrUpdateKeyValue(ctx, js, kv2Cfg, log); err != nil {
		t.Fatal(err)
	}
	if _, err := natsutil.CreateOrUpdateStream(ctx, js, stCfg, log); err != nil {
		t.Fatal(err)
	}
	if _, err := natsutil.CreateOrUpdateObjectStore(ctx, js, objCfg, log); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"KV_keys", "KV_cache", "EVENTS", "OBJ_docs"} {
		if got := streamReplicas(t, js, name); got != 3 {
			t.Errorf("%s has %d replicas after a process configured with 3 opened it, want 3", name, got)
		}
	}
	// EnsureKeyValue keeps the rest of what the bucket had.
	if st, err := kv.Status(ctx); err != nil || st.History() != 5 {
		t.Errorf("keys bucket history %v (%v), want the 5 it was created with", st, err)
	}
	if _, err := kv.Put(ctx, "k", []byte("v")); err != nil {
		t.Fatalf("put after the raise: %v", err)
	}

	// A process configured with fewer (a command without the setting).
	kvCfg.Replicas, kv2Cfg.Replicas, stCfg.Replicas, objCfg.Replicas = 1, 1, 1, 1
	if _, err := natsutil.EnsureKeyValue(ctx, js, kvCfg, log); err != nil {
		t.Fatal(err)
	}
	if _, err := natsutil.CreateOrUpdateKeyValue(ctx, js, kv2Cfg, log); err != nil {
		t.Fatal(err)
	}
	if _, err := natsutil.CreateOrUpdateStream(ctx, js, stCfg, log); err != nil {
		t.Fatal(err)
	}
	if _, err := natsutil.CreateOrUpdateObjectStore(ctx, js, objCfg, log); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"KV_keys", "KV_cache", "EVENTS", "OBJ_docs"} {
		if got := streamReplicas(t, js, name); got != 3 {
			t.Errorf("%s has %d replicas after a process configured with 1 opened it, want the 3 it had", name, got)
		}
	}
}

// TestReplicasThatCannotBeRaisedAreWarned: where more replicas cannot be
// had (here a server that is not clustered, which refuses any), the asset
// is used as it is, the rest of an update is still applied, and a warning
// names it; one already at the configured count is left alone quietly.
func TestReplicasThatCannotBeRaisedAreWarned(t *testing.T) {
	srv := natstest.RunServer(t)
	js, err := jetstream.New(natstest.Conn(t, srv))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	if _, err := js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: "b"}); err != nil {
		t.Fatal(err)
	}
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "S", Subjects: []string{"s.>"}}); err != nil {
		t.Fatal(err)
	}
	const warning = "JetStream stream has fewer replicas than configured and could not be raised; it is used as it is"
	tests := []struct {
		name string
		want int
		open func(log *slog.Logger, want int) error
		warn bool
	}{
		{"ensure at the count it has", 1, func(log *slog.Logger, want int) error {
			_, err := natsutil.EnsureKeyValue(ctx, js, jetstream.KeyValueConfig{Bucket: "b", Replicas: want}, log)
			return err
		}, false},
		{"ensure above it", 3, func(log *slog.Logger, want int) error {
			kv, err := natsutil.EnsureKeyValue(ctx, js, jetstream.KeyValueConfig{Bucket: "b", Replicas: want}, log)
			if err == nil {
				_, err = kv.Put(ctx, "k", []byte("v"))
			}
			return err
		}, true},
		{"update at the count it has", 1, func(log *slog.Logger, want int) error {
			_, err := natsutil.CreateOrUpdateKeyValue(ctx, js, jetstream.KeyValueConfig{Bucket: "b", Replicas: want, Description: "one"}, log)
			return err
		}, false},
		{"update above it", 3, func(log *slog.Logger, want int) error {
			kv, err := natsutil.CreateOrUpdateKeyValue(ctx, js, jetstream.KeyValueConfig{Bucket: "b", Replicas: want, Description: "updated"}, log)
			if err != nil {
				return err
			}
			if st, _ := js.Stream(ctx, "KV_b"); st.CachedInfo().Config.Description != "updated" {
				t.Errorf("the rest of the update was not applied: %+v", st.CachedInfo().Config)
			}
			_, err = kv.Put(ctx, "k", []byte("v"))
			return err
		}, true},
		{"stream update above it", 3, func(log *slog.Logger, want int) error {
			_, err := natsutil.CreateOrUpdateStream(ctx, js, jetstream.StreamConfig{Name: "S", Subjects: []string{"s.>"}, Replicas: want}, log)
			return err
		}, true},
		{"raise", 3, func(log *slog.Logger, want int) error {
			if got := natsutil.RaiseReplicas(ctx, js, "S", want, log); got != 1 {
				t.Errorf("RaiseReplicas = %d, want the 1 it has", got)
			}
			return nil
		}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs := &records{}
			if err := tc.open(slog.New(logs), tc.want); err != nil {
				t.Fatalf("open: %v", err)
			}
			rec, warned := logs.find(warning)
			if warned != tc.warn {
				t.Fatalf("warned %v (%v), want %v", warned, rec, tc.warn)
			}
			if warned && rec.Level != slog.LevelWarn {
				t.Errorf("logged at %s, want WARN", rec.Level)
			}
			for _, name := range []string{"KV_b", "S"} {
				if got := streamReplicas(t, js, name); got != 1 {
					t.Errorf("%s has %d replicas", name, got)
				}
			}
		})
	}
}

// TestJetStreamReplicasSetting: a value JetStream cannot have is reported
// by name with its bound, not read as one replica without a word.
func TestJetStreamReplicasSetting(t *testing.T) {
	for _, tc := range []struct {
		value   string
		want    int
		wantErr string
	}{
		{"", 1, ""},
		{"1", 1, ""},
		{"3", 3, ""},
		{"5", 5, ""},
		{"0", 1, "PARLEY_JS_REPLICAS=0 is below 1"},
		{"-2", 1, "PARLEY_JS_REPLICAS=-2 is below 1"},
		{"7", 1, "PARLEY_JS_REPLICAS=7 is above 5"},
		{"three", 1, `PARLEY_JS_REPLICAS="three" is not an integer`},
	} {
		r := config.NewReader(config.Map(map[string]string{"PARLEY_JS_REPLICAS": tc.value}))
		got := natsutil.JetStreamReplicas(r)
		err := r.Err()
		if got != tc.want || (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("PARLEY_JS_REPLICAS=%q: %d, %v; want %d, %q", tc.value, got, err, tc.want, tc.wantErr)
		}
	}
}
