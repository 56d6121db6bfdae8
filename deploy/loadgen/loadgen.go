// Package loadgen drives Parley's HTTP gateway with an open-loop load: it
// sends requests on a fixed schedule whatever the answers do, and measures
// each latency from the moment the request was due, not from when it was
// sent, so that a stall shows up in the percentiles instead of silently
// lowering the rate (coordinated omission).
package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Request is one HTTP request the generator sends.
type Request struct {
	Method string
	Path   string
	Body   []byte
	Header http.Header
}

// Source produces the n-th request of a run; it must be safe for
// concurrent use.
type Source func(n int) Request

// Config is one run.
type Config struct {
	// Targets are gateway base URLs; requests go round-robin.
	Targets []string
	// Rate is the requests per second the schedule sends.
	Rate float64
	// Duration is how long the schedule runs; in-flight requests are then
	// awaited up to Timeout.
	Duration time.Duration
	// Timeout bounds each request (default 10s).
	Timeout time.Duration
	// MaxInFlight bounds the outstanding requests (default 10000): a
	// request due while the bound is reached is counted as the error
	// "client_overload" instead of piling up goroutines without limit.
	MaxInFlight int
	// Source makes the requests (default Translations(…, false)).
	Source Source
	// Client is the HTTP client (default: one tuned for many connections).
	Client *http.Client
	// APIKey, when set, goes with every request as "Authorization: Bearer
	// <key>" (unless the Source set its own Authorization or X-API-Key): a
	// deployment with API keys refuses views without one. The key's rate
	// limit applies, so give the load test a key that allows its rate.
	APIKey string
}

// Result summarizes a run.
type Result struct {
	Rate float64 `json:"rate"`
	// Duration is the window Achieved is over: the requested duration, or
	// until the last answer if that came later (or until a cancelled run
	// stopped).
	Duration time.Duration `json:"duration_ns"`
	Sent     int           `json:"sent"`
	OK       int           `json:"ok"`
	Failed   int           `json:"failed"`
	// Errors counts failures by code: the API's error code for an error
	// response, "http_<status>" for a non-JSON one, "view_<status>" or
	// "degraded_<step>" for a view that was not fully translated,
	// "timeout", "connection" or "client_overload" for the rest.
	Errors map[string]int `json:"errors"`
	// Examples holds, for each code in Errors, what the first such
	// failure said (the error's message; for a view, its reason, the
	// steps it skipped, the errors of its translation attempts and its
	// request id), so that a rare failure in a long run can be explained.
	Examples map[string]string `json:"examples,omitempty"`
	// Latency of the successful requests, from their scheduled time: what
	// `max` holds to its p99 limit.
	Latency Percentiles `json:"latency"`
	// LatencyAll is the latency of every request that was sent, failed
	// ones included (a timeout counts as the time it was given up at; a
	// client_overload, never sent, not at all): how long callers waited,
	// which a run where everything fails still has.
	LatencyAll Percentiles `json:"latency_all"`
	// Achieved is the rate of completed requests over Duration
	// (AchievedRate).
	Achieved float64 `json:"achieved_rate"`
}

// ErrorRate is the failed fraction of the sent requests.
func (r *Result) ErrorRate() float64 {
	if r.Sent == 0 {
		return 0
	}
	return float64(r.Failed) / float64(r.Sent)
}

// Percentiles of a latency distribution.
type Percentiles struct {
	P50  time.Duration `json:"p50_ns"`
	P90  time.Duration `json:"p90_ns"`
	P99  time.Duration `json:"p99_ns"`
	P999 time.Duration `json:"p999_ns"`
	Max  time.Duration `json:"max_ns"`
	Mean time.Duration `json:"mean_ns"`
}

// Summarize computes the percentiles of samples (sorted in place), using the
// nearest-rank method.
func Summarize(samples []time.Duration) Percentiles {
	if len(samples) == 0 {
		return Percentiles{}
	}
	slices.Sort(samples)
	rank := func(q float64) time.Duration {
		i := int(math.Ceil(q*float64(len(samples)))) - 1
		return samples[min(max(i, 0), len(samples)-1)]
	}
	var sum time.Duration
	for _, s := range samples {
		sum += s
	}
	return Percentiles{
		P50: rank(0.50), P90: rank(0.90), P99: rank(0.99), P999: rank(0.999),
		Max: samples[len(samples)-1], Mean: sum / time.Duration(len(samples)),
	}
}

