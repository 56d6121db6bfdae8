package gateway_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

const selfHarmText = "I want to kill myself"

func init() {
	fakeDictionary["es|"+selfHarmText] = "quiero suicidarme"
}

// TestSelfHarmServedAndReviewed: through the gateway's pipeline and the
// real safety service, self-harm is reviewed with the text served by
// default (the view's policy lists it in review, its action is allow, and
// the compat APIs serve the translation), and hidden for a tenant whose
// policy flags it.
func TestSelfHarmServedAndReviewed(t *testing.T) {
	u := safetyGateway(t)
	tests := []struct {
		name, key string
		action    string
		review    []string
		served    bool
	}{
		{"default policy", plainKey, api.PolicyAllow, []string{api.CategorySelfHarm}, true},
		{"tenant flags self-harm", strictKey, api.PolicyFlag, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := nativeView(t, u, tt.key, selfHarmText)
			if v.Safety == nil || v.Safety.Policy == nil {
				t.Fatalf("view not checked: %+v", v)
			}
			p := v.Safety.Policy
			if p.Action != tt.action || !slices.Equal(p.Review, tt.review) || v.Text != "quiero suicidarme" {
				t.Fatalf("view %q, policy %+v; want action %s, review %v", v.Text, p, tt.action, tt.review)
			}
			if !slices.Contains(v.Safety.Translation.Categories, api.CategorySelfHarm) {
				t.Errorf("translation categories = %v", v.Safety.Translation.Categories)
			}
			want, header := v.Text, ""
			if !tt.served {
				want, header = "", api.SafetyHide
			}
			body, _ := json.Marshal(map[string]string{"q": selfHarmText, "source": "en", "target": "es", "api_key": tt.key})
			r := send(t, "POST", u+"/translate", jsonType, string(body), nil)
			var libre struct {
				TranslatedText *string `json:"translatedText"`
			}
			r.decode(t, &libre)
			if r.status != 200 || libre.TranslatedText == nil || *libre.TranslatedText != want {
				t.Errorf("LibreTranslate: %d %s, want %q", r.status, r.body, want)
			}
			if got := r.header.Get(gateway.HeaderSafety); got != header {
				t.Errorf("%s = %q, want %q", gateway.HeaderSafety, got, header)
			}
		})
	}
}
