package gateway_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// startTracedChat runs the gateway, the messages service (with env) and
// fake detect, glossary, translate, quality and safety services, every one
// of them recording its spans with tp.
func startTracedChat(t *testing.T, tp trace.TracerProvider, env map[string]string) (url string, nc *nats.Conn) {
	t.Helper()
	nc = natstest.Conn(t, natstest.RunServer(t))
	log := slog.New(slog.DiscardHandler)
	for _, svc := range []struct {
		name string
		eps  []service.Endpoint
	}{
		{api.ServiceDetect, []service.Endpoint{{Name: "detect", Subject: api.SubjectDetect,
			Handler: service.JSON(func(context.Context, *api.DetectRequest) (any, error) {
				return api.DetectResponse{Language: "en", Confidence: 0.9}, nil
			})}}},
		{api.ServiceGlossary, []service.Endpoint{{Name: "prepare", Subject: api.SubjectGlossaryPrepare,
			Handler: service.JSON(func(context.Context, *api.GlossaryPrepareRequest) (any, error) {
				return api.GlossaryPrepareResponse{Version: "none"}, nil
			})}}},
		{api.ServiceTranslate, []service.Endpoint{
			{Name: "translate", Subject: api.SubjectTranslate,
				Handler: service.JSON(func(_ context.Context, req *api.TranslateRequest) (any, error) {
					if out, ok := map[string]string{"de": "Hallo, wie geht es dir?", "fr": "Bonjour, comment vas-tu ?"}[req.Target]; ok && req.Text == "Hello, how are you?" {
						return api.TranslateResponse{Text: out, Status: api.StatusTranslated, Backend: "fake"}, nil
					}
					return api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Reason: "not in the fake dictionary"}, nil
				})},
			{Name: "languages", Subject: api.SubjectTranslateLangs,
				Handler: func(context.Context, []byte) (any, error) {
					return api.LanguagesResponse{Backends: []api.BackendInfo{{Name: "fake", Available: true,
						Languages: []string{"de", "en", "fr"}}}}, nil
				}},
			{Name: "invalidate", Subject: api.SubjectTranslateInvalidate,
				Handler: service.JSON(func(context.Context, *api.TranslateInvalidateRequest) (any, error) {
					return api.TranslateInvalidateResponse{}, nil
				})},
		}},
		{api.ServiceQuality, []service.Endpoint{{Name: "score", Subject: api.SubjectQualityScore,
			Handler: service.JSON(func(context.Context, *api.QualityRequest) (any, error) {
				return api.QualityResponse{Score: 90, Decision: api.DecisionAccept}, nil
			})}}},
		{api.ServiceSafety, []service.Endpoint{{Name: "check", Subject: api.SubjectSafetyCheck,
			Handler: service.JSON(func(context.Context, *api.SafetyRequest) (any, error) {
				return api.SafetyResponse{Source: api.Verdict{Safe: true, Severity: api.SeverityNone},
					Policy: &api.PolicyDecision{Action: api.PolicyAllow}}, nil
			})}}},
	} {
		s, err := service.New(nc, service.Config{Name: svc.name, Version: "0.0.1", TracerProvider: tp}, svc.eps, nil, log)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Stop() })
	}
	stop, err := messages.Start(context.Background(), svcmain.Deps{
		NC: nc, Env: config.NewReader(func(k string) string { return env[k] }),
		Registry: prometheus.NewRegistry(), Log: log, TracerProvider: tp,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	reg := prometheus.NewRegistry()
	cfg := gateway.Config{Timeout: 20 * time.Second}
	cfg.Ops.TracerProvider = tp
	gw := gateway.New(cfg, nc, reg, reg, log)
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	return ts.URL, nc
}

// TestPretranslationJoinsThePostsTrace: the views the messages service
// pre-translates for a POST /v1/messages are one trace with the POST
// (docs/operations.md, "one view is one trace"), not a root trace per
// service call; an event published by a NATS client that sends no
// traceparent starts one trace of its own. A stream that renders its
// views itself (on demand) renders them in its own request's trace.
func TestPretranslationJoinsThePostsTrace(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	// One pre-translated locale: the second stream's is on demand.
	url, nc := startTracedChat(t, tp, map[string]string{"MESSAGES_MAX_LOCALES": "1"})
	// The readers' streams are traces of their own, known by their ids, so
	// that what they record is told from the pre-translation's spans.
	const deTrace, frTrace = "5ce0e9a56015fec5aadfa328ae398115", "7d3efb1b173fecfa87ad6c0b64d4a3f1"
	de := openEvents(t, url+"/v1/conversations/tr2/events?locale=de",
		"traceparent", "00-"+deTrace+"-ab42124a3c573678-01")
	fr := openEvents(t, url+"/v1/conversations/tr2/events?locale=fr",
		"traceparent", "00-"+frTrace+"-0e2f7a6b31c8d954-01")
	if de.header.Get("Parley-Views") != "pretranslated" || fr.header.Get("Parley-Views") != "on-demand" {
		t.Fatalf("headers %v, %v", de.header, fr.header)
	}

	for _, tt := range []struct {
		name, id string
		publish  func(t *testing.T)
		// post: the event came from the gateway's POST, whose trace the
		// pre-translation continues; otherwise it starts a trace.
		post bool
	}{
		{"gateway POST", "tr2m1", func(t *testing.T) {
			r := do(t, "POST", url+"/v1/messages", `{"conversation":"tr2","id":"tr2m1","text":"Hello, how are you?","source":"en"}`)
			if r.status != http.StatusCreated {
				t.Fatalf("post: %d %s", r.status, r.body)
			}
		}, true},
		{"NATS client without traceparent", "tr2m2", func(t *testing.T) {
			data, _ := json.Marshal(api.MessageEvent{ID: "tr2m2", Text: "Hello, how are you?", Source: "en"})
			if err := nc.Publish(api.ChatSubject("tr2"), data); err != nil {
				t.Fatal(err)
			}
		}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			exp.Reset()
			tt.publish(t)
			for _, s := range []struct {
				stream *sseStream
				text   string
			}{{de, "Hallo, wie geht es dir?"}, {fr, "Bonjour, comment vas-tu ?"}} {
				for {
					ev := s.stream.next(t)
					if ev.view.ID == tt.id {
						if ev.view.Text != s.text {
							t.Fatalf("view %+v", ev.view)
						}
						break
					}
				}
			}
			// The on-demand stream translated in its own trace: its
			// client spans ended before it sent the view.
			onDemand := 0
			for _, s := range exp.GetSpans() {
				if s.SpanContext.TraceID().String() == frTrace && s.Name == api.SubjectTranslate && s.SpanKind == trace.SpanKindClient {
					onDemand++
				}
			}
			if onDemand == 0 {
				t.Errorf("the on-demand stream's translation is not in its trace: %v", names(exp.GetSpans()))
			}
			spans := settledSpans(t, exp, deTrace, frTrace)
			byID := map[trace.SpanID]tracetest.SpanStub{}
			var consumer tracetest.SpanStub
			for _, s := range spans {
				byID[s.SpanContext.SpanID()] = s
				if s.Name == "process "+api.StreamChat && s.SpanKind == trace.SpanKindConsumer {
					consumer = s
				}
			}
			if !consumer.SpanContext.IsValid() {
				t.Fatalf("no consumer span: %v", names(spans))
			}
			want := consumer.SpanContext.TraceID()
			var roots []string
			seen := map[string]int{}
			for _, s := range spans {
				if s.SpanContext.TraceID() != want {
					t.Errorf("span %s (%s) in trace %s, the pre-translation's is %s", s.Name, s.SpanKind, s.SpanContext.TraceID(), want)
				}
				if !s.Parent.IsValid() {
					roots = append(roots, s.Name)
				} else if _, ok := byID[s.Parent.SpanID()]; !ok {
					t.Errorf("span %s (%s): parent %s was not recorded", s.Name, s.SpanKind, s.Parent.SpanID())
				}
				seen[s.Name+"/"+s.SpanKind.String()]++
			}
			wantRoot := "process " + api.StreamChat
			if tt.post {
				wantRoot = "POST /v1/messages"
				producer, ok := byID[consumer.Parent.SpanID()]
				if !ok || producer.Name != "send "+api.StreamChat || producer.SpanKind != trace.SpanKindProducer {
					t.Fatalf("the consumer span's parent is %+v, want the POST's producer span", producer.Name)
				}
				if post := byID[producer.Parent.SpanID()]; post.Name != "POST /v1/messages" {
					t.Fatalf("the producer span's parent is %q, want the POST's span", post.Name)
				}
			}
			if len(roots) != 1 || roots[0] != wantRoot {
				t.Errorf("roots %v, want only %s", roots, wantRoot)
			}
			for _, subj := range []string{api.SubjectTranslate, api.SubjectSafetyCheck, api.SubjectQualityScore, api.SubjectGlossaryPrepare} {
				if seen[subj+"/client"] == 0 || seen[subj+"/client"] != seen[subj+"/server"] {
					t.Errorf("%s: %d client and %d server spans in the trace", subj, seen[subj+"/client"], seen[subj+"/server"])
				}
			}
		})
	}
}

