package gateway_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

const (
	slowKey  = "slow-client-key-0123456789"
	otherKey = "other-client-key-0123456789"
)

// keyedOpsGateway is opsGateway with two client keys, slow (no tenant)
// and other (tenant globex), and a detect service of 16 workers: the
// typed client hedges a late detection (early, when earlier tests taught
// it the subject's latency), and the copies of the requests
// TestKeyConcurrencyCap holds must leave workers for the others.
func keyedOpsGateway(t *testing.T, ops gateway.OpsConfig, detect func(context.Context, *api.DetectRequest) (any, error)) (*httptest.Server, *prometheus.Registry) {
	t.Helper()
	keys, err := gateway.ParseKeys("slow:client:" + slowKey + ",other@globex:client:" + otherKey)
	if err != nil {
		t.Fatal(err)
	}
	nc := natstest.Conn(t, natstest.RunServer(t))
	svc, err := service.New(nc, service.Config{Name: api.ServiceDetect, Version: "1.0.0"},
		[]service.Endpoint{{Name: "detect", Subject: api.SubjectDetect, Workers: 16, Handler: service.JSON(detect)}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Stop() })
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Timeout: 10 * time.Second, Keys: keys, Ops: ops}, nc, reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	return ts, reg
}

// slowBody opens a raw connection and sends the head of a POST whose
// Content-Length promises far more than it sends: one byte every 100 ms,
// until the server answers or the test ends. It returns the connection,
// from which the server's answer can be read.
func slowBody(t *testing.T, base, path, key string) net.Conn {
	t.Helper()
	u, _ := url.Parse(base)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{",
		path, u.Host, key)
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			time.Sleep(100 * time.Millisecond)
			if _, err := conn.Write([]byte(" ")); err != nil {
				return
			}
		}
	}()
	return conn
}

// TestSlowBodiesHoldNoSlot: request bodies that trickle in (100,000 bytes
// promised, one sent every 100 ms, on more connections than the gateway
// has slots) take no slot: the body is read before one is taken, within
// GATEWAY_BODY_TIMEOUT. Another tenant's key, and the same key's quick
// requests, are served meanwhile; each slow request is answered 408
// request_timeout in the one JSON shape (LibreTranslate's on its routes)
// once its time is up, and its connection closed.
func TestSlowBodiesHoldNoSlot(t *testing.T) {
	const timeout = 1500 * time.Millisecond
	ts, reg := keyedOpsGateway(t, gateway.OpsConfig{MaxInFlight: 4, BodyTimeout: timeout}, detectEN)
	start := time.Now()
	var conns []net.Conn
	for range 8 {
		conns = append(conns, slowBody(t, ts.URL, "/v1/detect", slowKey))
	}
	libre := slowBody(t, ts.URL, "/detect", slowKey)
	time.Sleep(300 * time.Millisecond) // every slow request has arrived

	for _, key := range []string{otherKey, slowKey} {
		res := postDetect(t, ts.URL, http.Header{"Authorization": {"Bearer " + key}})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("a quick request of %s while slow bodies arrive: %d, want 200", key, res.StatusCode)
		}
	}
	if got := counter(t, reg, "parley_http_shed_total", "concurrency"); got != 0 {
		t.Fatalf("%v requests shed for want of a slot", got)
	}

	read := func(conn net.Conn) (*http.Response, api.ErrorBody, []byte) {
		t.Helper()
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("no answer to a slow body: %v", err)
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		var eb api.ErrorBody
		_ = json.Unmarshal(raw, &eb)
		return res, eb, raw
	}
	for _, conn := range conns {
		res, eb, raw := read(conn)
		if res.StatusCode != http.StatusRequestTimeout || eb.Error.Code != api.CodeRequestTimeout ||
			!strings.Contains(eb.Error.Message, "GATEWAY_BODY_TIMEOUT") || !res.Close {
			t.Fatalf("slow body answered %d (close %v): %s", res.StatusCode, res.Close, raw)
		}
		if el := time.Since(start); el < timeout {
			t.Fatalf("answered after %v, before the body timeout", el)
		}
	}
	res, _, raw := read(libre)
	var le gateway.LibreError
	if err := json.Unmarshal(raw, &le); err != nil || res.StatusCode != http.StatusBadRequest || !strings.Contains(le.Error, "did not arrive within") {
		t.Fatalf("slow LibreTranslate body answered %d: %s", res.StatusCode, raw)
	}
}

