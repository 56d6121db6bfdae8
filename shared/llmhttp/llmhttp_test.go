package llmhttp

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
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

// countingConn counts the writes on a connection.
type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// opaqueBody is a request body net/http cannot see into, as openai-go
// sends every request's body.
type opaqueBody struct{ io.Reader }

func (opaqueBody) Close() error { return nil }

// A request whose body is not one of the standard library's in-memory
// readers goes out in as few writes as one that is: for a chat request,
// one write with headers and body together, where net/http alone flushes
// the headers first. The server gets the whole body in every case,
// including bodies above MaxBufferedBody and of unknown length, which are
// sent as they are.
func TestSendsHeadersWithTheBody(t *testing.T) {
	var got atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		got.Store(n)
	}))
	defer srv.Close()
	var writes atomic.Int64
	counted := func(tr *http.Transport) {
		dial := tr.DialContext
		tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := dial(ctx, network, addr)
			return countingConn{Conn: conn, writes: &writes}, err
		}
	}
	c := NewClient()
	counted(c.Transport.(bufferBodies).next.(*http.Transport))
	plain := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	counted(plain.Transport.(*http.Transport))
	// send posts body and returns the writes it took.
	send := func(t *testing.T, c *http.Client, body io.Reader, size int, length int64) int64 {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, srv.URL, body)
		if err != nil {
			t.Fatal(err)
		}
		req.ContentLength = length
		writes.Store(0)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if got.Load() != int64(size) {
			t.Errorf("server read %d bytes, want %d", got.Load(), size)
		}
		return writes.Load()
	}
	for _, tc := range []struct {
		name    string
		size    int
		unknown bool
	}{
		{"chat request", 1300, false},
		{"at the limit", MaxBufferedBody, false},
		{"above the limit", MaxBufferedBody + 1, false},
		{"unknown length", 1300, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := strings.Repeat("x", tc.size)
			length := int64(tc.size)
			if tc.unknown {
				length = -1
			}
			opaque := send(t, c, opaqueBody{strings.NewReader(body)}, tc.size, length)
			if tc.unknown || tc.size > MaxBufferedBody {
				return
			}
			// The best net/http does: a body it knows is in memory.
			if best := send(t, plain, strings.NewReader(body), tc.size, length); opaque != best {
				t.Errorf("%d writes, want %d as for an in-memory body", opaque, best)
			}
			if tc.size == 1300 {
				if opaque != 1 {
					t.Errorf("%d writes, want 1", opaque)
				}
				if alone := send(t, plain, opaqueBody{strings.NewReader(body)}, tc.size, length); alone != 2 {
					t.Errorf("net/http alone: %d writes, want 2 (headers flushed first); is the buffering still needed?", alone)
				}
			}
		})
	}
}

// A body that is not as long as the request says fails the request, as
// it does with net/http alone.
func TestBodyOfTheWrongLength(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	defer srv.Close()
	c := NewClient()
	for _, tt := range []struct {
		name   string
		body   string
		length int64
	}{{"shorter", "hello", 10}, {"longer", "hello, world", 5}} {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, srv.URL, opaqueBody{strings.NewReader(tt.body)})
			if err != nil {
				t.Fatal(err)
			}
			req.ContentLength = tt.length
			if res, err := c.Do(req); err == nil {
				res.Body.Close()
				t.Fatalf("a %d-byte body sent as %d bytes", len(tt.body), tt.length)
			}
		})
	}
}
