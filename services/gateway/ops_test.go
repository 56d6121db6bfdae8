package gateway_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/service"
)

// opsGateway runs the gateway with a fake detect service whose handler is
// detect; it returns the server and the gateway's registry.
func opsGateway(t *testing.T, cfg gateway.Config, tp trace.TracerProvider, detect func(context.Context, *api.DetectRequest) (any, error)) (*httptest.Server, *prometheus.Registry) {
	t.Helper()
	nc := natstest.Conn(t, natstest.RunServer(t))
	svc, err := service.New(nc, service.Config{Name: api.ServiceDetect, Version: "1.0.0", TracerProvider: tp},
		[]service.Endpoint{{Name: "detect", Subject: api.SubjectDetect, Workers: 4, Handler: service.JSON(detect)}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Stop() })
	reg := prometheus.NewRegistry()
	cfg.Ops.TracerProvider = tp
	gw := gateway.New(cfg, nc, reg, reg, slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	return ts, reg
}

func detectEN(context.Context, *api.DetectRequest) (any, error) {
	return api.DetectResponse{Language: "en", Confidence: 0.9}, nil
}

func postDetect(t *testing.T, url string, header http.Header) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/v1/detect", strings.NewReader(`{"text":"hello there"}`))
	req.Header.Set("Content-Type", "application/json")
	for k, vs := range header {
		req.Header[k] = vs
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

// TestRootSpanJoinsServiceSpans checks that the gateway's root span and the
// service's server span are one trace, and that a caller's traceparent is
// continued.
func TestRootSpanJoinsServiceSpans(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	ts, _ := opsGateway(t, gateway.Config{Timeout: 5 * time.Second}, tp, detectEN)

	for _, tt := range []struct {
		name, traceparent string
	}{
		{"new trace", ""},
		{"caller's trace", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			exp.Reset()
			h := http.Header{}
			if tt.traceparent != "" {
				h.Set("traceparent", tt.traceparent)
			}
			if res := postDetect(t, ts.URL, h); res.StatusCode != 200 {
				t.Fatalf("status %d", res.StatusCode)
			}
			// The service ends its span after it replies: poll for it.
			var spans tracetest.SpanStubs
			deadline := time.Now().Add(10 * time.Second)
			for {
				spans = exp.GetSpans()
				if len(spans) >= 3 || time.Now().After(deadline) {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
			byName := map[string]tracetest.SpanStub{}
			for _, s := range spans {
				byName[s.Name+"/"+s.SpanKind.String()] = s
			}
			root, ok := byName["POST /v1/detect/server"]
			if !ok {
				t.Fatalf("no root span named after the route: %v", names(spans))
			}
			svc, ok := byName[api.SubjectDetect+"/server"]
			if !ok {
				t.Fatalf("no detect service span: %v", names(spans))
			}
			if svc.SpanContext.TraceID() != root.SpanContext.TraceID() {
				t.Fatalf("service span in trace %s, root in %s", svc.SpanContext.TraceID(), root.SpanContext.TraceID())
			}
			if tt.traceparent != "" && root.SpanContext.TraceID().String() != "4bf92f3577b34da6a3ce929d0e0e4736" {
				t.Fatalf("caller's trace not continued: %s", root.SpanContext.TraceID())
			}
		})
	}
}

// TestMethodLabelsAreBounded: a made-up method, however long, is counted
// and traced as "other", so no client can add metric series or span names
// (docs/operations.md, "Every label comes from a fixed vocabulary").
func TestMethodLabelsAreBounded(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	ts, reg := opsGateway(t, gateway.Config{Timeout: 5 * time.Second}, tp, detectEN)

	for _, tt := range []struct{ method, path string }{
		{"QWERTY", "/nope"},
		{strings.Repeat("Q", 2000), "/nope"},
		{"QWERTY", "/v1/detect"}, // a route that exists: 405
		{"get", "/healthz"},      // methods are case-sensitive
		{http.MethodGet, "/healthz"},
		{http.MethodPost, "/v1/detect"},
	} {
		req, err := http.NewRequest(tt.method, ts.URL+tt.path, strings.NewReader(`{"text":"hello there"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]float64{}
	for _, mf := range mfs {
		if mf.GetName() != "parley_http_requests_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "method" {
					counts[l.GetValue()] += m.GetCounter().GetValue()
				}
			}
		}
	}
	if len(counts) != 3 || counts["other"] != 4 || counts["GET"] != 1 || counts["POST"] != 1 {
		t.Fatalf("requests by method label %v, want other 4, GET 1, POST 1", counts)
	}
	for _, s := range exp.GetSpans() {
		if first, _, _ := strings.Cut(s.Name, " "); first == "QWERTY" || first == "get" || strings.HasPrefix(first, "QQ") {
			t.Fatalf("span named after a made-up method: %.60q", s.Name)
		}
	}
}

func names(spans tracetest.SpanStubs) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Name+"/"+s.SpanKind.String())
	}
	return out
}

// TestLoadShedding checks that the gateway answers 503 with Retry-After
// before doing any work when a request cannot be served in time, and that
// a service's retry-after hint reaches the client.
func TestLoadShedding(t *testing.T) {
	entered := make(chan struct{}, 1)
	release := make(chan struct{})
	detect := func(ctx context.Context, r *api.DetectRequest) (any, error) {
		switch r.Text {
		case "block":
			entered <- struct{}{}
			select {
			case <-release:
			case <-ctx.Done():
			}
		case "busy":
			return nil, &api.Error{Code: api.CodeOverloaded, Message: "detect is overloaded", RetryAfter: 7}
		}
		return api.DetectResponse{Language: "en", Confidence: 0.9}, nil
	}
	cfg := gateway.Config{Timeout: 10 * time.Second, Ops: gateway.OpsConfig{MaxInFlight: 1, MinBudget: 200 * time.Millisecond}}
	ts, reg := opsGateway(t, cfg, nil, detect)
	shed := func(reason string) float64 {
		t.Helper()
		mfs, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		for _, mf := range mfs {
			if mf.GetName() != "parley_http_shed_total" {
				continue
			}
			for _, m := range mf.GetMetric() {
				if m.GetLabel()[0].GetValue() == reason {
					return m.GetCounter().GetValue()
				}
			}
		}
		return 0
	}

	t.Run("budget below what a request needs", func(t *testing.T) {
		res := postDetect(t, ts.URL, http.Header{api.HeaderTimeout: {"50"}})
		if res.StatusCode != 503 || res.Header.Get("Retry-After") != "1" {
			t.Fatalf("status %d Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
		}
		if shed("budget") != 1 {
			t.Fatalf("budget shed not counted")
		}
	})
	// The refusal is worded for any request: a detection is not a view.
	for _, path := range []string{"/v1/detect", "/detect"} {
		t.Run("budget refusal on "+path, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(`{"text":"hello there","q":"hello there"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(api.HeaderTimeout, "50")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			msg := string(body)
			if res.StatusCode != 503 || !strings.Contains(msg, "remaining budget is below the 200ms") ||
				!strings.Contains(msg, "any request") || !strings.Contains(msg, api.HeaderTimeout) || strings.Contains(msg, "view") {
				t.Fatalf("%d %s", res.StatusCode, msg)
			}
		})
	}
	t.Run("enough budget is served", func(t *testing.T) {
		// The largest budgets would overflow a time.Duration into a
		// deadline in the past; they are capped instead.
		for _, ms := range []string{"5000", "9300000000000", "9223372036854775807"} {
			if res := postDetect(t, ts.URL, http.Header{api.HeaderTimeout: {ms}}); res.StatusCode != 200 {
				t.Fatalf("%s ms: status %d", ms, res.StatusCode)
			}
		}
	})
	t.Run("service retry-after hint becomes the header", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1/detect", strings.NewReader(`{"text":"busy"}`))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body api.ErrorBody
		_ = json.NewDecoder(res.Body).Decode(&body)
		res.Body.Close()
		if res.StatusCode != 503 || res.Header.Get("Retry-After") != "7" || body.Error.RetryAfter != 7 {
			t.Fatalf("status %d Retry-After %q body %+v", res.StatusCode, res.Header.Get("Retry-After"), body)
		}
	})
	t.Run("LibreTranslate routes shed alike", func(t *testing.T) {
		// LibreTranslate's shape has no codes, but a shed request is still
		// a 503 to retry, not a translation failure (500).
		for _, tc := range []struct {
			name, text, timeout, retryAfter string
		}{
			{"budget", "hello", "50", "1"},
			{"service hint", "busy", "", "7"},
		} {
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/detect", strings.NewReader(`{"q":"`+tc.text+`"}`))
			req.Header.Set("Content-Type", "application/json")
			if tc.timeout != "" {
				req.Header.Set(api.HeaderTimeout, tc.timeout)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body gateway.LibreError
			_ = json.NewDecoder(res.Body).Decode(&body)
			res.Body.Close()
			if res.StatusCode != 503 || res.Header.Get("Retry-After") != tc.retryAfter || body.Error == "" {
				t.Fatalf("%s: status %d Retry-After %q body %+v", tc.name, res.StatusCode, res.Header.Get("Retry-After"), body)
			}
		}
	})
	t.Run("concurrency limit", func(t *testing.T) {
		done := make(chan int, 1)
		go func() {
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1/detect", strings.NewReader(`{"text":"block"}`))
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				done <- 0
				return
			}
			res.Body.Close()
			done <- res.StatusCode
		}()
		<-entered // the one slot is taken
		res := postDetect(t, ts.URL, nil)
		if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" {
			t.Fatalf("status %d Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
		}
		if shed("concurrency") != 1 {
			t.Fatal("concurrency shed not counted")
		}
		// Health (LibreTranslate's /health too) and metrics are never
		// shed.
		for _, path := range []string{"/healthz", "/health", "/metrics"} {
			r, err := http.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			r.Body.Close()
			if r.StatusCode != 200 {
				t.Fatalf("%s = %d while at the limit", path, r.StatusCode)
			}
		}
		close(release)
		if code := <-done; code != 200 {
			t.Fatalf("the admitted request got %d", code)
		}
	})
}

// A request that arrives while the gateway's NATS connection is
// reconnecting waits for it (ReconnectWait, GATEWAY_RECONNECT_WAIT) and is
// served once it is back; with no wait it is shed at once.
func TestWaitsForANATSReconnection(t *testing.T) {
	dir := t.TempDir()
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: dir, MaxFileStore: natstest.MaxFileStore})
	if err != nil {
		t.Fatal(err)
	}
	port := s.Addr().(*net.TCPAddr).Port
	url := s.ClientURL()
	connect := func() *nats.Conn {
		nc, err := natsutil.Connect(url, nil, t.Name(), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(nc.Close)
		return nc
	}
	// The service reconnects within milliseconds of the server's return:
	// with the gateways' 250-350 ms between attempts it could come back
	// after a gateway by more than the 220 ms that a call resends a
	// request finding no responder, and that 503 is not this test's.
	svcNC, err := nats.Connect(url, nats.MaxReconnects(-1), nats.ReconnectWait(5*time.Millisecond), nats.ReconnectJitter(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(svcNC.Close)
	svc, err := service.New(svcNC, service.Config{Name: api.ServiceDetect, Version: "1.0.0"},
		[]service.Endpoint{{Name: "detect", Subject: api.SubjectDetect, Workers: 4, Handler: service.JSON(detectEN)}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Stop() })
	start := func(wait time.Duration) (string, *nats.Conn) {
		nc := connect()
		reg := prometheus.NewRegistry()
		gw := gateway.New(gateway.Config{Timeout: 20 * time.Second, Ops: gateway.OpsConfig{ReconnectWait: wait}}, nc, reg, reg, slog.New(slog.DiscardHandler))
		ts := httptest.NewServer(gw.Handler())
		t.Cleanup(ts.Close)
		return ts.URL, nc
	}
	waiting, waitingNC := start(15 * time.Second)
	shedding, sheddingNC := start(0)
	if res := postDetect(t, waiting, nil); res.StatusCode != 200 {
		t.Fatalf("before the restart: status %d", res.StatusCode)
	}

	s.Shutdown()
	s.WaitForShutdown()
	for waitingNC.IsConnected() || sheddingNC.IsConnected() {
		time.Sleep(5 * time.Millisecond)
	}
	if res := postDetect(t, shedding, nil); res.StatusCode != 503 {
		t.Fatalf("no reconnect wait: status %d, want 503 at once", res.StatusCode)
	}
	restarted := make(chan *server.Server, 1)
	go func() {
		time.Sleep(300 * time.Millisecond)
		s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: port, StoreDir: dir, MaxFileStore: natstest.MaxFileStore})
		if err != nil {
			t.Error(err)
		}
		restarted <- s
	}()
	t.Cleanup(func() {
		if s := <-restarted; s != nil {
			s.Shutdown()
			s.WaitForShutdown()
		}
	})
	if res := postDetect(t, waiting, nil); res.StatusCode != 200 {
		t.Fatalf("during the reconnect: status %d, want 200 once NATS is back", res.StatusCode)
	}
}
