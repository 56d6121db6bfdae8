package messages_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/service"
)

// TestPretranslateRetriesFailedTranslations: a message whose translation
// fails (the backend is down) reaches an event-stream reader as the
// original, marked degraded; once the backend recovers, the messages
// service renders the view again and publishes the translation under the
// same seq, without any new event of the message.
func TestPretranslateRetriesFailedTranslations(t *testing.T) {
	// Short retries, and enough of them that the backend recovering a
	// moment after the first view (a slow machine) still finds one left.
	nc, js := startService(t, map[string]string{"MESSAGES_RETRY_DELAYS": "100ms,200ms,300ms,1s,2s,4s"})
	var up atomic.Bool
	log := slog.New(slog.DiscardHandler)
	m := service.NewMetrics(prometheus.NewRegistry())
	for _, svc := range []struct {
		name string
		ep   service.Endpoint
	}{
		{api.ServiceDetect, service.Endpoint{Name: "detect", Subject: api.SubjectDetect,
			Handler: service.JSON(func(context.Context, *api.DetectRequest) (any, error) {
				return api.DetectResponse{Language: "en", Confidence: 0.9}, nil
			})}},
		{api.ServiceTranslate, service.Endpoint{Name: "translate", Subject: api.SubjectTranslate,
			Handler: service.JSON(func(_ context.Context, req *api.TranslateRequest) (any, error) {
				if !up.Load() {
					return api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Backend: "none",
						Reason:   "no backend translated en to es (ollama: unavailable: connection refused)",
						Attempts: []api.Attempt{{Backend: "ollama", Error: "unavailable: connection refused"}}}, nil
				}
				return api.TranslateResponse{Text: "hola", Status: api.StatusTranslated, Backend: "ollama"}, nil
			})}},
	} {
		s, err := service.New(nc, service.Config{Name: svc.name, Version: "0.0.1"}, []service.Endpoint{svc.ep}, m, log)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Stop() })
	}
	p, err := messages.OpenPresence(context.Background(), js)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := p.Register(context.Background(), "", "room", "es"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	sub, err := nc.SubscribeSync(api.ViewsSubject("", "room", "es"))
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	next := func() api.MessageView {
		t.Helper()
		msg, err := sub.NextMsg(20 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		var v api.MessageView
		if err := json.Unmarshal(msg.Data, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	publish(t, js, "room", api.MessageEvent{ID: "m1", Author: "ana", Text: "hello"})
	first := next()
	if first.Status != api.StatusOriginal || !slices.Contains(first.Degraded, "translate") {
		t.Fatalf("view while the backend is down: %+v", first)
	}
	up.Store(true)
	second := next()
	if second.ID != "m1" || second.Seq != first.Seq || second.Status != api.StatusTranslated || second.Text != "hola" || slices.Contains(second.Degraded, "translate") {
		t.Fatalf("view after the backend recovered: %+v (first %+v)", second, first)
	}
}