// Recorder collects outcomes; Run uses one, and callers that need several
// phases (a failover test) can share one across runs.
type Recorder struct {
	mu        sync.Mutex
	latencies []time.Duration // successes
	all       []time.Duration // every request sent, failed or not
	errors    map[string]int
	examples  map[string]string
	sent      int
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder {
	return &Recorder{errors: map[string]int{}, examples: map[string]string{}}
}

func (r *Recorder) sentOne() {
	r.mu.Lock()
	r.sent++
	r.mu.Unlock()
}

// codeClientOverload is a request the generator did not send.
const codeClientOverload = "client_overload"

func (r *Recorder) record(lat time.Duration, code, detail string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if code != codeClientOverload {
		r.all = append(r.all, lat)
	}
	if code == "" {
		r.latencies = append(r.latencies, lat)
		return
	}
	if r.errors[code] == 0 {
		r.examples[code] = detail
	}
	r.errors[code]++
}

// Snapshot summarizes what the recorder has seen so far.
func (r *Recorder) Snapshot() Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	res := Result{Sent: r.sent, OK: len(r.latencies), Errors: map[string]int{}, Examples: maps.Clone(r.examples)}
	for k, v := range r.errors {
		res.Errors[k] = v
		res.Failed += v
	}
	res.Latency = Summarize(slices.Clone(r.latencies))
	res.LatencyAll = Summarize(slices.Clone(r.all))
	return res
}

// Run sends cfg.Rate requests per second for cfg.Duration and waits for
// the answers.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	rec := NewRecorder()
	start := time.Now()
	if err := RunInto(ctx, cfg, rec); err != nil {
		return nil, err
	}
	res := rec.Snapshot()
	res.Rate = cfg.Rate
	window := cfg.Duration
	if ctx.Err() != nil {
		// Cancelled: the run lasted only until it stopped.
		window = 0
	}
	res.Duration, res.Achieved = AchievedRate(res.OK+res.Failed, window, time.Since(start))
	return &res, nil
}

// AchievedRate is the rate of completed requests over the requested
// duration, or over elapsed if the last answer came later. Not over
// elapsed alone: the last request is scheduled one interval before the
// duration ends, and an instant answer would put the rate above the one
// sent (rate 5 for 1s: 5 requests in 801ms, 6.2/s), hiding a shortfall
// from max's check. It returns the window too.
func AchievedRate(completed int, duration, elapsed time.Duration) (time.Duration, float64) {
	window := max(duration, elapsed)
	if window <= 0 {
		return 0, 0
	}
	return window, float64(completed) / window.Seconds()
}

// RunInto is Run recording into rec.
func RunInto(ctx context.Context, cfg Config, rec *Recorder) error {
	if len(cfg.Targets) == 0 {
		return errors.New("no targets")
	}
	if cfg.Rate <= 0 || cfg.Duration <= 0 {
		// No "loadgen:" prefix: the command adds it.
		return fmt.Errorf("rate %v and duration %v must be positive", cfg.Rate, cfg.Duration)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = 10000
	}
	if cfg.Source == nil {
		cfg.Source = Translations(Corpus, false)
	}
	if cfg.Client == nil {
		cfg.Client = NewClient(cfg.MaxInFlight)
	}
	interval := time.Duration(float64(time.Second) / cfg.Rate)
	total := int(cfg.Duration / interval)
	var (
		wg       sync.WaitGroup
		inFlight atomic.Int64
	)
	start := time.Now()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for n := 0; n < total; n++ {
		due := start.Add(time.Duration(n) * interval)
		if d := time.Until(due); d > 0 {
			timer.Reset(d)
			select {
			case <-ctx.Done():
				wg.Wait()
				return ctx.Err()
			case <-timer.C:
			}
		}
		rec.sentOne()
		if inFlight.Load() >= int64(cfg.MaxInFlight) {
			rec.record(0, codeClientOverload, "")
			continue
		}
		inFlight.Add(1)
		wg.Go(func() {
			defer inFlight.Add(-1)
			target := cfg.Targets[n%len(cfg.Targets)]
			code, detail := do(ctx, cfg.Client, target, cfg.Source(n), cfg.Timeout, cfg.APIKey)
			rec.record(time.Since(due), code, detail)
		})
	}
	wg.Wait()
	return nil
}

// NewClient is an HTTP client that keeps enough idle connections for
// maxConns concurrent requests to one host.
func NewClient(maxConns int) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = maxConns
	tr.MaxIdleConnsPerHost = maxConns
	tr.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return &http.Client{Transport: tr}
}

// do sends one request and returns "" on success, or the error code and
// what the failure said.
func do(ctx context.Context, c *http.Client, target string, r Request, timeout time.Duration, apiKey string) (code, detail string) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	method := r.Method
	if method == "" {
		method = http.MethodPost
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(target, "/")+r.Path, bytes.NewReader(r.Body))
	if err != nil {
		return "bad_request", err.Error()
	}
	for k, v := range r.Header {
		req.Header[k] = v
	}
	if len(r.Body) > 0 && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if apiKey != "" && req.Header.Get("Authorization") == "" && req.Header.Get("X-API-Key") == "" {
		req.Header.Set("Authorization", "Bearer "+apiKey)
	}
	res, err := c.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "timeout", err.Error()
		}
		return "connection", err.Error()
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return "connection", err.Error()
	}
	if res.StatusCode < 300 {
		return viewFailure(body, res.Header.Get("X-Request-Id"))
	}
	var eb struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &eb) == nil && eb.Error.Code != "" {
		return eb.Error.Code, eb.Error.Message
	}
	return "http_" + strconv.Itoa(res.StatusCode), ""
}

