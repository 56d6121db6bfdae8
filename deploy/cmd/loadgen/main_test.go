package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/deploy/loadgen"
)

// TestKeyFlag: -key, or PARLEY_API_KEY when it is not given, goes with
// every request as a bearer token.
func TestKeyFlag(t *testing.T) {
	tests := []struct {
		name, env string
		args      []string
		want      string
	}{
		{name: "none", want: ""},
		{name: "flag", args: []string{"-key", "pk_flag"}, want: "Bearer pk_flag"},
		{name: "environment", env: "pk_env", want: "Bearer pk_env"},
		{name: "flag over environment", env: "pk_env", args: []string{"-key", "pk_flag"}, want: "Bearer pk_flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PARLEY_API_KEY", tt.env)
			var mu sync.Mutex
			var seen []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				seen = append(seen, r.Header.Get("Authorization"))
				mu.Unlock()
				_, _ = w.Write([]byte(`{"text":"hola","status":"translated"}`))
			}))
			defer srv.Close()
			args := append([]string{"run", "-url", srv.URL, "-rate", "20", "-duration", "100ms"}, tt.args...)
			var out bytes.Buffer
			if err := run(context.Background(), args, &out); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			mu.Lock()
			defer mu.Unlock()
			if len(seen) == 0 {
				t.Fatalf("no request reached the server:\n%s", out.String())
			}
			for _, got := range seen {
				if got != tt.want {
					t.Fatalf("Authorization %q, want %q", got, tt.want)
				}
			}
		})
	}
}

// TestSpawnSendsNoKey: the spawned cluster has no keys, and the gateway
// refuses an unknown key even on open routes.
func TestSpawnSendsNoKey(t *testing.T) {
	tests := []struct {
		spawn bool
		key   string
		want  string
	}{
		{false, "pk_1", "pk_1"},
		{true, "pk_1", ""},
		{true, "", ""},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		o := options{spawn: tt.spawn, key: tt.key}
		if got := o.apiKey(&out); got != tt.want {
			t.Errorf("spawn %v, key %q: sends %q, want %q", tt.spawn, tt.key, got, tt.want)
		}
		if said := out.Len() > 0; said != (tt.spawn && tt.key != "") {
			t.Errorf("spawn %v, key %q: said %q", tt.spawn, tt.key, out.String())
		}
	}
}

// TestPrintResult: a run where every request failed prints no 0s for the
// successes' latency but the latency of all requests, and a degraded
// view's example.
func TestPrintResult(t *testing.T) {
	r := &loadgen.Result{
		Rate: 10, Duration: time.Second, Sent: 12, Failed: 12,
		Errors:     map[string]int{"degraded_quality": 10, "client_overload": 2},
		Examples:   map[string]string{"degraded_quality": "degraded: quality; req_id r-1"},
		LatencyAll: loadgen.Percentiles{P50: 120 * time.Millisecond, P90: 200 * time.Millisecond, P99: 300 * time.Millisecond, P999: 300 * time.Millisecond, Max: 300 * time.Millisecond},
	}
	var out bytes.Buffer
	printResult(&out, r)
	got := out.String()
	for _, want := range []string{
		"latency ok   none: no request succeeded",
		"latency all  p50 120ms  p90 200ms  p99 300ms  p99.9 300ms  max 300ms  (10 sent, failures included)",
		`(first: "degraded: quality; req_id r-1")`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "p50 0s") {
		t.Errorf("output shows a 0 latency:\n%s", got)
	}
}
