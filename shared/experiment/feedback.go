package experiment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

// FeedbackStream is the JetStream stream of readers' feedback. Any client
// key writes feedback, so it has a stream of its own: on the events
// stream, whose oldest events go first when it is full, a flood of
// feedback evicted every exposure and outcome.
const FeedbackStream = "PARLEY_FEEDBACK"

// Bounds of FeedbackStream (EnsureFeedbackStream). A full stream refuses
// new feedback (DiscardNew) rather than drop what it holds, and each
// key's feedback on one experiment is capped (a subject per experiment
// and key, DiscardNewPerSubject), so that one key cannot fill it for the
// others either.
const (
	// DefaultFeedbackMaxBytes bounds the stream's size
	// (EXPERIMENTS_FEEDBACK_MAX_BYTES sets another: BoundsFromEnv).
	DefaultFeedbackMaxBytes int64 = 256 << 20
	// DefaultFeedbackPerKey is how many feedback events one key may have
	// stored on one experiment (or on none) at a time: 90 days' worth.
	DefaultFeedbackPerKey int64 = 10_000
	// FeedbackMaxAge is how long feedback is kept.
	FeedbackMaxAge = 90 * 24 * time.Hour
)

// MaxFeedbackTextRunes is how much of a feedback's original and
// translation the event stores, for review: enough to read a chat
// message; a longer text is cut (Event.TextsTruncated), which keeps an
// event to a few kilobytes whatever the gateway's body limit.
const MaxFeedbackTextRunes = 1000

// ErrFeedbackCapped is PublishFeedback's error when the key has stored
// as much feedback on the experiment as its cap allows, and
// ErrFeedbackFull when the stream is at its byte bound.
var (
	ErrFeedbackCapped = errors.New("feedback: this key's cap on the experiment is reached")
	ErrFeedbackFull   = errors.New("feedback: the feedback stream is full")
)

// FeedbackSubject is the subject of feedback on experiment (a valid name,
// or "_" for none or one the experiments bucket does not hold) sent by
// key keyID: parley.experiment.feedback.<experiment>.<key>, the key as a
// digest (ids need not be subject tokens; "anonymous" for none).
func FeedbackSubject(experiment, keyID string) string {
	if !ValidName(experiment) {
		experiment = "_"
	}
	key := "anonymous"
	if keyID != "" {
		key = digest("key", keyID)[:16]
	}
	return api.SubjectExperimentFeedback + "." + experiment + "." + key
}

// TruncateFeedbackText cuts s to MaxFeedbackTextRunes characters,
// reporting whether it did.
func TruncateFeedbackText(s string) (string, bool) {
	if utf8.RuneCountInString(s) <= MaxFeedbackTextRunes {
		return s, false
	}
	n := 0
	for i := range s {
		if n == MaxFeedbackTextRunes {
			return s[:i], true
		}
		n++
	}
	return s, false
}

// FeedbackStreamOption configures EnsureFeedbackStream.
type FeedbackStreamOption func(*feedbackOptions)

type feedbackOptions struct {
	maxBytes, perKey int64
	log              *slog.Logger
}

// FeedbackLog sets the logger that hears of replicas that could not be
// raised (default slog's).
func FeedbackLog(log *slog.Logger) FeedbackStreamOption {
	return func(o *feedbackOptions) { o.log = log }
}

// FeedbackMaxBytes sets the feedback stream's byte bound (default
// DefaultFeedbackMaxBytes; values below 1 keep the default).
func FeedbackMaxBytes(n int64) FeedbackStreamOption {
	return func(o *feedbackOptions) {
		if n > 0 {
			o.maxBytes = n
		}
	}
}

// FeedbackPerKey sets how many events one key may store on one
// experiment (default DefaultFeedbackPerKey; values below 1 keep it).
func FeedbackPerKey(n int64) FeedbackStreamOption {
	return func(o *feedbackOptions) {
		if n > 0 {
			o.perKey = n
		}
	}
}

