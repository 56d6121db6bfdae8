package jsstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/moderation/jsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestRetentionSettings: the audit and intake streams take their MaxAge
// from the configuration, also when they exist already (an upgrade of a
// log created without one); the audit log stays append-only, and the
// cases stored before still read.
func TestRetentionSettings(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ns := natstest.RunServer(t)
	nc := natstest.Conn(t, ns)
	old, err := jsstore.Open(ctx, nc, jsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := old.Create(ctx, &api.Case{ID: "c1", Status: api.CaseOpen, Original: "x"}); err != nil {
		t.Fatal(err)
	}
	old.Close()

	tests := []struct {
		name                string
		cfg                 jsstore.Config
		wantAudit, wantIntk time.Duration
	}{
		{"upgraded", jsstore.Config{AuditMaxAge: 400 * 24 * time.Hour, IntakeMaxAge: time.Hour}, 400 * 24 * time.Hour, time.Hour},
		{"kept for ever again", jsstore.Config{}, 0, 7 * 24 * time.Hour},
	}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := jsstore.Open(ctx, nc, tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if c, err := s.Get(ctx, "c1"); err != nil || c.Original != "x" {
				t.Fatalf("case stored before: %+v, %v", c, err)
			}
			audit, err := js.Stream(ctx, api.StreamModerationAudit)
			if err != nil {
				t.Fatal(err)
			}
			if cfg := audit.CachedInfo().Config; cfg.MaxAge != tt.wantAudit || !cfg.DenyDelete || !cfg.DenyPurge {
				t.Fatalf("audit stream: max age %s, deny delete %v, deny purge %v; want %s, append-only", cfg.MaxAge, cfg.DenyDelete, cfg.DenyPurge, tt.wantAudit)
			}
			intake, err := js.Stream(ctx, api.StreamModerationIntake)
			if err != nil {
				t.Fatal(err)
			}
			if cfg := intake.CachedInfo().Config; cfg.MaxAge != tt.wantIntk || cfg.Duplicates > cfg.MaxAge {
				t.Fatalf("intake stream: max age %s, duplicates %s; want %s", cfg.MaxAge, cfg.Duplicates, tt.wantIntk)
			}
		})
	}
}

// TestDelete: a case is deleted at its revision only, and leaves the
// mirror.
func TestDelete(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ns := natstest.RunServer(t)
	s, err := jsstore.Open(ctx, natstest.Conn(t, ns), jsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, rev, err := s.Create(ctx, &api.Case{ID: "c1", Status: api.CaseDecided})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "c1", rev+5); api.ErrorCode(err) != api.CodeConflict {
		t.Fatalf("delete at a stale revision: %v, want a conflict", err)
	}
	if err := s.Delete(ctx, "c1", rev); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "c1"); api.ErrorCode(err) != api.CodeNotFound {
		t.Fatalf("get after delete: %v", err)
	}
	// The watcher may hand the mirror the case's create after the local
	// delete (it runs on a goroutine of its own); the purge it brings next
	// takes it out again.
	for deadline := time.Now().Add(10 * time.Second); len(s.Cases()) != 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d cases in the mirror after delete", len(s.Cases()))
		}
	}
}
