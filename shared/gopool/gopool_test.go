package gopool

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

// waitFor polls cond for up to 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestSequentialCallsReuseOneGoroutine(t *testing.T) {
	p := New(time.Minute, 8)
	for i := range 100 {
		done := make(chan int)
		p.Go(func() { done <- i })
		if got := <-done; got != i {
			t.Fatalf("got %d, want %d", got, i)
		}
		// Go hands work only to a goroutine already waiting for it: let
		// the last one get there. (Idle counts a goroutine just before it
		// waits, so a call can still find none and start another.)
		waitFor(t, "the goroutines to wait again", func() bool { return p.Idle() == int(p.Started()) })
		time.Sleep(100 * time.Microsecond)
	}
	if n := p.Started(); n > 5 {
		t.Fatalf("%d goroutines started for 100 calls one after another, want 1 (or a few)", n)
	}
}

func TestGoNeverWaitsForBusyGoroutines(t *testing.T) {
	p := New(time.Minute, 8)
	const n = 50
	release := make(chan struct{})
	var running sync.WaitGroup
	running.Add(n)
	for range n {
		// Every f blocks until all n run at once: Go must not queue.
		p.Go(func() {
			running.Done()
			<-release
		})
	}
	done := make(chan struct{})
	go func() { running.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the functions did not all run at once")
	}
	close(release)
	// Only maxIdle of the 50 stay.
	waitFor(t, "8 idle goroutines", func() bool { return p.Idle() == 8 })
}

func TestIdleGoroutinesExit(t *testing.T) {
	base := runtime.NumGoroutine()
	p := New(20*time.Millisecond, 100)
	var wg sync.WaitGroup
	release := make(chan struct{})
	for range 20 {
		wg.Add(1)
		p.Go(func() {
			defer wg.Done()
			<-release
		})
	}
	close(release)
	wg.Wait()
	waitFor(t, "idle goroutines to exit", func() bool { return p.Idle() == 0 && runtime.NumGoroutine() <= base })
}

// deep uses about n KiB of stack.
//
//go:noinline
func deep(n int) byte {
	var buf [1024]byte
	buf[n%len(buf)] = byte(n)
	if n == 0 {
		return buf[0]
	}
	return deep(n-1) + buf[n%len(buf)]
}

// BenchmarkStart runs a function that needs 64 KiB of stack, started
// with the go statement (baseline: a new goroutine grows its stack every
// time) and with Go (a reused goroutine has grown it already).
func BenchmarkStart(b *testing.B) {
	b.Run("baseline", func(b *testing.B) {
		for b.Loop() {
			done := make(chan struct{})
			go func() { deep(64); close(done) }()
			<-done
		}
	})
	b.Run("gopool", func(b *testing.B) {
		for b.Loop() {
			done := make(chan struct{})
			Go(func() { deep(64); close(done) })
			<-done
		}
	})
}

func TestGroupWaitsForItsFunctions(t *testing.T) {
	var g Group
	var mu sync.Mutex
	sum := 0
	for i := range 100 {
		g.Go(func() {
			time.Sleep(time.Millisecond)
			mu.Lock()
			sum += i
			mu.Unlock()
		})
	}
	g.Wait()
	if sum != 4950 {
		t.Fatalf("sum %d after Wait, want 4950", sum)
	}
}
