package safety_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/safety"
	"github.com/parley-chat/parley/services/safety/guard/guardtest"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestSelfHarmRoute: self-harm (the word lists' self_harm entries, the
// guard's S11) is reviewed with the text left visible by default: the
// policy's action stays allow (nothing masked, nothing hidden), Review
// names the category (the pipeline sends such a view to the moderators)
// and the verdict lists it. A tenant's own action for the category
// applies instead, and a tenant that reviews it keeps reviewing it whatever
// its default action. Checked through the service, as the pipeline calls
// it.
func TestSelfHarmRoute(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tenants.json"), []byte(`{
		"strict": {"policy": {"categories": {"self_harm": "flag"}}},
		"masker": {"policy": {"action": "mask"}},
		"quiet":  {"policy": {"categories": {"self_harm": "allow"}}}
	}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"llama-guard3:1b"},
		Translator: guardtest.Translator(map[string][]string{"nobody would miss me": {"S11"}, "shit, nobody would miss me": {"S11"}}),
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
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	tests := []struct {
		name       string
		req        api.SafetyRequest
		action     string
		review     []string
		flaggedBy  []string
		masked     string
		categories string // of the visible side
	}{
		{"default, word list, English", api.SafetyRequest{Source: "I want to kill myself tonight", SourceLang: "en"},
			api.PolicyAllow, []string{api.CategorySelfHarm}, nil, "", "self_harm"},
		{"default, both sides", api.SafetyRequest{Source: "Ya no puedo más, me quiero morir", SourceLang: "es",
			Translation: "I can't anymore, I want to die", TargetLang: "en"},
			api.PolicyAllow, []string{api.CategorySelfHarm}, nil, "", ""},
		{"default, guard S11", api.SafetyRequest{Source: "nobody would miss me", SourceLang: "en"},
			api.PolicyAllow, []string{api.CategorySelfHarm}, nil, "", "self_harm"},
		// The translation lost it ("wanna" is in no list): the laundered
		// delta is about self-harm only, so it is reviewed, not hidden.
		{"default, laundered self-harm", api.SafetyRequest{Source: "je veux mourir", SourceLang: "fr",
			Translation: "I kinda wanna be gone", TargetLang: "en"},
			api.PolicyAllow, []string{api.CategorySelfHarm}, nil, "", ""},
		// The source's list missed it and the translation's did not: the
		// added delta is about self-harm only, so it is reviewed too.
		{"default, added self-harm", api.SafetyRequest{Source: "ich will einfach nur weg", SourceLang: "de",
			Translation: "I just want to die", TargetLang: "en"},
			api.PolicyAllow, []string{api.CategorySelfHarm}, nil, "", "self_harm"},
		// Other harm keeps its own action: the profanity is flagged, and
		// the self-harm still reviewed.
		{"default, with profanity", api.SafetyRequest{Source: "fuck this, I want to kill myself", SourceLang: "en"},
			api.PolicyFlag, []string{api.CategorySelfHarm}, []string{api.CategoryProfanity}, "**** this, I want to kill myself", "self_harm,profanity"},
		{"tenant flags it", api.SafetyRequest{Source: "I want to kill myself tonight", SourceLang: "en", Tenant: "strict"},
			api.PolicyFlag, nil, []string{api.CategorySelfHarm}, "I want to **** ****** tonight", "self_harm"},
		{"tenant flags it, guard", api.SafetyRequest{Source: "nobody would miss me", SourceLang: "en", Tenant: "strict"},
			api.PolicyFlag, nil, []string{api.CategorySelfHarm}, "", "self_harm"},
		{"tenant allows it", api.SafetyRequest{Source: "I want to kill myself tonight", SourceLang: "en", Tenant: "quiet"},
			api.PolicyAllow, nil, nil, "", "self_harm"},
		// A tenant's default action does not reach a category the
		// default policy names (as for pii): masking tenants review it.
		{"masking tenant", api.SafetyRequest{Source: "shit, nobody would miss me", SourceLang: "en", Tenant: "masker"},
			api.PolicyMask, []string{api.CategorySelfHarm}, nil, "****, nobody would miss me", "self_harm,profanity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Check(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			p := resp.Policy
			if p.Action != tt.action || !slices.Equal(p.Review, tt.review) || !slices.Equal(p.FlaggedBy, tt.flaggedBy) || p.Masked != tt.masked {
				t.Errorf("policy = %+v, want action %s, review %v, flagged by %v, masked %q", p, tt.action, tt.review, tt.flaggedBy, tt.masked)
			}
			visible := resp.Source
			if resp.Translation != nil {
				visible = *resp.Translation
			}
			if tt.categories != "" && strings.Join(visible.Categories, ",") != tt.categories {
				t.Errorf("categories = %v, want %s", visible.Categories, tt.categories)
			}
			if tt.req.SourceLang != "de" && !slices.Contains(resp.Source.Categories, api.CategorySelfHarm) {
				t.Errorf("source categories %v lack self_harm", resp.Source.Categories)
			}
		})
	}

	// The usual first-person forms, the enclitic ones ("quiero matarme",
	// "quero matar-me") as much as the proclitic ones, are reviewed; the
	// everyday lines around the same verbs are not. Spanish "me mato" is
	// left out of the lists: it is far more often "me mato trabajando"
	// (I work myself to death), "me mato de risa", or "me mató" typed
	// without its accent (he killed me), and its complements are too open
	// for benign phrases to cover.
	for _, tt := range []struct {
		lang, text string
		selfHarm   bool
	}{
		{"es", "Quiero matarme", true},
		{"es", "ya no aguanto más, voy a matarme", true},
		{"es", "me quiero matar", true},
		{"es", "me voy a matar", true},
		{"pt", "quero me matar", true},
		{"pt", "vou me matar", true},
		{"pt", "quero morrer", true},
		{"pt", "Quero matar-me", true},
		{"pt", "acho que vou matar-me hoje", true},
		{"fr", "je vais me tuer", true},
		{"fr", "je veux mourir", true},
		{"fr", "je vais me suicider", true},
		{"de", "Ich bringe mich um", true},
		{"de", "ich will sterben", true},
		{"es", "me mato trabajando para pagar el alquiler", false},
		{"es", "me mato de risa con este vídeo", false},
		{"es", "ese chiste me mató", false},
		{"es", "quiero matar el tiempo antes del vuelo", false},
		{"es", "voy a matar dos pájaros de un tiro", false},
		{"pt", "vou matar a saudade da minha terra", false},
		{"pt", "quero matar o tempo", false},
		{"fr", "je vais tuer le temps", false},
		{"fr", "je veux mourir de rire tellement c'est drôle", true}, // "je veux mourir" is listed as such: reviewed, left visible
		{"de", "ich will sterben lernen", true},                      // likewise
		{"de", "ich bringe dich um acht nach Hause", false},
		// Urged on someone else: reviewed as the guard's S11 would be.
		{"en", "just go kill yourself", true},
		{"en", "kys loser", true},
		{"", "kys", true},
		{"en", "you should die", true},
		{"en", "neck yourself lol", true},
		{"en", "don't kill yourself over the report, it can wait", false},
		{"en", "dont kill yourself working tonight", false},
		{"en", "I could kill for a coffee right now", false},
		{"fi", "kys. mitä tarkoittaa tämä?", false}, // Finnish "kysymys" cut short
	} {
		resp, err := c.Check(ctx, api.SafetyRequest{Source: tt.text, SourceLang: tt.lang})
		if err != nil {
			t.Fatal(err)
		}
		reviewed := slices.Contains(resp.Policy.Review, api.CategorySelfHarm)
		listed := slices.Contains(resp.Source.Categories, api.CategorySelfHarm)
		if reviewed != tt.selfHarm || listed != tt.selfHarm || resp.Policy.Action != api.PolicyAllow {
			t.Errorf("%s %q: review %v, categories %v, action %s; want self-harm %v, action allow",
				tt.lang, tt.text, resp.Policy.Review, resp.Source.Categories, resp.Policy.Action, tt.selfHarm)
		}
	}
}
