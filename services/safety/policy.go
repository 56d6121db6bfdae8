package safety

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/rivo/uniseg"

	"github.com/parley-chat/parley/shared/api"
)

// harm is one side's harm findings (PII left out): each category's
// highest severity rank, and the side's overall rank.
type harm struct {
	cats map[string]int
	rank int
}

// harmOf collects a verdict's harm findings. withGuard adds the guard's
// categories; delta uses it only when the guard answered for both sides,
// so that one side's extra check does not read as a change.
func harmOf(v api.Verdict, withGuard bool) harm {
	h := harm{cats: map[string]int{}}
	lexical := 0
	for _, s := range v.Spans {
		if s.Category == api.CategoryPII {
			continue
		}
		lexical++
		r := api.SeverityRank(s.Severity)
		h.cats[s.Category] = max(h.cats[s.Category], r)
		h.rank = max(h.rank, r)
	}
	if lexical >= escalateAt && h.rank > 0 {
		h.rank = min(h.rank+1, api.SeverityRank(api.SeverityHigh))
	}
	if g := v.Guard; withGuard && guardAnswered(v) && !g.Safe {
		for i, cat := range g.Categories {
			r := api.SeverityRank(guardSeverity(g.Codes, i))
			h.cats[cat] = max(h.cats[cat], r)
			h.rank = max(h.rank, r)
		}
	}
	return h
}

func guardAnswered(v api.Verdict) bool { return v.Guard != nil && v.Guard.Status == api.GuardOK }

// delta compares the sides. Added: the translation has harm and the source
// none. Laundered: the source has harm and the translation none or less
// (a lower overall severity). The category lists say which categories
// appeared, or vanished or weakened.
func delta(src, tgt api.Verdict) *api.SafetyDelta {
	withGuard := guardAnswered(src) && guardAnswered(tgt)
	s, t := harmOf(src, withGuard), harmOf(tgt, withGuard)
	d := &api.SafetyDelta{
		Added:     t.rank > 0 && s.rank == 0,
		Laundered: s.rank > 0 && t.rank < s.rank,
		Partial: (src.Lexicon == FallbackLexicon) != (tgt.Lexicon == FallbackLexicon) ||
			guardAnswered(src) != guardAnswered(tgt),
	}
	for cat := range t.cats {
		if _, ok := s.cats[cat]; !ok {
			d.AddedCategories = append(d.AddedCategories, cat)
		}
	}
	for cat, r := range s.cats {
		if t.cats[cat] < r {
			d.LaunderedCategories = append(d.LaunderedCategories, cat)
		}
	}
	slices.Sort(d.AddedCategories)
	slices.Sort(d.LaunderedCategories)
	return d
}

// actionStrength orders actions: allow < mask < flag. Review is as
// strong as allow: it does nothing to the text (see decide).
func actionStrength(a string) int {
	switch a {
	case api.PolicyMask:
		return 1
	case api.PolicyFlag:
		return 2
	}
	return 0
}

