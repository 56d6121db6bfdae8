package gateway_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/detect"
	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// startDetect runs the detect service on nc over a few languages (the
// models load in seconds) that still make short texts close calls: es, ca
// and pt for "hola" and "casa linda", fr beside them for "merci!".
func startDetect(t testing.TB, nc *nats.Conn) {
	t.Helper()
	env := map[string]string{"DETECT_LANGUAGES": "en,es,fr,de,pt,ca", "DETECT_PRELOAD": "true"}
	stop, err := detect.Start(context.Background(), svcmain.Deps{
		NC: nc, Env: config.NewReader(func(k string) string { return env[k] }),
		Metrics: service.NewMetrics(prometheus.NewRegistry()), Registry: prometheus.NewRegistry(),
		Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
}

// TestDetectionHints: detection hints reach the detect service from every
// product path. /v1/detect takes hints and spans as the NATS subject does
// and refuses bad hints as the service does; /v1/translate passes its
// hints to detection; a message's sender_locale and the languages of its
// conversation's earlier messages (its tenant's only) place short
// messages that the text alone leaves undetermined. The detect service is
// the real one.
func TestDetectionHints(t *testing.T) {
	keys, err := gateway.ParseKeys(chatKeySet)
	if err != nil {
		t.Fatal(err)
	}
	e := startChatDetecting(t, nil, gateway.Config{Keys: keys}, nil, startDetect)
	key := bearer(chatAcmeKey)
	post := func(t *testing.T, path, body string) httpResult {
		t.Helper()
		return do(t, "POST", e.url+path, body, key...)
	}

	t.Run("/v1/detect takes hints and spans", func(t *testing.T) {
		tests := []struct {
			body, want string
		}{
			{`{"text":"casa linda"}`, api.Undetermined},
			{`{"text":"casa linda","hints":{"sender_locale":"pt-BR"}}`, "pt"},
			{`{"text":"casa linda","hints":{"sender_locale":"pt_BR"}}`, "pt"},
			{`{"text":"hola","hints":{"recent_languages":["es","und","es"]}}`, "es"},
			// A wrong hint does not override a sentence.
			{`{"text":"Where is the nearest train station, please?","hints":{"sender_locale":"es"}}`, "en"},
		}
		for _, tt := range tests {
			got := decodeAs[api.DetectResponse](t, post(t, "/v1/detect", tt.body), http.StatusOK)
			if got.Language != tt.want {
				t.Errorf("%s: %s (%s), want %s", tt.body, got.Language, got.Reason, tt.want)
			}
		}
		got := decodeAs[api.DetectResponse](t, post(t, "/v1/detect",
			`{"text":"I love this song so much, c'est vraiment magnifique","spans":true}`), http.StatusOK)
		if len(got.Spans) < 2 || got.Spans[0].Language != "en" || got.Spans[len(got.Spans)-1].Language != "fr" {
			t.Fatalf("spans %+v", got.Spans)
		}
	})

	t.Run("/v1/detect refuses bad hints as the service does", func(t *testing.T) {
		tests := []struct {
			hints  string
			status int
			field  string
		}{
			{`{"sender_locale":"xx"}`, 422, "hints.sender_locale"},
			{`{"sender_locale":"es-ES_tradnl"}`, 400, "hints.sender_locale"},
			{`{"recent_languages":["es","en-YY"]}`, 400, "hints.recent_languages[1]"},
			{`{"recent_languages":["zz"]}`, 422, "hints.recent_languages[0]"},
			{`{"accept_language":"en;q=x"}`, 400, "hints.accept_language"},
			{`{"accept_language":"ja;q=1.5"}`, 400, "hints.accept_language"},
		}
		for _, tt := range tests {
			body := `{"text":"casa linda","hints":` + tt.hints + `}`
			got := decodeAs[api.ErrorBody](t, post(t, "/v1/detect", body), tt.status)
			if got.Error.Field != tt.field {
				t.Errorf("%s: field %q, want %q", tt.hints, got.Error.Field, tt.field)
			}
			// The detect service, asked directly, says the same.
			var req api.DetectRequest
			if err := json.Unmarshal([]byte(body), &req); err != nil {
				t.Fatal(err)
			}
			_, err := client.Detect{NC: e.nc}.Detect(t.Context(), req)
			if ae := api.AsError(err); err == nil || ae.Code != got.Error.Code || ae.Field != got.Error.Field {
				t.Errorf("%s: the service says %v, the gateway %s on %s", tt.hints, err, got.Error.Code, got.Error.Field)
			}
		}
		// Hints of the wrong JSON type are the one shape too.
		if got := decodeAs[api.ErrorBody](t, post(t, "/v1/detect", `{"text":"hola","hints":"es"}`), 400); got.Error.Code != api.CodeInvalidJSON || got.Error.Field != "hints" {
			t.Errorf("hints as a string: %+v", got.Error)
		}
	})

	t.Run("/v1/translate passes hints to detection", func(t *testing.T) {
		v := decodeAs[api.View](t, post(t, "/v1/translate", `{"text":"casa linda","target":"en"}`), http.StatusOK)
		if v.SourceLanguage != api.Undetermined {
			t.Fatalf("without hints: %+v", v)
		}
		v = decodeAs[api.View](t, post(t, "/v1/translate", `{"text":"casa linda","target":"en","hints":{"sender_locale":"pt-BR"}}`), http.StatusOK)
		if v.SourceLanguage != "pt" || v.Detection == nil || v.Detection.Language != "pt" {
			t.Fatalf("with a sender locale: source %q, detection %+v", v.SourceLanguage, v.Detection)
		}
		v = decodeAs[api.View](t, post(t, "/v1/translate", `{"text":"merci!","target":"en","hints":{"sender_locale":"fr"}}`), http.StatusOK)
		if v.Status != api.StatusTranslated || v.Text != "thanks!" {
			t.Fatalf("merci! with a sender locale: %+v", v)
		}
		if got := decodeAs[api.ErrorBody](t, post(t, "/v1/translate", `{"text":"merci!","target":"en","hints":{"sender_locale":"es-ES_tradnl"}}`), 400); got.Error.Field != "hints.sender_locale" {
			t.Fatalf("bad hint: %+v", got.Error)
		}
	})

	t.Run("short messages after Spanish ones are Spanish", func(t *testing.T) {
		for _, text := range []string{"¿Dónde está la estación de tren más cercana?", "Mañana vamos a la playa con todos mis amigos", "hola", "gracias!"} {
			postAs(t, e, chatAcmeKey, "hints", text)
		}
		// Another tenant in the same conversation: acme's Spanish is none
		// of its hints.
		other := postAs(t, e, chatGlobexKey, "hints", "hola")
		// A page from a cold cache renders the messages concurrently, and
		// still detects each short one after the messages before it.
		page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/hints/messages?locale=en", "", key...), http.StatusOK)
		if len(page.Messages) != 4 {
			t.Fatalf("page %+v", page.Messages)
		}
		for _, v := range page.Messages {
			if v.SourceLanguage != "es" {
				t.Errorf("view of %q: source %q (%s), want es", v.Text, v.SourceLanguage, v.Reason)
			}
		}
		if v := page.Messages[3]; v.Status != api.StatusTranslated || v.Text != "thanks!" || v.Label != "Translated from Spanish" {
			t.Errorf("view of gracias!: %+v", v)
		}
		v := decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+other.ID+"?locale=en", "", bearer(chatGlobexKey)...), http.StatusOK)
		if v.SourceLanguage != api.Undetermined {
			t.Errorf("globex's hola after acme's Spanish: source %q, want und", v.SourceLanguage)
		}
	})

	t.Run("a message's sender_locale", func(t *testing.T) {
		m := postMessageAs(t, e, key, `{"conversation":"greetings","text":"oi, tudo bem?","sender_locale":"pt_BR","id":"oi-1"}`, http.StatusCreated)
		if m.SenderLocale != "pt-BR" {
			t.Fatalf("stored sender locale %q, want pt-BR", m.SenderLocale)
		}
		v := decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/oi-1?locale=en", "", key...), http.StatusOK)
		if v.SourceLanguage != "pt" || v.Status != api.StatusTranslated || v.Text != "hi, how are you?" {
			t.Fatalf("view %+v", v)
		}
		// The same post again is a retry; another locale is another post.
		postMessageAs(t, e, key, `{"conversation":"greetings","text":"oi, tudo bem?","sender_locale":"pt-BR","id":"oi-1"}`, http.StatusOK)
		postMessageAs(t, e, key, `{"conversation":"greetings","text":"oi, tudo bem?","sender_locale":"es","id":"oi-1"}`, http.StatusConflict)
		// An edit keeps it.
		edited := decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/oi-1", `{"text":"merci!"}`, key...), http.StatusOK)
		if edited.SenderLocale != "pt-BR" {
			t.Fatalf("edited %+v", edited)
		}
		for _, tt := range []struct {
			locale string
			status int
		}{{"xx", 422}, {"es-ES_tradnl", 400}, {"not a tag!", 400}} {
			b, _ := json.Marshal(map[string]string{"conversation": "greetings", "text": "hola", "sender_locale": tt.locale})
			got := decodeAs[api.ErrorBody](t, post(t, "/v1/messages", string(b)), tt.status)
			if got.Error.Field != "sender_locale" {
				t.Errorf("sender_locale %q: %+v", tt.locale, got.Error)
			}
		}
	})
}

