package console_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestAccessibleMarkup: labels count from 1 and name their language, term
// fields carry lang as well as dir, a highlight says its severity in
// text, and every page can skip to its content.
func TestAccessibleMarkup(t *testing.T) {
	f := newFixture(t)
	xssCase, _ := flaggedCases(t, f)
	u := f.user(t)
	u.signIn(modKey)
	for _, tc := range []struct {
		path      string
		want, not []string
	}{
		{"/console/glossaries/demo/entries/workspace",
			[]string{`aria-label="Language 1"`, `lang="es" aria-label="Term 2 (es)"`, `aria-label="Forbidden terms 3 (de)"`,
				`<a class="skip-link" href="#main">`, `<main id="main"`},
			[]string{`"Language 0"`, `aria-label="Term "`, `aria-label="Forbidden "`}},
		{"/console/moderation/cases/" + xssCase,
			[]string{`>shit</mark><span class="visually-hidden" lang="en"> [profanity, medium severity]</span>`},
			nil},
	} {
		t.Run(tc.path, func(t *testing.T) {
			p := u.get(tc.path)
			if p.status != http.StatusOK {
				t.Fatalf("%d %s", p.status, p.body)
			}
			for _, w := range tc.want {
				if !strings.Contains(p.body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(p.body, n) {
					t.Errorf("page has %q", n)
				}
			}
		})
	}
}

// TestQueueLocaleFilter: the console's locale filter matches by language
// and refuses a tag that names none with a 400 page.
func TestQueueLocaleFilter(t *testing.T) {
	f := newFixture(t)
	xssCase, heCase := flaggedCases(t, f)
	u := f.user(t)
	u.signIn(modKey)
	for _, tc := range []struct {
		locale    string
		status    int
		want, not string
	}{
		{"he-IL", http.StatusOK, heCase, xssCase},
		{"ar_EG", http.StatusOK, xssCase, heCase},
		{"x-foo", http.StatusBadRequest, "names no language", xssCase},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			p := u.get("/console/moderation?locale=" + tc.locale)
			if p.status != tc.status || !strings.Contains(p.body, tc.want) || strings.Contains(p.body, tc.not) {
				t.Fatalf("status %d: %s", p.status, p.body)
			}
		})
	}
}