// A body sent at once, as every client sends it, passes through as it
// came, whatever the route reads it with; one over the limit is still a
// 413.
func TestBodiesReadBeforeTheSlot(t *testing.T) {
	var got string
	ts, _ := keyedOpsGateway(t, gateway.OpsConfig{}, func(_ context.Context, r *api.DetectRequest) (any, error) {
		got = r.Text
		return api.DetectResponse{Language: "en", Confidence: 0.9}, nil
	})
	text := strings.Repeat("hello there ", 800) // 9,600 characters, under MAX_TEXT_CHARS
	for _, tc := range []struct {
		name, path, ctype, body string
		chunked                 bool
	}{
		{"JSON", "/v1/detect", "application/json", `{"text":"` + text + `"}`, false},
		{"JSON, chunked", "/v1/detect", "application/json", `{"text":"` + text + `"}`, true},
		{"LibreTranslate form", "/detect", "application/x-www-form-urlencoded", "q=" + url.QueryEscape(text), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got = ""
			var body io.Reader = strings.NewReader(tc.body)
			if tc.chunked {
				body = io.MultiReader(body) // no length: sent chunked
			}
			req, _ := http.NewRequest(http.MethodPost, ts.URL+tc.path, body)
			req.Header.Set("Content-Type", tc.ctype)
			req.Header.Set("Authorization", "Bearer "+otherKey)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 200 || got != text {
				t.Fatalf("status %d, detect got %d characters of %d", res.StatusCode, len(got), len(text))
			}
		})
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1/detect", strings.NewReader(`{"text":"`+strings.Repeat("x", 300<<10)+`"}`))
	req.Header.Set("Authorization", "Bearer "+otherKey)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("a body over the limit: %d", res.StatusCode)
	}
}

