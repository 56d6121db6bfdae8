package natsutil_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

func TestStorageErrors(t *testing.T) {
	tests := []struct {
		name          string
		err           error
		full, reserve bool
	}{
		{"file store used up", fmt.Errorf("publish: %w", &jetstream.APIError{Code: 503, ErrorCode: 10023, Description: "insufficient resources"}), true, false},
		{"account storage used up", &jetstream.APIError{Code: 400, ErrorCode: 10002, Description: "resource limits exceeded for account"}, true, false},
		{"stream at its byte bound", &jetstream.APIError{Code: 503, ErrorCode: 10077, Description: "maximum bytes exceeded"}, true, false},
		{"stream at its message bound", &jetstream.APIError{Code: 503, ErrorCode: 10077, Description: "maximum messages exceeded"}, true, false},
		{"a key's cap is this write's alone", &jetstream.APIError{Code: 503, ErrorCode: 10077, Description: "maximum messages per subject exceeded"}, false, false},
		{"bound cannot be reserved", &jetstream.APIError{Code: 500, ErrorCode: 10047, Description: "insufficient storage resources available"}, false, true},
		{"leader election", &jetstream.APIError{Code: 503, ErrorCode: 10008, Description: "JetStream system temporarily unavailable"}, false, false},
		{"no answer", context.DeadlineExceeded, false, false},
		{"nil", nil, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := natsutil.StorageFull(tc.err); got != tc.full {
				t.Errorf("StorageFull = %v, want %v", got, tc.full)
			}
			if got := natsutil.ReserveRefused(tc.err); got != tc.reserve {
				t.Errorf("ReserveRefused = %v, want %v", got, tc.reserve)
			}
		})
	}
}

// TestStoreErrorSaysFull: a store refused for room is unavailable, with a
// Retry-After that does not invite a retry every second, and says it is
// full rather than electing a leader.
func TestStoreErrorSaysFull(t *testing.T) {
	cause := fmt.Errorf("put: %w", &jetstream.APIError{Code: 503, ErrorCode: 10023, Description: "insufficient resources"})
	err := natsutil.StoreError(cause, "the glossary store")
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Code != api.CodeUnavailable || ae.RetryAfter != natsutil.StorageRetryAfter ||
		!strings.Contains(ae.Message, "the glossary store is full") {
		t.Fatalf("StoreError = %#v", err)
	}
	if !errors.Is(err, cause) {
		t.Fatalf("the cause is lost: %v", err)
	}
}

// TestMaxFileStoreRefusesAtOnce: an embedded server with a file store
// limit refuses writes past it at once, with an error StorageFull knows,
// rather than writing until the disk is full (when nats-server answers
// nothing and keeps the stream's write error until it restarts); and a
// stream whose bound does not fit is refused with one ReserveRefused knows.
func TestMaxFileStoreRefusesAtOnce(t *testing.T) {
	const limit = 2 << 20
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: t.TempDir(), MaxFileStore: limit})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	if got := s.JetStreamConfig().MaxStore; got != limit {
		t.Fatalf("max_file_store %d, want %d", got, limit)
	}
	nc, err := natsutil.Connect("", s, t.Name(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	_, err = js.CreateStream(ctx, jetstream.StreamConfig{Name: "BIG", Subjects: []string{"big"}, MaxBytes: 2 * limit})
	if !natsutil.ReserveRefused(err) {
		t.Fatalf("a bound over the store: %v, want one ReserveRefused knows", err)
	}
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "CHAT", Subjects: []string{"chat.>"}}); err != nil {
		t.Fatal(err)
	}
	data := []byte(strings.Repeat("x", 8000))
	for i := range 2 * limit / len(data) {
		pctx, pcancel := context.WithTimeout(ctx, 5*time.Second)
		start := time.Now()
		_, err := js.Publish(pctx, fmt.Sprintf("chat.c%d", i%50), data)
		pcancel()
		if err == nil {
			continue
		}
		if !natsutil.StorageFull(err) {
			t.Fatalf("write %d: %v, want one StorageFull knows", i, err)
		}
		if took := time.Since(start); took > time.Second {
			t.Fatalf("refused after %s; want at once", took)
		}
		if i*len(data) < limit/2 {
			t.Fatalf("refused after %d bytes of a %d byte store", i*len(data), limit)
		}
		return
	}
	t.Fatalf("%d bytes written to a store of %d", 2*limit, limit)
}

// TestDefaultMaxFileStore: the derived limit counts what the store holds
// (a restart does not shrink it below that) plus most of the free space.
func TestDefaultMaxFileStore(t *testing.T) {
	dir := t.TempDir()
	empty := natsutil.DefaultMaxFileStore(filepath.Join(dir, "not", "yet"))
	if empty <= 0 {
		t.Skip("free space unknown on this platform")
	}
	held := int64(4 << 20)
	if err := os.WriteFile(filepath.Join(dir, "blk"), make([]byte, held), 0o600); err != nil {
		t.Fatal(err)
	}
	got := natsutil.DefaultMaxFileStore(dir)
	// The file took its size from the free space, of which 90% counts,
	// and counts in full: the limit grows by a tenth of it. Other writers
	// on the disk move the free space meanwhile: slack.
	const slack = 256 << 20
	if got < held || got < empty-slack || got > empty+held+slack {
		t.Fatalf("with %d bytes held: %d; empty: %d", held, got, empty)
	}
}
