package natskv_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/services/translate/cache/natskv"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
)

// replica is one translate replica's view: its store and the keys its LRU
// was told to forget.
type replica struct {
	store *natskv.Store
	mu    sync.Mutex
	gone  []string
}

func (r *replica) forgotten(key string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Contains(r.gone, key)
}

// openReplicas opens n stores on one embedded JetStream server, as n
// replicas of the service would.
func openReplicas(t *testing.T, n int) ([]*replica, *server.Server) {
	t.Helper()
	s := natstest.RunServer(t)
	out := make([]*replica, n)
	for i := range out {
		out[i] = openReplica(t, s)
	}
	return out, s
}

func openReplica(t *testing.T, s *server.Server) *replica {
	t.Helper()
	js, err := jetstream.New(natstest.Conn(t, s))
	if err != nil {
		t.Fatal(err)
	}
	r := &replica{}
	// A claim TTL of 3 s: a claim's write, a watch's setup and a refresh
	// each give up after a third of it, and a busy machine takes more
	// than the 0.7 s of a 2 s TTL now and then.
	r.store, err = natskv.Open(t.Context(), js, natskv.Config{ClaimTTL: 3 * time.Second}, func(keys ...string) {
		r.mu.Lock()
		r.gone = append(r.gone, keys...)
		r.mu.Unlock()
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.store.Close)
	return r
}

func TestSharedAcrossReplicas(t *testing.T) {
	rs, _ := openReplicas(t, 2)
	a, b := rs[0], rs[1]
	ctx := t.Context()
	if _, ok, err := b.store.Get(ctx, "t.abc"); ok || err != nil {
		t.Fatalf("get on empty bucket: %v %v", ok, err)
	}
	want := cache.Entry{Text: "hola", Backend: "ollama", Model: "qwen2.5:3b", PromptID: "chat-translate", PromptVersion: 2, Created: time.Unix(1, 0).UTC()}
	if err := a.store.Put(ctx, "t.abc", want); err != nil {
		t.Fatal(err)
	}
	got, ok, err := b.store.Get(ctx, "t.abc")
	if err != nil || !ok || got != want {
		t.Fatalf("b got %+v %v %v", got, ok, err)
	}
	// A delete on one replica reaches the other's LRU.
	if err := a.store.Delete(ctx, "t.abc"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return b.forgotten("t.abc") && a.forgotten("t.abc") })
	if _, ok, _ := b.store.Get(ctx, "t.abc"); ok {
		t.Error("deleted key still readable")
	}
}

func TestOverridesMirrored(t *testing.T) {
	rs, srv := openReplicas(t, 2)
	a, b := rs[0], rs[1]
	ctx := t.Context()
	e := &cache.Entry{Text: "corregido", Backend: "moderator", Moderator: "mia"}
	if err := a.store.SetOverride(ctx, "o.k", e); err != nil {
		t.Fatal(err)
	}
	if got, ok := a.store.Override("o.k"); !ok || got.Text != "corregido" {
		t.Fatalf("writer's mirror: %+v %v", got, ok)
	}
	waitFor(t, func() bool { got, ok := b.store.Override("o.k"); return ok && got.Moderator == "mia" })
	if err := b.store.SetOverride(ctx, "o.k", nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { _, ok := a.store.Override("o.k"); return !ok })

	// A replica that starts later loads the overrides before it serves.
	if err := a.store.SetOverride(ctx, "o.late", e); err != nil {
		t.Fatal(err)
	}
	late := openReplica(t, srv)
	if _, ok := late.store.Override("o.late"); !ok {
		t.Error("a new replica does not see an existing override")
	}
}

