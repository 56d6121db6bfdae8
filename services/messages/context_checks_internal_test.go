package messages

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// checkingServices are contextServices whose safety check flags every
// text with "SSN" in it, never answers about a text with "slow" in it,
// fails on one with "broken" in it, and counts the context checks (those
// without a target language: a view's check always has one). Translate
// holds a text with "SSN" in it until hold is closed, when hold is set:
// the message's render is then still running.
type checkingServices struct {
	contextServices
	checks    map[string]int // context checks, by text
	hold      chan struct{}
	holding   chan struct{} // closed when translate holds a text
	holdingMu sync.Once
}

func newCheckingServices() *checkingServices {
	return &checkingServices{contextServices: contextServices{contexts: map[string][]api.ContextMessage{}},
		checks: map[string]int{}, holding: make(chan struct{})}
}

func (f *checkingServices) Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	if f.hold != nil && strings.Contains(req.Text, "SSN") {
		f.holdingMu.Do(func() { close(f.holding) })
		select {
		case <-f.hold:
		case <-ctx.Done():
		}
	}
	return f.contextServices.Translate(ctx, req)
}

func (f *checkingServices) Check(ctx context.Context, req api.SafetyRequest) (*api.SafetyResponse, error) {
	if req.TargetLang == "" {
		f.mu.Lock()
		f.checks[req.Source]++
		f.mu.Unlock()
	}
	text := req.Source + " " + req.Translation
	switch {
	case strings.Contains(text, "slow"):
		<-ctx.Done()
		return nil, ctx.Err()
	case strings.Contains(text, "broken"):
		return nil, errors.New("safety service unavailable")
	case strings.Contains(text, "SSN"):
		return &api.SafetyResponse{Policy: &api.PolicyDecision{Action: api.PolicyFlag}}, nil
	}
	return &api.SafetyResponse{Policy: &api.PolicyDecision{Action: api.PolicyAllow}}, nil
}

func (f *checkingServices) checksOf(text string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.checks[text]
}

func (f *checkingServices) totalChecks() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.checks {
		n += c
	}
	return n
}

// TestContextOfMessagesThisProcessHasNoVerdictOn: a process knows the
// safety verdicts of the messages it rendered only. After a restart (a
// new Log and Renderer on the same stream, which rendered nothing), on
// another replica, or while the earlier message's own render is still
// running, an earlier message with no known verdict is checked before it
// goes as context: a flagged one is left out, so is one whose check fails
// or does not answer in time (fail closed), a clean one goes. The
// verdicts are recorded: a second render asks nothing about them, and
// when every verdict is known no check is made at all. A check with the
// fallback word list (language not known yet) serves one render only.
func TestContextOfMessagesThisProcessHasNoVerdictOn(t *testing.T) {
	_, l := storedLog(t, []api.MessageEvent{
		{ID: "c1", Author: "Ana", Text: "see you at noon", Source: "en"},
		{ID: "f1", Author: "Eve", Text: "my SSN is 078-05-1120"},
		{ID: "s1", Author: "Bob", Text: "a slow check", Source: "en"},
		{ID: "e1", Author: "Bob", Text: "a broken check", Source: "en"},
		{ID: "u1", Author: "Ana", Text: "see you"},
		{ID: "h", Author: "Bob", Text: "hello"},
	})
	ctx := context.Background()
	get := func(id string) api.Message {
		t.Helper()
		m, ok := l.Get("", id)
		if !ok {
			t.Fatalf("%s is not in the read model", id)
		}
		return m
	}
	f := newCheckingServices()
	// A fresh renderer, as after a restart: it has rendered nothing.
	r := &Renderer{
		Pipeline: &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f},
		Log:      l, ContextMessages: 10, ContextCheckTimeout: 200 * time.Millisecond,
	}
	start := time.Now()
	if _, err := r.View(ctx, get("h"), "es", "", false); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("the render took %s: the unanswered check was not cut at its budget", took)
	}
	if got := texts(f.contextOf("hello")); got != "see you at noon|see you" {
		t.Fatalf("context of h: %q, want the clean messages only", got)
	}
	for _, tt := range []struct {
		id     string
		want   Flag
		checks int
	}{
		{id: "c1", want: FlagClean, checks: 1},
		{id: "f1", want: FlagFlagged, checks: 1},
		{id: "s1", want: FlagUnknown, checks: 1},
		{id: "e1", want: FlagUnknown, checks: 1},
		// Checked with the fallback list: not recorded.
		{id: "u1", want: FlagUnknown, checks: 1},
	} {
		m := get(tt.id)
		l.mu.RLock()
		got := l.flagOf(&m)
		l.mu.RUnlock()
		if got != tt.want || f.checksOf(m.Text) != tt.checks {
			t.Errorf("%s: flag %d after %d checks, want %d after %d", tt.id, got, f.checksOf(m.Text), tt.want, tt.checks)
		}
	}

	// Again: only what has no verdict yet is asked about. The first
	// render's checks of s1 and e1 outlive it by a moment (a check runs for
	// its own budget, so that renders waiting on it are not cut short); a
	// render starting before they end would wait on them instead of asking.
	waitChecksDone(t, r)
	if _, err := r.View(ctx, get("h"), "es", "", false); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]int{"c1": 1, "f1": 1, "s1": 2, "e1": 2, "u1": 2} {
		if got := f.checksOf(get(id).Text); got != want {
			t.Errorf("%s checked %d times after two renders, want %d", id, got, want)
		}
	}
	if got := texts(f.contextOf("hello")); got != "see you at noon|see you" {
		t.Fatalf("context of h, rendered again: %q", got)
	}

	// Once u1 is rendered (its language detected) and s1 and e1 are
	// flagged by their renders, every verdict is known: no check.
	for _, id := range []string{"u1", "s1", "e1"} {
		if _, err := r.View(ctx, get(id), "es", "", false); err != nil {
			t.Fatal(err)
		}
	}
	r.Log.MarkFlagged(get("s1"))
	r.Log.MarkFlagged(get("e1"))
	if _, err := r.View(ctx, get("h"), "es", "", false); err != nil {
		t.Fatal(err)
	}
	before := f.totalChecks()
	if _, err := r.View(ctx, get("h"), "es", "", false); err != nil {
		t.Fatal(err)
	}
	if got := f.totalChecks(); got != before {
		t.Fatalf("%d context checks with every verdict known", got-before)
	}
	if got := texts(f.contextOf("hello")); got != "see you at noon|see you" {
		t.Fatalf("context of h, every verdict known: %q", got)
	}
}

