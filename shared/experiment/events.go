package experiment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natsutil"
)

// Stream is the JetStream stream of experiment events.
const Stream = "PARLEY_EXPERIMENTS"

// Event types.
const (
	// Exposure: a request was served under an arm (the translate service).
	Exposure = "exposure"
	// Outcome: the view built under an arm, with its quality score,
	// latency and fallbacks (the pipeline).
	Outcome = "outcome"
	// Repeat: a unit's view served again under another request id,
	// folded into its first outcome (OnOutcome): it is no new sample and
	// carries no measurement, only the request id, unit and view, so that
	// feedback naming that request id is credited to the view.
	Repeat = "repeat"
	// Feedback: a reader rated a translation (POST /v1/feedback), on
	// FeedbackStream.
	Feedback = "feedback"
)

// Event is one message on the stream. It carries no user or conversation
// id: the stream must not become a log of who read what. Exposures and
// outcomes carry the unit of assignment hashed (Unit, UnitID), which is
// what the results count. Feedback carries the texts the reader flagged,
// for review (at most MaxFeedbackTextRunes of each), and the API key (id)
// and tenant that reported it; outcomes carry the tenant of the view.
type Event struct {
	Type string    `json:"type"`
	Time time.Time `json:"time"`
	// ID names a feedback event: the id POST /v1/feedback answered with,
	// so that a client's report can be found in the stream.
	ID         string `json:"id,omitempty"`
	Experiment string `json:"experiment,omitempty"`
	Arm        string `json:"arm,omitempty"`
	Control    bool   `json:"control,omitempty"`
	// Assigned is the arm the unit hashed to when a stopped arm sent it
	// to control (exposure only).
	Assigned  string `json:"assigned,omitempty"`
	RequestID string `json:"request_id,omitempty"`
	Source    string `json:"source,omitempty"`
	Target    string `json:"target,omitempty"`
	Backend   string `json:"backend,omitempty"`
	Model     string `json:"model,omitempty"`
	Prompt    string `json:"prompt,omitempty"`
	// Status is the view's status (translated, original).
	Status string `json:"status,omitempty"`
	// Quality is the quality estimation score (0-100), when scored.
	Quality *float64 `json:"quality,omitempty"`
	// LatencyMS is the time to the view (outcome) or translation
	// (exposure), in milliseconds to the microsecond: views served in
	// under a millisecond must still differ between arms.
	LatencyMS float64 `json:"latency_ms,omitempty"`
	// Tokens the backend reported using, when it reports usage.
	Tokens int `json:"tokens,omitempty"`
	// Fallbacks counts the rungs tried before the one that served.
	Fallbacks int `json:"fallbacks"`
	// Kind is the feedback kind (api.FeedbackRating, FeedbackShowOriginal,
	// FeedbackBadTranslation); Rating is the reader's rating, when given
	// (feedback only).
	Kind        string `json:"kind,omitempty"`
	Rating      int    `json:"rating,omitempty"`
	Original    string `json:"original,omitempty"`
	Translation string `json:"translation,omitempty"`
	Comment     string `json:"comment,omitempty"`
	MessageID   string `json:"message_id,omitempty"`
	// Tenant is the tenant of the request (outcome) or of the key that
	// sent the feedback; empty for none, and in events written before
	// it was recorded.
	Tenant string `json:"tenant,omitempty"`
	// KeyID is the id of the API key that sent the feedback (feedback
	// only; empty for an anonymous caller).
	KeyID string `json:"key_id,omitempty"`
	// Unit is the hashed unit of assignment (UnitID) of an exposure or
	// outcome; empty in events written before it was recorded, which the
	// results count as units of their own.
	Unit string `json:"unit,omitempty"`
	// View names the view (ViewKey) of an outcome, and the view a
	// feedback event is about: outcomes of one unit with the same View
	// are one sample, and feedback is credited to the view it names.
	View string `json:"view,omitempty"`
	// ViewRequestID is the request id of the view a feedback event is
	// about (api.FeedbackRequest.RequestID); RequestID is that of the
	// feedback request itself.
	ViewRequestID string `json:"view_request_id,omitempty"`
	// Split is the weights of the experiment's arms when an exposure's
	// unit was assigned (Experiment.Split, "a=1,b=3"): the sample ratio
	// check expects each unit by the weights it was split by, so that an
	// operator who changes the weights mid-experiment is not told the
	// split is broken. Empty in events written before it was recorded,
	// which the check reads with the current weights.
	Split string `json:"split,omitempty"`
	// TextsTruncated is set on feedback whose original or translation was
	// longer than MaxFeedbackTextRunes and is stored cut (View was taken
	// of the whole text).
	TextsTruncated bool `json:"texts_truncated,omitempty"`
}

