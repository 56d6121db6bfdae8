package gateway_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/safety"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Texts the fake translator knows (fakeDictionary) that the real safety
// service acts on: personal data, and a profanity on both sides.
const (
	piiText   = "call me at +1 415 555 0134 or mail jo@example.com today"
	swearText = "this shit is broken"
	cleanText = "hello"
)

// Keys of tenants with and without a safety policy (safetyTenants).
const (
	maskerKey = "masker-client-0123456789"   // masks PII and harm
	flagKey   = "flagger-client-0123456789"  // masks PII, flags harm
	plainKey  = "plain-client-0123456789"    // a tenant without a policy
	screenKey = "screener-client-0123456789" // masks PII and harm, flags deltas
	strictKey = "strict-client-0123456789"   // flags self-harm too
)

// safetyTenants is a SAFETY_TENANT_LISTS file (docs/safety.md): "masker"
// masks everything it finds, "flagger" masks personal data and flags the
// rest (the default action); "screener" masks what it finds and flags
// deltas (the default); "plain" has no entry, so the default policy
// applies to it (personal data allowed, harm flagged).
const safetyTenants = `{
	"masker":   {"policy": {"action": "mask", "categories": {"pii": "mask"}, "flag_deltas": false}},
	"flagger":  {"policy": {"categories": {"pii": "mask"}}},
	"screener": {"policy": {"action": "mask", "categories": {"pii": "mask"}}},
	"strict":   {"policy": {"categories": {"self_harm": "flag"}}}
}`

// safetyGateway runs the compat gateway with the real safety service,
// configured with safetyTenants.
func safetyGateway(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "tenants.json")
	if err := os.WriteFile(file, []byte(safetyTenants), 0o600); err != nil {
		t.Fatal(err)
	}
	keys := "masker@masker:client:" + maskerKey + ",flagger@flagger:client:" + flagKey + ",plain@plain:client:" + plainKey +
		",screener@screener:client:" + screenKey + ",strict@strict:client:" + strictKey
	return compatGatewayWith(t, keys, gateway.Config{}, func(nc *nats.Conn) {
		stop, err := safety.Start(context.Background(), svcmain.Deps{
			NC:  nc,
			Env: config.NewReader(config.Map(map[string]string{"SAFETY_TENANT_LISTS": file})),
			Log: slog.New(slog.DiscardHandler),
		})
		if err != nil {
			t.Fatalf("safety: %v", err)
		}
		t.Cleanup(func() { _ = stop() })
		// Glossary and quality answer too, so that views are not held up
		// retrying absent services; they do not touch the texts.
		fakes, err := service.New(nc, service.Config{Name: "compat-safety-fakes", Version: "0.0.1"}, []service.Endpoint{
			{Name: "prepare", Subject: api.SubjectGlossaryPrepare,
				Handler: service.JSON(func(context.Context, *api.GlossaryPrepareRequest) (any, error) {
					return api.GlossaryPrepareResponse{Version: "none"}, nil
				})},
			{Name: "score", Subject: api.SubjectQualityScore,
				Handler: service.JSON(func(context.Context, *api.QualityRequest) (any, error) {
					return api.QualityResponse{Score: 90, Decision: api.DecisionAccept}, nil
				})},
		}, service.NewMetrics(prometheus.NewRegistry()), slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = fakes.Stop() })
	}).url
}

// nativeView is what /v1/translate answers the key for text: the
// translation and the safety report the compat APIs cannot carry.
func nativeView(t *testing.T, u, key, text string) api.View {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"text": text, "source": "en", "target": "es"})
	r := send(t, "POST", u+"/v1/translate", jsonType, string(body), http.Header{"Authorization": {"Bearer " + key}})
	if r.status != 200 {
		t.Fatalf("/v1/translate: %d %s", r.status, r.body)
	}
	var v api.View
	r.decode(t, &v)
	return v
}

