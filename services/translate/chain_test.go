package translate_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// The fake models know these sentences and nothing else.
var (
	esDict = map[string]string{
		"Good morning, everyone!": "¡Buenos días a todos!",
		"⟦0⟧ ships on Friday.":    "⟦0⟧ sale el viernes.",
	}
	esDictAlt = map[string]string{
		"Good morning, everyone!": "¡Buen día a todos!",
		"⟦0⟧ ships on Friday.":    "⟦0⟧ se lanza el viernes.",
	}
)

var llmLanguages = []string{"en", "es", "fr", "de"}

type fakes struct {
	ollama, openai *fakellm.Server
}

// newLLMChain builds a chain of the real Ollama and OpenAI rungs over fake
// servers; ollamaTimeout is the first rung's own budget.
func newLLMChain(t testing.TB, ollamaTimeout time.Duration, cfg translate.ChainConfig) (*translate.Chain, fakes) {
	t.Helper()
	f := fakes{
		ollama: fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)}),
		openai: fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(esDictAlt)}),
	}
	ob, err := ollama.New(context.Background(), ollama.Config{Host: f.ollama.URL(), Model: "qwen2.5:3b", Stream: true, Languages: llmLanguages, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ab, err := openai.New(context.Background(), openai.Config{BaseURL: f.openai.BaseURL(), Model: "gpt-4o-mini", Languages: llmLanguages, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := translate.NewChain([]translate.Rung{
		{Name: ollama.Name, Backend: ob, Timeout: ollamaTimeout},
		{Name: openai.Name, Backend: ab, Timeout: 5 * time.Second},
	}, cfg, nil)
	t.Cleanup(func() { c.Close() })
	return c, f
}

func TestChainFallsDownTheLadder(t *testing.T) {
	dropSentinel := fakellm.Dictionary(map[string]string{"⟦0⟧ ships on Friday.": "Parlé sale el viernes."})
	tests := []struct {
		name        string
		ollamaMode  fakellm.Mode
		ollamaTr    fakellm.Translator
		ollamaRaw   bool
		openaiMode  fakellm.Mode
		text        string
		protect     []string
		wantBackend string
		wantText    string
		wantAttempt string // error of the ollama attempt
	}{
		{name: "first rung serves", text: "Good morning, everyone!", wantBackend: "ollama", wantText: "¡Buenos días a todos!"},
		{name: "protected term kept", text: "Parley ships on Friday.", protect: []string{"Parley"}, wantBackend: "ollama", wantText: "Parley sale el viernes."},
		{name: "model not pulled", ollamaMode: fakellm.NotFound, text: "Good morning, everyone!", wantBackend: "openai", wantText: "¡Buen día a todos!", wantAttempt: "model not found"},
		{name: "ollama busy", ollamaMode: fakellm.Busy, text: "Good morning, everyone!", wantBackend: "openai", wantText: "¡Buen día a todos!", wantAttempt: "busy"},
		{name: "error mid-stream", ollamaMode: fakellm.MidStreamError, text: "Good morning, everyone!", wantBackend: "openai", wantText: "¡Buen día a todos!", wantAttempt: "failed"},
		{name: "ollama hangs", ollamaMode: fakellm.Hang, text: "Good morning, everyone!", wantBackend: "openai", wantText: "¡Buen día a todos!", wantAttempt: "timed out"},
		{name: "sentinel lost", ollamaTr: dropSentinel, text: "Parley ships on Friday.", protect: []string{"Parley"}, wantBackend: "openai", wantText: "Parley se lanza el viernes.", wantAttempt: "protected terms not preserved"},
		{name: "not JSON", ollamaRaw: true, text: "Good morning, everyone!", wantBackend: "openai", wantText: "¡Buen día a todos!", wantAttempt: "unusable output"},
		{name: "nothing serves", ollamaMode: fakellm.Busy, openaiMode: fakellm.ServerError, text: "Good morning, everyone!", wantBackend: "none", wantText: "Good morning, everyone!", wantAttempt: "busy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Only the hanging server needs a short timeout; the others
			// answer (or fail) at once, retries included, and must not be
			// taken for slow ones on a busy machine.
			timeout := 10 * time.Second
			if tt.ollamaMode == fakellm.Hang {
				timeout = 300 * time.Millisecond
			}
			c, f := newLLMChain(t, timeout, translate.ChainConfig{})
			if tt.ollamaRaw {
				f.ollama.SetRaw(true)
			}
			if tt.ollamaTr != nil {
				f.ollama.SetTranslator(tt.ollamaTr)
			}
			f.ollama.SetMode(tt.ollamaMode)
			f.openai.SetMode(tt.openaiMode)
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: "en", Target: "es", Protect: tt.protect})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Backend != tt.wantBackend || resp.Text != tt.wantText {
				t.Fatalf("got %s %q, want %s %q (attempts %+v)", resp.Backend, resp.Text, tt.wantBackend, tt.wantText, resp.Attempts)
			}
			wantStatus := api.StatusTranslated
			if tt.wantBackend == "none" {
				wantStatus = api.StatusOriginal
			}
			if resp.Status != wantStatus {
				t.Errorf("status = %s", resp.Status)
			}
			if tt.wantAttempt == "" {
				if len(resp.Attempts) != 0 || resp.Reason != "" {
					t.Errorf("attempts %+v reason %q on a first-rung success", resp.Attempts, resp.Reason)
				}
				return
			}
			if len(resp.Attempts) == 0 || resp.Attempts[0].Backend != "ollama" || !strings.HasPrefix(resp.Attempts[0].Error, tt.wantAttempt) {
				t.Fatalf("attempts = %+v, want ollama: %s", resp.Attempts, tt.wantAttempt)
			}
			if resp.Attempts[0].Model != "qwen2.5:3b" {
				t.Errorf("attempt model = %q", resp.Attempts[0].Model)
			}
			if resp.Status == api.StatusOriginal {
				if len(resp.Attempts) != 2 || !strings.Contains(resp.Reason, "ollama: busy") || !strings.Contains(resp.Reason, "openai: failed") {
					t.Errorf("reason %q attempts %+v", resp.Reason, resp.Attempts)
				}
			}
		})
	}
}