// Subject is where an event is published:
// parley.experiment.events.<type>.<experiment> ("_" for none), and
// feedback on FeedbackSubject(ev.Experiment, ev.KeyID) of FeedbackStream.
func (ev Event) Subject() string {
	name := ev.Experiment
	if !ValidName(name) {
		name = "_"
	}
	if ev.Type == Feedback {
		return FeedbackSubject(name, ev.KeyID)
	}
	return api.SubjectExperimentEvents + "." + ev.Type + "." + name
}

// DefaultMaxBytes bounds the events stream's size, which only the
// services write (exposures and outcomes: feedback has FeedbackStream).
// When the bound is reached the oldest events go first (DiscardOld):
// results then cover a shorter window, and nothing is refused.
// EXPERIMENTS_MAX_BYTES sets another (BoundsFromEnv).
const DefaultMaxBytes int64 = 1 << 30

// Bounds are the byte bounds of Stream and FeedbackStream. JetStream
// reserves each in its file store (max_file_store) when it creates the
// stream, and refuses a stream whose bound does not fit ("insufficient
// storage resources available"): on a small store, lower them.
type Bounds struct {
	// Events bounds Stream (EXPERIMENTS_MAX_BYTES, default
	// DefaultMaxBytes).
	Events int64
	// Feedback bounds FeedbackStream (EXPERIMENTS_FEEDBACK_MAX_BYTES,
	// default DefaultFeedbackMaxBytes).
	Feedback int64
}

// minBoundBytes is the least either bound takes from the environment.
const minBoundBytes = 1 << 20

// BoundsFromEnv reads EXPERIMENTS_MAX_BYTES and
// EXPERIMENTS_FEEDBACK_MAX_BYTES (bytes, at least 1 MiB): every process
// that creates the streams (translate, the gateway) reads them alike.
func BoundsFromEnv(r *config.Reader) Bounds {
	return Bounds{
		Events:   int64(r.IntMin("EXPERIMENTS_MAX_BYTES", int(DefaultMaxBytes), minBoundBytes)),
		Feedback: int64(r.IntMin("EXPERIMENTS_FEEDBACK_MAX_BYTES", int(DefaultFeedbackMaxBytes), minBoundBytes)),
	}
}

// reserveHint explains a stream refused because its bound does not fit
// in JetStream's file store, naming the setting to lower.
func reserveHint(err error, setting string, bound int64) error {
	if !natsutil.ReserveRefused(err) {
		return err
	}
	return fmt.Errorf("%w: JetStream cannot reserve its bound of %d bytes beside those of the other streams: lower %s, or raise JetStream's max_file_store (PARLEY_JS_MAX_FILE_STORE for the all-in-one command; docs/operations.md)",
		err, bound, setting)
}

// StreamOption configures EnsureStream.
type StreamOption func(*streamOptions)

type streamOptions struct {
	maxBytes int64
	log      *slog.Logger
}

// StreamLog sets the logger that hears of replicas that could not be
// raised (default slog's).
func StreamLog(log *slog.Logger) StreamOption {
	return func(o *streamOptions) { o.log = log }
}

// MaxBytes sets the stream's byte bound (default DefaultMaxBytes; values
// below 1 keep the default).
func MaxBytes(n int64) StreamOption {
	return func(o *streamOptions) {
		if n > 0 {
			o.maxBytes = n
		}
	}
}

// EnsureStream creates the stream with replicas (at least 1) and a byte
// bound when it does not exist. An existing stream keeps what an operator
// set (retention, a byte bound of their own: `nats stream edit
// PARLEY_EXPERIMENTS --max-bytes ...`), except that a stream without any
// byte bound (one created before there was one) gets the bound, and one
// with fewer replicas than replicas is raised to them (never lowered:
// natsutil.RaiseReplicas), since a stream created by a process run without
// PARLEY_JS_REPLICAS would otherwise stay on one node.
func EnsureStream(ctx context.Context, js jetstream.JetStream, replicas int, opts ...StreamOption) (jetstream.Stream, error) {
	o := streamOptions{maxBytes: DefaultMaxBytes}
	for _, opt := range opts {
		opt(&o)
	}
	st, err := js.Stream(ctx, Stream)
	if err == nil {
		if cfg := st.CachedInfo().Config; cfg.MaxBytes <= 0 {
			cfg.MaxBytes = o.maxBytes
			if st, err = js.UpdateStream(ctx, cfg); err != nil {
				return nil, fmt.Errorf("experiment events: bound %s to %d bytes: %w", Stream, o.maxBytes, reserveHint(err, "EXPERIMENTS_MAX_BYTES", o.maxBytes))
			}
		}
		natsutil.RaiseReplicas(ctx, js, Stream, replicas, o.log)
		return st, nil
	}
	if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return nil, fmt.Errorf("experiment events: bind %s: %w", Stream, err)
	}
	st, err = js.CreateStream(ctx, jetstream.StreamConfig{
		Name:        Stream,
		Description: "A/B experiment exposure and outcome events (and feedback written before PARLEY_FEEDBACK)",
		Subjects:    []string{api.SubjectExperimentEvents + ".>"},
		MaxAge:      90 * 24 * time.Hour,
		MaxBytes:    o.maxBytes,
		Discard:     jetstream.DiscardOld,
		Storage:     jetstream.FileStorage,
		Replicas:    max(replicas, 1),
	})
	if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		// Another process created it first, perhaps with fewer replicas.
		if st, err = js.Stream(ctx, Stream); err == nil {
			natsutil.RaiseReplicas(ctx, js, Stream, replicas, o.log)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("experiment events: create %s: %w", Stream, reserveHint(err, "EXPERIMENTS_MAX_BYTES", o.maxBytes))
	}
	return st, nil
}

