package api

import "slices"

// MaskServes reports whether the policy's Masked text may be served in
// place of the text readers see, labelled masked: Masked is there, and
// when the policy flagged the view, every reason for the flag (FlaggedBy)
// is a harm category found at a span of that text, which Masked masks. A
// flag that has no span to mask (a guard category, the deltas "added" and
// "laundered") is about the text as a whole, so masking words of it would
// serve what the flag is about: such a view is hidden instead. Masked text
// is never served unmasked under the label mask.
func (s *SafetyResponse) MaskServes() bool {
	if s == nil || s.Policy == nil {
		return false
	}
	p := s.Policy
	if p.Masked == "" {
		return false
	}
	if p.Action != PolicyFlag {
		return true
	}
	visible := &s.Source
	if s.Translation != nil {
		visible = s.Translation
	}
	if g := visible.Guard; g != nil && g.Status == GuardOK && !g.Safe {
		for _, cat := range g.Categories {
			if slices.Contains(p.FlaggedBy, cat) {
				return false
			}
		}
	}
	for _, by := range p.FlaggedBy {
		if !slices.ContainsFunc(visible.Spans, func(sp Span) bool { return sp.Category == by }) {
			return false
		}
	}
	return true
}
