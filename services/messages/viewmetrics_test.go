package messages_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// A view the messages service pre-translates counts in the view metrics
// on its own registry, as a view the gateway serves counts on the
// gateway's: dashboards and alerts on parley_views_total see every view.
func TestPretranslatedViewsAreCounted(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	fakeServices(t, nc)
	ctx := context.Background()
	reg := prometheus.NewRegistry()
	stop, err := messages.Start(ctx, svcmain.Deps{
		NC: nc, Env: config.NewReader(func(string) string { return "" }), Registry: reg, Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	p, err := messages.OpenPresence(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := p.Register(ctx, "", "room", "es"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	sub, err := nc.SubscribeSync(api.ViewsSubject("", "room", "es"))
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	publish(t, js, "room", api.MessageEvent{ID: "m1", Author: "ana", Text: "hello"})
	if _, err := sub.NextMsg(20 * time.Second); err != nil {
		t.Fatal(err)
	}
	// The view is published after the pipeline counted it.
	want := `
# HELP parley_views_total Views served, by status (translated, original) and the backend that served them (none for the original).
# TYPE parley_views_total counter
parley_views_total{backend="fake",status="translated"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "parley_views_total"); err != nil {
		t.Fatal(err)
	}
}
