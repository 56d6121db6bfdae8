package gateway_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
)

// loadResult is what a closed-loop load run measured.
type loadResult struct {
	perSecond float64
	p50, p99  time.Duration
	lat       []time.Duration
	elapsed   time.Duration
}

func summarize(lat []time.Duration, elapsed time.Duration) loadResult {
	slices.Sort(lat)
	n := len(lat)
	return loadResult{perSecond: float64(n) / elapsed.Seconds(), p50: lat[n/2], p99: lat[min(n-1, n*99/100)], lat: lat, elapsed: elapsed}
}

// load sends n GETs of url from workers goroutines over kept-alive
// connections, and measures throughput and latency percentiles.
func load(tb testing.TB, url string, n, workers int) loadResult {
	tb.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}}
	defer client.CloseIdleConnections()
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				t0 := time.Now()
				res, err := client.Get(url)
				if err != nil {
					failed.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != 200 {
					failed.Add(1)
				}
				lat[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if f := failed.Load(); f > 0 {
		tb.Fatalf("%d of %d requests to %s failed", f, n, url)
	}
	return summarize(lat, elapsed)
}

// bareEcho is the baseline: Echo with no middleware, answering fixed JSON
// of about a view's size.
func bareEcho(tb testing.TB) string {
	tb.Helper()
	e := echo.New()
	fixed := api.MessageView{ID: "m1", Conversation: "bench", Author: "ana", Revision: 1, Seq: 1, Status: api.StatusTranslated,
		Text: "hola", Locale: "es", SourceLanguage: "en", Label: "Traducido de inglés", Direction: "ltr",
		Safety: &api.ViewSafety{Action: api.SafetyAllow}, Backend: "fake"}
	e.GET("/fixed", func(c echo.Context) error { return c.JSON(http.StatusOK, fixed) })
	ts := httptest.NewServer(e)
	tb.Cleanup(ts.Close)
	return ts.URL + "/fixed"
}

// BenchmarkCachedView compares a cached view through the whole gateway
// (request id, auth, locale negotiation, read model, view cache, JSON)
// with a bare Echo handler returning fixed JSON, in the same run and at
// the same load. Reported: both throughputs, their ratio (target >= 50%)
// and the view's p50/p99 latency at that load (target p99 <= 5 ms).
func BenchmarkCachedView(b *testing.B) {
	e := startChat(b, nil)
	m := postMessage(b, e, "bench", "ana", "hello")
	viewURL := e.url + "/v1/messages/" + m.ID + "?locale=es"
	if r := do(b, "GET", viewURL, ""); r.status != 200 {
		b.Fatalf("warm-up: %d %s", r.status, r.body)
	}
	bare := bareEcho(b)
	workers := 2 * runtime.GOMAXPROCS(0)
	n := max(b.N, 4000)
	load(b, bare, 500, workers) // warm both paths' connections
	load(b, viewURL, 500, workers)
	// Alternate short rounds, so that both sides see the same machine (a
	// shared CI box's load changes by the second).
	const rounds = 10
	var base, view loadResult
	var baseLat, viewLat []time.Duration
	var baseTime, viewTime time.Duration
	b.ResetTimer()
	for range rounds {
		r := load(b, bare, n/rounds, workers)
		baseTime += r.elapsed
		baseLat = append(baseLat, r.lat...)
		r = load(b, viewURL, n/rounds, workers)
		viewTime += r.elapsed
		viewLat = append(viewLat, r.lat...)
	}
	b.StopTimer()
	base, view = summarize(baseLat, baseTime), summarize(viewLat, viewTime)
	b.ReportMetric(base.perSecond, "bare_req/s")
	b.ReportMetric(view.perSecond, "view_req/s")
	b.ReportMetric(100*view.perSecond/base.perSecond, "ratio_%")
	b.ReportMetric(float64(view.p50.Microseconds())/1000, "view_p50_ms")
	b.ReportMetric(float64(view.p99.Microseconds())/1000, "view_p99_ms")
	b.ReportMetric(float64(base.p99.Microseconds())/1000, "bare_p99_ms")
}

// BenchmarkConversationPage50 measures a 50-message conversation page at
// view-cache hit through HTTP, one request at a time (target: median <= 5 ms).
func BenchmarkConversationPage50(b *testing.B) {
	e := startChat(b, nil)
	for i := range 50 {
		text := "hello"
		if i%2 == 1 {
			text = "hello again"
		}
		postMessage(b, e, "page50", fmt.Sprintf("u%d", i%3), text)
	}
	url := e.url + "/v1/conversations/page50/messages?locale=es&limit=50"
	if r := do(b, "GET", url, ""); r.status != 200 {
		b.Fatalf("warm-up: %d %s", r.status, r.body)
	}
	n := max(b.N, 200)
	b.ResetTimer()
	res := load(b, url, n, 1)
	b.StopTimer()
	b.ReportMetric(float64(res.p50.Microseconds())/1000, "median_ms")
	b.ReportMetric(float64(res.p99.Microseconds())/1000, "p99_ms")
}
