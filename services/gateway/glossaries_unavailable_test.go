package gateway_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/services/glossary/natsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestGlossaryWriteWhileJetStreamIsAway: a glossary write that finds its
// bucket's stream without a leader ("no response from stream", as while
// a cluster elects one after the leader was killed) is answered 503
// unavailable with a Retry-After, as the README's error table says, not
// 500 internal.
func TestGlossaryWriteWhileJetStreamIsAway(t *testing.T) {
	s := natstest.RunServer(t)
	stop, err := glossary.Start(context.Background(), svcmain.Deps{
		NC:  natstest.Conn(t, s),
		Env: config.NewReader(config.Map(map[string]string{"GLOSSARY_SYNC": "false"})),
		Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	keys, err := gateway.ParseKeys("lena:localization:" + l10nKey)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Keys: keys, Timeout: 10 * time.Second}, natstest.Conn(t, s), reg, reg, slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)

	body := jsonBody(t, api.Glossary{ID: "st", Name: "St", Entries: []api.GlossaryEntry{
		{ID: "thread", Terms: []api.GlossaryTerm{{Language: "en", Text: "thread"}, {Language: "es", Text: "hilo"}}},
	}})
	if r := call(t, "POST", ts.URL+"/v1/glossaries", l10nKey, "application/json", body); r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	update := jsonBody(t, map[string]string{"name": "St 2"})
	if r := call(t, "PUT", ts.URL+"/v1/glossaries/st", l10nKey, "application/json", update); r.status != 200 {
		t.Fatalf("update: %d %s", r.status, r.body)
	}
	js, err := jetstream.New(natstest.Conn(t, s))
	if err != nil {
		t.Fatal(err)
	}
	if err := js.DeleteStream(t.Context(), "KV_"+natsstore.BucketKV); err != nil {
		t.Fatal(err)
	}
	r := call(t, "PUT", ts.URL+"/v1/glossaries/st", l10nKey, "application/json", jsonBody(t, map[string]string{"name": "St 3"}))
	if r.status != 503 || r.apiError(t) != api.CodeUnavailable || r.header.Get("Retry-After") == "" {
		t.Fatalf("write without the stream: %d %s (Retry-After %q), want 503 unavailable with Retry-After", r.status, r.body, r.header.Get("Retry-After"))
	}
}