func TestChainExclude(t *testing.T) {
	c, f := newLLMChain(t, time.Second, translate.ChainConfig{})
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", Exclude: []string{"ollama"}})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Backend != "openai" || len(resp.Attempts) != 0 {
		t.Errorf("got %+v", resp)
	}
	if n := len(f.ollama.Requests()); n != 0 {
		t.Errorf("excluded rung got %d requests", n)
	}
	resp, err = c.Translate(t.Context(), api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", Exclude: []string{"ollama", "OpenAI"}})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusOriginal || resp.Reason != "every backend was excluded" {
		t.Errorf("got %+v", resp)
	}
}

func TestChainSameLanguage(t *testing.T) {
	c, f := newLLMChain(t, time.Second, translate.ChainConfig{})
	for _, tt := range []struct{ source, target string }{{"en-GB", "en-US"}, {"pt", "pt-BR"}, {"zh-CN", "zh-Hans"}} {
		resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: "Colour me impressed", Source: tt.source, Target: tt.target})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != api.StatusOriginal || resp.Text != "Colour me impressed" || resp.Reason != "same language" || resp.Backend != "none" {
			t.Errorf("%s>%s: got %+v", tt.source, tt.target, resp)
		}
	}
	if len(f.ollama.Requests())+len(f.openai.Requests()) != 0 {
		t.Error("a backend was called for a same-language request")
	}
	// A different script is a different written language.
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: "Good morning, everyone!", Source: "zh-Hans", Target: "zh-TW"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Reason == "same language" {
		t.Errorf("zh-Hans>zh-TW treated as the same language: %+v", resp)
	}
}

