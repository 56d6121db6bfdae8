package translate_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
	"github.com/parley-chat/parley/shared/telemetry"
)

// unreachableOllama is the Ollama rung of OLLAMA_HOST=http://127.0.0.1:1:
// nothing listens there, so it starts unavailable and stays so.
func unreachableOllama(t *testing.T, log *slog.Logger) backend.Backend {
	t.Helper()
	b, err := ollama.New(t.Context(), ollama.Config{Host: "http://127.0.0.1:1", Model: "qwen2.5:3b", Languages: llmLanguages, Refresh: time.Hour}, log)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// series reads the value of the sample of family name whose labels are
// exactly labels (name, value pairs), -1 when there is none.
func series(t *testing.T, reg *prometheus.Registry, name string, labels ...string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i := 0; i+1 < len(labels); i += 2 {
		want[labels[i]] = labels[i+1]
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metrics:
		for _, m := range mf.GetMetric() {
			if len(m.GetLabel()) != len(want) {
				continue
			}
			for _, l := range m.GetLabel() {
				if want[l.GetName()] != l.GetValue() {
					continue metrics
				}
			}
			if m.Gauge != nil {
				return m.GetGauge().GetValue()
			}
			return m.GetCounter().GetValue()
		}
	}
	return -1
}

// cacheResults is parley_translate_cache_total by result.
func cacheResults(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, r := range []string{"memory", "shared", "override", "coalesced", "miss"} {
		if v := series(t, reg, "parley_translate_cache_total", "result", r); v > 0 {
			out[r] = v
		}
	}
	return out
}

// TestCacheCountsOneResultPerRequest: parley_translate_cache_total has one
// result per translate request, so that hits / all is the hit ratio.
// With Ollama unreachable and the same text translated ten times, the
// first is a miss (the next rung's call) and nine are memory hits; the
// skipped Ollama rung counted a miss of its own before, and every
// request read 50% hits.
func TestCacheCountsOneResultPerRequest(t *testing.T) {
	oa := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(esDictAlt)})
	req := api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"}
	tests := []struct {
		name string
		// start returns a translate function and the registry.
		start func(t *testing.T) (func(api.TranslateRequest) (*api.TranslateResponse, error), *prometheus.Registry)
	}{
		{"one replica, no claims", func(t *testing.T) (func(api.TranslateRequest) (*api.TranslateResponse, error), *prometheus.Registry) {
			reg := prometheus.NewRegistry()
			c := translate.NewChain([]translate.Rung{
				{Name: "ollama", Backend: unreachableOllama(t, nil)},
				{Name: "openai", Disabled: "not configured (set OPENAI_BASE_URL or OPENAI_API_KEY)"},
				{Name: "apertium", Backend: engine{}},
			}, translate.ChainConfig{Cache: cache.New(cache.Config{}, cache.NewMemory(), nil), Metrics: translate.NewMetrics(reg)}, nil)
			t.Cleanup(func() { c.Close() })
			return func(r api.TranslateRequest) (*api.TranslateResponse, error) { return c.Translate(t.Context(), r) }, reg
		}},
		{"the service over NATS, with claims", func(t *testing.T) (func(api.TranslateRequest) (*api.TranslateResponse, error), *prometheus.Registry) {
			reg := prometheus.NewRegistry()
			s := natstest.RunServer(t)
			r := config.NewReader(config.Map(map[string]string{
				"TRANSLATE_CHAIN": "ollama,openai", "OLLAMA_HOST": "http://127.0.0.1:1",
				"OPENAI_BASE_URL": oa.BaseURL(), "OPENAI_API_KEY": "sk-local",
			}))
			stop, err := translate.Start(t.Context(), svcmain.Deps{NC: natstest.Conn(t, s), Env: r, Registry: reg})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = stop() })
			// A plain request, not shared/client's: its hedged second
			// copy (sent early once earlier tests' calls have taught it
			// this subject's latency) would be a request of its own.
			nc := natstest.Conn(t, s)
			return func(r api.TranslateRequest) (*api.TranslateResponse, error) {
				data, err := json.Marshal(r)
				if err != nil {
					return nil, err
				}
				msg, err := nc.Request(api.SubjectTranslate, data, 10*time.Second)
				if err != nil {
					return nil, err
				}
				if code := msg.Header.Get("Nats-Service-Error-Code"); code != "" {
					return nil, fmt.Errorf("service error %s: %s", code, msg.Data)
				}
				var resp api.TranslateResponse
				return &resp, json.Unmarshal(msg.Data, &resp)
			}, reg
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			translateOnce, reg := tt.start(t)
			var sources []string
			for range 10 {
				resp, err := translateOnce(req)
				if err != nil || resp.Status != api.StatusTranslated {
					t.Fatalf("%+v %v", resp, err)
				}
				sources = append(sources, resp.Cache)
			}
			// The service counts a result as its request ends, which
			// may be just after the reply reached the caller: wait a
			// little for the count, never for a wrong one to go away.
			settled := func(want map[string]float64) map[string]float64 {
				got := cacheResults(t, reg)
				for deadline := time.Now().Add(5 * time.Second); fmt.Sprint(got) != fmt.Sprint(want) && time.Now().Before(deadline); {
					time.Sleep(10 * time.Millisecond)
					got = cacheResults(t, reg)
				}
				return got
			}
			want := map[string]float64{"miss": 1, "memory": 9}
			if got := settled(want); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("10 requests (answers' cache %q): parley_translate_cache_total %v, want %v", sources, got, want)
			}
			// A request no rung serves is one miss too.
			if _, err := translateOnce(api.TranslateRequest{Text: "Good morning", Source: "en", Target: "ja"}); err != nil {
				t.Fatal(err)
			}
			want = map[string]float64{"miss": 2, "memory": 9}
			if got := settled(want); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("after an untranslatable request: %v, want %v", got, want)
			}
		})
	}
}

