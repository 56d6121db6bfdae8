package messages

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

// Erasure is what a self-sufficient edit or delete leaves to erase of one
// message: the stream events it supersedes (its post, earlier edits, an
// earlier delete), which still hold the old text, author and times. For
// a delete, Deleted is set: the message's feedback goes too.
type Erasure struct {
	Key          Key
	Conversation string
	Seqs         []uint64
	Deleted      bool
}

// EraseEvent is the self-sufficient delete that erases m (an erasure: a
// conversation's, or an author's): as DeleteEvent, but its placeholder,
// and the event itself, keep no author.
func EraseEvent(m api.Message) api.MessageEvent {
	ev := DeleteEvent(m)
	ev.Author, ev.Erase = "", true
	return ev
}

// track records that the event ref changed m, as the Log applied ev. A
// self-sufficient edit or delete (the gateway's: PostSeq set) carries the
// message's whole state, so the events before it hold nothing the read
// model needs any more, only the text and author the change replaced:
// they leave the Log's count of what the stream keeps (window, held), as
// the Eraser erases them from the stream, and they are handed to it.
// Every Log counts alike, whether it saw those events or replays a stream
// they are already erased from. Caller holds l.mu.
func (l *Log) track(m api.Message, ref eventRef, ev api.MessageEvent) {
	key := KeyOf(m)
	if l.events == nil {
		l.events = map[Key][]eventRef{}
	}
	if ev.Op == api.OpPost || ev.PostSeq == 0 {
		// A post starts the message; an event without the state (a
		// back end's) needs the events before it.
		l.events[key] = append(l.events[key], ref)
		return
	}
	superseded := l.events[key]
	l.events[key] = []eventRef{ref}
	seqs := make([]uint64, 0, len(superseded))
	for _, old := range superseded {
		l.forget(old)
		seqs = append(seqs, old.seq)
	}
	if l.erase != nil && (len(seqs) > 0 || ev.Op == api.OpDelete) {
		l.erase(Erasure{Key: key, Conversation: m.Conversation, Seqs: seqs, Deleted: ev.Op == api.OpDelete})
	}
}

// forget takes an event out of the Log's count of what the stream keeps.
// Caller holds l.mu.
func (l *Log) forget(ref eventRef) {
	w := l.window[ref.subject]
	i, found := slices.BinarySearchFunc(w, ref.seq, func(k kept, seq uint64) int { return cmpSeq(k.seq, seq) })
	if !found {
		return // retention dropped it already
	}
	l.unhold(w[i])
	if len(w) == 1 {
		delete(l.window, ref.subject)
		return
	}
	l.window[ref.subject] = slices.Delete(w, i, i+1)
}

// Eraser erases superseded chat events from the stream with
// SecureDeleteMsg (the stored bytes are overwritten, not just unlinked),
// and a deleted message's feedback from the feedback stream. It works
// from a queue the Log fills (WithEraser) as it applies events: at start
// the Log replays the stream, so a delete whose erasure a crash cut short
// hands its events over again, and erasing an event already gone is
// done. Several messages services erase alike.
type Eraser struct {
	Chat jetstream.Stream
	// JS finds the feedback stream (FeedbackStream); nil: feedback is
	// not erased.
	JS             jetstream.JetStream
	FeedbackStream string
	Logger         *slog.Logger
	// Erased, when set, hears of each batch done (tests, metrics).
	Erased func(events, feedback int)

	mu    sync.Mutex
	queue []Erasure
	wake  chan struct{}
	done  chan struct{}
	wg    sync.WaitGroup
}

// Add queues an erasure; it never blocks, and may be called before Start
// (the Log's replay queues while it opens).
func (e *Eraser) Add(er Erasure) {
	e.mu.Lock()
	e.queue = append(e.queue, er)
	wake := e.wakeLocked()
	e.mu.Unlock()
	select {
	case wake <- struct{}{}:
	default:
	}
}

