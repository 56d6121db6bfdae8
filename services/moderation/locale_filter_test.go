package moderation_test

import (
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestLocaleFilter: the queue's locale filter takes a locale as the rest
// of the API does (pt_BR is pt-BR; a tag that names no language is a 400,
// not a filter that silently matches nothing) and matches by language: a
// region or script narrows the match only where a case's tag has one, so
// he-IL finds the cases in he, and pt finds those in pt-BR.
func TestLocaleFilter(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	for _, f := range []*api.FlaggedView{
		flagged("m1", "he", "you shit", "אתה חרא"),
		flagged("m2", "pt-BR", "you shit", "você merda"),
		flagged("m3", "pt-PT", "you shit", "és uma merda"),
		flagged("m4", "zh-Hant", "you shit", "你這狗屎"),
	} {
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		locale string
		want   int
		code   api.Code
	}{
		{locale: "he", want: 1},
		{locale: "he-IL", want: 1},
		{locale: "iw", want: 1},
		{locale: "pt", want: 2},
		{locale: "pt-BR", want: 1},
		{locale: "pt_BR", want: 1},
		{locale: "zh-TW", want: 1},
		{locale: "zh-Hans", want: 0},
		{locale: "en", want: 4},
		{locale: "x-foo", code: api.CodeInvalidLanguage},
		{locale: "not a tag", code: api.CodeInvalidLanguage},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			res, err := h.mod.List(ctx, api.CaseListRequest{Locale: tc.locale, Limit: 50})
			if tc.code != "" {
				if code(err) != tc.code {
					t.Fatalf("locale %q: %v, want %s", tc.locale, err, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tc.want {
				t.Fatalf("locale %q matched %d cases, want %d", tc.locale, res.Total, tc.want)
			}
		})
	}
}
