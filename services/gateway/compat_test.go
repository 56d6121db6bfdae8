package gateway_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

// fakeDictionary is what the fake translate service knows, keyed by
// "target|text".
var fakeDictionary = map[string]string{
	"es|hello":          "hola",
	"es|good morning":   "buenos días",
	"en|hola amigo":     "hello friend",
	"de|hello":          "hallo",
	"pt-BR|hello":       "olá",
	"en-US|hola amigo":  "hello friend",
	"zh-Hant|hello":     "哈囉",
	"es|<b>hello</b>":   "<b>hola</b>",
	"en|buenos días":    "good morning",
	"fr|hello":          "bonjour",
	"es-419|hello":      "hola (LatAm)",
	"pt-PT|hello":       "olá (PT)",
	"sr-Latn|hello":     "zdravo",
	"en-GB|hola amigo":  "hello mate",
	"de|good morning":   "guten Morgen",
	"es|thank you":      "gracias",
	"es|how are you?":   "¿cómo estás?",
	"fr|good morning":   "bonjour",
	"es|see you":        "nos vemos",
	"es|bye":            "adiós",
	"en-US|buenos días": "good morning",
}

// compatGateway runs the gateway in front of fake detect and translate
// services (glossary, quality and safety are absent, so the pipeline
// degrades them) with the given PARLEY_API_KEYS spec.
func compatGateway(t *testing.T, keySpec string) string {
	t.Helper()
	return compatGatewayWith(t, keySpec, gateway.Config{}, nil).url
}

// compatEnv is a gateway in front of fake services, with its NATS server.
type compatEnv struct {
	url string
	srv *server.Server
	nc  *nats.Conn
}

// compatGatewayWith is compatGateway with a base config (Keys and Timeout
// are set here) and an optional hook that starts more services on the
// same NATS before the gateway.
func compatGatewayWith(t *testing.T, keySpec string, cfg gateway.Config, before func(nc *nats.Conn)) compatEnv {
	t.Helper()
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	startFakeServices(t, nc)
	if before != nil {
		before(nc)
	}
	keys, err := gateway.ParseKeys(keySpec)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Keys, cfg.Timeout = keys, 10*time.Second
	reg := prometheus.NewRegistry()
	gw := gateway.New(cfg, nc, reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	return compatEnv{url: ts.URL, srv: s, nc: nc}
}

// startFakeServices registers fake detect and translate services on nc.
// The fake translator follows glossary hints (a text that is exactly a
// hinted source term becomes its target), as an LLM rung would.
func startFakeServices(t *testing.T, nc *nats.Conn) {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	m := service.NewMetrics(prometheus.NewRegistry())
	detect, err := service.New(nc, service.Config{Name: api.ServiceDetect, Version: "0.0.1"}, []service.Endpoint{{
		Name: "detect", Subject: api.SubjectDetect,
		Handler: service.JSON(func(_ context.Context, req *api.DetectRequest) (any, error) {
			if strings.Contains(req.Text, "hola") || strings.Contains(req.Text, "días") {
				return api.DetectResponse{Language: "es", Confidence: 0.9,
					Alternatives: []api.LanguageScore{{Language: "es", Confidence: 0.9}, {Language: "pt", Confidence: 0.05}}}, nil
			}
			if strings.TrimSpace(req.Text) == "🙂" {
				return api.DetectResponse{Language: api.Undetermined, Reason: "no letters"}, nil
			}
			return api.DetectResponse{Language: "en", Confidence: 0.8}, nil
		}),
	}}, m, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = detect.Stop() })
	translate, err := service.New(nc, service.Config{Name: api.ServiceTranslate, Version: "0.0.1"}, []service.Endpoint{{
		Name: "translate", Subject: api.SubjectTranslate,
		Handler: service.JSON(func(_ context.Context, req *api.TranslateRequest) (any, error) {
			for _, h := range req.Terms {
				if h.Source == req.Text && h.Target != "" {
					return api.TranslateResponse{Text: h.Target, Status: api.StatusTranslated, Backend: "fake"}, nil
				}
			}
			out, ok := fakeDictionary[req.Target+"|"+req.Text]
			if !ok {
				return api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Reason: "not in the fake dictionary"}, nil
			}
			return api.TranslateResponse{Text: out, Status: api.StatusTranslated, Backend: "fake"}, nil
		}),
	}, {
		Name: "languages", Subject: api.SubjectTranslateLangs,
		Handler: func(context.Context, []byte) (any, error) {
			return api.LanguagesResponse{Backends: []api.BackendInfo{
				{Name: "fake", Available: true, Languages: []string{"de", "en", "es", "fr", "pt", "sr", "zh"}},
				{Name: "engine", Available: true, Pairs: []api.LanguagePair{{Source: "en", Target: "ca"}}},
			}}, nil
		},
	}}, m, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = translate.Stop() })
}

// send makes one request; body is JSON unless contentType says otherwise.
func send(t *testing.T, method, u, contentType, body string, header http.Header) response {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: raw}
}

const (
	jsonType = "application/json"
	formType = "application/x-www-form-urlencoded"
)

func form(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}