// EnsureFeedbackStream creates FeedbackStream with replicas (at least 1)
// and its bounds when it does not exist. An existing stream keeps what an
// operator set (`nats stream edit PARLEY_FEEDBACK --max-bytes ...
// --max-msgs-per-subject ...`, retention), except that a bound it lacks is
// set and fewer replicas than replicas are raised, as EnsureStream does.
func EnsureFeedbackStream(ctx context.Context, js jetstream.JetStream, replicas int, opts ...FeedbackStreamOption) (jetstream.Stream, error) {
	o := feedbackOptions{maxBytes: DefaultFeedbackMaxBytes, perKey: DefaultFeedbackPerKey}
	for _, opt := range opts {
		opt(&o)
	}
	st, err := js.Stream(ctx, FeedbackStream)
	if err == nil {
		cfg := st.CachedInfo().Config
		if cfg.MaxBytes <= 0 || cfg.MaxMsgsPerSubject <= 0 {
			if cfg.MaxBytes <= 0 {
				cfg.MaxBytes = o.maxBytes
			}
			if cfg.MaxMsgsPerSubject <= 0 {
				cfg.MaxMsgsPerSubject = o.perKey
				cfg.Discard, cfg.DiscardNewPerSubject = jetstream.DiscardNew, true
			}
			if st, err = js.UpdateStream(ctx, cfg); err != nil {
				return nil, fmt.Errorf("feedback: bound %s: %w", FeedbackStream, reserveHint(err, "EXPERIMENTS_FEEDBACK_MAX_BYTES", cfg.MaxBytes))
			}
		}
		natsutil.RaiseReplicas(ctx, js, FeedbackStream, replicas, o.log)
		return st, nil
	}
	if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return nil, fmt.Errorf("feedback: bind %s: %w", FeedbackStream, err)
	}
	st, err = js.CreateStream(ctx, jetstream.StreamConfig{
		Name:                 FeedbackStream,
		Description:          "Readers' feedback on translations (POST /v1/feedback), per experiment and API key",
		Subjects:             []string{api.SubjectExperimentFeedback + ".>"},
		MaxAge:               FeedbackMaxAge,
		MaxBytes:             o.maxBytes,
		MaxMsgsPerSubject:    o.perKey,
		Discard:              jetstream.DiscardNew,
		DiscardNewPerSubject: true,
		Storage:              jetstream.FileStorage,
		Replicas:             max(replicas, 1),
	})
	if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		// Another process created it first, perhaps with fewer replicas.
		if st, err = js.Stream(ctx, FeedbackStream); err == nil {
			natsutil.RaiseReplicas(ctx, js, FeedbackStream, replicas, o.log)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("feedback: create %s: %w", FeedbackStream, reserveHint(err, "EXPERIMENTS_FEEDBACK_MAX_BYTES", o.maxBytes))
	}
	return st, nil
}

// PublishFeedback stores a feedback event on FeedbackStream and waits
// for the stream, returning its sequence number. known says whether the
// experiments bucket holds ev.Experiment: feedback on another name goes
// to the "_" subject of its key, so that a key inventing names does not
// get a cap per name. A key at its cap gets ErrFeedbackCapped, a full
// stream ErrFeedbackFull, and no stream jetstream.ErrNoStreamResponse.
func (p Publisher) PublishFeedback(ctx context.Context, ev Event, known bool) (uint64, error) {
	ev.Type = Feedback
	if ev.Time.IsZero() {
		ev.Time = time.Now().UTC()
	}
	js, err := jetstream.New(p.NC)
	if err != nil {
		return 0, fmt.Errorf("feedback: jetstream: %w", err)
	}
	data, err := json.Marshal(ev)
	if err != nil {
		return 0, fmt.Errorf("feedback: encode: %w", err)
	}
	name := ev.Experiment
	if !known {
		name = "_"
	}
	ack, err := js.Publish(ctx, FeedbackSubject(name, ev.KeyID), data)
	if err != nil {
		return 0, feedbackError(err)
	}
	return ack.Sequence, nil
}

// feedbackError tells the stream's refusals apart: its limits answer with
// the store's error text (nats-server's ErrMaxMsgsPerSubject, ErrMaxBytes,
// under the API error JSStreamStoreFailedF).
func feedbackError(err error) error {
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.Description {
		case "maximum messages per subject exceeded":
			return fmt.Errorf("%w: %w", ErrFeedbackCapped, err)
		case "maximum bytes exceeded", "maximum messages exceeded":
			return fmt.Errorf("%w: %w", ErrFeedbackFull, err)
		}
	}
	return fmt.Errorf("feedback: publish: %w", err)
}
