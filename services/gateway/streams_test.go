package gateway_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/svcmain"
)

// tryEvents opens an event stream and returns its status and, when it
// failed, its body; an open stream is closed at once.
func tryEvents(t *testing.T, url string, header ...string) (int, http.Header, []byte) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusOK {
		return res.StatusCode, res.Header, nil
	}
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, b
}

// TestConversationEventsStreamCaps: a key holds at most
// GATEWAY_MAX_STREAMS_PER_KEY event streams (then 429 with Retry-After),
// the process at most GATEWAY_MAX_STREAMS (then 503 overloaded), both in
// the one error shape; a closed stream gives its slot back.
func TestConversationEventsStreamCaps(t *testing.T) {
	keys, err := gateway.ParseKeys(chatKeySet)
	if err != nil {
		t.Fatal(err)
	}
	e := startChatWith(t, nil, gateway.Config{Keys: keys, Ops: gateway.OpsConfig{MaxStreamsPerKey: 2, MaxStreams: 3}})
	url := e.url + "/v1/conversations/flood/events?locale=es"
	first := openEvents(t, url, bearer(chatAcmeKey)...)
	openEvents(t, url, bearer(chatAcmeKey)...)
	refused := func(key string, status int, code api.Code) {
		t.Helper()
		got, h, body := tryEvents(t, url, bearer(key)...)
		var eb api.ErrorBody
		if got != status || json.Unmarshal(body, &eb) != nil || eb.Error.Code != code || h.Get("Retry-After") == "" || eb.Error.RetryAfter == 0 {
			t.Fatalf("stream of %s: %d %s (Retry-After %q), want %d %s", key[:4], got, body, h.Get("Retry-After"), status, code)
		}
	}
	refused(chatAcmeKey, http.StatusTooManyRequests, api.CodeRateLimited)
	// Another key has slots of its own, up to the process's cap.
	openEvents(t, url, bearer(chatGlobexKey)...)
	refused(chatGlobexKey, http.StatusServiceUnavailable, api.CodeOverloaded)
	first.close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		status, _, body := tryEvents(t, url, bearer(chatAcmeKey)...)
		if status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a closed stream did not give its slot back: %d %s", status, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestStreamCapsFromEnv(t *testing.T) {
	env := map[string]string{"GATEWAY_MAX_STREAMS_PER_KEY": "7", "GATEWAY_MAX_STREAMS": "99"}
	cfg := gateway.OpsConfigFromEnv(config.NewReader(func(k string) string { return env[k] }))
	if cfg.MaxStreamsPerKey != 7 || cfg.MaxStreams != 99 {
		t.Fatalf("from env: %d per key, %d in all", cfg.MaxStreamsPerKey, cfg.MaxStreams)
	}
	def := gateway.OpsConfigFromEnv(config.NewReader(func(string) string { return "" }))
	if def.MaxStreamsPerKey != gateway.DefaultMaxStreamsPerKey || def.MaxStreams != gateway.DefaultMaxStreams() || def.MaxStreams < 64 || def.MaxStreams > 4096 {
		t.Fatalf("defaults: %d per key, %d in all", def.MaxStreamsPerKey, def.MaxStreams)
	}
}

// TestStreamCapsBelowOneAreRefused: a cap of 0 or less is refused at
// start, naming the setting, as a non-integer is; it is not read as the
// default (nor as "no streams").
func TestStreamCapsBelowOneAreRefused(t *testing.T) {
	for _, tc := range []struct{ key, value, want string }{
		{"GATEWAY_MAX_STREAMS_PER_KEY", "0", "GATEWAY_MAX_STREAMS_PER_KEY=0 is below 1"},
		{"GATEWAY_MAX_STREAMS_PER_KEY", "-1", "GATEWAY_MAX_STREAMS_PER_KEY=-1 is below 1"},
		{"GATEWAY_MAX_STREAMS", "0", "GATEWAY_MAX_STREAMS=0 is below 1"},
		{"GATEWAY_MAX_STREAMS", "-5", "GATEWAY_MAX_STREAMS=-5 is below 1"},
		{"GATEWAY_MAX_STREAMS", "lots", `GATEWAY_MAX_STREAMS="lots" is not an integer`},
	} {
		env := config.NewReader(config.Map(map[string]string{tc.key: tc.value}))
		_, err := gateway.Start(context.Background(), svcmain.Deps{Env: env})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s=%s: start error %v, want %q", tc.key, tc.value, err, tc.want)
		}
	}
	env := config.NewReader(config.Map(map[string]string{"GATEWAY_MAX_STREAMS_PER_KEY": "1", "GATEWAY_MAX_STREAMS": "1"}))
	if cfg := gateway.OpsConfigFromEnv(env); env.Err() != nil || cfg.MaxStreamsPerKey != 1 || cfg.MaxStreams != 1 {
		t.Fatalf("caps of 1: %+v, %v", cfg, env.Err())
	}
}

// TestConversationEventsLocaleCapPerTenant: the cap of pre-translated
// locales counts each tenant's readers of a conversation apart: another
// tenant's readers of the same conversation id take none of its slots.
func TestConversationEventsLocaleCapPerTenant(t *testing.T) {
	keys, err := gateway.ParseKeys(chatKeySet)
	if err != nil {
		t.Fatal(err)
	}
	e := startChatWith(t, map[string]string{"MESSAGES_MAX_LOCALES": "1"}, gateway.Config{Keys: keys})
	url := e.url + "/v1/conversations/capshare/events?locale="
	for _, tt := range []struct {
		key, locale, mode string
	}{
		{chatAcmeKey, "es", "pretranslated"},
		{chatGlobexKey, "de", "pretranslated"},
		{chatAcmeKey, "de", "on-demand"},
	} {
		es := openEvents(t, url+tt.locale, bearer(tt.key)...)
		if got := es.header.Get("Parley-Views"); got != tt.mode {
			t.Fatalf("%s reading in %s: %s, want %s", tt.key[:4], tt.locale, got, tt.mode)
		}
	}
}

// TestConversationEventsNoConsumerPerStream: opening event streams
// creates no JetStream consumer on the readers bucket (a listing of the
// bucket did, one per stream open and refresh, until the server's limit
// of consumers was reached).
func TestConversationEventsNoConsumerPerStream(t *testing.T) {
	e := startChat(t, nil)
	// The gateway's messages state (and its one watcher of the bucket)
	// opens on first use.
	decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/presence/messages?locale=es", ""), 200)
	var creates atomic.Int64
	for _, subj := range []string{"$JS.API.CONSUMER.CREATE.KV_" + messages.ReadersBucket, "$JS.API.CONSUMER.CREATE.KV_" + messages.ReadersBucket + ".>"} {
		sub, err := e.nc.Subscribe(subj, func(*nats.Msg) { creates.Add(1) })
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = sub.Unsubscribe() })
	}
	if err := e.nc.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, locale := range []string{"es", "de", "ja", "ar", "es"} {
		openEvents(t, e.url+"/v1/conversations/presence/events?locale="+locale).close()
	}
	// The messages service pre-translates a message into the locales.
	views, err := e.nc.SubscribeSync(api.ViewsSubject("", "presence", "es"))
	if err != nil {
		t.Fatal(err)
	}
	postMessage(t, e, "presence", "ana", "hello")
	if _, err := views.NextMsg(10 * time.Second); err != nil {
		t.Fatalf("no pre-translated view: %v", err)
	}
	if err := e.nc.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := creates.Load(); n != 0 {
		t.Fatalf("%d consumers created on the readers bucket for 5 stream opens and a message", n)
	}
}