// Publisher sends events. Exposure and outcome events are published
// without waiting for the stream's acknowledgement (the request path must
// not wait on analytics); feedback is acknowledged (PublishFeedback),
// since the reader is told it was recorded.
type Publisher struct {
	NC *nats.Conn
}

// Publish sends ev without waiting for the stream.
func (p Publisher) Publish(ev Event) error {
	if p.NC == nil {
		return nil
	}
	if ev.Time.IsZero() {
		ev.Time = time.Now().UTC()
	}
	data, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("experiment event: encode: %w", err)
	}
	if err := p.NC.Publish(ev.Subject(), data); err != nil {
		return fmt.Errorf("experiment event: publish: %w", err)
	}
	return nil
}

// PublishAck sends ev and waits for the stream to store it, returning its
// sequence number.
func (p Publisher) PublishAck(ctx context.Context, ev Event) (uint64, error) {
	if ev.Time.IsZero() {
		ev.Time = time.Now().UTC()
	}
	js, err := jetstream.New(p.NC)
	if err != nil {
		return 0, fmt.Errorf("experiment event: jetstream: %w", err)
	}
	data, err := json.Marshal(ev)
	if err != nil {
		return 0, fmt.Errorf("experiment event: encode: %w", err)
	}
	ack, err := js.Publish(ctx, ev.Subject(), data)
	if err != nil {
		return 0, fmt.Errorf("experiment event: publish: %w", err)
	}
	return ack.Sequence, nil
}

// Read returns every event of the experiment named name (every event
// when name is empty), oldest first: the exposures and outcomes of
// Stream, the feedback of FeedbackStream, and the feedback written to
// Stream before FeedbackStream existed. A missing stream holds no events;
// the error matches jetstream.ErrStreamNotFound only when both are
// missing.
func Read(ctx context.Context, js jetstream.JetStream, name string) ([]Event, error) {
	events, feedback := api.SubjectExperimentEvents+".>", api.SubjectExperimentFeedback+".>"
	if name != "" {
		events = api.SubjectExperimentEvents + ".*." + name
		feedback = api.SubjectExperimentFeedback + "." + name + ".*"
	}
	var out []Event
	missing := 0
	for _, src := range []struct{ stream, filter string }{{Stream, events}, {FeedbackStream, feedback}} {
		evs, err := readStream(ctx, js, src.stream, src.filter)
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			missing++
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	if missing == 2 {
		return nil, fmt.Errorf("experiment events: %w", jetstream.ErrStreamNotFound)
	}
	// Each stream is in order; merged, by the time each event was made.
	slices.SortStableFunc(out, func(a, b Event) int { return a.Time.Compare(b.Time) })
	return out, nil
}

// readStream returns the events of stream on filter, oldest first.
func readStream(ctx context.Context, js jetstream.JetStream, stream, filter string) ([]Event, error) {
	st, err := js.Stream(ctx, stream)
	if err != nil {
		return nil, fmt.Errorf("experiment events: %s: %w", stream, err)
	}
	info, err := st.Info(ctx, jetstream.WithSubjectFilter(filter))
	if err != nil {
		return nil, fmt.Errorf("experiment events: %s info: %w", stream, err)
	}
	var want uint64
	for _, n := range info.State.Subjects {
		want += n
	}
	if want == 0 {
		return nil, nil
	}
	cons, err := st.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{FilterSubjects: []string{filter}})
	if err != nil {
		return nil, fmt.Errorf("experiment events: consumer: %w", err)
	}
	out := make([]Event, 0, want)
	for uint64(len(out)) < want {
		batch, err := natsutil.Fetch(ctx, cons, int(min(want-uint64(len(out)), 1000)), jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			return nil, fmt.Errorf("experiment events: fetch: %w", err)
		}
		n := 0
		for m := range batch.Messages() {
			n++
			var ev Event
			if err := json.Unmarshal(m.Data(), &ev); err == nil {
				out = append(out, ev)
			} else {
				want-- // an unreadable event is skipped, not fatal
			}
		}
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) {
			return nil, fmt.Errorf("experiment events: fetch: %w", err)
		}
		if n == 0 {
			break // the stream lost messages to retention meanwhile
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return out, nil
}
