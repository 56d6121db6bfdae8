package safety

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/safety/guard"
	"github.com/parley-chat/parley/services/safety/guard/guardtest"
	"github.com/parley-chat/parley/services/safety/lexicon"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// The guard calls the source a threat and fails on the translation: the
// threat is not served on the word lists' "clean".
func TestSourceHarmTranslationUnchecked(t *testing.T) {
	srv := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"llama-guard3:1b"},
		Translator: failOn("explode", guardtest.Translator(guardRules)),
	})
	c := guardChecker(t, srv, guard.Config{}, nil)
	tests := []struct {
		name, translation string
		action            string
		flaggedBy         []string
	}{
		{"translation unchecked", "explode them, all of them", api.PolicyFlag, []string{api.CategoryViolentCrimes, api.CategoryHate}},
		// Both sides answered: the delta (laundered) flags, as before.
		{"translation checked", "all of them, everyone", api.PolicyFlag, []string{api.FlagLaundered}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Check(context.Background(), &api.SafetyRequest{Source: "kill them all", SourceLang: "en", Translation: tt.translation, TargetLang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Policy.Action != tt.action || !slices.Equal(resp.Policy.FlaggedBy, tt.flaggedBy) {
				t.Errorf("policy = %+v, want %s by %v", resp.Policy, tt.action, tt.flaggedBy)
			}
		})
	}
}

// Padding a threat past the guard's context does not get it through: the
// text is sent in pieces.
func TestGuardLongTextInPieces(t *testing.T) {
	srv := fakellm.StartOllama(t, fakellm.Config{Models: []string{"llama-guard3:1b"}, Translator: guardtest.Translator(guardRules)})
	c := guardChecker(t, srv, guard.Config{}, nil)
	pad, half := strings.Repeat("😀", 9000), strings.Repeat("😀", 4500)
	tests := []struct {
		name, text string
		safe       bool
	}{
		{"threat first", "kill them all. " + pad, false},
		{"threat last", pad + " kill them all", false},
		{"threat in the middle", half + " kill them all " + half, false},
		{"clean", half + " see you tomorrow " + half, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Check(context.Background(), &api.SafetyRequest{Source: tt.text, SourceLang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			g := resp.Source.Guard
			if g == nil || g.Status != api.GuardOK || g.Safe != tt.safe {
				t.Fatalf("guard = %+v", g)
			}
			if flagged := resp.Policy.Action == api.PolicyFlag; flagged == tt.safe {
				t.Errorf("policy = %+v", resp.Policy)
			}
		})
	}
}

// SAFETY_GUARD_FAIL=review: a view the guard did not check is flagged for
// review; allow (the default) lets the word lists' verdict stand.
func TestGuardFailReview(t *testing.T) {
	srv := fakellm.StartOllama(t, fakellm.Config{Models: []string{"llama-guard3:1b"}, Mode: fakellm.Busy})
	lists, err := lexicon.Lists()
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"", GuardFailAllow, GuardFailReview} {
		t.Run("mode "+mode, func(t *testing.T) {
			g, err := guard.New(guard.Config{Model: "llama-guard3:1b", Host: srv.URL(), FailureThreshold: 100})
			if err != nil {
				t.Fatal(err)
			}
			c, err := New(Config{Lists: lists, Guard: g, GuardFail: mode})
			if err != nil {
				t.Fatal(err)
			}
			resp, err := c.Check(context.Background(), &api.SafetyRequest{Source: "see you tomorrow", SourceLang: "en", Translation: "hasta mañana", TargetLang: "es"})
			if err != nil {
				t.Fatal(err)
			}
			want, by := api.PolicyAllow, []string(nil)
			if mode == GuardFailReview {
				want, by = api.PolicyFlag, []string{api.FlagGuardUnchecked}
			}
			if resp.Policy.Action != want || !slices.Equal(resp.Policy.FlaggedBy, by) {
				t.Errorf("policy = %+v, want %s by %v", resp.Policy, want, by)
			}
		})
	}
	if _, err := New(Config{Lists: lists, GuardFail: "maybe"}); err == nil {
		t.Error("New accepted SAFETY_GUARD_FAIL=maybe")
	}
}