// settledSpans returns the spans recorded outside the traces skip, once the
// pre-translation's consumer span has ended, every client span's server
// span has too (services end theirs after they reply) and so has every
// span's parent (the POST's ends after its response is written).
func settledSpans(t *testing.T, exp *tracetest.InMemoryExporter, skip ...string) tracetest.SpanStubs {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var spans tracetest.SpanStubs
		for _, s := range exp.GetSpans() {
			if !slices.Contains(skip, s.SpanContext.TraceID().String()) {
				spans = append(spans, s)
			}
		}
		ended := map[trace.SpanID]bool{}
		served := map[trace.SpanID]bool{}
		consumed := false
		for _, s := range spans {
			ended[s.SpanContext.SpanID()] = true
			if s.SpanKind == trace.SpanKindServer {
				served[s.Parent.SpanID()] = true
			}
			consumed = consumed || s.SpanKind == trace.SpanKindConsumer
		}
		settled := consumed
		for _, s := range spans {
			if s.SpanKind == trace.SpanKindClient && !served[s.SpanContext.SpanID()] ||
				s.Parent.IsValid() && !ended[s.Parent.SpanID()] {
				settled = false
			}
		}
		if settled {
			return spans
		}
		if time.Now().After(deadline) {
			t.Fatalf("spans did not settle: %v", names(spans))
		}
		time.Sleep(10 * time.Millisecond)
	}
}