// TestSkipsSayWhyAndBackendsSayIfAvailable: an unreachable model server
// shows as such (OLLAMA_HOST=http://127.0.0.1:1, which no request
// calls): parley_backend_available{backend} is 0, every skip is counted
// by reason in parley_translate_skips_total, and /v1/languages gives the
// reason of every rung that is not available.
func TestSkipsSayWhyAndBackendsSayIfAvailable(t *testing.T) {
	reg := prometheus.NewRegistry()
	c := translate.NewChain([]translate.Rung{
		{Name: "ollama", Backend: unreachableOllama(t, nil)},
		{Name: "openai", Disabled: "not configured (set OPENAI_BASE_URL or OPENAI_API_KEY)"},
		{Name: "apertium", Backend: engine{}},
	}, translate.ChainConfig{Metrics: translate.NewMetrics(reg)}, nil)
	defer c.Close()
	for _, target := range []string{"es", "pt"} { // pt: no LLM language
		if resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: "Good morning", Source: "en", Target: target}); err != nil || resp.Backend != "apertium" {
			t.Fatalf("%+v %v", resp, err)
		}
	}
	for _, tt := range []struct {
		family string
		labels []string
		want   float64
	}{
		{"parley_translate_skips_total", []string{"backend", "ollama", "reason", api.SkipUnavailable}, 1},
		{"parley_translate_skips_total", []string{"backend", "ollama", "reason", api.SkipUnsupported}, 1},
		{"parley_translate_skips_total", []string{"backend", "openai", "reason", api.SkipNotConfigured}, 2},
		{"parley_translate_rung_total", []string{"backend", "ollama", "outcome", "skipped"}, 2},
		{"parley_backend_available", []string{"backend", "ollama"}, 0},
		{"parley_backend_available", []string{"backend", "openai"}, 0},
		{"parley_backend_available", []string{"backend", "apertium"}, 1},
	} {
		if got := series(t, reg, tt.family, tt.labels...); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.family, tt.labels, got, tt.want)
		}
	}
	langs := c.Languages(t.Context()).Backends
	if len(langs) != 3 {
		t.Fatalf("languages %+v", langs)
	}
	if b := langs[0]; b.Available || !strings.Contains(b.Reason, "connect") {
		t.Errorf("unreachable ollama: %+v, want unavailable with the reason (cannot connect)", b)
	}
	if b := langs[1]; b.Available || !strings.HasPrefix(b.Reason, "not configured") {
		t.Errorf("openai without an endpoint: %+v, want unavailable, not configured", b)
	}
	if b := langs[2]; !b.Available || b.Reason != "" {
		t.Errorf("apertium: %+v", b)
	}
}

