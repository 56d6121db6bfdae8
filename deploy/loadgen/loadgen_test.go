package loadgen_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/deploy/loadgen"
)

func TestSummarize(t *testing.T) {
	var s []time.Duration
	for i := 1000; i >= 1; i-- {
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	p := loadgen.Summarize(s)
	want := loadgen.Percentiles{P50: 500 * time.Millisecond, P90: 900 * time.Millisecond, P99: 990 * time.Millisecond,
		P999: 999 * time.Millisecond, Max: time.Second, Mean: 500500 * time.Microsecond}
	if p != want {
		t.Fatalf("got %+v, want %+v", p, want)
	}
	if (loadgen.Summarize(nil) != loadgen.Percentiles{}) {
		t.Fatal("empty input")
	}
}

// TestRunCountsErrorsByCode runs the open loop against a server that fails
// every third request with the API's error shape and every fifth without
// it, and checks the schedule sent exactly rate*duration requests.
func TestRunCountsErrorsByCode(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		switch {
		case i%3 == 0:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"error":{"code":"unavailable","message":"x"}}`))
		case i%5 == 0:
			w.WriteHeader(http.StatusBadGateway)
		case i%7 == 0:
			// A view the pipeline could not translate: 200, but a failure.
			_, _ = w.Write([]byte(`{"text":"hi","status":"original","reason":"translate is overloaded"}`))
		case i%11 == 0:
			_, _ = w.Write([]byte(`{"text":"hola","status":"translated","degraded":["quality"]}`))
		case i%2 == 0:
			_, _ = w.Write([]byte(`{"text":"hola","status":"translated"}`))
		default:
			_, _ = w.Write([]byte(`{}`))
		}
	}))
	defer srv.Close()
	res, err := loadgen.Run(context.Background(), loadgen.Config{Targets: []string{srv.URL}, Rate: 200, Duration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 60 || res.OK+res.Failed != 60 {
		t.Fatalf("sent %d, ok %d, failed %d: want 60 scheduled", res.Sent, res.OK, res.Failed)
	}
	// Requests 1..60: multiples of 3 (20), of 5 but not 3 (8), then the
	// multiples of 7 and of 11 that those did not take.
	var want7, want11 int
	for i := 1; i <= 60; i++ {
		switch {
		case i%3 == 0, i%5 == 0:
		case i%7 == 0:
			want7++
		case i%11 == 0:
			want11++
		}
	}
	if res.Errors["unavailable"] != 20 || res.Errors["http_502"] != 8 || res.Errors["view_original"] != want7 ||
		res.Errors["degraded_quality"] != want11 || res.OK != 32-want7-want11 {
		t.Fatalf("errors %v, ok %d", res.Errors, res.OK)
	}
	if res.Latency.P50 <= 0 || res.Latency.Max < res.Latency.P99 {
		t.Fatalf("latency %+v", res.Latency)
	}
	// Each kind of failure keeps what its first one said.
	if res.Examples["view_original"] != "translate is overloaded" || res.Examples["unavailable"] != "x" {
		t.Fatalf("examples %q", res.Examples)
	}
}

func TestFakeTranslation(t *testing.T) {
	tests := []struct{ in, want string }{
		{loadgen.Corpus[0].Source + " #7", loadgen.Corpus[0].Target + " #7"},
		{"nothing known", "nothing known"},
	}
	for _, tt := range tests {
		if got := loadgen.FakeTranslation(loadgen.Corpus, tt.in); got != tt.want {
			t.Errorf("FakeTranslation(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadMetrics(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Join([]string{
			"# HELP go_goroutines Number of goroutines.", "# TYPE go_goroutines gauge", "go_goroutines 42",
			"process_resident_memory_bytes 2.5e+07", "go_memstats_alloc_bytes 1",
		}, "\n")))
	}))
	defer srv.Close()
	s, err := loadgen.Read(context.Background(), http.DefaultClient, loadgen.Process{MetricsURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if s.Goroutines != 42 || s.RSS != 25_000_000 {
		t.Fatalf("%+v", s)
	}
}

// Unique texts stay unique across runs of one Source, as the steps of
// `loadgen max` are.
func TestUniqueTranslationsAcrossRuns(t *testing.T) {
	src := loadgen.Translations(loadgen.Corpus, true)
	seen := map[string]bool{}
	for run := range 3 {
		for n := range 100 {
			body := string(src(n).Body)
			if seen[body] {
				t.Fatalf("run %d request %d repeats %s", run, n, body)
			}
			seen[body] = true
		}
	}
}

// TestRunSendsAPIKey: a deployment with API keys refuses views without
// one, so the key goes with every request, unless the request brings its
// own.
func TestRunSendsAPIKey(t *testing.T) {
	tests := []struct {
		name, key  string
		header     http.Header
		wantAuth   string
		wantAPIKey string
	}{
		{name: "no key", key: "", wantAuth: ""},
		{name: "key", key: "pk_123", wantAuth: "Bearer pk_123"},
		{name: "request's own Authorization", key: "pk_123", header: http.Header{"Authorization": {"Bearer mine"}}, wantAuth: "Bearer mine"},
		{name: "request's own X-API-Key", key: "pk_123", header: http.Header{"X-Api-Key": {"mine"}}, wantAuth: "", wantAPIKey: "mine"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var auth, apiKey []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				auth, apiKey = append(auth, r.Header.Get("Authorization")), append(apiKey, r.Header.Get("X-API-Key"))
				mu.Unlock()
				_, _ = w.Write([]byte(`{"text":"hola","status":"translated"}`))
			}))
			defer srv.Close()
			src := func(n int) loadgen.Request {
				return loadgen.Request{Path: "/v1/translate", Body: []byte(`{}`), Header: tt.header.Clone()}
			}
			res, err := loadgen.Run(context.Background(), loadgen.Config{Targets: []string{srv.URL}, Rate: 100, Duration: 50 * time.Millisecond, Source: src, APIKey: tt.key})
			if err != nil {
				t.Fatal(err)
			}
			if res.OK != res.Sent || res.Sent == 0 {
				t.Fatalf("sent %d, ok %d", res.Sent, res.OK)
			}
			mu.Lock()
			defer mu.Unlock()
			for i := range auth {
				if auth[i] != tt.wantAuth || apiKey[i] != tt.wantAPIKey {
					t.Fatalf("request %d: Authorization %q, X-API-Key %q; want %q, %q", i, auth[i], apiKey[i], tt.wantAuth, tt.wantAPIKey)
				}
			}
		})
	}
}

// TestViewFailureExamples: a degraded view has no reason, so its example
// says which steps were skipped, what the translation attempts met and
// the request id to find the step's error in the gateway's log.
func TestViewFailureExamples(t *testing.T) {
	tests := []struct {
		name, body, reqID string
		code              string
		want              []string // parts of the example
	}{
		{
			name: "degraded, request id", body: `{"text":"hola","status":"translated","degraded":["quality","safety"]}`, reqID: "r-1",
			code: "degraded_quality",
			want: []string{"degraded: quality, safety", "req_id r-1", "pipeline step degraded"},
		},
		{
			name: "degraded after a failed attempt", body: `{"text":"hola","status":"translated","degraded":["quality"],"attempts":[{"backend":"ollama","error":"timeout"},{"backend":"apertium","error":""}]}`,
			code: "degraded_quality",
			want: []string{"degraded: quality", "failed attempts: ollama (timeout)"},
		},
		{
			name: "untranslated", body: `{"text":"hi","status":"original","reason":"no backend could translate","attempts":[{"backend":"ollama","error":"overloaded"},{"backend":"apertium","error":"no pair en-ja"}]}`, reqID: "r-2",
			code: "view_original",
			want: []string{"no backend could translate", "failed attempts: ollama (overloaded), apertium (no pair en-ja)", "req_id r-2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.reqID != "" {
					w.Header().Set("X-Request-Id", tt.reqID)
				}
				_, _ = w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			res, err := loadgen.Run(context.Background(), loadgen.Config{Targets: []string{srv.URL}, Rate: 10, Duration: 100 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			ex := res.Examples[tt.code]
			if res.Errors[tt.code] != res.Sent || res.Sent == 0 {
				t.Fatalf("errors %v of %d sent", res.Errors, res.Sent)
			}
			for _, w := range tt.want {
				if !strings.Contains(ex, w) {
					t.Errorf("example %q does not say %q", ex, w)
				}
			}
			if strings.Contains(ex, "apertium ()") {
				t.Errorf("example %q lists an attempt that did not fail", ex)
			}
		})
	}
}

// TestLatencyOfFailures: when every request fails, the latency of the
// successes is empty, and the latency of all requests still shows how
// long callers waited; a request never sent (client_overload) is not
// counted as waiting 0.
func TestLatencyOfFailures(t *testing.T) {
	const delay = 30 * time.Millisecond
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(delay)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"error":{"code":"unavailable","message":"no responders"}}`))
	}))
	defer srv.Close()
	tests := []struct {
		name        string
		maxInFlight int
	}{
		{"all sent", 0},
		{"some never sent", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := loadgen.Run(context.Background(), loadgen.Config{Targets: []string{srv.URL}, Rate: 100, Duration: 200 * time.Millisecond, MaxInFlight: tt.maxInFlight})
			if err != nil {
				t.Fatal(err)
			}
			if res.OK != 0 || res.Errors["unavailable"] == 0 {
				t.Fatalf("ok %d, errors %v", res.OK, res.Errors)
			}
			if tt.maxInFlight == 1 && res.Errors["client_overload"] == 0 {
				t.Fatalf("no client_overload with one request in flight: %v", res.Errors)
			}
			if (res.Latency != loadgen.Percentiles{}) {
				t.Errorf("latency of successes %+v, with none", res.Latency)
			}
			// Every request sent waited at least the server's delay.
			if l := res.LatencyAll; l.P50 < delay || l.Max < l.P99 || l.P99 < l.P50 {
				t.Errorf("latency of all requests %+v, each took at least %s", l, delay)
			}
		})
	}
}

