package gateway_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

// TestDeepLFormalityIsDecidedPerPair: with source_lang given, more and
// less need a rung that follows a register for the pair, not only for the
// target. Spanish has an LLM rung (from English), but Catalan to Spanish
// is served by an engine alone, which ignores the register: the request is
// refused before anything is translated, prefer_* fall back to the
// default, and without source_lang the target decides (DeepL's rule).
func TestDeepLFormalityIsDecidedPerPair(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	log := slog.New(slog.DiscardHandler)
	m := service.NewMetrics(prometheus.NewRegistry())
	var mu sync.Mutex
	var asked []string // "source>target|formality" of each translation
	translate, err := service.New(nc, service.Config{Name: api.ServiceTranslate, Version: "0.0.1"}, []service.Endpoint{{
		Name: "translate", Subject: api.SubjectTranslate,
		Handler: service.JSON(func(_ context.Context, req *api.TranslateRequest) (any, error) {
			mu.Lock()
			asked = append(asked, req.Source+">"+req.Target+"|"+req.Formality)
			mu.Unlock()
			return api.TranslateResponse{Text: "hola", Status: api.StatusTranslated, Backend: "fake", Formality: req.Formality}, nil
		}),
	}, {
		Name: "languages", Subject: api.SubjectTranslateLangs,
		Handler: func(context.Context, []byte) (any, error) {
			return api.LanguagesResponse{Backends: []api.BackendInfo{
				{Name: "llm", Available: true, Languages: []string{"de", "en", "es"}},
				{Name: "apertium", Available: true, Pairs: []api.LanguagePair{{Source: "ca", Target: "es"}, {Source: "en", Target: "ca"}}},
			}}, nil
		},
	}}, m, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = translate.Stop() })
	detect, err := service.New(nc, service.Config{Name: api.ServiceDetect, Version: "0.0.1"}, []service.Endpoint{{
		Name: "detect", Subject: api.SubjectDetect,
		Handler: service.JSON(func(context.Context, *api.DetectRequest) (any, error) {
			return api.DetectResponse{Language: "en", Confidence: 0.9}, nil
		}),
	}}, m, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = detect.Stop() })
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Timeout: 10 * time.Second}, nc, reg, reg, log)
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)

	for _, tc := range []struct {
		name          string
		kv            []string
		status        int
		msg           string // part of the error message
		wantFormality string // of the translation asked for
	}{
		{"more, engine-only pair", []string{"source_lang", "CA", "target_lang", "ES", "formality", "more"}, 400,
			"'formality' is not supported for given 'source_lang' and 'target_lang'.", ""},
		{"less, engine-only pair", []string{"source_lang", "ca", "target_lang", "ES", "formality", "less"}, 400,
			"'formality' is not supported for given 'source_lang' and 'target_lang'.", ""},
		{"prefer_more, engine-only pair", []string{"source_lang", "CA", "target_lang", "ES", "formality", "prefer_more"}, 200, "", ""},
		{"more, LLM pair", []string{"source_lang", "EN", "target_lang", "ES", "formality", "more"}, 200, "", api.FormalityFormal},
		{"more, detected source", []string{"target_lang", "ES", "formality", "more"}, 200, "", api.FormalityFormal},
		{"more, engine-only target", []string{"source_lang", "EN", "target_lang", "CA", "formality", "more"}, 400,
			"'formality' is not supported for given 'target_lang'.", ""},
		{"more, unknown source", []string{"source_lang", "JA", "target_lang", "ES", "formality", "more"}, 400,
			"Value for 'source_lang' not supported.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mu.Lock()
			asked = nil
			mu.Unlock()
			r := send(t, "POST", ts.URL+"/v2/translate", formType, form(append([]string{"text", "hello"}, tc.kv...)...), nil)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			mu.Lock()
			got := slices.Clone(asked)
			mu.Unlock()
			if tc.status != 200 {
				var e gateway.DeepLError
				r.decode(t, &e)
				if !strings.Contains(e.Message, tc.msg) {
					t.Fatalf("message %q, want it to hold %q", e.Message, tc.msg)
				}
				if len(got) != 0 {
					t.Fatalf("a refused request was translated: %v", got)
				}
				return
			}
			if len(got) != 1 || !strings.HasSuffix(got[0], "|"+tc.wantFormality) {
				t.Fatalf("translations asked %v, want one with formality %q", got, tc.wantFormality)
			}
		})
	}
}