func TestIndexUnderConcurrentWriters(t *testing.T) {
	rs, _ := openReplicas(t, 2)
	ctx := t.Context()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			if err := rs[i%2].store.AddToIndex(ctx, "m.msg", fmt.Sprintf("t.%02d", i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	keys, err := rs[0].store.TakeIndex(ctx, "m.msg")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	if len(keys) != 16 || keys[0] != "t.00" || keys[15] != "t.15" {
		t.Errorf("index = %v", keys)
	}
	if again, err := rs[1].store.TakeIndex(ctx, "m.msg"); len(again) != 0 || err != nil {
		t.Errorf("index not emptied: %v %v", again, err)
	}
	if none, err := rs[1].store.TakeIndex(ctx, "m.never"); len(none) != 0 || err != nil {
		t.Errorf("unknown index: %v %v", none, err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatal("condition not met in time")
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func claimOf(t *testing.T, st *natskv.Store, key string) cache.Claim {
	t.Helper()
	_, found, c, err := st.Acquire(t.Context(), key)
	if err != nil || found || c == nil {
		t.Fatalf("acquire %s: found=%v claim=%v err=%v", key, found, c, err)
	}
	return c
}

func TestClaims(t *testing.T) {
	rs, _ := openReplicas(t, 2)
	a, b := rs[0].store, rs[1].store
	ctx := t.Context()
	claim := claimOf(t, a, "t.k1")
	if _, _, _, err := b.Acquire(ctx, "t.k1"); !errors.Is(err, cache.ErrClaimed) {
		t.Fatalf("second claim: %v, want ErrClaimed", err)
	}
	// A claim is not a cached translation.
	if _, ok, err := b.Get(ctx, "t.k1"); ok || err != nil {
		t.Fatalf("get of a claimed key: %v %v", ok, err)
	}
	// The holder's result replaces its claim: the waiter gets it, and
	// later requests find it.
	got := make(chan cache.Entry, 1)
	go func() {
		e, f, err := b.Await(ctx, "t.k1")
		if err != nil || f != nil {
			t.Errorf("await: %v %v", f, err)
		}
		got <- e
	}()
	if err := claim.Fulfil(ctx, cache.Entry{Text: "hola"}); err != nil {
		t.Fatal(err)
	}
	if e := <-got; e.Text != "hola" {
		t.Errorf("waiter got %+v", e)
	}
	if e, found, c, err := b.Acquire(ctx, "t.k1"); err != nil || !found || c != nil || e.Text != "hola" {
		t.Errorf("acquire after the result: %+v %v %v %v", e, found, c, err)
	}
	// A failure reaches the waiter; a later request takes the claim over.
	claim = claimOf(t, a, "t.k2")
	failed := make(chan *cache.Failure, 1)
	go func() {
		_, f, err := b.Await(ctx, "t.k2")
		if err != nil {
			t.Errorf("await: %v", err)
		}
		failed <- f
	}()
	claim.Release(ctx, &cache.Failure{Kind: "busy", Detail: "busy: ollama answered 503"})
	if f := <-failed; f == nil || f.Kind != "busy" {
		t.Errorf("waiter got failure %+v", f)
	}
	again := claimOf(t, b, "t.k2")
	// Released without a result: the waiter is told to claim again, and
	// the next claim succeeds.
	released := make(chan error, 1)
	go func() {
		_, _, err := a.Await(ctx, "t.k2")
		released <- err
	}()
	again.Release(ctx, nil)
	if err := <-released; !errors.Is(err, cache.ErrReleased) {
		t.Errorf("await of a released claim: %v", err)
	}
	claimOf(t, a, "t.k2").Release(ctx, nil)
	// No claim at all: Await says so at once.
	if _, _, err := b.Await(ctx, "t.none"); !errors.Is(err, cache.ErrReleased) {
		t.Errorf("await without a claim: %v", err)
	}
}

// A key deleted while it is claimed (a message edit's invalidation) does
// not get the result that was computed for the old state: Fulfil stores
// nothing and says so.
func TestInvalidatedClaim(t *testing.T) {
	rs, _ := openReplicas(t, 2)
	a, b := rs[0].store, rs[1].store
	ctx := t.Context()
	claim := claimOf(t, a, "t.k")
	if err := b.Delete(ctx, "t.k"); err != nil {
		t.Fatal(err)
	}
	if err := claim.Fulfil(ctx, cache.Entry{Text: "stale"}); !errors.Is(err, cache.ErrReleased) {
		t.Fatalf("fulfil after a delete: %v", err)
	}
	if _, ok, _ := b.Get(ctx, "t.k"); ok {
		t.Fatal("a result computed before the invalidation was stored")
	}
	// The key can be claimed again over the delete marker.
	claimOf(t, b, "t.k").Release(ctx, nil)
}

// openOn opens a replica's store on server s.
func openOn(t *testing.T, s *server.Server, claimTTL time.Duration) *natskv.Store {
	t.Helper()
	js, err := jetstream.New(natstest.Conn(t, s))
	if err != nil {
		t.Fatal(err)
	}
	st, err := natskv.Open(t.Context(), js, natskv.Config{ClaimTTL: claimTTL, Memory: true}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// A replica that dies holding a claim is found gone by the replica that
// waits for it (its liveness subject has no responders), which frees the
// claim at once, long before the claim's TTL (30 s here) would, and
// claims the key itself.
func TestClaimOfADeadReplicaIsFreedAtOnce(t *testing.T) {
	s := natstest.RunServer(t)
	dead, alive := openOn(t, s, 30*time.Second), openOn(t, s, 30*time.Second)
	defer alive.Close()
	claimOf(t, dead, "t.k")
	dead.Close() // stops the refresher and the liveness answers, without releasing
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if _, _, err := alive.Await(ctx, "t.k"); !errors.Is(err, cache.ErrReleased) {
		t.Fatalf("await = %v, want ErrReleased", err)
	}
	if err := claimOf(t, alive, "t.k").Fulfil(ctx, cache.Entry{Text: "hola"}); err != nil {
		t.Fatal(err)
	}
}

// A holder that is alive keeps its claim however often it is asked: the
// waiter goes on waiting and gets the holder's result.
func TestClaimOfALiveReplicaIsKept(t *testing.T) {
	s := natstest.RunServer(t)
	// A TTL of 3 s: a refresh (every 1 s) that a busy machine delays by
	// a second or two does not let the claim lapse.
	holder, waiter := openOn(t, s, 3*time.Second), openOn(t, s, 3*time.Second)
	defer holder.Close()
	defer waiter.Close()
	claim := claimOf(t, holder, "t.k")
	got := make(chan error, 1)
	go func() {
		e, failure, err := waiter.Await(t.Context(), "t.k")
		if err == nil && (failure != nil || e.Text != "hola") {
			err = fmt.Errorf("got %+v, failure %+v", e, failure)
		}
		got <- err
	}()
	// Several liveness questions (every second) and claim refreshes.
	time.Sleep(3500 * time.Millisecond)
	if err := claim.Fulfil(t.Context(), cache.Entry{Text: "hola"}); err != nil {
		t.Fatalf("the holder lost its claim: %v", err)
	}
	if err := <-got; err != nil {
		t.Fatalf("await: %v", err)
	}
}

// A claim that names no liveness subject (written by a version before
// it) is freed by its TTL when its holder dies, and the waiter is told to
// claim again.
func TestClaimWithoutLivenessExpires(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	// The reader's own claim TTL bounds its claim's write and its watch's
	// setup (a third of it): 3 s leaves a busy machine room. The old claim
	// lives 2 s, long enough to be found before it expires.
	alive := openOn(t, s, 3*time.Second)
	defer alive.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	msg := nats.NewMsg("$KV.parley_translate_cache.t.k")
	msg.Data = []byte(`{"claim":{"owner":"an-older-replica"}}`)
	if _, err := js.PublishMsg(t.Context(), msg, jetstream.WithExpectLastSequencePerSubject(0), jetstream.WithMsgTTL(2*time.Second)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if _, _, _, err := alive.Acquire(ctx, "t.k"); !errors.Is(err, cache.ErrClaimed) {
		t.Fatalf("acquire = %v, want ErrClaimed", err)
	}
	if _, _, err := alive.Await(ctx, "t.k"); !errors.Is(err, cache.ErrReleased) {
		t.Fatalf("await = %v, want ErrReleased", err)
	}
	claimOf(t, alive, "t.k").Release(ctx, nil)
}

// A claim outlives ClaimTTL while its holder refreshes it.
func TestHeldClaimIsRefreshed(t *testing.T) {
	rs, _ := openReplicas(t, 2)
	a, b := rs[0].store, rs[1].store
	claim := claimOf(t, a, "t.k")
	time.Sleep(5 * time.Second) // ClaimTTL is 3s
	if _, _, _, err := b.Acquire(t.Context(), "t.k"); !errors.Is(err, cache.ErrClaimed) {
		t.Fatalf("acquire of a refreshed claim: %v, want ErrClaimed", err)
	}
	if err := claim.Fulfil(t.Context(), cache.Entry{Text: "hola"}); err != nil {
		t.Fatal(err)
	}
}

// Deletion notices missed while a replica was disconnected are made up
// for: on reconnection the replica empties its LRU.
func TestReconnectionEmptiesTheLRU(t *testing.T) {
	dir := t.TempDir()
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: dir, MaxFileStore: natstest.MaxFileStore})
	if err != nil {
		t.Fatal(err)
	}
	port := s.Addr().(*net.TCPAddr).Port
	nc, err := natsutil.Connect(s.ClientURL(), nil, t.Name(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	var cleared atomic.Int32
	st, err := natskv.Open(t.Context(), js, natskv.Config{ForgetAll: func() { cleared.Add(1) }}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s.Shutdown()
	s.WaitForShutdown()
	s, err = natsutil.RunEmbedded(natsutil.EmbedConfig{Port: port, StoreDir: dir, MaxFileStore: natstest.MaxFileStore})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		s.Shutdown()
		s.WaitForShutdown()
	}()
	waitFor(t, func() bool { return cleared.Load() > 0 })
}

// A claim whose write gets no answer (the stream's leader stopped with
// the write in flight) gives up on its own instead of holding the
// translation until the request's budget ends.
func TestClaimGivesUpOnAStreamThatDoesNotAnswer(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	st, err := natskv.Open(t.Context(), js, natskv.Config{ClaimTTL: time.Second, Memory: true}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	natstest.SilenceStream(t, nc, "KV_parley_translate_cache")

	// The request's budget is far longer than the claim's bound.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	_, found, claim, err := st.Acquire(ctx, "t.k")
	if !errors.Is(err, context.DeadlineExceeded) || found || claim != nil {
		t.Fatalf("acquire = found %v, claim %v, err %v; want a deadline error", found, claim, err)
	}
	if ctx.Err() != nil {
		t.Fatal("the claim waited out the request's whole budget")
	}
}

// Waiting for another replica's claim gives up after ClaimTTL/3 when the
// watch cannot be set up (the stream has no leader to create its
// consumer), not at the end of the request's budget: the caller then
// translates without coalescing.
func TestAwaitGivesUpWhenTheWatchCannotStart(t *testing.T) {
	s := natstest.RunServer(t)
	holder, waiter := openOn(t, s, time.Second), openOn(t, s, time.Second)
	defer holder.Close()
	defer waiter.Close()
	natskv.StallWatches(waiter)
	claim := claimOf(t, holder, "t.k")
	defer claim.Release(context.Background(), nil)
	// The request's budget is far longer than the claim's bound.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	_, _, err := waiter.Await(ctx, "t.k")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("await = %v, want a deadline error", err)
	}
	if ctx.Err() != nil {
		t.Fatal("the wait spent the request's whole budget")
	}
}

// A request that leaves while it waits for another replica's claim stops
// its watch of the key once: the watch is not also stopped by the
// request's context ending (nats.go unsubscribes a watch whose context
// ends, on a goroutine of its own), which deleted its consumer twice.
func TestAwaitLeftByItsRequestStopsItsWatchOnce(t *testing.T) {
	const stream = "KV_parley_translate_cache"
	s := natstest.RunServer(t)
	holder, waiter := openOn(t, s, 10*time.Second), openOn(t, s, 10*time.Second)
	defer holder.Close()
	defer waiter.Close()
	claim := claimOf(t, holder, "t.k")
	defer claim.Release(context.Background(), nil)
	deletes := natstest.ConsumerDeletes(t, s, stream)
	const runs = 5 // the race it ends shows only sometimes
	for i := range runs {
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() {
			_, _, err := waiter.Await(ctx, "t.k")
			done <- err
		}()
		for deadline := time.Now().Add(5 * time.Second); natstest.Consumers(t, s, stream) != 1; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("run %d: the waiter's watch did not start", i)
			}
		}
		time.Sleep(50 * time.Millisecond) // set up and watching, not still starting
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("run %d: await = %v, want canceled", i, err)
		}
		if n := natstest.Consumers(t, s, stream); n != 0 {
			t.Fatalf("run %d: %d consumers once the request left", i, n)
		}
	}
	time.Sleep(200 * time.Millisecond) // a second delete would come now
	if n := deletes(); n != runs {
		t.Errorf("%d consumer deletes for %d watches, want one each", n, runs)
	}
}
