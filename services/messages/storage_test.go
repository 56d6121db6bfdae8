package messages_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/svcmain"
)

// smallStore is a JetStream whose file store holds limit bytes.
func smallStore(t *testing.T, limit int64) jetstream.JetStream {
	t.Helper()
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: t.TempDir(), MaxFileStore: limit})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	js, err := jetstream.New(natstest.Conn(t, s))
	if err != nil {
		t.Fatal(err)
	}
	return js
}

func TestMaxBytesFromEnv(t *testing.T) {
	tests := []struct {
		value   string
		want    int64
		wantErr bool
	}{
		{"", messages.DefaultMaxBytes, false},
		{"1048576", 1 << 20, false},
		{"1000", messages.DefaultMaxBytes, true},
		{"4GB", messages.DefaultMaxBytes, true},
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			r := config.NewReader(config.Map(map[string]string{"MESSAGES_MAX_BYTES": tc.value}))
			if got := messages.ConfigFromEnv(r).MaxBytes; got != tc.want {
				t.Errorf("MaxBytes %d, want %d", got, tc.want)
			}
			if (r.Err() != nil) != tc.wantErr {
				t.Errorf("err %v", r.Err())
			}
		})
	}
}

// TestSettingsOutOfRangeAreRefused: a MESSAGES_* setting out of its
// range is an error naming it and its bound (the service does not start),
// not the default or a clamped value without a word.
func TestSettingsOutOfRangeAreRefused(t *testing.T) {
	for _, tc := range []struct{ key, value, want string }{
		{"MESSAGES_MAX_LOCALES", "-1", "MESSAGES_MAX_LOCALES=-1 is below 1"},
		{"MESSAGES_MAX_LOCALES", "0", "MESSAGES_MAX_LOCALES=0 is below 1"},
		{"MESSAGES_WORKERS", "0", "MESSAGES_WORKERS=0 is below 1"},
		{"MESSAGES_MAX_PER_CONVERSATION", "0", "MESSAGES_MAX_PER_CONVERSATION=0 is below 1"},
		{"MESSAGES_READER_TTL", "-5s", "MESSAGES_READER_TTL=-5s is below 1s"},
		{"MESSAGES_READER_TTL", "0s", "MESSAGES_READER_TTL=0s is below 1s"},
		{"MESSAGES_CONTEXT", "50", "MESSAGES_CONTEXT=50 is above 10"},
		{"MESSAGES_CONTEXT", "-1", "MESSAGES_CONTEXT=-1 is below 0"},
	} {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			env := config.NewReader(config.Map(map[string]string{tc.key: tc.value}))
			_, err := messages.Start(t.Context(), svcmain.Deps{Env: env})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("start error %v, want %q", err, tc.want)
			}
		})
	}
	// The bounds themselves are taken.
	r := config.NewReader(config.Map(map[string]string{
		"MESSAGES_MAX_LOCALES": "1", "MESSAGES_WORKERS": "1", "MESSAGES_MAX_PER_CONVERSATION": "1",
		"MESSAGES_READER_TTL": "1s", "MESSAGES_CONTEXT": "10",
	}))
	cfg := messages.ConfigFromEnv(r)
	if err := r.Err(); err != nil || cfg.MaxLocales != 1 || cfg.Workers != 1 || cfg.MaxPerConversation != 1 || cfg.ReaderTTL != time.Second || cfg.ContextMessages != 10 {
		t.Fatalf("bounds: %+v, %v", cfg, err)
	}
	if r = config.NewReader(config.Map(map[string]string{"MESSAGES_CONTEXT": "0"})); messages.ConfigFromEnv(r).ContextMessages != 0 || r.Err() != nil {
		t.Fatalf("MESSAGES_CONTEXT=0 (no context): %v", r.Err())
	}
}