// decide applies the tenant's policy to the verdict of the side readers
// see (the translation, or the source when there is none) and to the
// deltas. Each finding at or above the policy's minimum severity calls for
// its category's action; the decision is the strongest. Masked masks the
// span of every finding whose action is mask or flag. A finding to mask
// that has no span (a guard category) cannot be masked and is flagged
// instead. Deltas are flagged when the policy says so: what the source
// said is not visible in the translation, so only a moderator can judge.
//
// A finding whose action is review (self_harm by default) leaves the
// text as it is and is listed in Review: the view goes to the moderators
// all the same (the pipeline sends it), but readers keep seeing it. A
// delta whose categories are all review categories is reviewed too,
// rather than flagged: a Spanish "quiero morir" rendered as "I wanna die",
// which no list has, must not hide the message.
//
// source is the source's verdict when visible is the translation (nil
// otherwise): harm the guard found in the source counts for the
// translation when the guard could not check the translation, since
// nothing then says the translation is clean (uncheckedHarm). With
// reviewUnchecked (SAFETY_GUARD_FAIL=review), a visible text the guard
// did not check is flagged for review.
func decide(t *tenant, tenantID string, visible, source *api.Verdict, text string, d *api.SafetyDelta, reviewUnchecked bool) *api.PolicyDecision {
	p := &t.policy
	dec := &api.PolicyDecision{Tenant: tenantID, Action: api.PolicyAllow}
	side := "source"
	if d != nil {
		side = "translation"
	}
	minRank := api.SeverityRank(p.MinSeverity)
	raise := func(a string) {
		if actionStrength(a) > actionStrength(dec.Action) {
			dec.Action = a
		}
	}

	// One reason per category, with its worst severity.
	type finding struct {
		rank   int
		action string
		guard  bool
	}
	found := map[string]*finding{}
	var order []string
	note := func(cat string, rank int, action string, guard bool) {
		f := found[cat]
		if f == nil {
			f = &finding{}
			found[cat] = f
			order = append(order, cat)
		}
		f.rank = max(f.rank, rank)
		if actionStrength(action) > actionStrength(f.action) || f.action == "" {
			f.action = action
		}
		f.guard = f.guard || guard
	}

	escalated := 0
	for _, s := range visible.Spans {
		if s.Category != api.CategoryPII {
			escalated++
		}
	}
	var masked []span
	for _, s := range visible.Spans {
		r := api.SeverityRank(s.Severity)
		if s.Category != api.CategoryPII && escalated >= escalateAt {
			r = min(r+1, api.SeverityRank(api.SeverityHigh))
		}
		if r < minRank {
			continue
		}
		a := p.action(s.Category)
		// A flagged span is masked too: readers of MESSAGES_FLAGGED=mask
		// get Masked while the case is open, and a flagged word left in
		// it would be served as it was written.
		if a == api.PolicyMask || a == api.PolicyFlag {
			masked = append(masked, span{s.Start, s.End})
		}
		note(s.Category, r, a, false)
		raise(a)
	}
	if g := visible.Guard; guardAnswered(*visible) && !g.Safe {
		for i, cat := range g.Categories {
			r := api.SeverityRank(guardSeverity(g.Codes, i))
			if r < minRank {
				continue
			}
			a := p.action(cat)
			if a == api.PolicyMask {
				a = api.PolicyFlag
			}
			note(cat, r, a, true)
			raise(a)
		}
	}
	review := func(cat string) {
		if !slices.Contains(dec.Review, cat) {
			dec.Review = append(dec.Review, cat)
		}
	}
	for _, cat := range order {
		f := found[cat]
		switch f.action {
		case api.PolicyFlag:
			dec.FlaggedBy = append(dec.FlaggedBy, cat)
		case api.PolicyReview:
			review(cat)
		}
		by := ""
		if f.guard {
			by = ", guard"
		}
		dec.Reasons = append(dec.Reasons, fmt.Sprintf("%s: %s (%s%s): %s", side, cat, severityName(f.rank), by, f.action))
	}
	if source != nil && guardAnswered(*source) && !source.Guard.Safe && !guardAnswered(*visible) {
		// The threat the guard saw in the source may be in the
		// translation, unseen: the word lists alone cleared it.
		g := source.Guard
		for i, cat := range g.Categories {
			r := api.SeverityRank(guardSeverity(g.Codes, i))
			if r < minRank {
				continue
			}
			a := p.action(cat)
			if a == api.PolicyMask {
				a = api.PolicyFlag
			}
			if f := found[cat]; f != nil && actionStrength(f.action) >= actionStrength(a) {
				continue
			}
			dec.Reasons = append(dec.Reasons, fmt.Sprintf("source: %s (%s, guard; the guard did not check the translation): %s", cat, severityName(r), a))
			if a == api.PolicyFlag && !slices.Contains(dec.FlaggedBy, cat) {
				dec.FlaggedBy = append(dec.FlaggedBy, cat)
			}
			if a == api.PolicyReview {
				review(cat)
			}
			raise(a)
		}
	}
	if g := visible.Guard; reviewUnchecked && g != nil && g.Status != api.GuardOK {
		dec.Reasons = append(dec.Reasons, fmt.Sprintf("%s: not checked by the guard (%s): flag for review", side, g.Status))
		dec.FlaggedBy = append(dec.FlaggedBy, api.FlagGuardUnchecked)
		raise(api.PolicyFlag)
	}
	if d != nil && p.FlagDeltas != nil && *p.FlagDeltas {
		// reviewOnly: every category of the delta is to be reviewed, not
		// hidden, so the delta is too.
		reviewOnly := func(cats []string) bool {
			return len(cats) > 0 && !slices.ContainsFunc(cats, func(c string) bool { return p.action(c) != api.PolicyReview })
		}
		if d.Added {
			if reviewOnly(d.AddedCategories) {
				dec.Reasons = append(dec.Reasons, "added: the translation is unsafe and the source is safe: review")
				for _, cat := range d.AddedCategories {
					review(cat)
				}
			} else {
				dec.Reasons = append(dec.Reasons, "added: the translation is unsafe and the source is safe: flag")
				dec.FlaggedBy = append(dec.FlaggedBy, api.FlagAdded)
				raise(api.PolicyFlag)
			}
		}
		if d.Laundered {
			if reviewOnly(d.LaunderedCategories) {
				dec.Reasons = append(dec.Reasons, "laundered: the source is unsafe and the translation is clean or milder: review")
				for _, cat := range d.LaunderedCategories {
					review(cat)
				}
			} else {
				dec.Reasons = append(dec.Reasons, "laundered: the source is unsafe and the translation is clean or milder: flag")
				dec.FlaggedBy = append(dec.FlaggedBy, api.FlagLaundered)
				raise(api.PolicyFlag)
			}
		}
	}
	if len(masked) > 0 {
		dec.Masked = mask(text, masked, p.MaskChar)
	}
	return dec
}

// mask replaces every grapheme of text that overlaps a span with maskChar,
// keeping white space, so the masked text has as many graphemes as the
// text: a reader sees that something was there and how long it was, and
// layouts that count characters do not shift. Graphemes, not bytes or
// runes: "🖕🏽" or "é" written with a combining accent is one mask
// character.
func mask(text string, spans []span, maskChar string) string {
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	b.Grow(len(text))
	g := uniseg.NewGraphemes(text)
	k := 0
	for g.Next() {
		start, end := g.Positions()
		for k < len(spans) && spans[k].end <= start {
			k++
		}
		cluster := g.Str()
		if k < len(spans) && spans[k].start < end && !isSpace(cluster) {
			b.WriteString(maskChar)
			continue
		}
		b.WriteString(cluster)
	}
	return b.String()
}

func isSpace(cluster string) bool {
	for _, r := range cluster {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}
