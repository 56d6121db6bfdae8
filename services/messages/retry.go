package messages

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/pipeline"
)

// A view whose translation failed (every rung down or failing, or quality
// rejecting what they made) serves the original and is not cached
// (Renderer.view), so a page read renders it again. A reader on an event
// stream, though, got it as the pre-translated view of its message, and
// no event of the message is coming to replace it: after the backend
// recovers, that reader would keep the original. So the pre-translator
// renders such a view again, a few times with growing waits
// (RetryDelays), while readers of its locale are present, and publishes
// the first view that is no longer degraded under the same seq, as it
// does after a moderator's decision (Republish): clients keep the newest
// view of a seq.

// maxPendingRetries bounds the renders waiting for their retry, so that an
// outage during a busy hour holds a bounded number of timers: past it, a
// failed view is not retried (a page read still renders it afresh).
const maxPendingRetries = 10000

// retryKey names one message's view in one locale.
type retryKey struct {
	tenant, conversation, id, locale string
}

// retries are the pending and running re-renders.
type retries struct {
	mu      sync.Mutex
	pending map[retryKey]*time.Timer
	wg      sync.WaitGroup
	stopped bool
}

// stop cancels the pending retries and waits for the running ones.
func (r *retries) stop() {
	r.mu.Lock()
	r.stopped = true
	for k, t := range r.pending {
		if t.Stop() {
			r.wg.Done()
		}
		delete(r.pending, k)
	}
	r.mu.Unlock()
	r.wg.Wait()
}

// FailedTranslation reports whether v serves the original because its
// translation failed, for now (the renderer marks those degraded:
// translationFailed): a view the pretranslator renders again, and that an
// event stream replaces when the new one comes.
func FailedTranslation(v *api.MessageView) bool {
	return v.Status == api.StatusOriginal && slices.Contains(v.Degraded, pipeline.DegradedTranslate)
}

func (p *Pretranslator) retryDelays() []time.Duration {
	if p.RetryDelays == nil {
		return DefaultRetryDelays
	}
	return p.RetryDelays
}

// retryLater schedules attempt (0 for the first) at rendering msg's view in
// loc again, unless the attempts are used up, one is pending already, or
// the pre-translator is stopping.
func (p *Pretranslator) retryLater(msg api.Message, loc string, attempt int) {
	delays := p.retryDelays()
	if attempt >= len(delays) {
		return
	}
	k := retryKey{msg.Tenant, msg.Conversation, msg.ID, loc}
	r := &p.retries
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return
	}
	if _, ok := r.pending[k]; ok {
		return
	}
	if len(r.pending) >= maxPendingRetries {
		p.count("retry_dropped")
		return
	}
	if r.pending == nil {
		r.pending = map[retryKey]*time.Timer{}
	}
	r.wg.Add(1)
	r.pending[k] = time.AfterFunc(delays[attempt], func() {
		defer r.wg.Done()
		r.mu.Lock()
		delete(r.pending, k)
		stopped := r.stopped
		r.mu.Unlock()
		if !stopped {
			p.retry(msg, loc, attempt)
		}
	})
}

// retry renders msg's view in loc again and publishes it when it is no
// longer a failed translation; otherwise the next attempt is scheduled.
// It gives up when the message changed since (its own event renders the
// new revision), or no reader of loc is present any more.
func (p *Pretranslator) retry(msg api.Message, loc string, attempt int) {
	ctx, cancel := context.WithTimeout(context.Background(), p.Timeout)
	defer cancel()
	cur, ok := p.Log.Get(msg.Tenant, msg.ID)
	if !ok || cur.Conversation != msg.Conversation || cur.LastSeq != msg.LastSeq {
		return
	}
	locales, err := p.Presence.Active(ctx, cur.Tenant, cur.Conversation)
	if err != nil {
		p.Logger.Warn("retry view: reader locales", "conversation", cur.Conversation, "id", cur.ID, "err", err)
		p.retryLater(cur, loc, attempt+1)
		return
	}
	if !slices.Contains(locales, loc) {
		return
	}
	if p.Flags != nil && p.Flags.NoPretranslation(ctx, flags.Attributes{Tenant: cur.Tenant, Locale: loc, Conversation: cur.Conversation}) {
		return
	}
	v, err := p.Renderer.View(ctx, cur, loc, "", false)
	if err != nil || FailedTranslation(v) {
		if err != nil {
			p.Logger.Warn("retry view", "conversation", cur.Conversation, "id", cur.ID, "locale", loc, "err", err)
		}
		p.retryLater(cur, loc, attempt+1)
		return
	}
	data, err := json.Marshal(v)
	if err != nil {
		p.Logger.Warn("retry view: encode", "err", err)
		return
	}
	if err := p.NC.Publish(api.ViewsSubject(cur.Tenant, cur.Conversation, loc), data); err != nil {
		p.Logger.Warn("retry view: publish", "conversation", cur.Conversation, "id", cur.ID, "locale", loc, "err", err)
		return
	}
	p.count("retried")
}