func TestChainBadInput(t *testing.T) {
	c, _ := newLLMChain(t, time.Second, translate.ChainConfig{MaxRunes: 20})
	many := make([]api.TermHint, 300)
	for i := range many {
		many[i] = api.TermHint{Source: "a", Target: "b"}
	}
	tests := []struct {
		name      string
		req       api.TranslateRequest
		wantCode  api.Code
		wantField string
	}{
		{"empty text", api.TranslateRequest{Text: "  ", Source: "en", Target: "es"}, api.CodeEmptyText, "text"},
		{"invalid UTF-8", api.TranslateRequest{Text: "a\xffb", Source: "en", Target: "es"}, api.CodeInvalidUTF8, "text"},
		{"too long", api.TranslateRequest{Text: strings.Repeat("a", 21), Source: "en", Target: "es"}, api.CodeTextTooLong, "text"},
		{"no source", api.TranslateRequest{Text: "hi", Target: "es"}, api.CodeInvalidLanguage, "source"},
		{"auto source", api.TranslateRequest{Text: "hi", Source: "auto", Target: "es"}, api.CodeInvalidLanguage, "source"},
		{"undetermined source", api.TranslateRequest{Text: "hi", Source: "und", Target: "es"}, api.CodeInvalidLanguage, "source"},
		{"bad target", api.TranslateRequest{Text: "hi", Source: "en", Target: "not a tag"}, api.CodeInvalidLanguage, "target"},
		{"bad protected term", api.TranslateRequest{Text: "hi", Source: "en", Target: "es", Protect: []string{"\xff"}}, api.CodeInvalidUTF8, "protect"},
		{"too many terms", api.TranslateRequest{Text: "hi", Source: "en", Target: "es", Terms: many}, api.CodeInvalidArgument, "terms"},
		{"empty term", api.TranslateRequest{Text: "hi", Source: "en", Target: "es", Terms: []api.TermHint{{Source: "x"}}}, api.CodeInvalidArgument, "terms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Translate(t.Context(), tt.req)
			var ae *api.Error
			if !errors.As(err, &ae) || ae.Code != tt.wantCode || ae.Field != tt.wantField {
				t.Fatalf("err = %v, want %s on %s", err, tt.wantCode, tt.wantField)
			}
			if ae.Status() >= 500 {
				t.Errorf("bad input answered %d", ae.Status())
			}
		})
	}
}

// A hanging first rung with a long timeout must not eat the whole request:
// the chain clips it to the deadline minus the reserve and still answers.
// By default it leaves the second rung its share, so both are tried; with
// the fallback reserve off the first takes everything and the second is
// skipped for want of time.
func TestChainAnswersWithinTheDeadline(t *testing.T) {
	for _, tt := range []struct {
		name       string
		fallback   time.Duration
		wantOpenAI string
		wantOllama string
	}{
		{name: "later rungs get their share", wantOllama: "timed out", wantOpenAI: "timed out"},
		{name: "fallback reserve off", fallback: -1, wantOllama: "timed out", wantOpenAI: "skipped: no time left in the request's budget"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, f := newLLMChain(t, time.Minute, translate.ChainConfig{Reserve: 300 * time.Millisecond, FallbackReserve: tt.fallback})
			f.ollama.SetMode(fakellm.Hang)
			f.openai.SetMode(fakellm.Hang)
			ctx, cancel := context.WithTimeout(t.Context(), time.Second)
			defer cancel()
			resp, err := c.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if ctx.Err() != nil {
				t.Fatal("the answer came after the caller's deadline")
			}
			if resp.Status != api.StatusOriginal || len(resp.Attempts) != 2 {
				t.Fatalf("got %+v", resp)
			}
			if !strings.HasPrefix(resp.Attempts[0].Error, tt.wantOllama) {
				t.Errorf("ollama attempt = %+v, want %s", resp.Attempts[0], tt.wantOllama)
			}
			if !strings.HasPrefix(resp.Attempts[1].Error, tt.wantOpenAI) {
				t.Errorf("openai attempt = %+v, want %s", resp.Attempts[1], tt.wantOpenAI)
			}
		})
	}
}

