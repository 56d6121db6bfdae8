package safety

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/safety/guard"
	"github.com/parley-chat/parley/services/safety/guard/guardtest"
	"github.com/parley-chat/parley/services/safety/lexicon"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// guardRules are what the fake Llama Guard finds unsafe. "explode" makes
// the fake server fail that one request.
var guardRules = map[string][]string{
	"kill them all":                  {"S1", "S10"},
	"matadlos a todos":               {"S1"},
	"lose weight fast by not eating": {"S11"},
}

func guardChecker(t *testing.T, srv *fakellm.Server, cfg guard.Config, tenants *Tenants) *Checker {
	t.Helper()
	if cfg.Model == "" {
		cfg.Model = "llama-guard3:1b"
	}
	cfg.Host = srv.URL()
	g, err := guard.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	lists, err := lexicon.Lists()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Lists: lists, Guard: g, Tenants: tenants})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func failOn(word string, next fakellm.Translator) fakellm.Translator {
	return func(r fakellm.Request) (string, error) {
		if strings.Contains(guardtest.Message(r), word) {
			return "", fakellm.ServerError
		}
		return next(r)
	}
}

func TestCheckWithGuard(t *testing.T) {
	srv := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"llama-guard3:1b"},
		Translator: failOn("explode", guardtest.Translator(guardRules)),
	})
	c := guardChecker(t, srv, guard.Config{}, nil)
	ctx := context.Background()

	t.Run("guard finds what the word lists cannot", func(t *testing.T) {
		resp, err := c.Check(ctx, &api.SafetyRequest{
			Source: "We should kill them all", SourceLang: "en", Translation: "Deberíamos matarlos", TargetLang: "es",
		})
		if err != nil {
			t.Fatal(err)
		}
		src := resp.Source
		if src.Safe || src.Severity != api.SeverityHigh || strings.Join(src.Categories, ",") != "hate,violent_crimes" ||
			len(src.Spans) != 0 || !slices.Contains(src.Checks, api.CheckGuard) {
			t.Errorf("source verdict = %+v", src)
		}
		if g := src.Guard; g == nil || g.Status != api.GuardOK || g.Model != "llama-guard3:1b" || strings.Join(g.Codes, ",") != "S1,S10" {
			t.Errorf("source guard = %+v", src.Guard)
		}
		tr := resp.Translation
		if !tr.Safe || tr.Guard == nil || tr.Guard.Status != api.GuardOK || !tr.Guard.Safe {
			t.Errorf("translation verdict = %+v (guard %+v)", tr, tr.Guard)
		}
		if d := resp.Delta; !d.Laundered || d.Added || d.Partial || strings.Join(d.LaunderedCategories, ",") != "hate,violent_crimes" {
			t.Errorf("delta = %+v", *d)
		}
		if resp.Policy.Action != api.PolicyFlag {
			t.Errorf("policy = %+v", resp.Policy)
		}
	})

	t.Run("guard and word lists together", func(t *testing.T) {
		resp, err := c.Check(ctx, &api.SafetyRequest{Source: "fuck, lose weight fast by not eating", SourceLang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		v := resp.Source
		if strings.Join(v.Categories, ",") != "self_harm,profanity" || v.Severity != api.SeverityHigh || len(v.Spans) != 1 {
			t.Errorf("verdict = %+v", v)
		}
		if strings.Join(v.Checks, ",") != "lexicon,pii,guard" {
			t.Errorf("checks = %v", v.Checks)
		}
	})

	t.Run("guard fails on one side: the delta is partial", func(t *testing.T) {
		resp, err := c.Check(ctx, &api.SafetyRequest{
			Source: "Let it explode, you bastard", SourceLang: "en", Translation: "Que explote", TargetLang: "es",
		})
		if err != nil {
			t.Fatal(err)
		}
		src := resp.Source
		if g := src.Guard; g == nil || g.Status != api.GuardError || g.Error == "" || slices.Contains(src.Checks, api.CheckGuard) {
			t.Errorf("failed guard = %+v, checks %v", src.Guard, src.Checks)
		}
		if src.Safe || src.Spans[0].Text != "bastard" {
			t.Errorf("the word lists did not stand in: %+v", src)
		}
		if d := resp.Delta; !d.Partial || !d.Laundered {
			t.Errorf("delta = %+v", *d)
		}
	})

	t.Run("a guard category cannot be masked, so it is flagged", func(t *testing.T) {
		ts, err := NewTenants(map[string]TenantConfig{"maskall": {Policy: &Policy{Action: api.PolicyMask}}})
		if err != nil {
			t.Fatal(err)
		}
		mc := guardChecker(t, srv, guard.Config{}, ts)
		resp, err := mc.Check(ctx, &api.SafetyRequest{
			Source: "kill them all", SourceLang: "en", Translation: "matadlos a todos, cabrón", TargetLang: "es", Tenant: "maskall",
		})
		if err != nil {
			t.Fatal(err)
		}
		p := resp.Policy
		if p.Action != api.PolicyFlag || p.Masked != "matadlos a todos, ******" {
			t.Errorf("decision = %+v", *p)
		}
		if !slices.ContainsFunc(p.Reasons, func(r string) bool { return strings.Contains(r, "violent_crimes (high, guard): flag") }) {
			t.Errorf("reasons = %q", p.Reasons)
		}
	})
}

// An "unsafe" with a code outside the taxonomy is a verdict, not a failed
// guard: the message is not allowed through on the word lists alone, and
// the category is unspecified with the code as answered.
func TestGuardUnknownCode(t *testing.T) {
	for _, answer := range []string{"unsafe\nS15", "unsafe\nO1"} {
		t.Run(answer, func(t *testing.T) {
			srv := fakellm.StartOllama(t, fakellm.Config{
				Models:     []string{"llama-guard3:1b"},
				Translator: func(fakellm.Request) (string, error) { return answer, nil },
			})
			c := guardChecker(t, srv, guard.Config{}, nil)
			resp, err := c.Check(context.Background(), &api.SafetyRequest{Source: "something the taxonomy lacks", SourceLang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			v := resp.Source
			code := strings.TrimPrefix(answer, "unsafe\n")
			if g := v.Guard; g == nil || g.Status != api.GuardOK || g.Safe || strings.Join(g.Codes, ",") != code ||
				strings.Join(g.Categories, ",") != guard.Unspecified {
				t.Fatalf("guard = %+v", v.Guard)
			}
			if v.Safe || v.Severity != api.SeverityMedium || strings.Join(v.Categories, ",") != guard.Unspecified {
				t.Errorf("verdict = %+v", v)
			}
		})
	}
}

// A guard model that was never pulled is reported as such: the check's
// guard status is unavailable with the command that fixes it, and Probe
// (run at start) finds it.
func TestGuardModelNotPulled(t *testing.T) {
	srv := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}, Translator: guardtest.Translator(guardRules)})
	c := guardChecker(t, srv, guard.Config{Model: "llama-guard3:1b"}, nil)
	resp, err := c.Check(context.Background(), &api.SafetyRequest{Source: "kill them all", SourceLang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if g := resp.Source.Guard; g == nil || g.Status != api.GuardUnavailable || !strings.Contains(g.Error, "ollama pull llama-guard3:1b") {
		t.Errorf("guard = %+v, want unavailable: model not pulled (ollama pull llama-guard3:1b)", resp.Source.Guard)
	}
}

func TestGuardFallback(t *testing.T) {
	tests := []struct {
		name   string
		mode   fakellm.Mode
		status string
	}{
		{"server busy", fakellm.Busy, api.GuardError},
		{"model hangs", fakellm.Hang, api.GuardTimeout},
		// Unavailable, saying which model to pull (TestGuardModelNotPulled).
		{"model missing", fakellm.NotFound, api.GuardUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakellm.StartOllama(t, fakellm.Config{Models: []string{"llama-guard3:1b"}, Mode: tt.mode, Translator: guardtest.Translator(guardRules)})
			// Only the hanging server needs a short timeout; the others
			// answer at once and must not be mistaken for slow ones on a
			// busy machine.
			timeout := 10 * time.Second
			if tt.mode == fakellm.Hang {
				timeout = 50 * time.Millisecond
			}
			c := guardChecker(t, srv, guard.Config{Timeout: timeout, FailureThreshold: 4}, nil)
			req := &api.SafetyRequest{Source: "kill them all, asshole", SourceLang: "en", Translation: "mátalos a todos, gilipollas", TargetLang: "es"}
			for round := 0; round < 3; round++ {
				resp, err := c.Check(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				want := tt.status
				if round == 2 {
					want = api.GuardUnavailable // two rounds, four failures, opened the circuit
				}
				for _, v := range []api.Verdict{resp.Source, *resp.Translation} {
					if v.Guard == nil || v.Guard.Status != want || v.Guard.Error == "" {
						t.Errorf("round %d: guard = %+v, want status %s", round, v.Guard, want)
					}
					if strings.Join(v.Checks, ",") != "lexicon,pii" {
						t.Errorf("round %d: checks = %v", round, v.Checks)
					}
					if v.Safe || v.Severity != api.SeverityMedium || strings.Join(v.Categories, ",") != "profanity" {
						t.Errorf("round %d: word-list verdict = %+v", round, v)
					}
				}
				if resp.Delta.Partial || resp.Delta.Added || resp.Delta.Laundered {
					t.Errorf("round %d: delta = %+v", round, *resp.Delta)
				}
			}
		})
	}
}

// A hung guard costs a check its share of the caller's time, not the
// caller's whole deadline: the check answers before it with the word
// lists' verdict and policy, and the timeouts open the circuit (three in
// a row), after which the guard is skipped at once. SAFETY_GUARD_TIMEOUT
// as long as the caller's deadline is the case the SRE found: the
// pipeline's 3 s safety step against the default 3 s.
func TestHungGuardLeavesTheWordListsInTime(t *testing.T) {
	const deadline = time.Second
	srv := fakellm.StartOllama(t, fakellm.Config{Models: []string{"llama-guard3:1b"}, Mode: fakellm.Hang, Translator: guardtest.Translator(guardRules)})
	c := guardChecker(t, srv, guard.Config{Timeout: deadline, FailureThreshold: 3}, nil)
	plain, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		status   string
		quickest time.Duration // the guard's slot, unless skipped
	}{
		{api.GuardTimeout, deadline * 7 / 10},
		{api.GuardTimeout, deadline * 7 / 10}, // four timeouts: the circuit opens
		{api.GuardUnavailable, 0},
		{api.GuardUnavailable, 0},
	}
	for i, tt := range tests {
		req := &api.SafetyRequest{
			Source: "Hello my friend, you are a fucking bitch " + strconv.Itoa(i), SourceLang: "en",
			Translation: "Hola amigo, eres un hijo de puta " + strconv.Itoa(i), TargetLang: "es",
		}
		want, err := plain.Check(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		start := time.Now()
		resp, err := c.Check(ctx, req)
		took := time.Since(start)
		late := ctx.Err() != nil
		cancel()
		if err != nil {
			t.Fatalf("check %d: %v", i, err)
		}
		if late || took < tt.quickest || (tt.quickest == 0 && took > 250*time.Millisecond) {
			t.Errorf("check %d answered after %s (deadline passed: %v)", i, took, late)
		}
		for side, v := range map[string][2]api.Verdict{"source": {resp.Source, want.Source}, "translation": {*resp.Translation, *want.Translation}} {
			got, lists := v[0], v[1]
			if got.Guard == nil || got.Guard.Status != tt.status {
				t.Errorf("check %d %s: guard = %+v, want status %s", i, side, got.Guard, tt.status)
			}
			if got.Safe || got.Safe != lists.Safe || got.Severity != lists.Severity ||
				!slices.Equal(got.Categories, lists.Categories) || !slices.Equal(got.Checks, lists.Checks) {
				t.Errorf("check %d %s: verdict %+v, want the word lists' %+v", i, side, got, lists)
			}
		}
		if resp.Policy == nil || want.Policy == nil || resp.Policy.Action != want.Policy.Action || resp.Policy.Action == api.PolicyAllow {
			t.Errorf("check %d: policy %+v, want the word lists' %+v", i, resp.Policy, want.Policy)
		}
	}
}
