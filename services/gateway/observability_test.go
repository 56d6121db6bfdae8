package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestReadyzSameOnBothPorts: METRICS_ADDR's /readyz answers as the API
// port's does (README, "METRICS_ADDR"): the same status code, JSON and
// per-service states, with and without ?all. It answered a plain-text
// "ok" before, which told a probe or an operator nothing of the
// services.
func TestReadyzSameOnBothPorts(t *testing.T) {
	ns := natstest.RunServer(t)
	free := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return l.Addr().String()
	}
	apiAddr, metricsAddr := free(), free()
	env := config.Map(map[string]string{"NATS_URL": ns.ClientURL(), "LOG_LEVEL": "error",
		"GATEWAY_ADDR": apiAddr, "METRICS_ADDR": metricsAddr, "GATEWAY_READY_TIMEOUT": "200ms"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svcmain.Run(ctx, "gateway", env, gateway.Start) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	type answer struct {
		code        int
		contentType string
		body        gateway.ReadyStatus
	}
	get := func(addr, path string) (answer, error) {
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			return answer{}, err
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		a := answer{code: res.StatusCode, contentType: res.Header.Get("Content-Type")}
		if err := json.Unmarshal(raw, &a.body); err != nil {
			return a, fmt.Errorf("%s%s: %d %q is not the JSON ReadyStatus: %w", addr, path, res.StatusCode, raw, err)
		}
		return a, nil
	}
	// Both ports up and the key store open.
	deadline := time.Now().Add(20 * time.Second)
	for {
		a, errA := get(apiAddr, "/readyz")
		m, errM := get(metricsAddr, "/readyz")
		if errA == nil && errM == nil && a.code == http.StatusOK && m.code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready: API port %+v %v, METRICS_ADDR %+v %v", a, errA, m, errM)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, tt := range []struct {
		path     string
		wantCode int
	}{
		// No service runs: ready, degraded, every service listed.
		{"/readyz", http.StatusOK},
		{"/readyz?all", http.StatusServiceUnavailable},
	} {
		a, err := get(apiAddr, tt.path)
		if err != nil {
			t.Fatal(err)
		}
		m, err := get(metricsAddr, tt.path)
		if err != nil {
			t.Fatal(err)
		}
		if a.code != tt.wantCode || a.body.Status != "degraded" || len(a.body.Services) == 0 {
			t.Fatalf("API port %s: %+v, want %d degraded with the services", tt.path, a, tt.wantCode)
		}
		if fmt.Sprintf("%+v", a) != fmt.Sprintf("%+v", m) {
			t.Errorf("%s: API port answers %+v, METRICS_ADDR %+v", tt.path, a, m)
		}
		if !strings.HasPrefix(m.contentType, "application/json") {
			t.Errorf("METRICS_ADDR %s: Content-Type %q", tt.path, m.contentType)
		}
	}
}

// jsonLog is a JSON log in memory.
type jsonLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *jsonLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *jsonLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// objectKeys lists the keys of the top-level JSON object line, in order,
// duplicates included (encoding/json keeps the last of a duplicate key
// silently).
func objectKeys(line string) ([]string, error) {
	dec := json.NewDecoder(strings.NewReader(line))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("not an object: %v", err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, tok.(string))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// TestFailureLogHasNoDuplicateKeys: the "request failed" line of a 5xx
// (and the LibreTranslate and DeepL routes' own) names the error's
// message error_message; "msg" is slog's key for the line's message, and
// the line had two.
func TestFailureLogHasNoDuplicateKeys(t *testing.T) {
	var out jsonLog
	ns := natstest.RunServer(t)
	nc := natstest.Conn(t, ns)
	// A detect service that never answers: every detection times out,
	// a 5xx that each route logs.
	hung := natstest.Conn(t, ns)
	if _, err := hung.Subscribe(api.SubjectDetect, func(*nats.Msg) {}); err != nil {
		t.Fatal(err)
	}
	if err := hung.Flush(); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Timeout: time.Second, MaxBodyBytes: 64 << 10}, nc, reg, reg, slog.New(slog.NewJSONHandler(&out, nil)))
	ts := httptest.NewServer(gw.Handler())
	defer ts.Close()
	for _, r := range []struct{ path, contentType, body string }{
		{"/v1/detect", "application/json", `{"text":"Buenos días"}`},
		{"/detect", "application/json", `{"q":"Buenos días"}`},
	} {
		res, err := http.Post(ts.URL+r.path, r.contentType, strings.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode < 500 {
			t.Fatalf("%s without a detect service: %d, want a 5xx", r.path, res.StatusCode)
		}
	}
	failed := 0
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if !strings.Contains(line, "request failed") {
			continue
		}
		failed++
		keys, err := objectKeys(line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		seen := map[string]bool{}
		for _, k := range keys {
			if seen[k] {
				t.Errorf("key %q twice in %s", k, line)
			}
			seen[k] = true
		}
		if !seen["error_message"] {
			t.Errorf("no error_message in %s", line)
		}
	}
	if failed < 2 {
		t.Fatalf("%d request failed lines, want the API's and LibreTranslate's: %s", failed, out.String())
	}
}