// A hanging LLM must not spend the time the rungs after it need: with a
// short request budget the offline rung (engine, which answers at once)
// still serves, and the LLM's attempt is recorded as timed out. With two
// LLMs, a hanging first one leaves the second its chance too. The LLM
// timeouts are longer than any budget here, as in production (the gateway's
// 15 s against OPENAI_TIMEOUT=15s): only the chain's sharing bounds them.
func TestChainLeavesTimeForTheFallback(t *testing.T) {
	const text = "Good morning, everyone!"
	tests := []struct {
		name         string
		budget       time.Duration
		chain        []string // rungs, in order
		ollamaMode   fakellm.Mode
		openaiMode   fakellm.Mode
		wantBackend  string
		wantText     string
		wantAttempts []string // backend: error prefix, in order
	}{
		{name: "LLM hangs, 1.5 s budget", budget: 1500 * time.Millisecond, chain: []string{"openai", "apertium"}, openaiMode: fakellm.Hang,
			wantBackend: "apertium", wantText: "Buenos días a todos", wantAttempts: []string{"openai: timed out"}},
		{name: "LLM hangs, 3 s budget", budget: 3 * time.Second, chain: []string{"openai", "apertium"}, openaiMode: fakellm.Hang,
			wantBackend: "apertium", wantText: "Buenos días a todos", wantAttempts: []string{"openai: timed out"}},
		{name: "both LLMs hang", budget: 3 * time.Second, chain: []string{"ollama", "openai", "apertium"}, ollamaMode: fakellm.Hang, openaiMode: fakellm.Hang,
			wantBackend: "apertium", wantText: "Buenos días a todos", wantAttempts: []string{"ollama: timed out", "openai: timed out"}},
		{name: "first LLM hangs, the second answers", budget: 3 * time.Second, chain: []string{"ollama", "openai", "apertium"}, ollamaMode: fakellm.Hang,
			wantBackend: "openai", wantText: "¡Buen día a todos!", wantAttempts: []string{"ollama: timed out"}},
		{name: "first LLM down, the second answers", budget: 3 * time.Second, chain: []string{"ollama", "openai", "apertium"}, ollamaMode: fakellm.NotFound,
			wantBackend: "openai", wantText: "¡Buen día a todos!", wantAttempts: []string{"ollama: model not found"}},
		{name: "a working LLM serves", budget: 1500 * time.Millisecond, chain: []string{"ollama", "apertium"},
			wantBackend: "ollama", wantText: "¡Buenos días a todos!"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fakes{
				ollama: fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict), Mode: tt.ollamaMode}),
				openai: fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(esDictAlt), Mode: tt.openaiMode}),
			}
			var rungs []translate.Rung
			for _, name := range tt.chain {
				switch name {
				case "ollama":
					ob, err := ollama.New(t.Context(), ollama.Config{Host: f.ollama.URL(), Model: "qwen2.5:3b", Stream: true, Languages: llmLanguages, Refresh: time.Hour}, nil)
					if err != nil {
						t.Fatal(err)
					}
					rungs = append(rungs, translate.Rung{Name: name, Backend: ob, Timeout: time.Minute})
				case "openai":
					ab, err := openai.New(t.Context(), openai.Config{BaseURL: f.openai.BaseURL(), Model: "gpt-4o-mini", Languages: llmLanguages, Refresh: time.Hour}, nil)
					if err != nil {
						t.Fatal(err)
					}
					rungs = append(rungs, translate.Rung{Name: name, Backend: ab, Timeout: time.Minute})
				case "apertium":
					rungs = append(rungs, translate.Rung{Name: name, Backend: engine{}, Timeout: 5 * time.Second})
				}
			}
			c := translate.NewChain(rungs, translate.ChainConfig{Reserve: 100 * time.Millisecond, Retries: -1}, nil)
			defer c.Close()
			ctx, cancel := context.WithTimeout(t.Context(), tt.budget)
			defer cancel()
			resp, err := c.Translate(ctx, api.TranslateRequest{Text: text, Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if ctx.Err() != nil {
				t.Error("the answer came after the caller's deadline")
			}
			if resp.Backend != tt.wantBackend || resp.Text != tt.wantText || resp.Status != api.StatusTranslated {
				t.Fatalf("got %s %s %q, want %s %q (attempts %+v)", resp.Status, resp.Backend, resp.Text, tt.wantBackend, tt.wantText, resp.Attempts)
			}
			var got []string
			for _, a := range resp.Attempts {
				got = append(got, a.Backend+": "+a.Error)
			}
			if len(got) != len(tt.wantAttempts) {
				t.Fatalf("attempts %q, want %q", got, tt.wantAttempts)
			}
			for i, want := range tt.wantAttempts {
				if !strings.HasPrefix(got[i], want) {
					t.Errorf("attempt %d = %q, want %s…", i, got[i], want)
				}
			}
		})
	}
}

