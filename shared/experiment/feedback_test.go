package experiment_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestFeedbackStreamBounds: feedback has a stream of its own whose limits
// refuse new feedback (a key at its cap on an experiment, a full stream)
// rather than evict anything, and which never touches the events stream.
func TestFeedbackStreamBounds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	nc := natstest.Conn(t, natstest.RunServer(t))
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.EnsureStream(ctx, js, 1); err != nil {
		t.Fatal(err)
	}
	st, err := experiment.EnsureFeedbackStream(ctx, js, 1, experiment.FeedbackPerKey(3), experiment.FeedbackMaxBytes(16<<10))
	if err != nil {
		t.Fatal(err)
	}
	cfg := st.CachedInfo().Config
	if cfg.Discard != jetstream.DiscardNew || !cfg.DiscardNewPerSubject || cfg.MaxMsgsPerSubject != 3 || cfg.MaxBytes != 16<<10 ||
		cfg.MaxAge != experiment.FeedbackMaxAge || cfg.Subjects[0] != api.SubjectExperimentFeedback+".>" {
		t.Fatalf("feedback stream config %+v", cfg)
	}
	pub := experiment.Publisher{NC: nc}
	exposure := experiment.Event{Type: experiment.Exposure, Experiment: "e", Arm: "a"}
	if _, err := pub.PublishAck(ctx, exposure); err != nil {
		t.Fatal(err)
	}
	fb := func(key, exp string, known bool, comment string) error {
		_, err := pub.PublishFeedback(ctx, experiment.Event{Experiment: exp, Arm: "a", KeyID: key, Kind: api.FeedbackRating, Rating: 3, Comment: comment}, known)
		return err
	}
	tests := []struct {
		name    string
		key     string
		exp     string
		known   bool
		comment string
		want    error
	}{
		{"first", "k1", "e", true, "", nil},
		{"second", "k1", "e", true, "", nil},
		{"third", "k1", "e", true, "", nil},
		{"a key at its cap on the experiment", "k1", "e", true, "", experiment.ErrFeedbackCapped},
		{"the same key on another experiment", "k1", "f", true, "", nil},
		{"another key", "k2", "e", true, "", nil},
		// Unknown names share the key's "_" subject: inventing names does
		// not buy a cap per name.
		{"unknown name", "k3", "x1", false, "", nil},
		{"unknown name", "k3", "x2", false, "", nil},
		{"unknown name", "k3", "x3", false, "", nil},
		{"a fourth unknown name", "k3", "x4", false, "", experiment.ErrFeedbackCapped},
		{"a full stream refuses", "k4", "e", true, strings.Repeat("x", 20<<10), experiment.ErrFeedbackFull},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := fb(tt.key, tt.exp, tt.known, tt.comment); !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("publish: %v, want %v", err, tt.want)
			}
		})
	}
	// Nothing went to the events stream, and nothing was evicted.
	events, err := js.Stream(ctx, experiment.Stream)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := events.Info(ctx); err != nil || info.State.Msgs != 1 {
		t.Fatalf("events stream %+v, %v; want the exposure alone", info.State, err)
	}
	evs, err := experiment.Read(ctx, js, "e")
	if err != nil || len(evs) != 5 { // the exposure, k1's three, k2's
		t.Fatalf("events of e: %d, %v", len(evs), err)
	}
}

// TestEnsureFeedbackStreamKeepsOperatorBounds: a stream without bounds
// gets them; an operator's own stay.
func TestEnsureFeedbackStreamKeepsOperatorBounds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tests := []struct {
		name                   string
		maxBytes, perSubject   int64 // of the existing stream; 0, 0: none
		wantBytes, wantPerSubj int64
	}{
		{"unbounded stream gets the bounds", -1, -1, experiment.DefaultFeedbackMaxBytes, experiment.DefaultFeedbackPerKey},
		{"operator's bounds stay", 64 << 20, 500, 64 << 20, 500},
		{"a missing per-key cap is added", 64 << 20, -1, 64 << 20, experiment.DefaultFeedbackPerKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js, err := jetstream.New(natstest.Conn(t, natstest.RunServer(t)))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: experiment.FeedbackStream,
				Subjects: []string{api.SubjectExperimentFeedback + ".>"}, MaxBytes: tt.maxBytes, MaxMsgsPerSubject: tt.perSubject}); err != nil {
				t.Fatal(err)
			}
			st, err := experiment.EnsureFeedbackStream(ctx, js, 1)
			if err != nil {
				t.Fatal(err)
			}
			info, err := st.Info(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if info.Config.MaxBytes != tt.wantBytes || info.Config.MaxMsgsPerSubject != tt.wantPerSubj {
				t.Fatalf("max bytes %d, per subject %d; want %d, %d", info.Config.MaxBytes, info.Config.MaxMsgsPerSubject, tt.wantBytes, tt.wantPerSubj)
			}
		})
	}
}

func TestTruncateFeedbackText(t *testing.T) {
	long := strings.Repeat("é", experiment.MaxFeedbackTextRunes+5)
	tests := []struct {
		name  string
		in    string
		runes int
		cut   bool
	}{
		{"short", "hola", 4, false},
		{"at the limit", long[:2*experiment.MaxFeedbackTextRunes], experiment.MaxFeedbackTextRunes, false},
		{"longer, cut on a character", long, experiment.MaxFeedbackTextRunes, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cut := experiment.TruncateFeedbackText(tt.in)
			if cut != tt.cut || utf8.RuneCountInString(got) != tt.runes || !utf8.ValidString(got) {
				t.Fatalf("%d characters, cut %v; want %d, %v", utf8.RuneCountInString(got), cut, tt.runes, tt.cut)
			}
		})
	}
}
