package gateway_test

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// newBareGateway runs the gateway on a NATS server with no services behind
// it: input checks must answer without them, and calls that need them must
// fail fast with 503, not hang.
func newBareGateway(t *testing.T, cfg gateway.Config) *httptest.Server {
	t.Helper()
	nc := natstest.Conn(t, natstest.RunServer(t))
	reg := prometheus.NewRegistry()
	gw := gateway.New(cfg, nc, reg, reg, slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func TestBadInputGetsOneErrorShape(t *testing.T) {
	ts := newBareGateway(t, gateway.Config{Timeout: 3 * time.Second, MaxBodyBytes: 64 << 10})
	long := strings.Repeat("a", api.MaxTextRunes+1)
	tests := []struct {
		name, method, path, body string
		status                   int
		code                     api.Code
	}{
		{"invalid json", "POST", "/v1/translate", `{"text": "hi",`, 400, api.CodeInvalidJSON},
		{"empty body", "POST", "/v1/translate", ``, 400, api.CodeInvalidJSON},
		{"wrong type", "POST", "/v1/translate", `{"text": 5, "target": "es"}`, 400, api.CodeInvalidJSON},
		{"empty text", "POST", "/v1/translate", `{"text": "", "target": "es"}`, 400, api.CodeEmptyText},
		{"blank text", "POST", "/v1/translate", `{"text": "  \n ", "target": "es"}`, 400, api.CodeEmptyText},
		{"text over limit", "POST", "/v1/translate", `{"text": "` + long + `", "target": "es"}`, 413, api.CodeTextTooLong},
		{"invalid utf8", "POST", "/v1/translate", "{\"text\": \"caf\xe9\", \"target\": \"es\"}", 400, api.CodeInvalidUTF8},
		// Valid bytes, but an escape that names no character: the decoder
		// would store U+FFFD in its place.
		{"lone surrogate escape", "POST", "/v1/translate", `{"text": "Hello \ud83d friends", "target": "es"}`, 400, api.CodeInvalidUTF8},
		{"missing target", "POST", "/v1/translate", `{"text": "hello"}`, 400, api.CodeInvalidLanguage},
		{"malformed target", "POST", "/v1/translate", `{"text": "hello", "target": "es_!!"}`, 400, api.CodeInvalidLanguage},
		{"malformed source", "POST", "/v1/translate", `{"text": "hello", "source": "123", "target": "es"}`, 400, api.CodeInvalidLanguage},
		// Well-formed, but no language: unsupported (422), not malformed.
		{"unknown target", "POST", "/v1/translate", `{"text": "hello", "target": "xx"}`, 422, api.CodeUnsupportedLanguage},
		{"unknown source", "POST", "/v1/translate", `{"text": "hello", "source": "zz", "target": "es"}`, 422, api.CodeUnsupportedLanguage},
		{"unknown format", "POST", "/v1/translate", `{"text": "hello", "target": "es", "format": "pdf"}`, 400, api.CodeInvalidArgument},
		{"body too large", "POST", "/v1/translate", `{"text": "` + strings.Repeat("a", 70<<10) + `"}`, 413, api.CodeBodyTooLarge},
		{"detect empty text", "POST", "/v1/detect", `{"text": ""}`, 400, api.CodeEmptyText},
		{"detect invalid json", "POST", "/v1/detect", `[`, 400, api.CodeInvalidJSON},
		{"unknown route", "GET", "/v1/nope", ``, 404, api.CodeNotFound},
		{"malformed query escape", "POST", "/v1/translate?locale=%zz", `{"text": "hello"}`, 400, api.CodeInvalidArgument},
		{"malformed query on a read", "GET", "/v1/languages?x=%", ``, 400, api.CodeInvalidArgument},
		{"query value not UTF-8", "GET", "/v1/glossaries/demo/entries?q=%ff", ``, 400, api.CodeInvalidUTF8},
		{"query name not UTF-8", "GET", "/v1/languages?%ff=1", ``, 400, api.CodeInvalidUTF8},
		{"wrong method", "GET", "/v1/translate", ``, 405, api.CodeMethodNotAllowed},
		{"detect service down", "POST", "/v1/detect", `{"text": "hola amigo"}`, 503, api.CodeUnavailable},
		{"translate service down", "GET", "/v1/languages", ``, 503, api.CodeUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, ts.URL+tt.path, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var body api.ErrorBody
			raw, _ := io.ReadAll(res.Body)
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatalf("body is not the error shape: %s", raw)
			}
			if res.StatusCode != tt.status || body.Error.Code != tt.code || body.Error.Status != tt.status {
				t.Fatalf("got %d %s, want %d %s: %s", res.StatusCode, body.Error.Code, tt.status, tt.code, raw)
			}
			if body.Error.Message == "" || body.Error.RequestID == "" || res.Header.Get("X-Request-Id") != body.Error.RequestID {
				t.Fatalf("message or request id missing: %s", raw)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Fatalf("content type %q", ct)
			}
			// Every 503 says when to retry (GET /v1/languages with no
			// translate service had none).
			if ra := res.Header.Get("Retry-After"); tt.status == http.StatusServiceUnavailable && ra == "" {
				t.Fatalf("503 without Retry-After: %s", raw)
			}
		})
	}
}