func TestChainSkipsRungsThatCannotServe(t *testing.T) {
	f := fakellm.StartOllama(t, fakellm.Config{Models: []string{"other:1b"}})
	ob, err := ollama.New(t.Context(), ollama.Config{Host: f.URL(), Model: "qwen2.5:3b", Languages: llmLanguages, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := translate.NewChain([]translate.Rung{
		{Name: "ollama", Backend: ob},
		{Name: "apertium", Disabled: "not installed"},
	}, translate.ChainConfig{}, nil)
	defer c.Close()
	tests := []struct {
		target string
		want   []string
	}{
		{"es", []string{"ollama: skipped: unavailable", "apertium: skipped: not installed"}},
		{"ja", []string{"ollama: skipped: does not translate en to ja", "apertium: skipped: not installed"}},
	}
	for _, tt := range tests {
		resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: "Good morning", Source: "en", Target: tt.target})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range resp.Attempts {
			got = append(got, a.Backend+": "+a.Error)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || resp.Status != api.StatusOriginal {
			t.Errorf("%s: attempts %q status %s", tt.target, got, resp.Status)
		}
		if !strings.Contains(resp.Reason, "no backend translated en to "+tt.target) {
			t.Errorf("reason = %q", resp.Reason)
		}
	}
	if len(f.Requests()) != 0 {
		t.Error("an unavailable rung was called")
	}
}

// scripted is a rung whose answers a test decides, for the chain's own
// bookkeeping (the breaker) where the transport does not matter.
type scripted struct {
	calls atomic.Int32
	err   atomic.Value // error to return, or nil
}

func (s *scripted) Name() string                 { return "scripted" }
func (s *scripted) Supports(string, string) bool { return true }
func (s *scripted) Info(context.Context) api.BackendInfo {
	return api.BackendInfo{Name: "scripted", Available: true}
}
func (s *scripted) Close() error   { return nil }
func (s *scripted) fail(err error) { s.err.Store(&err) }
func (s *scripted) Translate(ctx context.Context, req backend.Request) (backend.Result, error) {
	s.calls.Add(1)
	if p, ok := s.err.Load().(*error); ok && *p != nil {
		return backend.Result{}, *p
	}
	return backend.Result{Text: "traducido", Model: "script"}, nil
}

// gaugeValue reads the gauge name{backend} from reg (0 when absent).
func gaugeValue(t *testing.T, reg *prometheus.Registry, name, backend string) float64 {
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
			for _, l := range m.GetLabel() {
				if l.GetName() == "backend" && l.GetValue() == backend {
					return m.GetGauge().GetValue()
				}
			}
		}
	}
	return 0
}