// TestAchievedRate: the achieved rate is over the requested duration, or
// over the time to the last answer when that is longer, never over the
// time to the last scheduled send alone.
func TestAchievedRate(t *testing.T) {
	tests := []struct {
		name              string
		completed         int
		duration, elapsed time.Duration
		window            time.Duration
		rate              float64
	}{
		// rate 5 for 1s: the 5th request goes at 800ms; answered at once.
		{"answered before the end", 5, time.Second, 801 * time.Millisecond, time.Second, 5},
		{"answered at the end", 10, time.Second, time.Second, time.Second, 10},
		{"answered late", 10, time.Second, 2 * time.Second, 2 * time.Second, 5},
		{"cancelled", 3, 0, 500 * time.Millisecond, 500 * time.Millisecond, 6},
		{"nothing", 0, time.Second, 10 * time.Millisecond, time.Second, 0},
		{"no time", 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			window, rate := loadgen.AchievedRate(tt.completed, tt.duration, tt.elapsed)
			if window != tt.window || rate != tt.rate {
				t.Errorf("AchievedRate(%d, %s, %s) = %s, %g; want %s, %g", tt.completed, tt.duration, tt.elapsed, window, rate, tt.window, tt.rate)
			}
		})
	}
}

// TestRunAchievedNotAboveRate: against an instant server, Run's achieved
// rate is the rate sent, not more (its last request goes one interval
// before the duration ends).
func TestRunAchievedNotAboveRate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"text":"hola","status":"translated"}`))
	}))
	defer srv.Close()
	cfg := loadgen.Config{Targets: []string{srv.URL}, Rate: 20, Duration: 250 * time.Millisecond}
	res, err := loadgen.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent == 0 || res.Achieved > cfg.Rate || res.Duration < cfg.Duration {
		t.Errorf("sent %d at %g/s for %s: achieved %g/s over %s, want at most the rate over at least the duration", res.Sent, cfg.Rate, cfg.Duration, res.Achieved, res.Duration)
	}
}