// TestCompatSafetyPolicy: the LibreTranslate and DeepL APIs serve what a
// chat reader of the key's tenant is served (message views): the policy's
// masked text when it masks, nothing when it flags, the translation
// otherwise; Parley-Safety says what was done to each text when anything
// was. What /v1/translate reports for the same key and text is the
// reference.
func TestCompatSafetyPolicy(t *testing.T) {
	u := safetyGateway(t)
	tests := []struct {
		name, key, text string
		action          string // api.SafetyAllow, SafetyMask or SafetyHide
	}{
		{"masking tenant, personal data", maskerKey, piiText, api.SafetyMask},
		{"masking tenant, profanity", maskerKey, swearText, api.SafetyMask},
		{"masking tenant, clean text", maskerKey, cleanText, api.SafetyAllow},
		{"flagging tenant, personal data", flagKey, piiText, api.SafetyMask},
		{"flagging tenant, profanity", flagKey, swearText, api.SafetyHide},
		{"tenant without a policy, personal data", plainKey, piiText, api.SafetyAllow},
		{"tenant without a policy, clean text", plainKey, cleanText, api.SafetyAllow},
		// The default policy flags harm, for every tenant, as in chat.
		{"tenant without a policy, profanity", plainKey, swearText, api.SafetyHide},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := nativeView(t, u, tt.key, tt.text)
			if v.Status != api.StatusTranslated || v.Safety == nil || v.Safety.Policy == nil {
				t.Fatalf("/v1/translate view is not translated and checked: %+v", v)
			}
			p := v.Safety.Policy
			want, header := v.Text, ""
			switch tt.action {
			case api.SafetyMask:
				if p.Action != api.PolicyMask || p.Masked == "" || p.Masked == v.Text {
					t.Fatalf("policy %+v does not mask %q", p, v.Text)
				}
				want, header = p.Masked, api.SafetyMask
			case api.SafetyHide:
				if p.Action != api.PolicyFlag {
					t.Fatalf("policy %+v does not flag %q", p, v.Text)
				}
				want, header = "", api.SafetyHide
			default:
				if p.Action != api.PolicyAllow {
					t.Fatalf("policy %+v acts on %q", p, v.Text)
				}
			}
			for _, leak := range []string{"jo@example.com", "555 0134", "mierda"} {
				if tt.action != api.SafetyAllow && strings.Contains(want, leak) {
					t.Fatalf("the expected text %q still holds %q", want, leak)
				}
			}

			libreBody, _ := json.Marshal(map[string]string{"q": tt.text, "source": "en", "target": "es", "api_key": tt.key})
			r := send(t, "POST", u+"/translate", jsonType, string(libreBody), nil)
			var libre struct {
				TranslatedText *string `json:"translatedText"`
			}
			r.decode(t, &libre)
			if r.status != 200 || libre.TranslatedText == nil || *libre.TranslatedText != want {
				t.Errorf("LibreTranslate: %d %s, want translatedText %q", r.status, r.body, want)
			}
			if got := r.header.Get(gateway.HeaderSafety); got != header {
				t.Errorf("LibreTranslate %s: %q, want %q", gateway.HeaderSafety, got, header)
			}
			if !strings.Contains(r.header.Get("Access-Control-Expose-Headers"), gateway.HeaderSafety) {
				t.Errorf("LibreTranslate does not expose %s to browsers: %v", gateway.HeaderSafety, r.header)
			}

			r = send(t, "POST", u+"/v2/translate", formType, form("text", tt.text, "source_lang", "EN", "target_lang", "ES"), deeplHeader(tt.key))
			var deepl gateway.DeepLTranslateResponse
			r.decode(t, &deepl)
			if r.status != 200 || len(deepl.Translations) != 1 || deepl.Translations[0].Text != want {
				t.Errorf("DeepL: %d %s, want text %q", r.status, r.body, want)
			} else if n := deepl.Translations[0].BilledCharacters; n != len([]rune(tt.text)) {
				t.Errorf("DeepL billed %d characters for %d", n, len([]rune(tt.text)))
			}
			if got := r.header.Get(gateway.HeaderSafety); got != header {
				t.Errorf("DeepL %s: %q, want %q", gateway.HeaderSafety, got, header)
			}
		})
	}
}

