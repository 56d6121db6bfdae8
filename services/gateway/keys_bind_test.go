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
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// natsWithoutJetStream holds a managed key in its bucket, then restarts
// the NATS server with JetStream off: the bucket exists but cannot be
// reached, as when a cluster lost its quorum. enable brings JetStream
// (and the key) back on the running server, without a reconnection.
func natsWithoutJetStream(t *testing.T) (ns *server.Server, key string, enable func()) {
	t.Helper()
	dir := t.TempDir()
	opts := &server.Options{Host: "127.0.0.1", Port: -1, NoSigs: true, NoLog: true, StoreDir: dir, JetStream: true}
	start := func() *server.Server {
		s, err := server.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		go s.Start()
		if !s.ReadyForConnections(10 * time.Second) {
			t.Fatal("nats not ready")
		}
		return s
	}
	first := start()
	st := openStore(t, natstest.Conn(t, first))
	_, key, err := st.Create(t.Context(), gateway.KeySpec{Name: "chat-app", Roles: []gateway.Role{gateway.RoleClient}})
	if err != nil {
		t.Fatal(err)
	}
	_ = st.Close()
	first.Shutdown()
	first.WaitForShutdown()

	opts.JetStream = false
	ns = start()
	t.Cleanup(func() {
		ns.Shutdown()
		ns.WaitForShutdown()
	})
	return ns, key, func() {
		t.Helper()
		if err := ns.EnableJetStream(&server.JetStreamConfig{StoreDir: dir}); err != nil {
			t.Fatal(err)
		}
	}
}

func keyedCall(t *testing.T, method, url, key, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case strings.HasPrefix(body, "{"):
		req.Header.Set("Content-Type", "application/json")
	case body != "":
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(raw)
}

// A gateway that starts while its key bucket is unreachable never serves
// as if no key existed: until it has opened the bucket (it keeps trying)
// every route but the probes answers 503 with Retry-After, and it is not
// ready. Once JetStream is back, the managed key is checked, anonymous
// callers are refused, and usage is counted in the shared bucket.
func TestKeysWaitForTheirBucket(t *testing.T) {
	ns, key, enable := natsWithoutJetStream(t)
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Timeout: 3 * time.Second, ReadyTimeout: 100 * time.Millisecond},
		natstest.Conn(t, ns), reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)

	translate := `{"text":"Hello","source":"en","target":"es"}`
	message := `{"conversation_id":"c1","sender_id":"u1","text":"Hello"}`
	for _, tc := range []struct {
		method, path, key, body string
	}{
		{"POST", "/v1/translate", "", translate},
		{"POST", "/v1/translate", key, translate},
		{"POST", "/v1/messages", "", message},
		{"GET", "/v1/glossaries", "", ""},
		{"GET", "/v1/usage", key, ""},
		{"GET", "/metrics", "", ""},
		{"POST", "/v2/translate", "", "text=Hello&target_lang=ES"},
	} {
		code, h, body := keyedCall(t, tc.method, ts.URL+tc.path, tc.key, tc.body)
		if code != http.StatusServiceUnavailable || h.Get("Retry-After") == "" {
			t.Errorf("%s %s (key %t) while the keys are unreachable: %d Retry-After %q %s, want 503 with Retry-After",
				tc.method, tc.path, tc.key != "", code, h.Get("Retry-After"), body)
		}
	}
	if code, _, body := keyedCall(t, "GET", ts.URL+"/v1/glossaries", "", ""); !strings.Contains(body, `"code":"`+string(api.CodeUnavailable)+`"`) {
		t.Errorf("503 body: %d %s", code, body)
	}
	for _, probe := range []string{"/healthz", "/health"} { // /health is LibreTranslate's
		if code, _, _ := keyedCall(t, "GET", ts.URL+probe, "", ""); code != http.StatusOK {
			t.Errorf("%s = %d while the keys are unreachable", probe, code)
		}
	}
	code, _, body := keyedCall(t, "GET", ts.URL+"/readyz", "", "")
	var st gateway.ReadyStatus
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatal(err)
	}
	if code != http.StatusServiceUnavailable || st.Status != "not ready" || st.Keys != "unavailable" || st.Waiting == "" {
		t.Fatalf("/readyz while the keys are unreachable: %d %s", code, body)
	}

	enable()
	eventually(t, 15*time.Second, "the gateway to open its key bucket", func() bool {
		code, _, _ := keyedCall(t, "GET", ts.URL+"/readyz", "", "")
		return code == http.StatusOK
	})
	for _, tc := range []struct {
		method, path, key, body string
		want                    int
	}{
		{"POST", "/v1/translate", "", translate, http.StatusUnauthorized},
		{"POST", "/v1/translate", "pk_0123456789abcdef_nope", translate, http.StatusUnauthorized},
		{"POST", "/v1/translate", key, translate, http.StatusOK},
		{"POST", "/v1/messages", "", message, http.StatusUnauthorized},
		{"GET", "/v1/glossaries", "", "", http.StatusUnauthorized},
		{"GET", "/metrics", "", "", http.StatusUnauthorized},
		{"GET", "/v1/usage", key, "", http.StatusOK},
	} {
		if code, _, body := keyedCall(t, tc.method, ts.URL+tc.path, tc.key, tc.body); code != tc.want {
			t.Errorf("%s %s (key %t) once the keys are open: %d %s, want %d", tc.method, tc.path, tc.key != "", code, body, tc.want)
		}
	}
	// Usage is counted in the shared bucket, not per replica.
	js, err := jetstream.New(natstest.Conn(t, ns))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.KeyValue(t.Context(), gateway.UsageBucket); err != nil {
		t.Fatalf("usage bucket: %v", err)
	}
}