// TestKeyConcurrencyCap: one key holds at most GATEWAY_MAX_IN_FLIGHT_PER_KEY
// slots; past it its requests are 429 with Retry-After, in the one JSON
// shape or the compatible API's (a key in LibreTranslate's body, in
// DeepL's header or query alike), while another key is served.
func TestKeyConcurrencyCap(t *testing.T) {
	// Each blocked request's text names it: the typed client hedges a
	// late detection, so two arrivals may be one request and its copy.
	entered := make(chan string, 8)
	release := make(chan struct{})
	detect := func(ctx context.Context, r *api.DetectRequest) (any, error) {
		if strings.HasPrefix(r.Text, "block") {
			entered <- r.Text
			select {
			case <-release:
			case <-ctx.Done():
			}
		}
		return api.DetectResponse{Language: "en", Confidence: 0.9}, nil
	}
	ts, reg := keyedOpsGateway(t, gateway.OpsConfig{MaxInFlight: 16, MaxInFlightPerKey: 2, QueueWait: 20 * time.Millisecond}, detect)
	done := make(chan int, 2)
	for i := range 2 {
		go func() {
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1/detect", strings.NewReader(fmt.Sprintf(`{"text":"block-%d"}`, i)))
			req.Header.Set("Authorization", "Bearer "+slowKey)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				done <- 0
				return
			}
			res.Body.Close()
			done <- res.StatusCode
		}()
	}
	// The key holds both its slots once both requests have reached
	// detect (copies of one do not count).
	for held := map[string]bool{}; len(held) < 2; {
		select {
		case text := <-entered:
			held[text] = true
		case <-time.After(20 * time.Second):
			t.Fatalf("requests at detect: %v, want both", held)
		}
	}

	do := func(method, path, ctype, body string, header http.Header) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
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
	bearer := http.Header{"Authorization": {"Bearer " + slowKey}}
	for _, tc := range []struct {
		name, method, path, ctype, body string
		header                          http.Header
		check                           func(raw []byte) bool
	}{
		{"Parley", "POST", "/v1/detect", "application/json", `{"text":"hello"}`, bearer, func(raw []byte) bool {
			var eb api.ErrorBody
			return json.Unmarshal(raw, &eb) == nil && eb.Error.Code == api.CodeRateLimited && eb.Error.RetryAfter == 1 &&
				strings.Contains(eb.Error.Message, "GATEWAY_MAX_IN_FLIGHT_PER_KEY")
		}},
		{"LibreTranslate, api_key in the body", "POST", "/detect", "application/json", `{"q":"hello","api_key":"` + slowKey + `"}`, nil, func(raw []byte) bool {
			var le gateway.LibreError
			return json.Unmarshal(raw, &le) == nil && strings.HasPrefix(le.Error, "Slowdown: ")
		}},
		{"DeepL, header", "GET", "/v2/usage", "", "", http.Header{"Authorization": {"DeepL-Auth-Key " + slowKey}}, func(raw []byte) bool {
			var de gateway.DeepLError
			return json.Unmarshal(raw, &de) == nil && de.Message == "Too many requests"
		}},
		{"DeepL, auth_key in the query", "GET", "/v2/usage?auth_key=" + slowKey, "", "", nil, func(raw []byte) bool {
			var de gateway.DeepLError
			return json.Unmarshal(raw, &de) == nil && de.Message == "Too many requests"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, raw := do(tc.method, tc.path, tc.ctype, tc.body, tc.header)
			if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "1" || !tc.check(raw) {
				t.Fatalf("status %d Retry-After %q: %s", res.StatusCode, res.Header.Get("Retry-After"), raw)
			}
		})
	}
	if got := counter(t, reg, "parley_http_shed_total", "key_concurrency"); got != 4 {
		t.Fatalf("key_concurrency counted %v times, want 4", got)
	}
	// Another key is served meanwhile, on every API.
	if res := postDetect(t, ts.URL, http.Header{"Authorization": {"Bearer " + otherKey}}); res.StatusCode != 200 {
		t.Fatalf("another key: %d", res.StatusCode)
	}
	if res, raw := do("POST", "/detect", "application/json", `{"q":"hello","api_key":"`+otherKey+`"}`, nil); res.StatusCode != 200 {
		t.Fatalf("another key on LibreTranslate: %d %s", res.StatusCode, raw)
	}
	close(release)
	for range 2 {
		if code := <-done; code != 200 {
			t.Fatalf("a request within the cap got %d", code)
		}
	}
	// Slots given back are the key's again.
	if res := postDetect(t, ts.URL, bearer); res.StatusCode != 200 {
		t.Fatalf("after the slow requests: %d", res.StatusCode)
	}
}

// TestKeyConcurrencyCapFromEnv: the cap defaults to a quarter of
// GATEWAY_MAX_IN_FLIGHT (OpsConfig's zero), and a negative one is refused
// at start.
func TestKeyConcurrencyCapFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env     string
		want    int
		wantErr bool
	}{
		{"", 0, false},
		{"16", 16, false},
		{"-1", 0, true},
	} {
		r := config.NewReader(config.Map(map[string]string{"GATEWAY_MAX_IN_FLIGHT_PER_KEY": tc.env}))
		got := gateway.OpsConfigFromEnv(r)
		if got.MaxInFlightPerKey != tc.want || (r.Err() != nil) != tc.wantErr {
			t.Errorf("GATEWAY_MAX_IN_FLIGHT_PER_KEY=%q: %d (%v)", tc.env, got.MaxInFlightPerKey, r.Err())
		}
		if got.BodyTimeout != gateway.DefaultBodyTimeout {
			t.Errorf("body timeout %v", got.BodyTimeout)
		}
	}
}

// counter reads one series of a counter family from reg.
func counter(t *testing.T, reg *prometheus.Registry, name, label string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if m.GetLabel()[0].GetValue() == label {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}
