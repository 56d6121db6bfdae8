package limit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/limit"
)

func TestLimiter(t *testing.T) {
	l := limit.New(1, 1)
	first, err := l.Acquire(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// The second waits in the queue; the third finds it full.
	got := make(chan error, 1)
	go func() {
		release, err := l.Acquire(t.Context())
		if err == nil {
			release()
		}
		got <- err
	}()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		if r, w := l.Load(); r == 1 && w == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the second call never queued")
		}
	}
	if _, err := l.Acquire(t.Context()); !errors.Is(err, limit.ErrFull) || err.Error() != "limit: every slot is taken and the queue is full: 1 running and 1 queued" {
		t.Fatalf("third call: %v, want ErrFull", err)
	}
	first()
	if err := <-got; err != nil {
		t.Fatalf("queued call: %v", err)
	}
	if r, w := l.Load(); r != 0 || w != 0 {
		t.Errorf("load after release = %d running, %d waiting", r, w)
	}

	// A caller that gives up in the queue leaves it.
	hold, _ := l.Acquire(t.Context())
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if _, err := l.Acquire(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("call whose context ended in the queue: %v", err)
	}
	if _, w := l.Load(); w != 0 {
		t.Errorf("%d still waiting after the caller gave up", w)
	}
	hold()
}

func TestNoLimit(t *testing.T) {
	for _, l := range []*limit.Limiter{nil, limit.New(0, 5), limit.New(-1, 0)} {
		if l != nil {
			t.Fatalf("New with no concurrency = %v, want nil (no limit)", l)
		}
		for range 100 {
			if _, err := l.Acquire(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		if r, w := l.Load(); r != 0 || w != 0 {
			t.Errorf("nil limiter load = %d, %d", r, w)
		}
	}
}

func TestNoQueue(t *testing.T) {
	l := limit.New(2, 0)
	for range 2 {
		if _, err := l.Acquire(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Acquire(t.Context()); !errors.Is(err, limit.ErrFull) {
		t.Errorf("third call with no queue: %v, want ErrFull", err)
	}
}

func TestSize(t *testing.T) {
	if c, q := limit.New(3, 7).Size(); c != 3 || q != 7 {
		t.Errorf("Size() = %d, %d; want 3, 7", c, q)
	}
	if c, q := limit.New(3, -1).Size(); c != 3 || q != 0 {
		t.Errorf("Size() with a negative queue = %d, %d; want 3, 0", c, q)
	}
}
