package gateway_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

// syncBuffer is a bytes.Buffer a logger and a test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) lines(msg string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(s.b.String(), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) == nil && m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

// TestWrongKeysArePaced: wrong API keys, on Parley's routes and on the
// compatible APIs (a header key, LibreTranslate's api_key, DeepL's
// auth_key), are answered as before up to GATEWAY_FAILED_KEY_BURST from
// one address, then 429 with Retry-After in the route's shape; each one
// answered is logged at warn with the address and never the key, the ones
// past the pace counted in the next line. A key that works is never held
// up.
func TestWrongKeysArePaced(t *testing.T) {
	const (
		burst = 3
		// The burst and the five past it must all arrive within one
		// interval, or a token comes back and one of the five is answered
		// as a wrong key: eight requests in 400 ms did not always fit on
		// a loaded machine under -race.
		interval = 2 * time.Second
		wrong    = "wrong-key-0123456789-guess"
	)
	for _, tc := range []struct {
		name, method, path, ctype, body string
		header                          http.Header
		status                          int // of a wrong key within the pace
		limited                         func(raw []byte) bool
	}{
		{"Parley, header", "POST", "/v1/detect", "application/json", `{"text":"hello"}`,
			http.Header{"Authorization": {"Bearer " + wrong}}, http.StatusUnauthorized, func(raw []byte) bool {
				var eb api.ErrorBody
				return json.Unmarshal(raw, &eb) == nil && eb.Error.Code == api.CodeRateLimited && eb.Error.RetryAfter >= 1 &&
					strings.Contains(eb.Error.Message, "too many wrong keys")
			}},
		{"LibreTranslate, api_key", "POST", "/detect", "application/json", `{"q":"hello","api_key":"` + wrong + `"}`,
			nil, http.StatusForbidden, func(raw []byte) bool {
				var le gateway.LibreError
				return json.Unmarshal(raw, &le) == nil && strings.HasPrefix(le.Error, "Slowdown: ")
			}},
		{"DeepL, auth_key", "GET", "/v2/usage?auth_key=" + wrong, "", "",
			nil, http.StatusForbidden, func(raw []byte) bool {
				var de gateway.DeepLError
				return json.Unmarshal(raw, &de) == nil && de.Message == "Too many requests"
			}},
		{"DeepL, header", "GET", "/v2/usage", "", "",
			http.Header{"Authorization": {"DeepL-Auth-Key " + wrong}}, http.StatusForbidden, func(raw []byte) bool {
				var de gateway.DeepLError
				return json.Unmarshal(raw, &de) == nil && de.Message == "Too many requests"
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs := &syncBuffer{}
			keys, err := gateway.ParseKeys("app:client:" + clientKey)
			if err != nil {
				t.Fatal(err)
			}
			nc := natstest.Conn(t, natstest.RunServer(t))
			startFakeServices(t, nc)
			reg := prometheus.NewRegistry()
			cfg := gateway.Config{Timeout: 10 * time.Second, Keys: keys,
				Ops: gateway.OpsConfig{FailedKeyBurst: burst, FailedKeyInterval: interval}}
			gw := gateway.New(cfg, nc, reg, reg, slog.New(slog.NewJSONHandler(logs, nil)))
			t.Cleanup(func() { _ = gw.Close() })
			ts := httptest.NewServer(gw.Handler())
			t.Cleanup(ts.Close)
			do := func(header http.Header) (*http.Response, []byte) {
				t.Helper()
				req, _ := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader(tc.body))
				if tc.ctype != "" {
					req.Header.Set("Content-Type", tc.ctype)
				}
				for k, v := range header {
					req.Header[k] = v
				}
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				raw, _ := io.ReadAll(res.Body)
				return res, raw
			}

			for i := range burst {
				if res, raw := do(tc.header); res.StatusCode != tc.status {
					t.Fatalf("wrong key %d: %d, want %d: %s", i+1, res.StatusCode, tc.status, raw)
				}
			}
			for i := range 5 {
				res, raw := do(tc.header)
				if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || !tc.limited(raw) {
					t.Fatalf("wrong key %d past the pace: %d Retry-After %q: %s", burst+i+1, res.StatusCode, res.Header.Get("Retry-After"), raw)
				}
			}
			// A key that works is served from the same address meanwhile.
			if res := postDetect(t, ts.URL, http.Header{"Authorization": {"Bearer " + clientKey}}); res.StatusCode != 200 {
				t.Fatalf("a valid key while wrong ones are paced: %d", res.StatusCode)
			}
			lines := logs.lines("API key refused: it authenticates no one")
			if len(lines) != burst {
				t.Fatalf("%d warnings for %d wrong keys within the pace", len(lines), burst)
			}
			for _, l := range lines {
				if l["level"] != "WARN" || l["remote"] != "127.0.0.1" || l["suppressed"] != nil {
					t.Fatalf("log line %v", l)
				}
			}
			// Once the pace allows one more, it is answered as a wrong
			// key again, and its line counts those left out.
			time.Sleep(interval + 50*time.Millisecond)
			if res, raw := do(tc.header); res.StatusCode != tc.status {
				t.Fatalf("a wrong key after the interval: %d: %s", res.StatusCode, raw)
			}
			lines = logs.lines("API key refused: it authenticates no one")
			if len(lines) != burst+1 || lines[burst]["suppressed"] != float64(5) {
				t.Fatalf("the next line: %v", lines[len(lines)-1])
			}
			logs.mu.Lock()
			leaked := strings.Contains(logs.b.String(), wrong)
			logs.mu.Unlock()
			if leaked {
				t.Fatal("a wrong key was logged")
			}
		})
	}
}