func TestChainCircuitBreaker(t *testing.T) {
	now := time.Unix(1_000_000, 0)
	var clock atomic.Int64
	clock.Store(now.UnixNano())
	s := &scripted{}
	reg := prometheus.NewRegistry()
	c := translate.NewChain([]translate.Rung{{Name: "scripted", Backend: s, Timeout: time.Second}},
		translate.ChainConfig{BreakerFailures: 2, BreakerCooldown: time.Minute, Now: func() time.Time { return time.Unix(0, clock.Load()) },
			Metrics: translate.NewMetrics(reg)}, nil)
	req := api.TranslateRequest{Text: "hola", Source: "es", Target: "en"}
	// What /v1/languages and the metrics say of the rung. The gauges are
	// read at scrape time: an open circuit reports half-open once its
	// cooldown passed, though no request reached the rung since.
	state := func(wantAvailable bool, wantReason string, wantOpen, wantHalfOpen float64) {
		t.Helper()
		b := c.Languages(t.Context()).Backends[0]
		if b.Available != wantAvailable || !strings.Contains(b.Reason, wantReason) || (wantReason == "") != (b.Reason == "") {
			t.Fatalf("languages: %+v; want available %v, reason %q", b, wantAvailable, wantReason)
		}
		if got := gaugeValue(t, reg, "parley_translate_circuit_open", "scripted"); got != wantOpen {
			t.Fatalf("parley_translate_circuit_open = %v, want %v", got, wantOpen)
		}
		if got := gaugeValue(t, reg, "parley_translate_circuit_half_open", "scripted"); got != wantHalfOpen {
			t.Fatalf("parley_translate_circuit_half_open = %v, want %v", got, wantHalfOpen)
		}
	}
	step := func(wantCalls int32, wantStatus string) {
		t.Helper()
		resp, err := c.Translate(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if s.calls.Load() != wantCalls || resp.Status != wantStatus {
			t.Fatalf("calls = %d status = %s (attempts %+v); want %d %s", s.calls.Load(), resp.Status, resp.Attempts, wantCalls, wantStatus)
		}
	}
	// Bad answers say nothing about health: they never open the circuit.
	s.fail(backend.Errorf(backend.ErrBadOutput, nil, "garbled"))
	for i := int32(1); i <= 3; i++ {
		step(i, api.StatusOriginal)
	}
	s.fail(backend.Errorf(backend.ErrUnavailable, nil, "refused"))
	step(4, api.StatusOriginal)
	state(true, "", 0, 0)
	step(5, api.StatusOriginal) // second failure opens the circuit
	state(false, "circuit open", 1, 0)
	step(5, api.StatusOriginal) // skipped while open
	clock.Add(int64(2 * time.Minute))
	state(true, "half-open", 0, 1)
	step(6, api.StatusOriginal) // one probe, which fails and reopens
	state(false, "circuit open", 1, 0)
	step(6, api.StatusOriginal)
	clock.Add(int64(2 * time.Minute))
	s.fail(nil)
	step(7, api.StatusTranslated) // the probe succeeds and closes it
	state(true, "", 0, 0)
	step(8, api.StatusTranslated)
}

func TestChainLanguages(t *testing.T) {
	c, _ := newLLMChain(t, time.Second, translate.ChainConfig{})
	got := c.Languages(t.Context())
	if len(got.Backends) != 2 {
		t.Fatalf("backends = %+v", got.Backends)
	}
	for i, want := range []struct{ name, model string }{{"ollama", "qwen2.5:3b"}, {"openai", "gpt-4o-mini"}} {
		b := got.Backends[i]
		if b.Name != want.name || b.Model != want.model || !b.Available || strings.Join(b.Languages, ",") != "en,es,fr,de" {
			t.Errorf("backend %d = %+v", i, b)
		}
	}
}

// TestChainServesApologies: an LLM's translation of a message that
// apologises or declines is served, and a refusal still moves the chain
// on. "I'm sorry" and "I can't" alone were refused as commentary, so no
// rung could translate "Lo siento" into English.
func TestChainServesApologies(t *testing.T) {
	f := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(map[string]string{
		"Lo siento, no puedo ir hoy":   "I'm sorry, I can't go today",
		"Avísame si necesitas algo":    "Let me know if you need anything",
		"Désolé, je ne peux pas venir": "Sorry, I can't come",
		"eres un idiota y lo sabes":    "I'm sorry, but I can't help with that.",
	})})
	ob, err := ollama.New(t.Context(), ollama.Config{Host: f.URL(), Model: "qwen2.5:3b", Languages: llmLanguages, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := translate.NewChain([]translate.Rung{{Name: ollama.Name, Backend: ob, Timeout: 10 * time.Second}}, translate.ChainConfig{}, nil)
	t.Cleanup(func() { c.Close() })
	tests := []struct {
		text, source, want string
		served             bool
	}{
		{"Lo siento, no puedo ir hoy", "es", "I'm sorry, I can't go today", true},
		{"Avísame si necesitas algo", "es", "Let me know if you need anything", true},
		{"Désolé, je ne peux pas venir", "fr", "Sorry, I can't come", true},
		{"eres un idiota y lo sabes", "es", "comments instead of translating (refusal", false},
	}
	for _, tt := range tests {
		resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: tt.source, Target: "en"})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tt.served && (resp.Status != api.StatusTranslated || resp.Text != tt.want):
			t.Errorf("%q: status %s, %q (%s); want %q served", tt.text, resp.Status, resp.Text, resp.Reason, tt.want)
		case !tt.served && (resp.Status != api.StatusOriginal || !strings.Contains(resp.Reason, tt.want)):
			t.Errorf("%q: status %s, reason %q; want the original, the answer refused with %q", tt.text, resp.Status, resp.Reason, tt.want)
		}
	}
}
