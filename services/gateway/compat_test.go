package gateway_test

import (
	"context"
	"io"
	"log/slog"
	"mime/multipart"
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
	// Texts for the safety policy tests (compat_safety_test.go).
	"es|" + piiText:   "llámame al +1 415 555 0134 o escribe a jo@example.com hoy",
	"es|" + swearText: "esta mierda está rota",
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
			if d, ok := fakeDetections[req.Text]; ok {
				return d, nil
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
			// The register and the context a DeepL request asked for
			// reach the translator (compat_deepl_options_test.go).
			if n := len(req.Context); n > 0 {
				if out, ok := fakeInContext[req.Target+"|"+req.Text+"|"+req.Context[n-1].Text]; ok {
					return api.TranslateResponse{Text: out, Status: api.StatusTranslated, Backend: "fake"}, nil
				}
			}
			if out, ok := fakeRegisters[req.Target+"|"+req.Text+"|"+req.Formality]; ok && req.Formality != "" {
				return api.TranslateResponse{Text: out, Status: api.StatusTranslated, Backend: "fake", Formality: req.Formality}, nil
			}
			if out, ok := fakeCorrections[req.Target+"|"+req.Text]; ok {
				// What the translate service answers with a moderator's
				// correction (its override) of the text.
				return api.TranslateResponse{Text: out, Status: api.StatusTranslated, Backend: "moderator", Cache: api.CacheOverride}, nil
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

// TestCompatErrorShapes holds every error on a compatible route to its
// API's shape, including those raised before the handler runs (no such
// route, wrong method, a bad key in the authenticate middleware) and
// bodies that fail to parse, while Parley's own routes keep theirs.
func TestCompatErrorShapes(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	big := strings.Repeat("x", 300<<10) // over the default 256 KiB body limit
	multipartBig, multipartType := multipartBody(t, "q", big, "source", "en", "target", "es", "api_key", clientKey)
	tests := []struct {
		name, method, path, ctype, body string
		header                          http.Header
		status                          int
		shape                           string // libre, deepl or native
		msg                             string // part of the message, if set
	}{
		{"libre GET /translate", "GET", "/translate", "", "", nil, 405, "libre", ""},
		{"libre GET /detect", "GET", "/detect", "", "", nil, 405, "libre", ""},
		{"libre POST /languages", "POST", "/languages", "", "", nil, 405, "libre", ""},
		{"libre route not served", "POST", "/translate_file", formType, "", nil, 404, "libre", ""},
		{"libre bad bearer key", "POST", "/translate", jsonType, `{"q":"hello","source":"en","target":"es"}`,
			http.Header{"Authorization": {"Bearer wrong-key-0123456789"}}, 403, "libre", "Invalid API key"},
		{"libre bad escape", "POST", "/translate", formType, "q=hello%zz&source=en&target=es&api_key=" + clientKey, nil, 400, "libre", "malformed form body"},
		{"libre semicolon separator", "POST", "/translate", formType, "q=hello;source=en&target=es&api_key=" + clientKey, nil, 400, "libre", "malformed form body"},
		{"libre bad query", "POST", "/translate?x=%zz", formType, form("q", "hello", "source", "en", "target", "es", "api_key", clientKey), nil, 400, "libre", "malformed query string"},
		{"libre oversized form", "POST", "/translate", formType, form("q", "hello", "source", "en", "target", "es", "api_key", clientKey, "pad", big), nil, 413, "libre", ""},
		{"libre oversized form, key in the lost part", "POST", "/translate", formType, form("q", "hello", "source", "en", "target", "es", "pad", big, "api_key", clientKey), nil, 413, "libre", ""},
		{"libre oversized multipart", "POST", "/translate", multipartType, multipartBig, nil, 413, "libre", ""},
		{"libre oversized without content type", "POST", "/translate", "", form("q", "hello", "pad", big), nil, 413, "libre", ""},

		{"deepl GET /v2/translate", "GET", "/v2/translate", "", "", deeplHeader(clientKey), 405, "deepl", ""},
		{"deepl unknown route", "GET", "/v2/nope", "", "", deeplHeader(clientKey), 404, "deepl", ""},
		{"deepl unknown route without key", "POST", "/v2/document", "", "", nil, 404, "deepl", ""},
		{"deepl bad bearer key", "POST", "/v2/translate", formType, form("text", "hello", "target_lang", "ES"),
			http.Header{"Authorization": {"Bearer wrong-key-0123456789"}}, 403, "deepl", "Authorization failure"},
		{"deepl bad escape", "POST", "/v2/translate", formType, "text=hello%zz&target_lang=ES", deeplHeader(clientKey), 400, "deepl", "malformed form body"},
		{"deepl oversized form", "POST", "/v2/translate", formType, form("text", "hello", "target_lang", "ES", "pad", big), deeplHeader(clientKey), 413, "deepl", ""},

		{"native unknown route", "GET", "/v1/nope", "", "", nil, 404, "native", ""},
		{"native wrong method", "GET", "/v1/translate", "", "", nil, 405, "native", ""},
		{"native near a libre path", "POST", "/translate/", jsonType, `{}`, nil, 404, "native", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, tt.method, u+tt.path, tt.ctype, tt.body, tt.header)
			var body map[string]any
			r.decode(t, &body)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			var msg string
			switch tt.shape {
			case "libre":
				msg, _ = body["error"].(string)
				if r.header.Get("Access-Control-Allow-Origin") != "*" {
					t.Error("LibreTranslate error without Access-Control-Allow-Origin")
				}
			case "deepl":
				msg, _ = body["message"].(string)
				if _, ok := body["error"]; ok {
					t.Errorf("DeepL error carries Parley's error member: %s", r.body)
				}
			case "native":
				e, _ := body["error"].(map[string]any)
				msg, _ = e["message"].(string)
			}
			if msg == "" || !strings.Contains(msg, tt.msg) {
				t.Fatalf("not a %s error with %q: %s", tt.shape, tt.msg, r.body)
			}
		})
	}
}

// multipartBody encodes kv as multipart/form-data and returns the body
// and its Content-Type.
func multipartBody(t *testing.T, kv ...string) (body, contentType string) {
	t.Helper()
	var buf strings.Builder
	w := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(kv); i += 2 {
		if err := w.WriteField(kv[i], kv[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String(), w.FormDataContentType()
}

// TestFormatCaseIsIgnoredEverywhere: "HTML" is HTML mode on Parley's own
// route and on both compatible APIs, and an unknown format is refused on
// each, in its own words.
func TestFormatCaseIsIgnoredEverywhere(t *testing.T) {
	u := compatGateway(t, "")
	for _, tc := range []struct {
		name, path, ctype, body string
		status                  int
		want                    string // part of the answer
	}{
		{"native", "/v1/translate", jsonType, `{"text":"<b>hello</b>","source":"en","target":"es","format":"HTML"}`, 200, `"text":"\u003cb\u003ehola\u003c/b\u003e"`},
		{"libretranslate", "/translate", jsonType, `{"q":"<b>hello</b>","source":"en","target":"es","format":"HTML"}`, 200, `"translatedText":"\u003cb\u003ehola\u003c/b\u003e"`},
		{"deepl", "/v2/translate", formType, form("text", "<b>hello</b>", "source_lang", "EN", "target_lang", "ES", "tag_handling", "HTML"), 200, `"text":"\u003cb\u003ehola\u003c/b\u003e"`},
		{"native, unknown", "/v1/translate", jsonType, `{"text":"hello","source":"en","target":"es","format":"PDF"}`, 400, `"field":"format"`},
		{"libretranslate, unknown", "/translate", jsonType, `{"q":"hello","source":"en","target":"es","format":"PDF"}`, 400, `PDF format is not supported`},
		{"deepl, unknown", "/v2/translate", formType, form("text", "hello", "target_lang", "ES", "tag_handling", "PDF"), 400, `Value for 'tag_handling' not supported.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, "POST", u+tc.path, tc.ctype, tc.body, nil)
			if r.status != tc.status || !strings.Contains(string(r.body), tc.want) {
				t.Fatalf("%d %s, want %d with %s", r.status, r.body, tc.status, tc.want)
			}
		})
	}
}
