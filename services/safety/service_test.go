package safety_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/safety"
	"github.com/parley-chat/parley/services/safety/guard/guardtest"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

func TestServiceEndToEnd(t *testing.T) {
	s := natstest.RunServer(t)
	stop, err := safety.Start(context.Background(), svcmain.Deps{
		NC:  natstest.Conn(t, s),
		Env: config.NewReader(config.Map(map[string]string{"SAFETY_WORKERS": "2"})),
		Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	c := client.Safety{NC: natstest.Conn(t, s)}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	t.Run("both sides", func(t *testing.T) {
		source := "Stop being such a bastard"
		resp, err := c.Check(ctx, api.SafetyRequest{
			Source: source, SourceLang: "en", Translation: "Deja de ser tan cabrón", TargetLang: "es",
		})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Source.Safe || len(resp.Source.Spans) != 1 || resp.Source.Spans[0].Text != "bastard" || resp.Source.Lexicon != "ldnoobw:en" {
			t.Errorf("source verdict = %+v", resp.Source)
		}
		if sp := resp.Source.Spans[0]; source[sp.Start:sp.End] != "bastard" {
			t.Errorf("span offsets [%d,%d) do not point at the word", sp.Start, sp.End)
		}
		if resp.Translation == nil || resp.Translation.Safe || resp.Translation.Severity != api.SeverityMedium || resp.Translation.Lexicon != "ldnoobw:es" {
			t.Errorf("translation verdict = %+v", resp.Translation)
		}
		if resp.Delta == nil || resp.Delta.Added || resp.Delta.Laundered {
			t.Errorf("delta = %+v", resp.Delta)
		}
		if resp.Policy == nil || resp.Policy.Action != api.PolicyFlag {
			t.Errorf("policy = %+v", resp.Policy)
		}
	})
	t.Run("clean source without translation", func(t *testing.T) {
		resp, err := c.Check(ctx, api.SafetyRequest{Source: "A classic from Scunthorpe", SourceLang: "en-GB"})
		if err != nil {
			t.Fatal(err)
		}
		if !resp.Source.Safe || resp.Source.Severity != api.SeverityNone || resp.Translation != nil {
			t.Errorf("resp = %+v", resp)
		}
	})
	t.Run("bad request", func(t *testing.T) {
		_, err := c.Check(ctx, api.SafetyRequest{Source: "", SourceLang: "en"})
		var e *api.Error
		if !errors.As(err, &e) || e.Code != api.CodeEmptyText {
			t.Fatalf("err = %v, want empty_text", err)
		}
	})
}

// TestServiceWithTenantsAndGuard starts the service the way a deployment
// configures it: tenant lists from a directory and the LLM guard on a
// (fake) Ollama server.
func TestServiceWithTenantsAndGuard(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tenants.json"), []byte(`{
		"acme": {"policy": {"action": "mask", "categories": {"pii": "mask"}}, "deny": [{"term": "frak", "lang": "en"}]}
	}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"llama-guard3:1b"},
		Translator: guardtest.Translator(map[string][]string{"kill them": {"S1"}}),
	})
	s := natstest.RunServer(t)
	stop, err := safety.Start(context.Background(), svcmain.Deps{
		NC: natstest.Conn(t, s),
		Env: config.NewReader(config.Map(map[string]string{
			"SAFETY_TENANT_LISTS":  dir,
			"SAFETY_GUARD_MODEL":   "llama-guard3:1b",
			"OLLAMA_HOST":          ollama.URL(),
			"SAFETY_GUARD_TIMEOUT": "5s",
		})),
		Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = stop() })
	c := client.Safety{NC: natstest.Conn(t, s)}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	resp, err := c.Check(ctx, api.SafetyRequest{
		Source: "frak, call 0612345678", SourceLang: "en",
		Translation: "frak, appelle le 0612345678", TargetLang: "en", Tenant: "acme",
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := resp.Policy; p.Action != api.PolicyMask || p.Masked != "****, appelle le **********" || p.Tenant != "acme" {
		t.Errorf("policy = %+v", p)
	}
	if g := resp.Translation.Guard; g == nil || g.Status != api.GuardOK || !g.Safe {
		t.Errorf("guard = %+v", g)
	}
	resp, err = c.Check(ctx, api.SafetyRequest{Source: "we kill them at dawn", SourceLang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if v := resp.Source; v.Safe || strings.Join(v.Categories, ",") != api.CategoryViolentCrimes || resp.Policy.Action != api.PolicyFlag {
		t.Errorf("guard verdict = %+v, policy %+v", v, resp.Policy)
	}
	// The same message again (a group chat's next reader): the guard's
	// classification is remembered (SAFETY_GUARD_MEMO_TTL, 10 minutes by
	// default), not asked for again.
	calls := len(ollama.Requests())
	resp, err = c.Check(ctx, api.SafetyRequest{Source: "we kill them at dawn", SourceLang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if g := resp.Source.Guard; resp.Source.Safe || g == nil || g.Memo != "kept" || len(ollama.Requests()) != calls {
		t.Errorf("second check: verdict %+v, guard %+v, %d more requests", resp.Source, g, len(ollama.Requests())-calls)
	}
	if _, err := c.Check(ctx, api.SafetyRequest{Source: "hi", SourceLang: "en", Tenant: "no spaces please"}); api.ErrorCode(err) != api.CodeInvalidArgument {
		t.Errorf("bad tenant: err = %v", err)
	}
}

func TestStartRejectsBadSettings(t *testing.T) {
	s := natstest.RunServer(t)
	missing := filepath.Join(t.TempDir(), "missing.json")
	for _, env := range []map[string]string{
		{"SAFETY_WORKERS": "lots"}, {"SAFETY_WORKERS": "0"},
		{"SAFETY_TENANT_LISTS": missing},
		{"SAFETY_GUARD_MODEL": "llama-guard3", "SAFETY_GUARD_PROMPT": "verbose"},
		{"SAFETY_GUARD_MODEL": "llama-guard3", "SAFETY_GUARD_TIMEOUT": "soon"},
		{"SAFETY_GUARD_FAIL": "maybe"},
	} {
		_, err := safety.Start(context.Background(), svcmain.Deps{NC: natstest.Conn(t, s), Env: config.NewReader(config.Map(env))})
		if err == nil {
			t.Errorf("Start accepted %v", env)
		}
	}
}

// TestServiceHungGuard is the SRE's report: with the guard hanging and
// SAFETY_GUARD_TIMEOUT at its default (as long as the pipeline's safety
// step), every check through NATS still answers within the caller's
// budget with the word lists' verdict, and the circuit opens, as the
// guard's metrics on the service's registry show.
func TestServiceHungGuard(t *testing.T) {
	ollama := fakellm.StartOllama(t, fakellm.Config{Models: []string{"llama-guard3:1b"}, Mode: fakellm.Hang})
	s := natstest.RunServer(t)
	reg := prometheus.NewRegistry()
	stop, err := safety.Start(context.Background(), svcmain.Deps{
		NC:       natstest.Conn(t, s),
		Env:      config.NewReader(config.Map(map[string]string{"SAFETY_GUARD_MODEL": "llama-guard3:1b", "OLLAMA_HOST": ollama.URL(), "SAFETY_FLAGS": "false"})),
		Registry: reg,
		Log:      slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = stop() })
	c := client.Safety{NC: natstest.Conn(t, s)}
	series := func(name, outcome string) float64 {
		t.Helper()
		mfs, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		for _, mf := range mfs {
			for _, m := range mf.GetMetric() {
				got := ""
				for _, l := range m.GetLabel() {
					if l.GetName() == "outcome" {
						got = l.GetValue()
					}
				}
				if mf.GetName() == name && got == outcome {
					return m.GetCounter().GetValue() + m.GetGauge().GetValue()
				}
			}
		}
		t.Fatalf("no %s{outcome=%q} on the registry", name, outcome)
		return 0
	}

	// The first check's calls time out; the client's hedged copies time
	// out beside them and count too, so the breaker may open before the
	// second check asks (timeout or unavailable); by the third it is open.
	for i, wants := range [][]string{{api.GuardTimeout}, {api.GuardTimeout, api.GuardUnavailable}, {api.GuardUnavailable}} {
		ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		resp, err := c.Check(ctx, api.SafetyRequest{
			Source: "Hello my friend, you are a fucking bitch " + strconv.Itoa(i), SourceLang: "en",
			Translation: "Hola amigo, eres un hijo de puta " + strconv.Itoa(i), TargetLang: "es",
		})
		cancel()
		if err != nil {
			t.Fatalf("check %d: %v", i, err)
		}
		if g := resp.Translation.Guard; g == nil || !slices.Contains(wants, g.Status) || resp.Translation.Safe || resp.Policy.Action == api.PolicyAllow {
			t.Errorf("check %d: translation %+v, guard %+v, policy %+v; want the word lists' verdict, guard %v", i, resp.Translation, g, resp.Policy, wants)
		}
	}
	if got := series("parley_safety_guard_circuit_open", ""); got != 1 {
		t.Errorf("parley_safety_guard_circuit_open = %v, want 1", got)
	}
	if got := series("parley_safety_guard_requests_total", "timeout"); got < 3 {
		t.Errorf("timeouts = %v, want at least 3", got)
	}
	if got := series("parley_safety_guard_requests_total", "unavailable"); got < 2 {
		t.Errorf("skipped = %v, want at least 2", got)
	}
}

// TestGuardWaitsDoNotHoldWorkers is the moderator's report from a busy
// evening: with the guard on and the model slow, checks whose guard
// answer is remembered (a group chat's next reader) and checks of new
// texts the model has room for waited behind the checks the model was
// working on, because those held every worker. A check waiting on the
// guard now hands its worker on (SAFETY_WAITING); with SAFETY_WAITING=0
// it keeps it, as before.
func TestGuardWaitsDoNotHoldWorkers(t *testing.T) {
	for _, tc := range []struct {
		waiting string
		served  bool
	}{
		{"", true}, // the default
		{"0", false},
	} {
		t.Run("waiting="+tc.waiting, func(t *testing.T) {
			gate := fakellm.NewGate()
			slow := func(r fakellm.Request) bool { return strings.Contains(guardtest.Message(r), "slow") }
			rules := guardtest.Translator(map[string][]string{"kill them": {"S1"}})
			ollama := fakellm.StartOllama(t, fakellm.Config{Models: []string{"llama-guard3:1b"}, Translator: gate.Hold(slow, rules)})
			t.Cleanup(gate.Open)
			env := map[string]string{
				"SAFETY_GUARD_MODEL": "llama-guard3:1b", "OLLAMA_HOST": ollama.URL(), "SAFETY_FLAGS": "false",
				"SAFETY_GUARD_TIMEOUT": "20s", "SAFETY_WORKERS": "2", "SAFETY_GUARD_CONCURRENCY": "4",
			}
			if tc.waiting != "" {
				env["SAFETY_WAITING"] = tc.waiting
			}
			s := natstest.RunServer(t)
			stop, err := safety.Start(context.Background(), svcmain.Deps{
				NC: natstest.Conn(t, s), Env: config.NewReader(config.Map(env)), Log: slog.New(slog.DiscardHandler),
			})
			if err != nil {
				t.Fatalf("Start: %v", err)
			}
			t.Cleanup(func() { _ = stop() })
			c := client.Safety{NC: natstest.Conn(t, s)}
			ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
			defer cancel()
			remembered := api.SafetyRequest{Source: "we kill them at dawn", SourceLang: "en"}
			if _, err := c.Check(ctx, remembered); err != nil {
				t.Fatal(err)
			}

			// Both workers' checks wait on the model.
			slowDone := make(chan error, 2)
			for _, text := range []string{"slow one", "slow two"} {
				go func() {
					resp, err := c.Check(ctx, api.SafetyRequest{Source: text, SourceLang: "en"})
					if err == nil && (resp.Source.Guard == nil || resp.Source.Guard.Status != api.GuardOK) {
						t.Errorf("%q: guard %+v", text, resp.Source.Guard)
					}
					slowDone <- err
				}()
			}
			gate.WaitHeld(t, 2)

			if !tc.served {
				// Queued behind the waiting checks: the short budget runs
				// out before a worker is free.
				short, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
				defer cancel()
				if resp, err := c.Check(short, remembered); err == nil {
					t.Fatalf("with SAFETY_WAITING=0, a check behind two waiting workers was answered: %+v", resp)
				}
				return
			}
			resp, err := c.Check(ctx, remembered)
			if err != nil || resp.Source.Safe || resp.Source.Guard == nil || resp.Source.Guard.Memo != "kept" {
				t.Fatalf("the remembered check behind two waiting ones: %+v, %v", resp, err)
			}
			resp, err = c.Check(ctx, api.SafetyRequest{Source: "see you at the standup", SourceLang: "en"})
			if err != nil || resp.Source.Guard == nil || resp.Source.Guard.Status != api.GuardOK || resp.Source.Guard.Memo != "" {
				t.Fatalf("a new check while the model has room: %+v, %v", resp, err)
			}
			select {
			case err := <-slowDone:
				t.Fatalf("a slow check ended before the model answered it: %v", err)
			default:
			}
			gate.Open()
			for range 2 {
				if err := <-slowDone; err != nil {
					t.Errorf("slow check: %v", err)
				}
			}
		})
	}
}

// BenchmarkRememberedBehindSlowGuard: the latency of a check whose guard
// answer is remembered (a group chat's next reader) while the replica's
// two workers are kept busy by checks of new texts at a guard model that
// takes 20 ms a call. "baseline" is the same check with the model idle;
// "waiting" hands a waiting check's worker on (the default); "waiting-0"
// keeps it (SAFETY_WAITING=0), so the check queues for a worker behind
// the model's calls.
func BenchmarkRememberedBehindSlowGuard(b *testing.B) {
	const delay = 20 * time.Millisecond
	for _, bc := range []struct {
		name, waiting string
		busy          bool
	}{
		{"baseline", "", false},
		{"waiting", "", true},
		{"waiting-0", "0", true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			rules := guardtest.Translator(map[string][]string{"kill them": {"S1"}})
			ollama := fakellm.StartOllama(b, fakellm.Config{Models: []string{"llama-guard3:1b"}, Translator: func(r fakellm.Request) (string, error) {
				if strings.Contains(guardtest.Message(r), "slow") {
					time.Sleep(delay)
				}
				return rules(r)
			}})
			env := map[string]string{
				"SAFETY_GUARD_MODEL": "llama-guard3:1b", "OLLAMA_HOST": ollama.URL(), "SAFETY_FLAGS": "false",
				"SAFETY_WORKERS": "2", "SAFETY_GUARD_CONCURRENCY": "8",
			}
			if bc.waiting != "" {
				env["SAFETY_WAITING"] = bc.waiting
			}
			s := natstest.RunServer(b)
			stop, err := safety.Start(context.Background(), svcmain.Deps{
				NC: natstest.Conn(b, s), Env: config.NewReader(config.Map(env)), Log: slog.New(slog.DiscardHandler),
			})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { _ = stop() })
			c := client.Safety{NC: natstest.Conn(b, s)}
			remembered := api.SafetyRequest{Source: "we kill them at dawn", SourceLang: "en"}
			if _, err := c.Check(b.Context(), remembered); err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(b.Context())
			var busy sync.WaitGroup
			if bc.busy {
				// Two callers keep two checks of new texts at the model.
				var n atomic.Int64
				for range 2 {
					busy.Go(func() {
						for ctx.Err() == nil {
							text := "a slow message, number " + strconv.FormatInt(n.Add(1), 10)
							_, _ = c.Check(ctx, api.SafetyRequest{Source: text, SourceLang: "en"})
						}
					})
				}
				time.Sleep(2 * delay)
			}
			for b.Loop() {
				resp, err := c.Check(b.Context(), remembered)
				if err != nil || resp.Source.Guard == nil || resp.Source.Guard.Memo != "kept" {
					b.Fatalf("%+v %v", resp, err)
				}
			}
			b.StopTimer()
			cancel()
			busy.Wait()
		})
	}
}
