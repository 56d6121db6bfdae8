package translate_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// startService runs the translate service as its main would, on an embedded
// NATS server, and returns a client connection.
func startService(t *testing.T, env map[string]string) client.Translate {
	t.Helper()
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	r := config.NewReader(config.Map(env))
	stop, err := translate.Start(t.Context(), svcmain.Deps{NC: nc, Env: r})
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return client.Translate{NC: natstest.Conn(t, s)}
}

func TestServiceOverNATS(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	oa := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(esDictAlt), APIKey: "sk-local"})
	c := startService(t, map[string]string{
		"TRANSLATE_CHAIN": "ollama,openai",
		"OLLAMA_HOST":     ol.URL(),
		"OPENAI_BASE_URL": oa.BaseURL(),
		"OPENAI_API_KEY":  "sk-local",
		"OLLAMA_TIMEOUT":  "500ms",
	})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()

	t.Run("translate", func(t *testing.T) {
		resp, err := c.Translate(ctx, api.TranslateRequest{Text: "Parley ships on Friday.", Source: "en", Target: "es", Protect: []string{"Parley"}})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != api.StatusTranslated || resp.Backend != "ollama" || resp.Model != "qwen2.5:3b" || resp.Text != "Parley sale el viernes." {
			t.Errorf("got %+v", resp)
		}
	})
	t.Run("falls back when ollama hangs", func(t *testing.T) {
		ol.SetMode(fakellm.Hang)
		defer ol.SetMode(fakellm.OK)
		resp, err := c.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Backend != "openai" || resp.Text != "¡Buen día a todos!" || len(resp.Attempts) != 1 || !strings.HasPrefix(resp.Attempts[0].Error, "timed out") {
			t.Errorf("got %+v", resp)
		}
	})
	t.Run("bad input keeps its code across NATS", func(t *testing.T) {
		_, err := c.Translate(ctx, api.TranslateRequest{Text: "", Source: "en", Target: "es"})
		var ae *api.Error
		if !errors.As(err, &ae) || ae.Code != api.CodeEmptyText || ae.Field != "text" {
			t.Fatalf("err = %#v", err)
		}
		_, err = c.Translate(ctx, api.TranslateRequest{Text: "hi", Source: "auto", Target: "es"})
		if !errors.As(err, &ae) || ae.Code != api.CodeInvalidLanguage {
			t.Fatalf("err = %#v", err)
		}
	})
	t.Run("languages", func(t *testing.T) {
		langs, err := c.Languages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(langs.Backends) != 2 || langs.Backends[0].Name != "ollama" || !langs.Backends[0].Available ||
			langs.Backends[1].Name != "openai" || langs.Backends[1].Model != "gpt-4o-mini" || len(langs.Backends[0].Languages) == 0 {
			t.Errorf("languages = %+v", langs)
		}
	})
}

func TestServiceWithoutBackends(t *testing.T) {
	// No LLM answers and OpenAI is not configured: every request gets the
	// original text, never an error.
	c := startService(t, map[string]string{
		"TRANSLATE_CHAIN": "ollama,openai",
		"OLLAMA_HOST":     "127.0.0.1:1",
	})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	resp, err := c.Translate(ctx, api.TranslateRequest{Text: "Good morning", Source: "en", Target: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusOriginal || resp.Text != "Good morning" || len(resp.Attempts) != 2 ||
		resp.Attempts[0].Error != "skipped: unavailable" || !strings.Contains(resp.Attempts[1].Error, "not configured") {
		t.Errorf("got %+v", resp)
	}
	langs, err := c.Languages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range langs.Backends {
		if b.Available {
			t.Errorf("%s reported available", b.Name)
		}
	}
}

func TestServiceApertiumRung(t *testing.T) {
	if !apertium.Available() {
		t.Skip("Apertium is not installed (apt-get install apertium apertium-eng-spa); skipping the offline rung")
	}
	ol := fakellm.StartOllama(t, fakellm.Config{Mode: fakellm.Busy})
	c := startService(t, map[string]string{
		"TRANSLATE_CHAIN": "ollama,apertium",
		"OLLAMA_HOST":     ol.URL(),
	})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	langs, err := c.Languages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(langs.Backends) != 2 || langs.Backends[1].Name != "apertium" || len(langs.Backends[1].Pairs) == 0 {
		t.Fatalf("languages = %+v", langs)
	}
	pair := langs.Backends[1].Pairs[0]
	resp, err := c.Translate(ctx, api.TranslateRequest{Text: "house", Source: pair.Source, Target: pair.Target})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusTranslated || resp.Backend != "apertium" || len(resp.Attempts) != 1 || resp.Attempts[0].Backend != "ollama" {
		t.Errorf("got %+v", resp)
	}
}

func TestStartRejectsBadConfig(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	for _, env := range []map[string]string{
		{"TRANSLATE_CHAIN": "ollama,deepl"},
		{"TRANSLATE_CHAIN": "ollama,ollama", "OLLAMA_HOST": "127.0.0.1:1"},
		{"TRANSLATE_WORKERS": "many"},
		{"TRANSLATE_CHAIN": "openai", "OPENAI_API_KEY": "k", "OPENAI_TOKEN_LIMIT_FIELD": "tokens"},
	} {
		stop, err := translate.Start(t.Context(), svcmain.Deps{NC: nc, Env: config.NewReader(config.Map(env))})
		if err == nil {
			_ = stop()
			t.Errorf("Start accepted %v", env)
		}
	}
}
