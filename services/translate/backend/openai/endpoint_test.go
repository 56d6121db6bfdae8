package openai_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/shared/fakellm"
)

// A streamed translation reports its tokens: the request asks for them
// (stream_options.include_usage, which the fake honours as OpenAI does),
// unless OPENAI_STREAM_USAGE=false leaves the field out for a server that
// refuses it.
func TestStreamUsage(t *testing.T) {
	for _, off := range []bool{false, true} {
		t.Run(map[bool]string{false: "asked", true: "off"}[off], func(t *testing.T) {
			f := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(dict)})
			b := newBackend(t, f, openai.Config{Stream: true, NoStreamUsage: off})
			res, err := b.Translate(t.Context(), backend.Request{Text: "Good morning, everyone!", Source: "en", Target: "fr"})
			if err != nil {
				t.Fatal(err)
			}
			req, _ := f.LastRequest()
			if sent := strings.Contains(string(req.Body), `"include_usage":true`); sent == off {
				t.Errorf("include_usage sent = %v with NoStreamUsage = %v: %s", sent, off, req.Body)
			}
			prompt, completion := f.Tokens()
			switch {
			case off && (res.Usage.Prompt != 0 || res.Usage.Completion != 0):
				t.Errorf("usage %+v although none was asked for", res.Usage)
			case !off && (res.Usage.Prompt != prompt || res.Usage.Completion != completion || prompt == 0):
				t.Errorf("usage %+v, server counted %d/%d", res.Usage, prompt, completion)
			}
		})
	}
}

// A 404 only means a missing model when it names the model (or says
// model_not_found); otherwise the path is wrong, most often a base URL
// without /v1, and the rung says so instead of "model not found".
func TestEndpointNotFound(t *testing.T) {
	t.Run("base URL without /v1", func(t *testing.T) {
		f := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(dict)})
		b, err := openai.New(t.Context(), openai.Config{BaseURL: f.URL(), Model: "gpt-4o-mini", Refresh: time.Hour}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		_, err = b.Translate(t.Context(), backend.Request{Text: "Good morning, everyone!", Source: "en", Target: "fr"})
		if !errors.Is(err, backend.ErrUnavailable) || errors.Is(err, backend.ErrModelNotFound) || !strings.Contains(err.Error(), "end in /v1") {
			t.Fatalf("err = %v, want unavailable: endpoint not found", err)
		}
		if ok, why := b.Available(), b.Info(t.Context()).Reason; ok || !strings.Contains(why, "end in /v1") {
			t.Errorf("available %v, reason %q", ok, why)
		}
	})
	t.Run("404 page that is no OpenAI error", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		defer srv.Close()
		b, err := openai.New(t.Context(), openai.Config{BaseURL: srv.URL + "/v1", Model: "gpt-4o-mini", Refresh: time.Hour}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if info := b.Info(t.Context()); info.Available || !strings.Contains(info.Reason, "endpoint not found") {
			t.Errorf("info %+v, want unavailable: endpoint not found", info)
		}
	})
	t.Run("vLLM's model not found", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/v1/models" {
				_, _ = io.WriteString(w, `{"object":"list","data":[{"id":"gpt-4o-mini","object":"model"}]}`)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"object":"error","message":"The model `+"`other-model`"+` does not exist.","type":"NotFoundError","param":null,"code":404}`)
		}))
		defer srv.Close()
		b, err := openai.New(t.Context(), openai.Config{BaseURL: srv.URL + "/v1", Model: "gpt-4o-mini", Refresh: time.Hour}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		_, err = b.Translate(t.Context(), backend.Request{Text: "Good morning, everyone!", Source: "en", Target: "fr", Model: "other-model"})
		if !errors.Is(err, backend.ErrModelNotFound) {
			t.Fatalf("err = %v, want model not found", err)
		}
	})
}

// An Azure OpenAI-style base URL keeps its api-version query on every
// request, and OPENAI_API_KEY_HEADER=api-key sends the key in that header
// instead of a bearer token.
func TestBaseURLQueryAndKeyHeader(t *testing.T) {
	f := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(dict)})
	target, _ := url.Parse(f.URL())
	proxy := httputil.NewSingleHostReverseProxy(target)
	var (
		mu   sync.Mutex
		seen []*http.Request
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Clone(r.Context()))
		mu.Unlock()
		proxy.ServeHTTP(w, r)
	}))
	defer srv.Close()
	b, err := openai.New(t.Context(), openai.Config{
		BaseURL: srv.URL + "/v1?api-version=2024-10-21", APIKey: "azure-key", APIKeyHeader: "api-key",
		Model: "gpt-4o-mini", Refresh: time.Hour,
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.Translate(t.Context(), backend.Request{Text: "Good morning, everyone!", Source: "en", Target: "fr"}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 2 {
		t.Fatalf("%d requests, want the probe and the translation", len(seen))
	}
	for _, r := range seen {
		if got := r.URL.Query().Get("api-version"); got != "2024-10-21" {
			t.Errorf("%s %s: api-version %q", r.Method, r.URL.Path, got)
		}
		if got := r.Header.Get("api-key"); got != "azure-key" {
			t.Errorf("%s %s: api-key header %q", r.Method, r.URL.Path, got)
		}
		if got := r.Header.Get("Authorization"); got != "" {
			t.Errorf("%s %s: Authorization %q sent besides api-key", r.Method, r.URL.Path, got)
		}
	}
}
