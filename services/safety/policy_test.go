package safety

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	"github.com/parley-chat/parley/shared/api"
)

func TestDelta(t *testing.T) {
	c := checker(t)
	tests := []struct {
		name                 string
		req                  api.SafetyRequest
		added, laundered     bool
		addedCats, laundCats string
		partial              bool
	}{
		{"both clean", api.SafetyRequest{Source: "See you tomorrow", SourceLang: "en", Translation: "Hasta mañana", TargetLang: "es"},
			false, false, "", "", false},
		{"added", api.SafetyRequest{Source: "What a mess", SourceLang: "en", Translation: "Qué mierda", TargetLang: "es"},
			true, false, "profanity", "", false},
		{"laundered to clean", api.SafetyRequest{Source: "Shut up, you bastard", SourceLang: "en", Translation: "Cállate, por favor", TargetLang: "es"},
			false, true, "", "profanity", false},
		{"softened", api.SafetyRequest{Source: "you faggot", SourceLang: "en", Translation: "eres un idiota", TargetLang: "es"},
			false, true, "profanity", "hate", false},
		{"kept", api.SafetyRequest{Source: "oh shit", SourceLang: "en", Translation: "oh merde", TargetLang: "fr"},
			false, false, "", "", false},
		{"harsher in another category", api.SafetyRequest{Source: "oh shit", SourceLang: "en", Translation: "espèce de pédé", TargetLang: "fr"},
			false, false, "hate", "profanity", false},
		{"PII is not compared", api.SafetyRequest{Source: "mail jane@example.com", SourceLang: "en", Translation: "escribe a Jane", TargetLang: "es"},
			false, false, "", "", false},
		{"fallback on one side is partial", api.SafetyRequest{Source: "habari yako", SourceLang: "sw", Translation: "qué tal, cabrón", TargetLang: "es"},
			true, false, "profanity", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Check(context.Background(), &tt.req)
			if err != nil {
				t.Fatal(err)
			}
			d := resp.Delta
			if d == nil {
				t.Fatal("no delta with a translation")
			}
			if d.Added != tt.added || d.Laundered != tt.laundered || d.Partial != tt.partial ||
				strings.Join(d.AddedCategories, ",") != tt.addedCats || strings.Join(d.LaunderedCategories, ",") != tt.laundCats {
				t.Errorf("delta = %+v", *d)
			}
		})
	}
	resp, err := c.Check(context.Background(), &api.SafetyRequest{Source: "shit", SourceLang: "en"})
	if err != nil || resp.Delta != nil {
		t.Errorf("delta without a translation: %+v %v", resp.Delta, err)
	}
}