// postMessageAs posts a raw body and decodes the stored message.
func postMessageAs(t *testing.T, e *chatEnv, key []string, body string, status int) api.Message {
	t.Helper()
	return decodeAs[api.Message](t, do(t, "POST", e.url+"/v1/messages", body, key...), status)
}

// Bad hints are the client's 400 before any service is asked: with none
// running, a text alone would be a 503.
func TestBadHintsBeforeServices(t *testing.T) {
	ts := newBareGateway(t, gateway.Config{Timeout: 3 * time.Second})
	for _, tt := range []struct{ path, body, field string }{
		{"/v1/detect", `{"text":"hola","hints":{"sender_locale":"es-ES_tradnl"}}`, "hints.sender_locale"},
		{"/v1/detect", `{"text":"hola","hints":{"accept_language":"en;q=x"}}`, "hints.accept_language"},
		{"/v1/translate", `{"text":"hola","target":"en","hints":{"recent_languages":["es","en-YY"]}}`, "hints.recent_languages[1]"},
	} {
		r := do(t, "POST", ts.URL+tt.path, tt.body)
		got := decodeAs[api.ErrorBody](t, r, http.StatusBadRequest)
		if got.Error.Code != api.CodeInvalidLanguage || got.Error.Field != tt.field || !strings.Contains(got.Error.Message, "not a valid") {
			t.Errorf("%s %s: %+v", tt.path, tt.body, got.Error)
		}
	}
}
