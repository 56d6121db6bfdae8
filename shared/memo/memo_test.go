package memo_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/memo"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestKeyOf(t *testing.T) {
	tests := []struct {
		a, b []string
		same bool
	}{
		{[]string{"ab", "c"}, []string{"ab", "c"}, true},
		{[]string{"ab", "c"}, []string{"a", "bc"}, false},
		{[]string{"", "x"}, []string{"x", ""}, false},
		{[]string{"x"}, []string{"x", ""}, false},
	}
	for _, tt := range tests {
		if got := memo.KeyOf(tt.a...) == memo.KeyOf(tt.b...); got != tt.same {
			t.Errorf("KeyOf(%q) == KeyOf(%q): %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestKeepsAnswersForTheTTL(t *testing.T) {
	clk := &clock{t: time.Unix(1e9, 0)}
	m := memo.New[string](10, time.Minute, clk.now)
	calls := 0
	ask := func(keep bool, err error) (string, memo.How, error) {
		return m.Do(t.Context(), memo.KeyOf("q"), func(context.Context) (string, bool, error) {
			calls++
			return "answer", keep, err
		})
	}
	tests := []struct {
		name    string
		advance time.Duration
		keep    bool
		err     error
		how     memo.How
		calls   int
	}{
		{"a failure is not kept", 0, true, errors.New("model down"), memo.Called, 1},
		{"nor an answer fn says not to keep", 0, false, nil, memo.Called, 2},
		{"an answer is", 0, true, nil, memo.Called, 3},
		{"and answers again", 59 * time.Second, true, nil, memo.Kept, 3},
		{"until it expires", time.Second, true, nil, memo.Called, 4},
	}
	for _, tt := range tests {
		clk.add(tt.advance)
		v, how, err := ask(tt.keep, tt.err)
		if how != tt.how || calls != tt.calls || !errors.Is(err, tt.err) || (err == nil && v != "answer") {
			t.Errorf("%s: %q %v %v after %d calls, want %v after %d", tt.name, v, how, err, calls, tt.how, tt.calls)
		}
	}
}

func TestEvictsTheLeastRecentlyUsed(t *testing.T) {
	m := memo.New[int](2, time.Hour, nil)
	put := func(k string, v int) {
		if _, _, err := m.Do(t.Context(), memo.KeyOf(k), func(context.Context) (int, bool, error) { return v, true, nil }); err != nil {
			t.Fatal(err)
		}
	}
	put("a", 1)
	put("b", 2)
	if _, ok := m.Get(memo.KeyOf("a")); !ok { // a is now the most recent
		t.Fatal("a is missing")
	}
	put("c", 3)
	if _, ok := m.Get(memo.KeyOf("b")); ok {
		t.Error("b, the least recently used, was kept")
	}
	if v, ok := m.Get(memo.KeyOf("a")); !ok || v != 1 {
		t.Errorf("a = %d, %v", v, ok)
	}
	if m.Len() != 2 {
		t.Errorf("len %d", m.Len())
	}
}

// Callers asking the same question at once share one call: its answer,
// and its failure.
func TestSharesACallInFlight(t *testing.T) {
	for _, fail := range []bool{false, true} {
		m := memo.New[string](10, 0, nil) // nothing kept: only sharing
		var calls atomic.Int32
		release := make(chan struct{})
		var wg sync.WaitGroup
		type result struct {
			v   string
			how memo.How
			err error
		}
		results := make(chan result, 8)
		for range 8 {
			wg.Go(func() {
				v, how, err := m.Do(t.Context(), memo.KeyOf("q"), func(context.Context) (string, bool, error) {
					calls.Add(1)
					<-release
					if fail {
						return "", false, errors.New("bad answer")
					}
					return "answer", true, nil
				})
				results <- result{v, how, err}
			})
		}
		// Every other caller joins the call before it ends (a late one
		// would call again).
		for deadline := time.Now().Add(10 * time.Second); m.Waiting() < 7; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%d callers joined the call, want 7", m.Waiting())
			}
		}
		close(release)
		wg.Wait()
		close(results)
		called := 0
		for r := range results {
			if r.how == memo.Called {
				called++
			}
			if fail != (r.err != nil) || (!fail && r.v != "answer") {
				t.Errorf("fail=%v: got %q, %v", fail, r.v, r.err)
			}
		}
		if n := calls.Load(); n != 1 || called != 1 {
			t.Errorf("fail=%v: %d calls, %d callers called", fail, n, called)
		}
		if m.Len() != 0 {
			t.Errorf("ttl 0 kept %d answers", m.Len())
		}
		if n := m.Waiting(); n != 0 {
			t.Errorf("%d callers still counted as waiting", n)
		}
	}
}