func TestPolicyDecision(t *testing.T) {
	c := tenantChecker(t)
	tests := []struct {
		name    string
		req     api.SafetyRequest
		action  string
		masked  string
		reasons []string // substrings, in order
	}{
		{"clean is allowed", api.SafetyRequest{Source: "hello", SourceLang: "en", Translation: "hola", TargetLang: "es"},
			api.PolicyAllow, "", nil},
		{"default flags findings", api.SafetyRequest{Source: "oh shit", SourceLang: "en", Translation: "oh merde", TargetLang: "fr"},
			api.PolicyFlag, "oh *****", []string{"translation: profanity (medium): flag"}},
		{"default flags deltas", api.SafetyRequest{Source: "you bastard", SourceLang: "en", Translation: "tú", TargetLang: "es"},
			api.PolicyFlag, "", []string{"laundered"}},
		{"default reports PII without acting", api.SafetyRequest{Source: "jane@example.com", SourceLang: "en", Translation: "jane@example.com", TargetLang: "es"},
			api.PolicyAllow, "", []string{"translation: pii (low): allow"}},
		{"source only: the source is what readers see", api.SafetyRequest{Source: "cabrón", SourceLang: "es"},
			api.PolicyFlag, "******", []string{"source: profanity (medium): flag"}},
		{"mask the translation", api.SafetyRequest{Source: "so what", SourceLang: "en", Translation: "¿y qué, cabrón?", TargetLang: "es", Tenant: "poultry"},
			api.PolicyFlag, "¿y qué, ######?", []string{"translation: profanity (medium): mask", "added"}},
		{"mask keeps grapheme count and spaces", api.SafetyRequest{Source: "he said big tits", SourceLang: "en", Translation: "he said big tits", TargetLang: "en", Tenant: "poultry"},
			api.PolicyMask, "he said ### ####", []string{"translation: sexual_content (medium): mask"}},
		{"mask PII for a tenant that asks", api.SafetyRequest{Source: "call +44 20 7946 0958", SourceLang: "en", Translation: "llama al +44 20 7946 0958", TargetLang: "es", Tenant: "poultry"},
			api.PolicyMask, "llama al ### ## #### ####", []string{"translation: pii (low): mask"}},
		{"min severity ignores mild findings", api.SafetyRequest{Source: "this sucks", SourceLang: "en", Translation: "this sucks", TargetLang: "en", Tenant: "acme"},
			api.PolicyAllow, "", nil},
		{"min severity counts escalation", api.SafetyRequest{Source: "sucks sucks sucks", SourceLang: "en", Translation: "sucks sucks sucks", TargetLang: "en", Tenant: "acme"},
			api.PolicyFlag, "***** ***** *****", []string{"translation: profanity (medium): flag"}},
		{"deltas not flagged when the tenant says so", api.SafetyRequest{Source: "you bastard", SourceLang: "en", Translation: "tú", TargetLang: "es", Tenant: "acme"},
			api.PolicyAllow, "", nil},
		// Flagged spans are masked too (MESSAGES_FLAGGED=mask serves
		// Masked): written with stacked accents, as an emoji with a skin
		// tone, in full-width letters.
		{"flagged span with stacked marks is masked", api.SafetyRequest{Source: "what a shit\u0301\u0301 day", SourceLang: "en"},
			api.PolicyFlag, "what a **** day", []string{"source: profanity (medium): flag"}},
		{"flagged full-width word is masked", api.SafetyRequest{Source: "\uff53\uff48\uff49\uff54 happens", SourceLang: "en"},
			api.PolicyFlag, "**** happens", []string{"source: profanity (medium): flag"}},
		{"flagged emoji with a skin tone is masked", api.SafetyRequest{Source: "ok \U0001F595\U0001F3FD ok", SourceLang: "en"},
			api.PolicyFlag, "ok * ok", []string{"source: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Check(context.Background(), &tt.req)
			if err != nil {
				t.Fatal(err)
			}
			p := resp.Policy
			if p == nil {
				t.Fatal("no policy decision")
			}
			if p.Action != tt.action || p.Masked != tt.masked || p.Tenant != tt.req.Tenant {
				t.Errorf("decision = %+v, want action %s masked %q", *p, tt.action, tt.masked)
			}
			if len(p.Reasons) != len(tt.reasons) {
				t.Fatalf("reasons = %q, want %q", p.Reasons, tt.reasons)
			}
			for i, want := range tt.reasons {
				if !strings.Contains(p.Reasons[i], want) {
					t.Errorf("reason %d = %q, want it to contain %q", i, p.Reasons[i], want)
				}
			}
			// FlaggedBy names what each flagging reason names: a
			// delta, or the category of a finding.
			var flaggedBy []string
			for _, r := range p.Reasons {
				what, ok := strings.CutSuffix(r, ": "+api.PolicyFlag)
				if !ok {
					continue
				}
				if delta, _, ok := strings.Cut(what, ":"); ok && (delta == api.FlagAdded || delta == api.FlagLaundered) {
					flaggedBy = append(flaggedBy, delta)
					continue
				}
				_, cat, _ := strings.Cut(what, ": ")
				cat, _, _ = strings.Cut(cat, " (")
				flaggedBy = append(flaggedBy, cat)
			}
			if !slices.Equal(p.FlaggedBy, flaggedBy) {
				t.Errorf("flagged by %q, want %q (reasons %q)", p.FlaggedBy, flaggedBy, p.Reasons)
			}
		})
	}
}

func TestMask(t *testing.T) {
	tests := []struct {
		name, text string
		spans      []span
		want       string
	}{
		{"ASCII", "oh shit!", []span{{3, 7}}, "oh ****!"},
		{"multi-byte letters", "¡cabrón!", []span{{2, 9}}, "¡******!"},
		{"combining accent is one grapheme", "cabro\u0301n", []span{{0, 8}}, "******"},
		{"emoji with skin tone", "ok \U0001f595\U0001f3fd ok", []span{{3, 7}}, "ok * ok"},
		{"span ending inside a grapheme masks all of it", "x \U0001f595\U0001f3fd", []span{{2, 6}}, "x *"},
		{"overlapping spans", "abcdef", []span{{0, 3}, {2, 5}}, "*****f"},
		{"nested spans", "abcdef", []span{{0, 6}, {2, 3}}, "******"},
		{"white space kept", "big\n tits", []span{{0, 9}}, "***\n ****"},
		{"CJK", "你他妈的在", []span{{3, 12}}, "你***在"},
		{"Hangul syllables", "이 개새끼야", []span{{4, 13}}, "이 ***야"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mask(tt.text, tt.spans, "*")
			if got != tt.want {
				t.Errorf("mask = %q, want %q", got, tt.want)
			}
			if uniseg.GraphemeClusterCount(got) != uniseg.GraphemeClusterCount(tt.text) {
				t.Errorf("grapheme count %d, want %d", uniseg.GraphemeClusterCount(got), uniseg.GraphemeClusterCount(tt.text))
			}
		})
	}
}
