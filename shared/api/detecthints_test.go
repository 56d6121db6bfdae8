package api_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestValidateDetectHints: hints are checked by the detect service's rules
// (services/detect's TestValidateDetectHintsAgreesWithDetect holds the two
// together) and come back canonical.
func TestValidateDetectHints(t *testing.T) {
	many := make([]string, api.MaxRecentLanguages+5)
	for i := range many {
		many[i] = "es"
	}
	// Past the limit detect reads nothing, so nothing is checked there.
	many[len(many)-1] = "not a tag!"
	tests := []struct {
		name   string
		hints  api.DetectHints
		want   api.DetectHints // when valid
		status int             // 0: valid
		field  string
	}{
		{"none", api.DetectHints{}, api.DetectHints{}, 0, ""},
		{"canonical tags", api.DetectHints{SenderLocale: " pt_BR ", RecentLanguages: []string{"ES", "und", "zh-tw"}, AcceptLanguage: " de-CH, de;q=0.9 "},
			api.DetectHints{SenderLocale: "pt-BR", RecentLanguages: []string{"es", "und", "zh-TW"}, AcceptLanguage: "de-CH, de;q=0.9"}, 0, ""},
		{"unreadable accept-language entries are skipped", api.DetectHints{AcceptLanguage: "xx, es-ES_tradnl;q=0.8, fr;q=0.5"},
			api.DetectHints{AcceptLanguage: "xx, es-ES_tradnl;q=0.8, fr;q=0.5"}, 0, ""},
		{"recent languages past the limit", api.DetectHints{RecentLanguages: many}, api.DetectHints{RecentLanguages: many[:api.MaxRecentLanguages]}, 0, ""},
		{"malformed sender locale", api.DetectHints{SenderLocale: "not a tag!"}, api.DetectHints{}, 400, "hints.sender_locale"},
		{"invalid sender locale", api.DetectHints{SenderLocale: "es-ES_tradnl"}, api.DetectHints{}, 400, "hints.sender_locale"},
		{"unknown sender locale", api.DetectHints{SenderLocale: "xx"}, api.DetectHints{}, 422, "hints.sender_locale"},
		{"invalid recent language", api.DetectHints{RecentLanguages: []string{"es", "en-YY"}}, api.DetectHints{}, 400, "hints.recent_languages[1]"},
		{"empty recent language", api.DetectHints{RecentLanguages: []string{""}}, api.DetectHints{}, 400, "hints.recent_languages[0]"},
		{"unknown recent language", api.DetectHints{RecentLanguages: []string{"zz"}}, api.DetectHints{}, 422, "hints.recent_languages[0]"},
		{"unreadable accept-language", api.DetectHints{AcceptLanguage: "ja;q=1.5"}, api.DetectHints{}, 400, "hints.accept_language"},
		// The sender's locale is checked first, as detect checks it.
		{"first bad hint named", api.DetectHints{SenderLocale: "xx", AcceptLanguage: "en;q=x"}, api.DetectHints{}, 422, "hints.sender_locale"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := api.ValidateDetectHints("hints", tt.hints)
			if tt.status != 0 {
				ae := api.AsError(err)
				if err == nil || ae.Status() != tt.status || ae.Field != tt.field {
					t.Fatalf("error %v (field %q), want %d on %s", err, ae.Field, tt.status, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.SenderLocale != tt.want.SenderLocale || got.AcceptLanguage != tt.want.AcceptLanguage || !slices.Equal(got.RecentLanguages, tt.want.RecentLanguages) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	// The caller's hints are left as they were.
	in := api.DetectHints{RecentLanguages: []string{"ES"}}
	if _, err := api.ValidateDetectHints("hints", in); err != nil || in.RecentLanguages[0] != "ES" {
		t.Fatalf("the caller's slice changed: %v, %v", in, err)
	}
	// Another prefix names another field (a batch item's, a message's).
	_, err := api.ValidateDetectHints("items[2].hints", api.DetectHints{SenderLocale: "xx"})
	if f := api.AsError(err).Field; f != fmt.Sprintf("items[%d].hints.sender_locale", 2) {
		t.Fatalf("field %q", f)
	}
}