// A failure that is the calling caller's own is not handed to those
// waiting for its call: one of them calls again. Own failures are the
// caller giving up (its ctx ends) and a CallerError (its deadline cut the
// call short); the caller still sees its error.
func TestWaitersDoNotShareACallersOwnFailure(t *testing.T) {
	errShort := errors.New("the caller's deadline cut the call short")
	tests := []struct {
		name string
		// fail ends the caller's call once end closes, and returns the
		// error the caller must see.
		fail func(ctx context.Context, end <-chan struct{}) error
		end  func(cancel context.CancelFunc, end chan struct{})
		want error
	}{
		{"gives up",
			func(ctx context.Context, _ <-chan struct{}) error { <-ctx.Done(); return ctx.Err() },
			func(cancel context.CancelFunc, _ chan struct{}) { cancel() },
			context.Canceled},
		{"caller error",
			func(_ context.Context, end <-chan struct{}) error { <-end; return memo.CallerError(errShort) },
			func(_ context.CancelFunc, end chan struct{}) { close(end) },
			errShort},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := memo.New[string](10, time.Hour, nil)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			started, end := make(chan struct{}), make(chan struct{})
			done := make(chan error, 1)
			go func() {
				_, _, err := m.Do(ctx, memo.KeyOf("q"), func(ctx context.Context) (string, bool, error) {
					close(started)
					return "", false, tt.fail(ctx, end)
				})
				done <- err
			}()
			<-started
			type result struct {
				v   string
				how memo.How
				err error
			}
			waiter := make(chan result, 1)
			go func() {
				v, how, err := m.Do(t.Context(), memo.KeyOf("q"), func(context.Context) (string, bool, error) { return "answer", true, nil })
				waiter <- result{v, how, err}
			}()
			time.Sleep(20 * time.Millisecond) // the waiter joins the flight
			tt.end(cancel, end)
			if err := <-done; !errors.Is(err, tt.want) {
				t.Fatalf("caller: %v, want %v", err, tt.want)
			}
			if r := <-waiter; r.err != nil || r.v != "answer" || r.how != memo.Called {
				t.Fatalf("waiter: %+v", r)
			}
		})
	}
}

// A waiter whose own context ends stops waiting.
func TestWaiterGivesUp(t *testing.T) {
	m := memo.New[string](10, time.Hour, nil)
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	go func() {
		_, _, _ = m.Do(t.Context(), memo.KeyOf("q"), func(context.Context) (string, bool, error) {
			close(started)
			<-release
			return "late", true, nil
		})
	}()
	<-started
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if _, how, err := m.Do(ctx, memo.KeyOf("q"), func(context.Context) (string, bool, error) {
		t.Error("a waiter called while the flight was on")
		return "", false, nil
	}); how != memo.Joined || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v %v", how, err)
	}
}

// A call that panics ends its flight: the next caller is not stuck.
func TestPanicEndsTheFlight(t *testing.T) {
	m := memo.New[string](10, time.Hour, nil)
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic did not reach the caller")
			}
		}()
		_, _, _ = m.Do(t.Context(), memo.KeyOf("q"), func(context.Context) (string, bool, error) { panic("boom") })
	}()
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	v, how, err := m.Do(ctx, memo.KeyOf("q"), func(context.Context) (string, bool, error) { return "answer", true, nil })
	if err != nil || how != memo.Called || v != "answer" {
		t.Fatalf("after a panic: %q %v %v", v, how, err)
	}
}

// BenchmarkKept is the cost of a remembered answer, against hashing the
// key alone ("baseline": what any lookup keyed by long texts pays).
func BenchmarkKept(b *testing.B) {
	text := string(make([]byte, 200))
	b.Run("baseline", func(b *testing.B) {
		for b.Loop() {
			_ = memo.KeyOf("model", "en", "es", text, text)
		}
	})
	b.Run("kept", func(b *testing.B) {
		m := memo.New[int](0, time.Hour, nil)
		fn := func(context.Context) (int, bool, error) { return 1, true, nil }
		ctx := b.Context()
		for b.Loop() {
			_, _, _ = m.Do(ctx, memo.KeyOf("model", "en", "es", text, text), fn)
		}
	})
}