// TestChatStreamIsBounded: the chat stream has a byte bound, and refuses
// new events when full (DiscardNew) rather than drop accepted messages;
// a stream created before there was a bound gets one.
func TestChatStreamIsBounded(t *testing.T) {
	js := smallStore(t, 64<<20)
	ctx := t.Context()
	// As an earlier version created it: no bound, the oldest dropped.
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: api.StreamChat, Subjects: []string{api.SubjectChatAll},
		MaxMsgsPerSubject: 10000, Discard: jetstream.DiscardOld}); err != nil {
		t.Fatal(err)
	}
	st, err := messages.EnsureStream(ctx, js, messages.Config{MaxBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if cfg := st.CachedInfo().Config; cfg.MaxBytes != 1<<20 || cfg.Discard != jetstream.DiscardNew || cfg.DiscardNewPerSubject {
		t.Fatalf("max bytes %d, discard %v (per subject %v); want 1 MiB, new, not per subject", cfg.MaxBytes, cfg.Discard, cfg.DiscardNewPerSubject)
	}
	if got := messages.StreamConfig(messages.Config{}).MaxBytes; got != messages.DefaultMaxBytes {
		t.Fatalf("default bound %d", got)
	}
}

// TestLowerBoundKeepsWhatTheStreamHolds: MESSAGES_MAX_BYTES set below
// what the chat stream holds would have JetStream drop its oldest
// events; the bound stops at what the stream holds, and every event
// stays.
func TestLowerBoundKeepsWhatTheStreamHolds(t *testing.T) {
	js := smallStore(t, 64<<20)
	ctx := t.Context()
	if _, err := messages.EnsureStream(ctx, js, messages.Config{MaxBytes: 4 << 20}); err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("x", 8000)
	for i := range 200 {
		if _, err := messages.Publish(ctx, js, fmt.Sprintf("room-%d", i%5), api.MessageEvent{Author: "ana", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := messages.EnsureStream(ctx, js, messages.Config{MaxBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 200 {
		t.Fatalf("%d events after the lower bound, want all 200", info.State.Msgs)
	}
	if held := int64(info.State.Bytes); info.Config.MaxBytes != held {
		t.Fatalf("bound %d, want what the stream holds (%d)", info.Config.MaxBytes, held)
	}
	if _, err := messages.Publish(ctx, js, "room-0", api.MessageEvent{Author: "ana", Text: text}); err == nil {
		t.Fatal("a full stream took one more event")
	}
}

// TestPublishWhenFull: a write the stream or the store refuses for room
// is answered at once (it waited 15 s for a timeout when the disk was
// full), unavailable with a Retry-After, saying the store is full; and
// nothing accepted before is dropped for it.
func TestPublishWhenFull(t *testing.T) {
	text := strings.Repeat("x", 8000)
	fill := func(t *testing.T, js jetstream.JetStream) (accepted int, err error) {
		t.Helper()
		for i := range 10000 {
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			start := time.Now()
			_, err := messages.Publish(ctx, js, fmt.Sprintf("room-%d", i%20), api.MessageEvent{Author: "ana", Text: text})
			cancel()
			if err != nil {
				// At once, not at the 10 s deadline (5 s: room for
				// a slow machine).
				if took := time.Since(start); took > 5*time.Second {
					t.Fatalf("refused after %s; want at once", took)
				}
				return i, err
			}
		}
		t.Fatal("10000 posts of 8000 characters stored")
		return 0, nil
	}
	check := func(t *testing.T, err error) {
		t.Helper()
		var ae *api.Error
		if !errors.As(err, &ae) || ae.Code != api.CodeUnavailable || ae.RetryAfter != natsutil.StorageRetryAfter ||
			!strings.Contains(ae.Message, "the message store is full") {
			t.Fatalf("refusal %v (%#v); want unavailable, Retry-After %d, saying it is full", err, ae, natsutil.StorageRetryAfter)
		}
	}
	t.Run("the stream's bound", func(t *testing.T) {
		js := smallStore(t, 64<<20)
		st, err := messages.EnsureStream(t.Context(), js, messages.Config{MaxBytes: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		accepted, err := fill(t, js)
		check(t, err)
		info, ierr := st.Info(t.Context())
		if ierr != nil {
			t.Fatal(ierr)
		}
		if info.State.Msgs != uint64(accepted) || info.State.FirstSeq != 1 {
			t.Fatalf("the stream holds %d events from %d; %d were accepted from 1", info.State.Msgs, info.State.FirstSeq, accepted)
		}
	})
	t.Run("the file store", func(t *testing.T) {
		// The chat stream has room; the store does not (another stream
		// filled it).
		js := smallStore(t, 4<<20)
		if _, err := messages.EnsureStream(t.Context(), js, messages.Config{MaxBytes: 2 << 20}); err != nil {
			t.Fatal(err)
		}
		if _, err := js.CreateStream(t.Context(), jetstream.StreamConfig{Name: "OTHER", Subjects: []string{"other"}}); err != nil {
			t.Fatal(err)
		}
		for range 4 << 20 / len(text) {
			if _, err := js.Publish(t.Context(), "other", []byte(text)); err != nil {
				break
			}
		}
		_, err := fill(t, js)
		check(t, err)
	})
}

// TestEnsureStreamBoundDoesNotFit: a bound the store cannot reserve
// beside the other streams' keeps an existing stream as it was bound (it
// is updated otherwise, and messages keep flowing), and makes creating
// one fail with the settings to change.
func TestEnsureStreamBoundDoesNotFit(t *testing.T) {
	ctx := t.Context()
	t.Run("existing stream", func(t *testing.T) {
		js := smallStore(t, 8<<20)
		if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: api.StreamChat, Subjects: []string{api.SubjectChatAll},
			MaxMsgsPerSubject: 10000, Discard: jetstream.DiscardOld}); err != nil {
			t.Fatal(err)
		}
		if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "OTHER", Subjects: []string{"other"}, MaxBytes: 6 << 20}); err != nil {
			t.Fatal(err)
		}
		st, err := messages.EnsureStream(ctx, js, messages.Config{MaxBytes: 4 << 20, MaxPerConversation: 500})
		if err != nil {
			t.Fatal(err)
		}
		cfg := st.CachedInfo().Config
		if cfg.MaxBytes > 0 || cfg.MaxMsgsPerSubject != 500 || cfg.Discard != jetstream.DiscardNew {
			t.Fatalf("max bytes %d, per conversation %d, discard %v; want no bound, 500, new", cfg.MaxBytes, cfg.MaxMsgsPerSubject, cfg.Discard)
		}
		if _, err := messages.Publish(ctx, js, "room", api.MessageEvent{Text: "hello"}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("new stream", func(t *testing.T) {
		js := smallStore(t, 8<<20)
		if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "OTHER", Subjects: []string{"other"}, MaxBytes: 6 << 20}); err != nil {
			t.Fatal(err)
		}
		_, err := messages.EnsureStream(ctx, js, messages.Config{MaxBytes: 4 << 20})
		if err == nil || !natsutil.ReserveRefused(err) || !strings.Contains(err.Error(), "lower MESSAGES_MAX_BYTES") {
			t.Fatalf("%v; want the reservation refused, and the setting to lower", err)
		}
	})
}