// view is the part of a view (shared/api.View) a failure is told from.
type view struct {
	Status   string   `json:"status"`
	Reason   string   `json:"reason"`
	Degraded []string `json:"degraded"`
	Attempts []struct {
		Backend string `json:"backend"`
		Error   string `json:"error"`
	} `json:"attempts"`
}

// viewFailure reads a successful response: a view that was not
// translated (status "original": the pipeline degraded to the source
// text, say because translate was overloaded) or that skipped a step
// (degraded) is what a client would not want either, so it counts as a
// failure ("view_original", "degraded_quality" ...). Other bodies pass.
// reqID is the response's X-Request-Id.
func viewFailure(body []byte, reqID string) (code, detail string) {
	var v view
	if json.Unmarshal(body, &v) != nil || v.Status == "" {
		return "", ""
	}
	if v.Status != "translated" {
		return "view_" + v.Status, v.describe(reqID)
	}
	if len(v.Degraded) > 0 {
		return "degraded_" + v.Degraded[0], v.describe(reqID)
	}
	return "", ""
}

// describe says what went wrong with a view. A degraded step's error is
// not in the view (a degraded view has no reason): the gateway logs it as
// "pipeline step degraded" with the request id, which is given here to
// find that line.
func (v view) describe(reqID string) string {
	var parts []string
	if v.Reason != "" {
		parts = append(parts, v.Reason)
	}
	if len(v.Degraded) > 0 {
		parts = append(parts, "degraded: "+strings.Join(v.Degraded, ", "))
	}
	var failed []string
	for _, a := range v.Attempts {
		if a.Error != "" {
			failed = append(failed, a.Backend+" ("+a.Error+")")
		}
	}
	if len(failed) > 0 {
		parts = append(parts, "failed attempts: "+strings.Join(failed, ", "))
	}
	if reqID != "" {
		id := "req_id " + reqID
		if len(v.Degraded) > 0 {
			id += ` (the gateway logs each step's error as "pipeline step degraded")`
		}
		parts = append(parts, id)
	}
	return strings.Join(parts, "; ")
}

// Pair is a source sentence and the translation an instant fake LLM gives.
type Pair struct{ Source, Target string }

// Corpus is a handful of chat messages in English with Spanish
// translations: Translations cycles through them, and FakeTranslation
// answers them like a model would.
var Corpus = []Pair{
	{"Hello, how are you today?", "Hola, ¿cómo estás hoy?"},
	{"Can we move the meeting to three o'clock?", "¿Podemos mover la reunión a las tres?"},
	{"Thanks a lot, that was really helpful.", "Muchas gracias, fue muy útil."},
	{"I will send you the report tomorrow morning.", "Te enviaré el informe mañana por la mañana."},
	{"The build is broken again, can someone take a look?", "La compilación está rota otra vez, ¿alguien puede echar un vistazo?"},
	{"Let's have lunch together next week.", "Almorcemos juntos la próxima semana."},
	{"Please review my changes before the release.", "Por favor, revisa mis cambios antes del lanzamiento."},
	{"Good morning everyone, the server is back online.", "Buenos días a todos, el servidor vuelve a estar en línea."},
}

// Translations makes POST /v1/translate requests from English to Spanish
// over corpus. With unique, each request carries its own number, so that
// no two are the same and every one misses the translation cache. The
// numbers go on across runs of the same Source (the steps of `loadgen
// max` number their requests from 0 each time: numbered by n, every step
// repeated the texts of the steps before it, which then hit the cache).
func Translations(corpus []Pair, unique bool) Source {
	var seq atomic.Int64
	return func(n int) Request {
		text := corpus[n%len(corpus)].Source
		if unique {
			text += " #" + strconv.FormatInt(seq.Add(1), 10)
		}
		b, _ := json.Marshal(map[string]string{"text": text, "source": "en", "target": "es"})
		return Request{Method: http.MethodPost, Path: "/v1/translate", Body: b}
	}
}

// FakeTranslation is what an instant model answers for a message built
// from corpus: the known sentence translated, anything else (the request
// number) kept. A message with no known sentence comes back unchanged.
func FakeTranslation(corpus []Pair, data string) string {
	// Longest first, so that no sentence is replaced inside another.
	pairs := slices.Clone(corpus)
	sort.Slice(pairs, func(i, j int) bool { return len(pairs[i].Source) > len(pairs[j].Source) })
	for _, p := range pairs {
		if strings.Contains(data, p.Source) {
			return strings.Replace(data, p.Source, p.Target, 1)
		}
	}
	return data
}
