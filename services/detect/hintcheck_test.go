package detect

import (
	"context"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestValidateDetectHintsAgreesWithDetect: front ends check hints before
// any work with api.ValidateDetectHints (the gateway's /v1/detect and
// /v1/translate, the pipeline, message posts): it must refuse exactly the
// hints the service refuses, with the same code on the same field, and
// what it passes on (canonical) must be answered as the hints as sent.
func TestValidateDetectHintsAgreesWithDetect(t *testing.T) {
	det := newTestDetector(t)
	past := make([]string, api.MaxRecentLanguages+1)
	for i := range past {
		past[i] = "pt"
	}
	past[api.MaxRecentLanguages] = "not a tag!" // never read
	tests := []api.DetectHints{
		{},
		{SenderLocale: "pt_BR"},
		{SenderLocale: " de-CH "},
		{SenderLocale: "fi"}, // known, not configured: ignored
		{SenderLocale: "not a tag!"},
		{SenderLocale: "es-ES_tradnl"},
		{SenderLocale: "en-YY"},
		{SenderLocale: "xx"},
		{SenderLocale: "UND"},
		{RecentLanguages: []string{"es", "und", " und ", "PT"}},
		{RecentLanguages: []string{""}},
		{RecentLanguages: []string{"en", "??"}},
		{RecentLanguages: []string{"en", "zz"}},
		{RecentLanguages: past},
		{AcceptLanguage: "de-CH, de;q=0.9, fr;q=0.5"},
		{AcceptLanguage: "xx, es-ES_tradnl;q=0.8, fr;q=0.5"},
		{AcceptLanguage: "xx"},
		{AcceptLanguage: "*"},
		{AcceptLanguage: "en;q=x"},
		{AcceptLanguage: "ja;q=1.5"},
		{AcceptLanguage: "es-ES_tradnl"},
		{SenderLocale: "xx", RecentLanguages: []string{"??"}, AcceptLanguage: "en;q=x"},
		{SenderLocale: "es", RecentLanguages: []string{"??"}},
		{RecentLanguages: []string{"es"}, AcceptLanguage: "en;q=x"},
	}
	ctx := context.Background()
	for _, h := range tests {
		t.Run(h.SenderLocale+"|"+h.AcceptLanguage, func(t *testing.T) {
			const text = "casa linda"
			got, derr := det.Detect(ctx, api.DetectRequest{Text: text, Hints: h})
			checked, verr := api.ValidateDetectHints("hints", h)
			if (derr == nil) != (verr == nil) {
				t.Fatalf("%+v: detect says %v, ValidateDetectHints %v", h, derr, verr)
			}
			if derr != nil {
				d, v := api.AsError(derr), api.AsError(verr)
				if d.Code != v.Code || d.Field != v.Field {
					t.Fatalf("%+v: detect says %s on %s, ValidateDetectHints %s on %s", h, d.Code, d.Field, v.Code, v.Field)
				}
				return
			}
			// The checked hints are the same hints to detect.
			again, err := det.Detect(ctx, api.DetectRequest{Text: text, Hints: checked})
			if err != nil || again.Language != got.Language || again.Confidence != got.Confidence {
				t.Fatalf("%+v: as sent %s %v, checked (%+v) %+v, %v", h, got.Language, got.Confidence, checked, again, err)
			}
		})
	}
}