// wakeLocked returns the wake channel, made at first use; e.mu is held.
func (e *Eraser) wakeLocked() chan struct{} {
	if e.wake == nil {
		e.wake = make(chan struct{}, 1)
	}
	return e.wake
}

// Start starts erasing what is queued once ready returns (nil: at once).
// At start the Log's replay queues every delete still in the stream:
// waiting for it to catch up (Log.Wait) makes them one batch, and so one
// read of the feedback stream rather than one per batch of the replay.
func (e *Eraser) Start(ready func(context.Context) error) {
	e.mu.Lock()
	e.wakeLocked()
	e.mu.Unlock()
	e.done = make(chan struct{})
	if e.Logger == nil {
		e.Logger = slog.Default()
	}
	e.wg.Add(1)
	go e.run(ready)
}

// Stop stops erasing; what is left is erased after the next start, when
// the Log replays the stream.
func (e *Eraser) Stop() {
	close(e.done)
	e.wg.Wait()
}

func (e *Eraser) run(ready func(context.Context) error) {
	defer e.wg.Done()
	if ready != nil {
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			select {
			case <-e.done:
				cancel()
			case <-ctx.Done():
			}
		}()
		// Its error can only be the stop that ends ctx.
		_ = ready(ctx)
		cancel()
		select {
		case <-e.done:
			return
		default:
		}
	}
	backoff := 100 * time.Millisecond
	for {
		select {
		case <-e.done:
			return
		case <-e.wake:
		}
		for {
			e.mu.Lock()
			batch := e.queue
			e.queue = nil
			e.mu.Unlock()
			if len(batch) == 0 {
				break
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			left, err := e.erase(ctx, batch)
			cancel()
			if err == nil {
				backoff = 100 * time.Millisecond
				continue
			}
			e.Logger.Warn("erasure of deleted and edited messages' events failed; retrying", "left", len(left), "err", err)
			e.mu.Lock()
			e.queue = append(left, e.queue...)
			e.mu.Unlock()
			select {
			case <-e.done:
				return
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 30*time.Second)
		}
	}
}

// erase does a batch, and returns what is left of it on an error.
func (e *Eraser) erase(ctx context.Context, batch []Erasure) ([]Erasure, error) {
	events := 0
	deleted := map[Key]bool{}
	for i, er := range batch {
		for j, seq := range er.Seqs {
			err := e.Chat.SecureDeleteMsg(ctx, seq)
			if err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
				rest := slices.Clone(batch[i:])
				rest[0].Seqs = er.Seqs[j:]
				return rest, fmt.Errorf("erase chat event %d: %w", seq, err)
			}
			if err == nil {
				events++
			}
		}
		batch[i].Seqs = nil
		if er.Deleted {
			deleted[er.Key] = true
		}
	}
	feedback := 0
	if len(deleted) > 0 && e.JS != nil && e.FeedbackStream != "" {
		n, err := EraseFeedback(ctx, e.JS, e.FeedbackStream, func(tenant, messageID string) bool {
			return deleted[Key{Tenant: tenant, ID: messageID}]
		})
		feedback = n
		if err != nil {
			var rest []Erasure
			for _, er := range batch {
				if er.Deleted {
					rest = append(rest, er)
				}
			}
			return rest, fmt.Errorf("erase feedback: %w", err)
		}
	}
	if events > 0 || feedback > 0 {
		e.Logger.Info("erased superseded chat events and feedback of deleted messages", "events", events, "feedback", feedback)
	}
	if e.Erased != nil {
		e.Erased(events, feedback)
	}
	return nil, nil
}

// feedbackEvent is what EraseFeedback reads of a feedback event
// (experiment.Event).
type feedbackEvent struct {
	Tenant    string `json:"tenant,omitempty"`
	MessageID string `json:"message_id,omitempty"`
}