// TestCompatSafetyPolicyBatch: in a batch each text gets its own decision,
// in input order, in the answer and in Parley-Safety.
func TestCompatSafetyPolicyBatch(t *testing.T) {
	u := safetyGateway(t)
	texts := []string{piiText, cleanText, swearText}
	tests := []struct {
		name, key string
		actions   []string
	}{
		{"masking tenant", maskerKey, []string{api.SafetyMask, api.SafetyAllow, api.SafetyMask}},
		{"flagging tenant", flagKey, []string{api.SafetyMask, api.SafetyAllow, api.SafetyHide}},
		{"tenant without a policy", plainKey, []string{api.SafetyAllow, api.SafetyAllow, api.SafetyHide}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := make([]string, len(texts))
			for i, text := range texts {
				v := nativeView(t, u, tt.key, text)
				switch tt.actions[i] {
				case api.SafetyMask:
					want[i] = v.Safety.Policy.Masked
				case api.SafetyHide:
					want[i] = ""
				default:
					want[i] = v.Text
				}
			}
			header := strings.Join(tt.actions, ", ")

			body, _ := json.Marshal(map[string]any{"q": texts, "source": "en", "target": "es", "api_key": tt.key})
			r := send(t, "POST", u+"/translate", jsonType, string(body), nil)
			var libre struct {
				TranslatedText []string `json:"translatedText"`
			}
			r.decode(t, &libre)
			if r.status != 200 || strings.Join(libre.TranslatedText, "\n") != strings.Join(want, "\n") || len(libre.TranslatedText) != len(want) {
				t.Errorf("LibreTranslate: %d %s, want %q", r.status, r.body, want)
			}
			if got := r.header.Get(gateway.HeaderSafety); got != header {
				t.Errorf("LibreTranslate %s: %q, want %q", gateway.HeaderSafety, got, header)
			}

			r = send(t, "POST", u+"/v2/translate", formType,
				form("text", texts[0], "text", texts[1], "text", texts[2], "target_lang", "ES"), deeplHeader(tt.key))
			var deepl gateway.DeepLTranslateResponse
			r.decode(t, &deepl)
			if r.status != 200 || len(deepl.Translations) != len(want) {
				t.Fatalf("DeepL: %d %s", r.status, r.body)
			}
			for i, tr := range deepl.Translations {
				if tr.Text != want[i] {
					t.Errorf("DeepL text %d: %q, want %q", i, tr.Text, want[i])
				}
			}
			if got := r.header.Get(gateway.HeaderSafety); got != header {
				t.Errorf("DeepL %s: %q, want %q", gateway.HeaderSafety, got, header)
			}
		})
	}
}

// Sources whose Spanish translation a moderator corrected (fakeCorrections)
// and the corrections: clean, clean but for personal data, milder but
// still vulgar, and vulgar where the source is clean.
const (
	insultText    = "you are shit"
	insultMail    = "you are shit, mail me at jo@example.com"
	insultMild    = "you are shit!"
	greetingText  = "hello there"
	cleanFix      = "Eres tonto"
	mailFix       = "Eres tonto, escríbeme a jo@example.com"
	mildFix       = "Eres idiota"
	vulgarGreeter = "hola mierda"
)

// fakeCorrections are the moderators' corrections the fake translate
// service serves as its override (Backend "moderator", Cache override),
// keyed by "target|text" as fakeDictionary.
var fakeCorrections = map[string]string{
	"es|" + insultText:   cleanFix,
	"es|" + insultMail:   mailFix,
	"es|" + insultMild:   mildFix,
	"es|" + greetingText: vulgarGreeter,
}