// The gateway's two readiness endpoints, /readyz on its API port and on
// METRICS_ADDR, answer alike: not ready while the key store cannot be
// opened, ready once it is, with services missing (the API port's body
// says degraded). A service that hangs keeps the answer within the
// ping's timeout, which the probes' timeoutSeconds exceed (deploy/k8s).
// With ?all both answer 503 while a service is missing (METRICS_ADDR
// ignored ?all).
func TestBothReadinessEndpointsAgree(t *testing.T) {
	ns, _, enable := natsWithoutJetStream(t)
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
		"GATEWAY_ADDR": apiAddr, "METRICS_ADDR": metricsAddr})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svcmain.Run(ctx, "gateway", env, gateway.Start) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	// A quality service that never answers its ping.
	hung := natstest.Conn(t, ns)
	if _, err := hung.Subscribe("$SRV.PING."+api.ServiceQuality, func(*nats.Msg) {}); err != nil {
		t.Fatal(err)
	}
	if err := hung.Flush(); err != nil {
		t.Fatal(err)
	}
	probe := func(addr string, all ...bool) int {
		path := "/readyz"
		if len(all) > 0 && all[0] {
			path += "?all"
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			res, err := http.Get("http://" + addr + path)
			if err == nil {
				res.Body.Close()
				return res.StatusCode
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %v", addr, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if a, m := probe(apiAddr), probe(metricsAddr); a != http.StatusServiceUnavailable || m != http.StatusServiceUnavailable {
		t.Fatalf("key store unreachable: API port /readyz %d, METRICS_ADDR /readyz %d, want both 503", a, m)
	}
	enable()
	eventually(t, 15*time.Second, "the gateway to be ready", func() bool { return probe(metricsAddr) == http.StatusOK })
	start := time.Now()
	code, _, body := keyedCall(t, "GET", "http://"+apiAddr+"/readyz", "", "")
	took := time.Since(start)
	if code != http.StatusOK || !strings.Contains(body, `"status":"degraded"`) || !strings.Contains(body, `"`+api.ServiceQuality+`":"unavailable"`) {
		t.Fatalf("API port /readyz with services missing: %d %s, want 200 degraded, as METRICS_ADDR's", code, body)
	}
	// GATEWAY_READY_TIMEOUT's default, 1 s, bounds the hung ping.
	if took > 2*time.Second {
		t.Fatalf("/readyz took %s with a hung service", took)
	}
	if a, m := probe(apiAddr, true), probe(metricsAddr, true); a != http.StatusServiceUnavailable || m != http.StatusServiceUnavailable {
		t.Fatalf("/readyz?all with services missing: API port %d, METRICS_ADDR %d, want both 503", a, m)
	}
	if m := probe(metricsAddr); m != http.StatusOK {
		t.Fatalf("METRICS_ADDR /readyz (without ?all) with services missing: %d, want 200", m)
	}
}
