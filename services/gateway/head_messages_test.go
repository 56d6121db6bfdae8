package gateway_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/messages"
)

// warnings records the log lines at WARN and above.
type warnings struct {
	mu    sync.Mutex
	lines []string
}

func (w *warnings) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }
func (w *warnings) WithAttrs([]slog.Attr) slog.Handler           { return w }
func (w *warnings) WithGroup(string) slog.Handler                { return w }
func (w *warnings) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	})
	w.mu.Lock()
	defer w.mu.Unlock()
	w.lines = append(w.lines, b.String())
	return nil
}

func (w *warnings) all() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.lines...)
}

// translations is how many translate requests the fake translator got.
func (e *chatEnv) translations() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, users := range e.users {
		n += len(users)
	}
	return n
}

// TestHeadOnMessageRoutesCostsNothing: HEAD on the message routes gets
// the status and headers of the GET from its checks alone: nothing is
// translated or billed (view cache hits neither), no reader locale is
// registered (a cap of one locale stays free for a real reader), the log
// stays quiet, and a check that fails answers as for the GET.
func TestHeadOnMessageRoutesCostsNothing(t *testing.T) {
	logs := &warnings{}
	keys, err := gateway.ParseKeys(chatKeySet)
	if err != nil {
		t.Fatal(err)
	}
	e := startChatLogged(t, map[string]string{"MESSAGES_MAX_LOCALES": "1"},
		gateway.Config{Keys: keys, Limits: gateway.Limits{MonthlyChars: 1000}}, slog.New(logs))
	var ids []string
	for range 5 {
		ids = append(ids, postAs(t, e, chatAcmeKey, "big", "hello").ID)
	}
	long := postAs(t, e, chatAcmeKey, "long", strings.Repeat("a", 1001))
	heads := func(phase string) {
		t.Helper()
		for _, tc := range []struct {
			path   string
			status int
			ctype  string
		}{
			{"/v1/messages/" + ids[0] + "?locale=es", 200, "application/json"},
			{"/v1/conversations/big/messages?locale=es&limit=200", 200, "application/json"},
			{"/v1/conversations/big/events?locale=es&after=0", 200, "text/event-stream"},
			{"/v1/conversations/big/events?locale=de&after=0", 200, "text/event-stream"},
			{"/v1/conversations/big/events?locale=ja", 200, "text/event-stream"},
			{"/v1/messages/nope?locale=es", 404, "application/json"},
			{"/v1/messages/" + long.ID + "?locale=es", 429, "application/json"},
			{"/v1/conversations/long/events?locale=es&after=0", 429, "application/json"},
		} {
			r := do(t, http.MethodHead, e.url+tc.path, "", bearer(chatAcmeKey)...)
			if r.status != tc.status || len(r.body) != 0 || !strings.HasPrefix(r.header.Get("Content-Type"), tc.ctype) {
				t.Errorf("%s: HEAD %s = %d %q with %d body bytes, want %d %q", phase, tc.path, r.status, r.header.Get("Content-Type"), len(r.body), tc.status, tc.ctype)
			}
			if tc.ctype == "text/event-stream" && r.header.Get("Parley-Views") != "pretranslated" {
				t.Errorf("%s: HEAD %s: Parley-Views %q, want pretranslated (no locale is taken)", phase, tc.path, r.header.Get("Parley-Views"))
			}
			if tc.status == 429 && r.header.Get("Retry-After") == "" {
				t.Errorf("%s: HEAD %s: 429 without Retry-After", phase, tc.path)
			}
		}
	}

	heads("cold cache")
	if got := usageOf(t, e, chatAcmeKey); got != 0 {
		t.Errorf("HEADs billed %d characters", got)
	}
	if n := e.translations(); n != 0 {
		t.Errorf("HEADs made %d translate requests", n)
	}
	js, err := jetstream.New(e.nc)
	if err != nil {
		t.Fatal(err)
	}
	presence, err := messages.OpenPresence(context.Background(), js)
	if err != nil {
		t.Fatal(err)
	}
	defer presence.Close()
	if err := presence.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if locs, _ := presence.Active(context.Background(), "acme", "big"); len(locs) != 0 {
		t.Errorf("HEADs registered reader locales %v", locs)
	}

	// Warm the view cache: the GET bills; HEADs on cached views do not.
	decodeAs[struct{}](t, do(t, "GET", e.url+"/v1/conversations/big/messages?locale=es&limit=200", "", bearer(chatAcmeKey)...), 200)
	used := usageOf(t, e, chatAcmeKey)
	if used != 5*int64(len("hello")) {
		t.Fatalf("the page billed %d characters, want %d", used, 5*len("hello"))
	}
	heads("warm cache")
	if got := usageOf(t, e, chatAcmeKey); got != used {
		t.Errorf("HEADs on cached views billed %d characters", got-used)
	}

	// The one locale slot is still free for a real reader.
	es := openEvents(t, e.url+"/v1/conversations/big/events?locale=fr", bearer(chatAcmeKey)...)
	if mode := es.header.Get("Parley-Views"); mode != "pretranslated" {
		t.Errorf("a reader after the HEADs gets %q views, want pretranslated", mode)
	}
	if w := logs.all(); len(w) != 0 {
		t.Errorf("warnings logged:\n%s", strings.Join(w, "\n"))
	}
}

// TestEventReplayStopsWhenTheClientLeaves: a client that disconnects in
// the middle of a replay ends it; the rest of the conversation is not
// rendered for nobody, with a warning per message.
func TestEventReplayStopsWhenTheClientLeaves(t *testing.T) {
	logs := &warnings{}
	e := startChatLogged(t, nil, gateway.Config{}, slog.New(logs))
	const n = 40
	for i := range n {
		postMessage(t, e, "long", "ana", fmt.Sprintf("line %d", i))
	}
	e.mu.Lock()
	e.delay = 100 * time.Millisecond // a replay of n messages takes n × 100 ms
	e.mu.Unlock()
	es := openEvents(t, e.url+"/v1/conversations/long/events?locale=es&after=0")
	if ev := es.next(t); ev.event != "view" {
		t.Fatalf("first event %+v", ev)
	}
	es.close()
	// The server learns that the client left when it next reads or
	// writes the connection, which on a busy machine (make test's -race
	// on 2 cores) can take a few views more. The count must stop growing,
	// and well before the conversation's end: a runaway replay renders
	// ~10 a second, all n within 4 s.
	before := e.translations()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		time.Sleep(time.Second)
		now := e.translations()
		if now == before {
			break
		}
		before = now
	}
	time.Sleep(time.Second)
	if after := e.translations(); after != before || after > n/2 {
		t.Errorf("translate requests after the client left: %d, then %d (of %d messages)", before, after, n)
	}
	// The view being rendered as the client left may log its steps as
	// degraded (shared/pipeline); the stream itself logs nothing, and
	// there is no line per message left.
	var stream []string
	for _, l := range logs.all() {
		if !strings.HasPrefix(l, "pipeline step degraded") {
			stream = append(stream, l)
		}
	}
	if w := logs.all(); len(stream) != 0 || len(w) > 5 {
		t.Errorf("warnings logged after the client left:\n%s", strings.Join(w, "\n"))
	}
}