// TestCompatSafetyCorrections: a moderator's correction of an unsafe
// source is served on the compat APIs, as message views serve it,
// although the policy flags it as laundered (a clean correction of an
// unsafe source always is); spans the policy masks in it are masked. A
// correction flagged for its own content (a finding the policy flags, or
// harm the source did not have) stays withheld.
func TestCompatSafetyCorrections(t *testing.T) {
	u := safetyGateway(t)
	tests := []struct {
		name, key, text string
		added           bool   // the delta: added when true, laundered otherwise
		action          string // api.SafetyAllow, SafetyMask or SafetyHide
	}{
		{"flagging tenant, clean correction", flagKey, insultText, false, api.SafetyAllow},
		{"tenant without a policy, clean correction", plainKey, insultText, false, api.SafetyAllow},
		{"screening tenant, clean correction", screenKey, insultText, false, api.SafetyAllow},
		{"flagging tenant, correction with personal data", flagKey, insultMail, false, api.SafetyMask},
		{"flagging tenant, milder correction it flags", flagKey, insultMild, false, api.SafetyHide},
		{"screening tenant, milder correction it masks", screenKey, insultMild, false, api.SafetyMask},
		{"flagging tenant, correction adding harm", flagKey, greetingText, true, api.SafetyHide},
		{"screening tenant, correction adding harm", screenKey, greetingText, true, api.SafetyHide},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := nativeView(t, u, tt.key, tt.text)
			if v.Backend != "moderator" || v.Cache != api.CacheOverride || v.Text != fakeCorrections["es|"+tt.text] {
				t.Fatalf("/v1/translate does not serve the correction: %+v", v)
			}
			// Every correction here is flagged by /v1/translate: the
			// laundering delta, or its own content.
			if v.Safety == nil || v.Safety.Policy == nil || v.Safety.Policy.Action != api.PolicyFlag || v.Safety.Delta == nil {
				t.Fatalf("/v1/translate does not flag the correction: %+v", v.Safety)
			}
			if d := v.Safety.Delta; d.Added != tt.added || d.Laundered == tt.added {
				t.Fatalf("delta %+v, want added %v", d, tt.added)
			}
			p := v.Safety.Policy
			want, header := v.Text, ""
			switch tt.action {
			case api.SafetyMask:
				if p.Masked == "" || p.Masked == v.Text {
					t.Fatalf("policy %+v does not mask %q", p, v.Text)
				}
				want, header = p.Masked, api.SafetyMask
			case api.SafetyHide:
				want, header = "", api.SafetyHide
			default:
				if p.Masked != "" {
					t.Fatalf("policy %+v masks the correction", p)
				}
			}

			libreBody, _ := json.Marshal(map[string]string{"q": tt.text, "source": "en", "target": "es", "api_key": tt.key})
			r := send(t, "POST", u+"/translate", jsonType, string(libreBody), nil)
			var libre struct {
				TranslatedText *string `json:"translatedText"`
			}
			r.decode(t, &libre)
			if r.status != 200 || libre.TranslatedText == nil || *libre.TranslatedText != want {
				t.Errorf("LibreTranslate: %d %s, want translatedText %q", r.status, r.body, want)
			}
			if got := r.header.Get(gateway.HeaderSafety); got != header {
				t.Errorf("LibreTranslate %s: %q, want %q", gateway.HeaderSafety, got, header)
			}

			r = send(t, "POST", u+"/v2/translate", formType, form("text", tt.text, "source_lang", "EN", "target_lang", "ES"), deeplHeader(tt.key))
			var deepl gateway.DeepLTranslateResponse
			r.decode(t, &deepl)
			if r.status != 200 || len(deepl.Translations) != 1 || deepl.Translations[0].Text != want {
				t.Errorf("DeepL: %d %s, want text %q", r.status, r.body, want)
			}
			if got := r.header.Get(gateway.HeaderSafety); got != header {
				t.Errorf("DeepL %s: %q, want %q", gateway.HeaderSafety, got, header)
			}
		})
	}
}
