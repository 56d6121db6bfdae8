package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
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

// TestHelp: -h, for loadgen or a mode, prints the usage on stdout and is
// a success (exit 0), not an error; bad flags and modes are errors.
func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string // in the output; "" for an error
	}{
		{[]string{"-h"}, "usage: loadgen run|max|soak"},
		{[]string{"--help"}, "exit status:"},
		{[]string{"help"}, "usage: loadgen run|max|soak"},
		{[]string{"run", "-h"}, "-rate"},
		{[]string{"run", "-h"}, "(default $PARLEY_API_KEY)"},
		{[]string{"run", "-help"}, "usage: loadgen run [flags]"},
		{[]string{"max", "-h"}, "-max-p99"},
		{[]string{"soak", "--help"}, "-rate-from"},
		{[]string{"run", "-nope"}, ""},
		{[]string{"bogus", "-h"}, ""},
		{nil, ""},
	}
	t.Setenv("PARLEY_API_KEY", "pk_secret")
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), tt.args, &out)
			if tt.want == "" {
				if err == nil || errors.Is(err, flag.ErrHelp) {
					t.Fatalf("err = %v, want an error\n%s", err, out.String())
				}
				return
			}
			if err != nil || !strings.Contains(out.String(), tt.want) {
				t.Fatalf("err = %v, output lacks %q:\n%s", err, tt.want, out.String())
			}
			// The key's value is a secret: -h names where it comes from.
			if strings.Contains(out.String(), "pk_secret") {
				t.Fatalf("-h prints the API key:\n%s", out.String())
			}
		})
	}
}

// TestBadArguments: a stray argument and a rate or duration a mode
// cannot run with are refused (exit 1) before anything runs, with one
// "loadgen:" prefix (main's).
func TestBadArguments(t *testing.T) {
	tests := []struct {
		args []string
		want string // in the error
	}{
		{[]string{"run", "-rate", "-5"}, "-rate -5 must be positive"},
		{[]string{"run", "-rate", "0"}, "-rate 0 must be positive"},
		{[]string{"run", "-duration", "0s"}, "-duration 0s must be positive"},
		{[]string{"soak", "-rate", "-1"}, "-rate -1 must be positive"},
		{[]string{"max", "-start", "0"}, "-start 0 and -step 15s must be positive"},
		{[]string{"max", "-factor", "1"}, "-factor 1 must be above 1"},
		{[]string{"run", "-duration", "10ms", "extra"}, `unexpected argument "extra"`},
		{[]string{"run", "-duration", "10ms", "-rate", "5", "10s", "-spawn"}, `unexpected argument "10s"`},
		{[]string{"max", "--", "x"}, `unexpected argument "x"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			// Nothing listens there: a run that went ahead would fail
			// differently.
			args := append([]string{tt.args[0], "-url", "http://127.0.0.1:1"}, tt.args[1:]...)
			var out bytes.Buffer
			err := run(context.Background(), args, &out)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one with %q\n%s", err, tt.want, out.String())
			}
			if strings.HasPrefix(err.Error(), "loadgen:") {
				t.Errorf("err = %q: main prefixes it with loadgen: again", err)
			}
			if out.Len() > 0 {
				t.Errorf("printed before refusing:\n%s", out.String())
			}
		})
	}
}

// TestRunFailsWhenNothingSucceeds: `loadgen run` is an error (exit 1)
// when not one request succeeded, so that a script or CI does not take a
// run that measured nothing for a pass; the result is still printed and
// written to -out. Some failures among successes are reported, not fatal.
func TestRunFailsWhenNothingSucceeds(t *testing.T) {
	tests := []struct {
		name    string
		failing func(n int64) bool // whether the server fails its nth request
		wantErr bool
	}{
		{"every request fails", func(int64) bool { return true }, true},
		{"every other request fails", func(n int64) bool { return n%2 == 0 }, false},
		{"none fails", func(int64) bool { return false }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.failing(n.Add(1)) {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusServiceUnavailable)
					_, _ = w.Write([]byte(`{"error":{"code":"unavailable","message":"down"}}`))
					return
				}
				_, _ = w.Write([]byte(`{"text":"hola","status":"translated"}`))
			}))
			defer srv.Close()
			file := filepath.Join(t.TempDir(), "run.json")
			var out bytes.Buffer
			err := run(context.Background(), []string{"run", "-url", srv.URL, "-rate", "40", "-duration", "100ms", "-out", file}, &out)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want an error: %v\n%s", err, tt.wantErr, out.String())
			}
			if tt.wantErr && !strings.Contains(err.Error(), "no request succeeded") {
				t.Errorf("err = %v", err)
			}
			var res loadgen.Result
			b, rerr := os.ReadFile(file)
			if rerr != nil || json.Unmarshal(b, &res) != nil || res.Sent == 0 {
				t.Fatalf("-out not written: %v %s", rerr, b)
			}
			if !strings.Contains(out.String(), "sent ") {
				t.Errorf("result not printed:\n%s", out.String())
			}
		})
	}
}

// TestMaxFailsWhenNoRateHolds: `loadgen max` whose first step already
// fails has found no maximum: exit 1 (after -out is written), so that
// `make loadtest` does not pass and `soak -rate-from` refuses the file.
func TestMaxFailsWhenNoRateHolds(t *testing.T) {
	for _, tt := range []struct {
		name    string
		okUntil int64 // the server fails from its okUntil+1th request on
		wantErr bool
	}{
		{"the first step fails", 0, true},
		// The first step (4/s for 1 s) sends 4 requests, the second
		// (40/s) 40: only the second fails. A step holds when its
		// answers are in within 5% of its length after it: steps of
		// 1 s at 4/s leave the last request 300 ms for that (steps of
		// 100 ms at 40/s left it 30 ms, which a busy machine missed).
		{"the second step fails", 4, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if n.Add(1) > tt.okUntil {
					w.WriteHeader(http.StatusServiceUnavailable)
					_, _ = w.Write([]byte(`{"error":{"code":"unavailable","message":"down"}}`))
					return
				}
				_, _ = w.Write([]byte(`{"text":"hola","status":"translated"}`))
			}))
			defer srv.Close()
			file := filepath.Join(t.TempDir(), "max.json")
			var out bytes.Buffer
			err := run(context.Background(), []string{"max", "-url", srv.URL, "-start", "4", "-factor", "10", "-step", "1s", "-out", file}, &out)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want an error: %v\n%s", err, tt.wantErr, out.String())
			}
			if tt.wantErr && !strings.Contains(err.Error(), "no rate held") {
				t.Errorf("err = %v", err)
			}
			var m maxResult
			b, rerr := os.ReadFile(file)
			if rerr != nil || json.Unmarshal(b, &m) != nil {
				t.Fatalf("-out not written: %v %s", rerr, b)
			}
			if want := map[bool]float64{true: 0, false: 4}[tt.wantErr]; m.MaxRate != want {
				t.Errorf("max_rate %g, want %g\n%s", m.MaxRate, want, out.String())
			}
		})
	}
}
