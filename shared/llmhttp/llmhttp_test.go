package llmhttp

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// Concurrent calls to one endpoint reuse their connections: rounds of 16
// calls held open together (as with a model server answering 16 at once)
// open 16 connections in the first round and none after it. With
// net/http's default of 2 idle connections per host, every round would
// open 14 again.
func TestReusesConnections(t *testing.T) {
	const n = 16
	var opened atomic.Int64
	var mu sync.Mutex
	var arrived int
	release := make(chan struct{})
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Hold every call until the round's n calls are all in.
		mu.Lock()
		arrived++
		ch := release
		if arrived%n == 0 {
			close(release)
			release = make(chan struct{})
		}
		mu.Unlock()
		<-ch
		_, _ = io.WriteString(w, "ok")
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c := NewClient()
	round := func() {
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				res, err := c.Get(srv.URL)
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
			})
		}
		wg.Wait()
	}
	round()
	if got := opened.Load(); got != n {
		t.Fatalf("first round opened %d connections, want %d", got, n)
	}
	for range 5 {
		round()
	}
	if more := opened.Load() - n; more > 0 {
		t.Errorf("%d connections opened after the first round", more)
	}
}