// logLines is a JSON log in memory.
type logLines struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// lines decodes every line, failing the test on one with a key twice
// (encoding/json would keep the last silently; log stores may not).
func (l *logLines) lines(t *testing.T) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(l.buf.Bytes()), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		if err := duplicateKeys(line); err != nil {
			t.Errorf("log line %s: %v", line, err)
		}
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("log line %s: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// find is the first line whose msg starts with prefix.
func find(lines []map[string]any, prefix string) map[string]any {
	for _, l := range lines {
		if m, _ := l["msg"].(string); strings.HasPrefix(m, prefix) {
			return l
		}
	}
	return nil
}

// duplicateKeys reports a key that occurs twice in one object of the
// JSON document data.
func duplicateKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   map[string]bool
		key    bool // the next string token is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				if top != nil && top.object {
					top.key = true
				}
				stack = append(stack, &frame{object: true, keys: map[string]bool{}, key: true})
			case '[':
				if top != nil && top.object {
					top.key = true
				}
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
			}
		case string:
			if top != nil && top.object && top.key {
				if top.keys[v] {
					return fmt.Errorf("key %q twice", v)
				}
				top.keys[v] = true
				top.key = false
				continue
			}
			if top != nil && top.object {
				top.key = true
			}
		default:
			if top != nil && top.object {
				top.key = true
			}
		}
	}
}

// TestHealthLogHasNoDuplicateKeys: the backends' loggers carry
// "backend" already; the health tracker's lines used to add it again
// ({"backend":"ollama",...,"backend":"ollama"}).
func TestHealthLogHasNoDuplicateKeys(t *testing.T) {
	var out logLines
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	ob, err := ollama.New(t.Context(), ollama.Config{Host: ol.URL(), Model: "qwen2.5:3b", Languages: llmLanguages, Refresh: time.Hour},
		slog.New(slog.NewJSONHandler(&out, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer ob.Close()
	// The server goes away: a call finds it unreachable (the first may
	// find a kept-alive connection broken instead).
	ol.Close()
	for i := 0; ; i++ {
		_, err := ob.Translate(t.Context(), backend.Request{Text: "Good morning, everyone!", Source: "en", Target: "es"})
		if errors.Is(err, backend.ErrUnavailable) {
			break
		}
		if i == 2 {
			t.Fatalf("calls to a closed server: %v", err)
		}
	}
	l := find(out.lines(t), "backend unavailable")
	if l == nil || l["backend"] != "ollama" || l["reason"] == "" {
		t.Fatalf("no backend unavailable line naming ollama and why: %s", out.buf.String())
	}
}

// TestCircuitBreakerLogsItsStateChanges: the circuit opening, a probe
// after the cooldown (half-open), a failed probe and the circuit closing
// are each one log line naming the rung.
func TestCircuitBreakerLogsItsStateChanges(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Unix(1_000_000, 0).UnixNano())
	var out logLines
	s := &scripted{}
	c := translate.NewChain([]translate.Rung{{Name: "scripted", Backend: s, Timeout: time.Second}},
		translate.ChainConfig{BreakerFailures: 2, BreakerCooldown: time.Minute, Retries: -1,
			Now: func() time.Time { return time.Unix(0, clock.Load()) }},
		slog.New(slog.NewJSONHandler(&out, nil)))
	defer c.Close()
	req := api.TranslateRequest{Text: "hola", Source: "es", Target: "en"}
	translateOnce := func() {
		t.Helper()
		if _, err := c.Translate(t.Context(), req); err != nil {
			t.Fatal(err)
		}
	}
	s.fail(backend.Errorf(backend.ErrUnavailable, nil, "refused"))
	translateOnce()
	translateOnce() // opens
	translateOnce() // skipped: no line
	clock.Add(int64(2 * time.Minute))
	translateOnce() // half-open probe, fails: open again
	clock.Add(int64(2 * time.Minute))
	s.fail(nil)
	translateOnce() // half-open probe, succeeds: closed
	var got []string
	for _, l := range out.lines(t) {
		msg, _ := l["msg"].(string)
		if !strings.HasPrefix(msg, "circuit") {
			continue
		}
		if l["backend"] != "scripted" {
			t.Errorf("%v does not name the rung", l)
		}
		got = append(got, fmt.Sprint(l["level"], " ", strings.SplitN(msg, ":", 2)[0]))
	}
	want := []string{
		"WARN circuit open after repeated failures",
		"INFO circuit half-open",
		"WARN circuit open again",
		"INFO circuit half-open",
		"INFO circuit closed",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("circuit log lines %q, want %q", got, want)
	}
}

// TestChainLogLinesCarryTheRequest: a rung's failure is logged with the
// request's id and, with tracing on (the process's log handler), its
// trace id, so that "rung failed" can be tied to the view that saw it.
func TestChainLogLinesCarryTheRequest(t *testing.T) {
	var out logLines
	log := slog.New(telemetry.LogHandler(slog.NewJSONHandler(&out, nil)))
	s := &scripted{}
	s.fail(backend.Errorf(backend.ErrTimeout, nil, "no answer"))
	c := translate.NewChain([]translate.Rung{{Name: "scripted", Backend: s, Timeout: time.Second}}, translate.ChainConfig{}, log)
	defer c.Close()
	tid, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	ctx := trace.ContextWithSpanContext(service.WithRequestID(t.Context(), "req-42"),
		trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled}))
	if _, err := c.Translate(ctx, api.TranslateRequest{Text: "hola", Source: "es", Target: "en"}); err != nil {
		t.Fatal(err)
	}
	l := find(out.lines(t), "rung failed")
	if l == nil || l["req_id"] != "req-42" || l["trace_id"] != tid.String() || l["backend"] != "scripted" {
		t.Fatalf("rung failed line %v: want req_id req-42, trace_id %s, backend scripted (log %s)", l, tid, out.buf.String())
	}
}

