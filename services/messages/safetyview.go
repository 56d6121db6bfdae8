package messages

import (
	"slices"

	"github.com/parley-chat/parley/shared/api"
)

// explainSafety completes what a view's safety says about why (vs.Action
// already decided from s):
//
//   - Review lists the categories the policy sends to the moderators with
//     the text served (self-harm by default), and Categories has them, so
//     that a client can show support resources; they may be the source's
//     only (a laundered or added delta).
//   - A view hidden for what the source says lists the source's
//     categories: its translation may be clean (a laundered delta, or harm
//     the guard found in the source and could not check in the
//     translation), and a hidden view listing no category tells the
//     reader nothing.
//
// The verdicts' slices are not changed.
func explainSafety(vs *api.ViewSafety, s *api.SafetyResponse) {
	if p := s.Policy; p != nil && len(p.Review) > 0 {
		vs.Review = p.Review
		vs.Categories = union(vs.Categories, p.Review)
	}
	if vs.Action == api.SafetyHide && s.Translation != nil && !s.Source.Safe {
		vs.Categories = union(vs.Categories, s.Source.Categories)
	}
}

// union is a with the elements of b it lacks appended, in b's order; a
// itself is not changed.
func union(a, b []string) []string {
	out := a
	for _, x := range b {
		if !slices.Contains(out, x) {
			if len(out) == len(a) {
				out = slices.Clone(a)
			}
			out = append(out, x)
		}
	}
	return out
}
