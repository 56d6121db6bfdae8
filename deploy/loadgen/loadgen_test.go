package loadgen_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
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