// EraseFeedback erases, with SecureDeleteMsg, every event of the feedback
// stream whose tenant and message id match says, and returns how many it
// erased (ScanFeedback finds them).
func EraseFeedback(ctx context.Context, js jetstream.JetStream, stream string, match func(tenant, messageID string) bool) (int, error) {
	var erase []uint64
	err := ScanFeedback(ctx, js, stream, func(seq uint64, data []byte) {
		var ev feedbackEvent
		if json.Unmarshal(data, &ev) == nil && ev.MessageID != "" && match(ev.Tenant, ev.MessageID) {
			erase = append(erase, seq)
		}
	})
	if err != nil {
		return 0, err
	}
	st, err := js.Stream(ctx, stream)
	if err != nil {
		return 0, fmt.Errorf("feedback stream: %w", err)
	}
	n := 0
	for _, seq := range erase {
		err := st.SecureDeleteMsg(ctx, seq)
		if err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
			return n, fmt.Errorf("erase feedback event %d: %w", seq, err)
		}
		if err == nil {
			n++
		}
	}
	return n, nil
}

// ScanFeedback reads the feedback stream through once, up to the last
// event it held when the scan began, and calls fn with each event's
// stream sequence and data. Feedback is kept per experiment and key, not
// per message, so finding a message's feedback (an erasure, an export)
// means reading it all; it is small and bounded
// (experiment.DefaultFeedbackMaxBytes). A missing stream holds nothing.
func ScanFeedback(ctx context.Context, js jetstream.JetStream, stream string, fn func(seq uint64, data []byte)) error {
	st, err := js.Stream(ctx, stream)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("feedback stream: %w", err)
	}
	state := st.CachedInfo().State
	if state.Msgs == 0 {
		return nil
	}
	cons, err := st.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{InactiveThreshold: 30 * time.Second})
	if err != nil {
		return fmt.Errorf("feedback consumer: %w", err)
	}
	// Asking for no more than the stream held answers as soon as they
	// came, not at the fetch's deadline: a scan of a few events took 2s,
	// which every erasure batch and export paid.
	left := state.Msgs
	for done := false; !done; {
		batch, err := natsutil.Fetch(ctx, cons, int(min(left, 256)), jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			return fmt.Errorf("read feedback: %w", err)
		}
		got := 0
		for m := range batch.Messages() {
			got++
			meta, err := m.Metadata()
			if err != nil {
				continue
			}
			fn(meta.Sequence.Stream, m.Data())
			if meta.Sequence.Stream >= state.LastSeq || meta.NumPending == 0 {
				done = true
			}
		}
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("read feedback: %w", err)
		}
		left -= min(left, uint64(got))
		if got == 0 || left == 0 {
			// Retention dropped the rest meanwhile, or all are read.
			done = true
		}
	}
	return nil
}

// Find returns tenant's messages that keep accepts (a conversation's, an
// author's), by conversation and then in the order they were posted: what
// an erasure deletes.
func (l *Log) Find(tenant string, keep func(*api.Message) bool) []api.Message {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var out []api.Message
	for key, m := range l.byID {
		if key.Tenant == tenant && keep(m) {
			out = append(out, *m)
		}
	}
	slices.SortFunc(out, func(a, b api.Message) int {
		if a.Conversation != b.Conversation {
			return strings.Compare(a.Conversation, b.Conversation)
		}
		return cmpSeq(a.Seq, b.Seq)
	})
	return out
}

// MatchingTenants returns the tenants ("" for messages posted without
// one) with a stored message that keep accepts, sorted: an erasure by a
// key without a tenant checks that it does not leave another tenant's
// matches behind unsaid.
func (l *Log) MatchingTenants(keep func(*api.Message) bool) []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var out []string
	for key, m := range l.byID {
		if !slices.Contains(out, key.Tenant) && keep(m) {
			out = append(out, key.Tenant)
		}
	}
	slices.Sort(out)
	return out
}

// Erased reports whether m is already erased: deleted, with no author
// left on its placeholder.
func Erased(m api.Message) bool { return m.Deleted && m.Author == "" }
