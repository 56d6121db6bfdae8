package pipeline

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// withinLimits returns prep with its protect list and term hints cut to
// what translate and quality take (api.MaxTranslateProtect,
// api.MaxTranslateTerms): a message with more distinct glossary terms than
// that would otherwise not be translated at all (translate refuses the
// request with a 400, which the view reported as translate being down).
// The hints only steer the translator; verify checks every match
// (Matches is left whole), so a term cut from the hints is still
// verified, repaired or flagged like any other.
//
// What is kept: hints that occur in text (prepare found them there; a
// hint that does not would steer nothing), the longest first (a long
// term is the one a translator gets wrong on its own, and a shorter one
// is often part of it), in prepare's order. The do-not-translate terms
// have a limit of their own, so they never lose places to term hints.
func withinLimits(text string, prep *api.GlossaryPrepareResponse) *api.GlossaryPrepareResponse {
	if len(prep.Protect) <= api.MaxTranslateProtect && len(prep.Terms) <= api.MaxTranslateTerms {
		return prep
	}
	out := *prep
	out.Protect = longestIn(text, prep.Protect, api.MaxTranslateProtect, func(s string) string { return s })
	out.Terms = longestIn(text, prep.Terms, api.MaxTranslateTerms, func(t api.TermHint) string { return t.Source })
	return &out
}

// longestIn returns at most n of items, those whose source (of) occurs in
// text and, among them, the longest, in their order in items. A list
// within n is returned as it is.
func longestIn[T any](text string, items []T, n int, of func(T) string) []T {
	if len(items) <= n {
		return items
	}
	idx := make([]int, 0, len(items))
	for i, it := range items {
		if strings.Contains(text, of(it)) {
			idx = append(idx, i)
		}
	}
	// Longest first; equal lengths keep prepare's order, so that the same
	// message always sends the same hints (they are part of the
	// translation cache key).
	runes := func(i int) int { return utf8.RuneCountInString(of(items[i])) }
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(runes(b), runes(a)) })
	idx = idx[:min(n, len(idx))]
	slices.Sort(idx)
	out := make([]T, len(idx))
	for i, j := range idx {
		out[i] = items[j]
	}
	return out
}
