package safety_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/safety"
	"github.com/parley-chat/parley/services/safety/guard/guardtest"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestNoLLMGuardKillSwitch flips no_llm_guard in KV for one tenant and
// polls until the running service stops asking the guard for it (and only
// for it), then turns it back.
func TestNoLLMGuardKillSwitch(t *testing.T) {
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"llama-guard3:1b"},
		Translator: guardtest.Translator(map[string][]string{"kill them": {"S1"}}),
	})
	s := natstest.RunServer(t)
	stop, err := safety.Start(context.Background(), svcmain.Deps{
		NC: natstest.Conn(t, s),
		Env: config.NewReader(config.Map(map[string]string{
			"SAFETY_GUARD_MODEL": "llama-guard3:1b", "OLLAMA_HOST": ollama.URL(), "SAFETY_GUARD_TIMEOUT": "5s",
		})),
		Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = stop() })
	admin, err := flags.Open(t.Context(), natstest.Conn(t, s), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	c := client.Safety{NC: natstest.Conn(t, s)}
	var guardStatusOf func(api.SafetyRequest) string
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	guardStatus := func(tenant string) string {
		t.Helper()
		return guardStatusOf(api.SafetyRequest{Source: "we kill them at dawn", SourceLang: "en", Tenant: tenant})
	}
	guardStatusOf = func(req api.SafetyRequest) string {
		t.Helper()
		resp, err := c.Check(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Source.Guard == nil {
			return ""
		}
		return resp.Source.Guard.Status
	}
	// The switch is promised live within a second; a busy machine under
	// -race can hold a watch update back for longer, so only a change
	// that never arrives fails, and a late one is logged.
	poll := func(what string, cond func() bool) {
		t.Helper()
		start := time.Now()
		for !cond() {
			if time.Since(start) > 10*time.Second {
				t.Fatalf("%s: not after 10s", what)
			}
			time.Sleep(2 * time.Millisecond)
		}
		if took := time.Since(start); took > time.Second {
			t.Logf("%s: after %v, past the second promised", what, took.Round(time.Millisecond))
		}
	}
	if got := guardStatus("acme"); got != api.GuardOK {
		t.Fatalf("guard status %q before the switch", got)
	}
	// A switch for one conversation reaches the checks of its views.
	inConv := api.SafetyRequest{Source: "we kill them at dawn", SourceLang: "en", ConversationID: "c1", UserID: "u1"}
	if _, err := admin.Set(ctx, flags.NoLLMGuard, flags.Flag{Enabled: true, Conversations: []string{"c1"}}); err != nil {
		t.Fatal(err)
	}
	poll("guard off for conversation c1", func() bool { return guardStatusOf(inConv) == api.GuardUnavailable })
	other := inConv
	other.ConversationID = "c2"
	if got := guardStatusOf(other); got != api.GuardOK {
		t.Fatalf("another conversation's guard status %q", got)
	}
	if _, err := admin.Set(ctx, flags.NoLLMGuard, flags.Flag{Enabled: true, Tenants: []string{"acme"}}); err != nil {
		t.Fatal(err)
	}
	poll("guard off for acme", func() bool { return guardStatus("acme") == api.GuardUnavailable })
	if got := guardStatus("globex"); got != api.GuardOK {
		t.Fatalf("another tenant's guard status %q", got)
	}
	if err := admin.Delete(ctx, flags.NoLLMGuard); err != nil {
		t.Fatal(err)
	}
	poll("guard back for acme", func() bool { return guardStatus("acme") == api.GuardOK })
}
