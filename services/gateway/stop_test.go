package gateway_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestCloseEndsTheWatches checks that Close stops every watch the gateway
// holds, those a message request opened included (presence, moderators'
// decisions, experiments and flags), before the connection drains: they
// used to run until the drain deleted their consumers under them.
func TestCloseEndsTheWatches(t *testing.T) {
	streams := []string{
		"KV_" + gateway.KeysBucket, "KV_" + messages.ReadersBucket, "KV_" + api.BucketMessageModeration,
		"KV_" + experiment.Bucket, "KV_" + flags.Bucket,
	}
	natstest.CheckStopEndsWatches(t, streams, func(nc *nats.Conn) (func() error, error) {
		reg := prometheus.NewRegistry()
		gw := gateway.New(gateway.Config{Timeout: 10 * time.Second}, nc, reg, reg, slog.New(slog.DiscardHandler))
		ts := httptest.NewServer(gw.Handler())
		// Any message route opens the message state and its watches; a
		// deletion needs no translate service to answer (404).
		req, _ := http.NewRequest(http.MethodDelete, ts.URL+"/v1/messages/m1", nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Fatalf("deleting an unknown message: %d %s", res.StatusCode, body)
		}
		return func() error { ts.Close(); return gw.Close() }, nil
	})
}