// TestContextOfAMessageStillBeingRendered: the message posted a moment
// before is still being rendered (its translation has not answered) when
// the next one's render picks its context: its verdict is not known yet,
// and it is checked rather than sent. The flagged one is left out; once
// its render is over, its flag is recorded and no check is needed.
func TestContextOfAMessageStillBeingRendered(t *testing.T) {
	_, l := storedLog(t, []api.MessageEvent{
		{ID: "c1", Author: "Ana", Text: "see you at noon", Source: "en"},
		{ID: "f1", Author: "Eve", Text: "again, SSN 078-05-1120", Source: "en"},
		{ID: "h", Author: "Bob", Text: "hello", Source: "en"},
	})
	ctx := context.Background()
	f := newCheckingServices()
	f.hold = make(chan struct{})
	r := &Renderer{
		Pipeline: &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f},
		Log:      l, ContextMessages: 5,
	}
	c1, _ := l.Get("", "c1")
	f1, _ := l.Get("", "f1")
	h, _ := l.Get("", "h")
	if _, err := r.View(ctx, c1, "es", "", false); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := r.View(ctx, f1, "es", "", false)
		done <- err
	}()
	select {
	case <-f.holding:
	case <-time.After(10 * time.Second):
		t.Fatal("f1's render did not reach translation")
	}
	if _, err := r.View(ctx, h, "es", "", false); err != nil {
		t.Fatal(err)
	}
	if got := texts(f.contextOf("hello")); got != "see you at noon" {
		t.Fatalf("context of h while f1 renders: %q, want f1 left out", got)
	}
	if n := f.checksOf(f1.Text); n != 1 {
		t.Fatalf("f1 checked %d times, want 1", n)
	}
	close(f.hold)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := r.View(ctx, h, "es", "", false); err != nil {
		t.Fatal(err)
	}
	if n := f.checksOf(f1.Text); n != 1 || texts(f.contextOf("hello")) != "see you at noon" {
		t.Fatalf("after f1's render: %d checks of f1, context %q", n, texts(f.contextOf("hello")))
	}
}

// TestContextChecksAreCapped: one render checks at most ContextChecks
// messages with no known verdict, the newest; the older ones are left
// out of its context rather than checked.
func TestContextChecksAreCapped(t *testing.T) {
	tests := []struct {
		name string
		cap  int
		want string
	}{
		{name: "cap 1", cap: 1, want: "third clean one"},
		{name: "cap 2", cap: 2, want: "second clean one|third clean one"},
		{name: "default", want: "first clean one|second clean one|third clean one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, l := storedLog(t, []api.MessageEvent{
				{ID: "a", Text: "first clean one", Source: "en"},
				{ID: "b", Text: "second clean one", Source: "en"},
				{ID: "c", Text: "third clean one", Source: "en"},
				{ID: "h", Text: "hello", Source: "en"},
			})
			f := newCheckingServices()
			r := &Renderer{
				Pipeline: &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f},
				Log:      l, ContextMessages: 5, ContextChecks: tt.cap,
			}
			h, _ := l.Get("", "h")
			if _, err := r.View(context.Background(), h, "es", "", false); err != nil {
				t.Fatal(err)
			}
			if got := texts(f.contextOf("hello")); got != tt.want {
				t.Fatalf("context: %q, want %q", got, tt.want)
			}
			if got, want := f.totalChecks(), strings.Count(tt.want, "|")+1; got != want {
				t.Fatalf("%d checks, want %d", got, want)
			}
		})
	}
}

// waitChecksDone waits until no context check of r is running.
func waitChecksDone(t *testing.T, r *Renderer) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		r.checksMu.Lock()
		n := len(r.checks)
		r.checksMu.Unlock()
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d context checks still running after 10 s", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