// TestNoLLMListsTheRungsItTurnsOff: the no_llm kill switch does not drop
// the LLM rungs silently: each is an attempt "skipped: turned off by the
// no_llm kill switch" (counted as a kill_switch skip), whether a later
// rung serves or the reader gets the original.
func TestNoLLMListsTheRungsItTurnsOff(t *testing.T) {
	srv := natstest.RunServer(t)
	ctl, closeCtl, err := translate.OpenControls(t.Context(), natstest.Conn(t, srv), 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer closeCtl()
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	oa := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(esDictAlt)})
	llmRungs := func() []translate.Rung {
		ob, err := ollama.New(t.Context(), ollama.Config{Host: ol.URL(), Model: "qwen2.5:3b", Languages: llmLanguages, Refresh: time.Hour}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ab, err := openai.New(t.Context(), openai.Config{BaseURL: oa.BaseURL(), Model: "gpt-4o-mini", Languages: llmLanguages, Refresh: time.Hour}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return []translate.Rung{{Name: "ollama", Backend: ob}, {Name: "openai", Backend: ab}}
	}
	reg := prometheus.NewRegistry()
	metrics := translate.NewMetrics(reg)
	withApertium := translate.NewChain(append(llmRungs(), translate.Rung{Name: "apertium", Backend: engine{}}),
		translate.ChainConfig{Controls: ctl, Metrics: metrics}, nil)
	defer withApertium.Close()
	llmOnly := translate.NewChain(llmRungs(), translate.ChainConfig{Controls: ctl}, nil)
	defer llmOnly.Close()

	req := api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"}
	if _, err := ctl.Flags.Set(t.Context(), flags.NoLLM, flags.Flag{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	within(t, 5*time.Second, "no_llm", func() bool {
		resp, err := withApertium.Translate(t.Context(), req)
		return err == nil && resp.Backend == "apertium"
	})
	calls := len(ol.Requests()) + len(oa.Requests())
	want := []string{"ollama: skipped: turned off by the no_llm kill switch", "openai: skipped: turned off by the no_llm kill switch"}
	for _, tt := range []struct {
		name       string
		chain      *translate.Chain
		wantStatus string
	}{
		{"apertium serves", withApertium, api.StatusTranslated},
		{"no rung left: the original", llmOnly, api.StatusOriginal},
	} {
		resp, err := tt.chain.Translate(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range resp.Attempts {
			got = append(got, a.Backend+": "+a.Error)
		}
		if resp.Status != tt.wantStatus || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: status %s, attempts %q; want %s, %q", tt.name, resp.Status, got, tt.wantStatus, want)
		}
		if tt.wantStatus == api.StatusOriginal && !strings.Contains(resp.Reason, "kill switch") {
			t.Errorf("%s: reason %q does not say the rungs were turned off", tt.name, resp.Reason)
		}
	}
	if n := len(ol.Requests()) + len(oa.Requests()); n != calls {
		t.Errorf("%d LLM calls under no_llm", n-calls)
	}
	if got := series(t, reg, "parley_translate_skips_total", "backend", "ollama", "reason", api.SkipKillSwitch); got < 2 {
		t.Errorf("kill_switch skips of ollama = %v, want at least 2", got)
	}
}