// A body of the wrong JSON type is named in JSON's terms, not Go's.
func TestTypeErrorsNameJSONTypes(t *testing.T) {
	ts := newBareGateway(t, gateway.Config{Timeout: 3 * time.Second})
	tests := []struct{ body, field, message string }{
		{`[1, 2]`, "", "request body must be a JSON object"},
		{`"hello"`, "", "request body must be a JSON object"},
		{`{"text": 5, "target": "es"}`, "text", `field "text" must be a JSON string`},
		{`{"text": "hi", "target": "es", "context": "earlier"}`, "context", `field "context" must be a JSON array`},
	}
	for _, tt := range tests {
		res, err := http.Post(ts.URL+"/v1/translate", "application/json", strings.NewReader(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		var body api.ErrorBody
		err = json.NewDecoder(res.Body).Decode(&body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != 400 || body.Error.Code != api.CodeInvalidJSON || body.Error.Field != tt.field || body.Error.Message != tt.message {
			t.Errorf("%s: got %d %+v, want field %q message %q", tt.body, res.StatusCode, body.Error, tt.field, tt.message)
		}
	}
}

func TestTranslateWithEveryServiceDownDegrades(t *testing.T) {
	ts := newBareGateway(t, gateway.Config{Timeout: 3 * time.Second})
	res, err := http.Post(ts.URL+"/v1/translate", "application/json", strings.NewReader(`{"text":"Hello, how are you?","target":"es"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v api.View
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	// Nothing is running: the reader still gets the original, labelled.
	if res.StatusCode != 200 || v.Status != api.StatusOriginal || v.Text != "Hello, how are you?" || len(v.Degraded) == 0 {
		t.Fatalf("status %d view %+v", res.StatusCode, v)
	}
}

// With no service running the gateway is ready but degraded: every
// replica shares the services, and requests are still answered (the
// original, labelled). /readyz?all waits for every service.
func TestHealthAndReadiness(t *testing.T) {
	ts := newBareGateway(t, gateway.Config{ReadyTimeout: 200 * time.Millisecond})
	// /metrics last, so that the earlier requests have been counted.
	for _, tc := range []struct {
		path, status string
		want         int
	}{{"/healthz", "", 200}, {"/readyz", `"status":"degraded"`, 200}, {"/readyz?all", `"status":"degraded"`, 503}, {"/metrics", "", 200}} {
		path, want := tc.path, tc.want
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want || !strings.Contains(string(raw), tc.status) {
			t.Fatalf("%s = %d, want %d %s: %s", path, res.StatusCode, want, tc.status, raw)
		}
		if strings.HasPrefix(path, "/readyz") && !strings.Contains(string(raw), `"parley-translate":"unavailable"`) {
			t.Fatalf("readyz does not say what is missing: %s", raw)
		}
		if path == "/metrics" && !strings.Contains(string(raw), "parley_http_requests_total") {
			t.Fatalf("metrics missing http counters")
		}
	}
}

// The gateway's /readyz also waits for the readiness checks of its process
// (svcmain.Readiness): in the all-in-one command, detect's models loading
// beside it. The body says what it waits for.
func TestReadinessWaitsForTheProcessChecks(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	var loaded atomic.Bool
	ready := &svcmain.Readiness{}
	ready.Add(func() error {
		if !loaded.Load() {
			return errors.New("the language models are still loading")
		}
		return nil
	})
	reg := prometheus.NewRegistry()
	stop, err := gateway.Start(t.Context(), svcmain.Deps{NC: nc, Registry: reg, Log: slog.New(slog.DiscardHandler), Readiness: ready,
		Env: config.NewReader(config.Map(map[string]string{"GATEWAY_ADDR": addr, "GATEWAY_READY_TIMEOUT": "100ms"}))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	waiting := func(wantCode int, wantStatus string) string {
		res, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var st gateway.ReadyStatus
		if err := json.NewDecoder(res.Body).Decode(&st); err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != wantCode || st.Status != wantStatus {
			t.Fatalf("readyz %d %+v, want %d %s", res.StatusCode, st, wantCode, wantStatus)
		}
		return st.Waiting
	}
	if w := waiting(http.StatusServiceUnavailable, "not ready"); w != "the language models are still loading" {
		t.Fatalf("waiting = %q, want the failing check", w)
	}
	loaded.Store(true)
	// No service runs here: ready, degraded.
	if w := waiting(http.StatusOK, "degraded"); w != "" {
		t.Fatalf("waiting = %q once the check passes", w)
	}
}
