package experiment

// The results of an experiment, computed from its event streams: per arm,
// the mean quality score, latency, tokens and reader rating with 95 %
// confidence intervals, the fallback, show-original and bad-translation
// rates, and Welch's t-test (a two-proportion z-test for rates) of each
// arm against control, all over units of assignment (a unit's views
// averaged first), the unit of randomisation.
// Guardrails turn those results into decisions: an arm that degrades
// quality, latency or fallbacks past the experiment's thresholds,
// significantly and on enough samples, is stopped in KV so that its
// traffic returns to control. They live here, not in quality/, so that
// the translate service can enforce them itself (quality/ imports the
// gateway, which the all-in-one process is built from).

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/stats"
)

// Alpha is the significance level of the tests and guardrails.
const Alpha = 0.05

// SRMAlpha is the significance level of the sample-ratio-mismatch check:
// far below Alpha, since the check runs on every report and a mismatch
// condemns the whole experiment, not one arm; a real one (a broken split,
// lost events) is usually far beyond it.
const SRMAlpha = 0.001

// SRMNotePrefix begins the note of a sample ratio mismatch.
const SRMNotePrefix = "sample ratio mismatch: "

// srmMinExpected is the least expected number of units per arm for the
// sample-ratio-mismatch check: below it the chi-square approximation
// does not hold, and a young experiment would cry wolf.
const srmMinExpected = 5

// Report is the analysis of one experiment.
type Report struct {
	Experiment string      `json:"experiment"`
	Control    string      `json:"control"`
	Arms       []ArmResult `json:"arms"`
	// SRMP is the p-value of the sample-ratio-mismatch check: a
	// chi-square goodness-of-fit test of the units of the arms that serve
	// (not stopped) against the shares their weights give them (the
	// percentage scales every arm alike, so it does not enter). Absent
	// when there is nothing to test: fewer than two such arms, or fewer
	// than 5 units expected in one of them. Units without a unit id do
	// not count.
	SRMP *float64 `json:"srm_p,omitempty"`
	// SRM is set when SRMP < SRMAlpha: the units are not split as the
	// weights say (a broken assignment, lost or duplicated events), so
	// every difference between the arms is untrustworthy, and
	// GuardrailStops stops no arm while it lasts.
	SRM bool `json:"srm,omitempty"`
	// SRMSplits is how many sets of weights the tested units were
	// assigned by, when more than one (the weights changed during the
	// experiment, and each unit is expected by its own).
	SRMSplits int `json:"srm_splits,omitempty"`
	// MovedUnits is the number of units left out of every arm because a
	// stop moved them: an exposure of theirs was served by another arm
	// (control) than the one they hash to (its assigned). Counted in
	// control they would double its units and skew the split.
	MovedUnits int `json:"moved_units,omitempty"`
	// Notes say what the numbers rest on when it is not the rule: events
	// without a unit id, feedback beyond the views it names, units moved
	// by a stop, a sample ratio mismatch.
	Notes []string `json:"notes,omitempty"`
}

// ArmResult is one arm's results. Units are randomised, not views, and a
// unit's views are not independent samples (one conversation sending one
// text forty times is one reader's experience, not forty): every mean
// and rate below is over units, each unit's own mean or share of its
// views counting once, and N is a number of units. The raw counts stay
// beside them (Exposures, Outcomes, Views, Feedback).
type ArmResult struct {
	Name      string `json:"name"`
	Control   bool   `json:"control,omitempty"`
	Stopped   string `json:"stopped,omitempty"`
	Exposures int    `json:"exposures"`
	// Units is the number of units (conversations or users, by the
	// experiment's by) with a view under the arm. Units a stop moved
	// (Report.MovedUnits) are in no arm: not here, nor in the counts
	// below.
	Units int `json:"units"`
	// Outcomes is the number of outcome events; Views the distinct views
	// among them: a unit's outcomes of one message (or text) in one
	// language are one view.
	Outcomes int `json:"outcomes"`
	Views    int `json:"views"`
	// WithoutUnit counts outcome events that carry no unit id (written
	// before events did): each is counted as a unit of its own.
	WithoutUnit int `json:"without_unit,omitempty"`
	// Outcome statistics (quality only over translated, scored views), as
	// means of the units' means. Intervals are clipped to the quantity's
	// range: quality 0-100, latency and tokens at least 0, rating 1-5.
	Quality   stats.Sample     `json:"quality"`
	LatencyMS stats.Sample     `json:"latency_ms"`
	Tokens    stats.Sample     `json:"tokens"`
	Fallbacks stats.Proportion `json:"fallbacks"`
	// Translated is the share of views served translated.
	Translated stats.Proportion `json:"translated"`
	Rating     stats.Sample     `json:"rating"`
	// ShowOriginal and BadTranslation are the shares of the arm's views
	// whose reader asked for the original or reported a bad translation.
	ShowOriginal   stats.Proportion `json:"show_original"`
	BadTranslation stats.Proportion `json:"bad_translation"`
	// Feedback counts the arm's feedback events, counted or not.
	Feedback FeedbackCounts `json:"feedback"`
	// Versus control (absent for control itself).
	VsControl *Comparison `json:"vs_control,omitempty"`
}

// FeedbackCounts says what became of an arm's feedback events. Feedback
// is credited to the view it names (its request id; else its text and
// message in the unit of its conversation or user; else its text or
// message id, when one unit's view has it), once per key, view and kind;
// the rest is the over-count, reported rather than clamped into the
// rates.
type FeedbackCounts struct {
	Events int `json:"events"`
	// Counted events are in the results.
	Counted int `json:"counted"`
	// Duplicates repeat a key's feedback of one kind on one view (of
	// ratings, the last one counts).
	Duplicates int `json:"duplicates"`
	// Unmatched events name no view of the arm that the stream holds (or
	// one that views of several units share), or, written before feedback
	// named its view, exceed the arm's views.
	Unmatched int `json:"unmatched"`
	// Legacy events were written before feedback named its view: their
	// ratings count as units of their own, and the other kinds are
	// credited to the arm's views in order.
	Legacy int `json:"legacy,omitempty"`
}

// OverCount is the feedback beyond the views it could be credited to.
func (f FeedbackCounts) OverCount() int { return f.Duplicates + f.Unmatched }

// Comparison is an arm against control.
type Comparison struct {
	Quality   stats.Welch `json:"quality"`
	LatencyMS stats.Welch `json:"latency_ms"`
	Rating    stats.Welch `json:"rating"`
	// FallbacksP, ShowOriginalP and BadTranslationP are two-sided
	// p-values of the rates.
	FallbacksP      float64 `json:"fallbacks_p"`
	ShowOriginalP   float64 `json:"show_original_p"`
	BadTranslationP float64 `json:"bad_translation_p"`
}

// viewRef is one view: its unit and its index among the unit's views.
type viewRef struct {
	unit string
	i    int
}

// unitValues are one unit's views and what was measured of them.
type unitValues struct {
	views            int
	quality, latency []float64
	fell, translated int
	// flagged: the unit's views a reader asked the original of, or
	// reported, by feedback kind.
	flagged map[string]map[int]bool
	ratings []float64
}

// armValues gathers one arm's events.
type armValues struct {
	exposures, outcomes, withoutUnit int
	units                            map[string]*unitValues
	order                            []string           // units, first seen first
	views                            []viewRef          // views, first seen first
	byView                           map[string]viewRef // unit/view key -> view
	byRequest                        map[string]viewRef
	byMessage, byKey                 map[string][]viewRef
	tokens                           map[string][]float64
	tokenOrder                       []string
	// ratings are the counted ratings by (key, view, kind): the last
	// counts. legacyRatings have no view; legacyFlags count the
	// show-original and bad-translation events without one.
	ratings       map[string]rated
	ratingOrder   []string
	legacyRatings []float64
	legacyFlags   map[string][]bool // per kind, in order: whether the event had a rating
	fb            FeedbackCounts
	credited      map[string]bool // key, view and kind already counted
	// splits are the weights each unit (u:<unit>) was assigned by, from
	// its first exposure in the arm (Event.Split; "" when not recorded).
	splits map[string]string
	// moved are the units (Event.Unit) a stop moved, left out of every
	// arm: their outcomes are indexed, so that feedback on their views is
	// recognised and left out too, but not counted.
	moved map[string]bool
}

type rated struct {
	view   viewRef
	rating float64
}

func newArmValues(moved map[string]bool) *armValues {
	return &armValues{units: map[string]*unitValues{}, byView: map[string]viewRef{}, byRequest: map[string]viewRef{},
		byMessage: map[string][]viewRef{}, byKey: map[string][]viewRef{}, tokens: map[string][]float64{},
		ratings: map[string]rated{}, legacyFlags: map[string][]bool{}, credited: map[string]bool{}, moved: moved,
		splits: map[string]string{}}
}

// isMoved reports whether the unit key (u:<unit> or e:<i>) is a unit a
// stop moved.
func (v *armValues) isMoved(key string) bool {
	unit, ok := strings.CutPrefix(key, "u:")
	return ok && v.moved[unit]
}

// outcome adds an outcome event (the i-th event) to the arm.
func (v *armValues) outcome(i int, ev Event) {
	if !v.moved[ev.Unit] {
		v.outcomes++
	}
	unit := "u:" + ev.Unit
	if ev.Unit == "" {
		v.withoutUnit++
		unit = fmt.Sprintf("e:%d", i)
	}
	u := v.units[unit]
	if u == nil {
		u = &unitValues{flagged: map[string]map[int]bool{}}
		v.units[unit] = u
		v.order = append(v.order, unit)
	}
	// The unit's view of this message in this language again (another
	// replica's, or from before a restart): the same sample.
	if ev.View != "" && ev.Unit != "" {
		if ref, ok := v.byView[unit+"/"+ev.View]; ok {
			if ev.RequestID != "" {
				if _, ok := v.byRequest[ev.RequestID]; !ok {
					v.byRequest[ev.RequestID] = ref
				}
			}
			return
		}
	}
	ref := viewRef{unit: unit, i: u.views}
	u.views++
	v.views = append(v.views, ref)
	if ev.View != "" {
		v.byKey[ev.View] = append(v.byKey[ev.View], ref)
		if ev.Unit != "" {
			v.byView[unit+"/"+ev.View] = ref
		}
	}
	if ev.RequestID != "" {
		if _, ok := v.byRequest[ev.RequestID]; !ok {
			v.byRequest[ev.RequestID] = ref
		}
	}
	if ev.MessageID != "" {
		v.byMessage[ev.MessageID] = append(v.byMessage[ev.MessageID], ref)
	}
	u.latency = append(u.latency, ev.LatencyMS)
	if ev.Fallbacks > 0 {
		u.fell++
	}
	if ev.Status == api.StatusTranslated {
		u.translated++
	}
	if ev.Quality != nil {
		u.quality = append(u.quality, *ev.Quality)
	}
}

// repeat adds the request id of a Repeat event to the view it served
// again, once the arm's outcomes are in: feedback naming that request id
// alone is credited to the view. A repeat whose view the stream no longer
// holds (its outcome aged out) names none.
func (v *armValues) repeat(ev Event) {
	if ev.RequestID == "" || ev.Unit == "" || ev.View == "" {
		return
	}
	if _, ok := v.byRequest[ev.RequestID]; ok {
		return
	}
	if ref, ok := v.byView["u:"+ev.Unit+"/"+ev.View]; ok {
		v.byRequest[ev.RequestID] = ref
	}
}

// exposure adds an exposure event (the i-th event) to the arm.
func (v *armValues) exposure(i int, ev Event) {
	if v.moved[ev.Unit] || ev.Assigned != "" && ev.Assigned != ev.Arm {
		return // a unit moved by a stop (one without a unit id: this event)
	}
	v.exposures++
	if ev.Unit != "" {
		if _, ok := v.splits["u:"+ev.Unit]; !ok {
			v.splits["u:"+ev.Unit] = ev.Split
		}
	}
	if ev.Tokens <= 0 {
		return
	}
	unit := "u:" + ev.Unit
	if ev.Unit == "" {
		unit = fmt.Sprintf("e:%d", i)
	}
	if _, ok := v.tokens[unit]; !ok {
		v.tokenOrder = append(v.tokenOrder, unit)
	}
	v.tokens[unit] = append(v.tokens[unit], float64(ev.Tokens))
}

// oneUnit returns the view of refs when they are all one unit's (the
// first): a view key or message id that several units' views share does
// not say whose view the feedback is about.
func oneUnit(refs []viewRef) (viewRef, bool) {
	if len(refs) == 0 {
		return viewRef{}, false
	}
	for _, r := range refs[1:] {
		if r.unit != refs[0].unit {
			return viewRef{}, false
		}
	}
	return refs[0], true
}

// link finds the view a feedback event is about.
func (v *armValues) link(ev Event) (viewRef, bool) {
	if ev.ViewRequestID != "" {
		if ref, ok := v.byRequest[ev.ViewRequestID]; ok {
			return ref, true
		}
	}
	if ev.View != "" && ev.Unit != "" {
		// The unit's view, however many times it was served.
		if ref, ok := v.byView["u:"+ev.Unit+"/"+ev.View]; ok {
			return ref, true
		}
	}
	if ev.View != "" {
		if ref, ok := oneUnit(v.byKey[ev.View]); ok {
			return ref, true
		}
	}
	if ev.MessageID != "" {
		if ref, ok := oneUnit(v.byMessage[ev.MessageID]); ok {
			return ref, true
		}
	}
	return viewRef{}, false
}

// feedback adds a feedback event to the arm, once its outcomes are in.
func (v *armValues) addFeedback(ev Event) {
	v.fb.Events++
	kind := ev.Kind
	if kind == "" {
		kind = api.FeedbackRating
	}
	ref, ok := v.link(ev)
	if ok && v.isMoved(ref.unit) {
		v.fb.Events-- // about a view of a unit left out
		return
	}
	if !ok {
		if ev.ViewRequestID != "" || ev.View != "" {
			v.fb.Unmatched++ // names a view the stream does not hold
			return
		}
		// Written before feedback named its view.
		v.fb.Legacy++
		if ev.Rating > 0 {
			v.legacyRatings = append(v.legacyRatings, float64(ev.Rating))
			v.fb.Counted++
		}
		switch {
		case kind != api.FeedbackRating:
			v.legacyFlags[kind] = append(v.legacyFlags[kind], ev.Rating > 0) // credited in finish
		case ev.Rating <= 0:
			v.fb.Unmatched++ // a rating without one: nothing to count
		}
		return
	}
	id := fmt.Sprintf("%s\x00%s\x00%d\x00%s", ev.KeyID, ref.unit, ref.i, kind)
	if v.credited[id] {
		v.fb.Duplicates++
		if r, ok := v.ratings[id]; ok && ev.Rating > 0 {
			r.rating = float64(ev.Rating)
			v.ratings[id] = r
		}
		return
	}
	v.credited[id] = true
	v.fb.Counted++
	if ev.Rating > 0 {
		v.ratings[id] = rated{view: ref, rating: float64(ev.Rating)}
		v.ratingOrder = append(v.ratingOrder, id)
	}
	if kind != api.FeedbackRating {
		v.flag(ref, kind)
	}
}

// flag marks a view as one whose reader did kind; it reports false when
// it was marked already.
func (v *armValues) flag(ref viewRef, kind string) bool {
	u := v.units[ref.unit]
	if u.flagged[kind] == nil {
		u.flagged[kind] = map[int]bool{}
	}
	if u.flagged[kind][ref.i] {
		return false
	}
	u.flagged[kind][ref.i] = true
	return true
}

// finish credits the feedback written before it named its view to the
// arm's views not yet marked, in order, as the results always did; what
// exceeds the views is unmatched, not clamped silently.
func (v *armValues) finish() {
	for _, kind := range []string{api.FeedbackShowOriginal, api.FeedbackBadTranslation} {
		var views []viewRef // the views of units not left out
		for _, ref := range v.views {
			if !v.isMoved(ref.unit) {
				views = append(views, ref)
			}
		}
		next := 0 // the first view that may be unmarked
		for _, rated := range v.legacyFlags[kind] {
			for next < len(views) && !v.flag(views[next], kind) {
				next++
			}
			switch {
			case next < len(views):
				next++
				if !rated {
					v.fb.Counted++
				}
			case !rated:
				// Beyond the arm's views (an event with a rating counted
				// for its rating).
				v.fb.Unmatched++
			}
		}
	}
	for _, id := range v.ratingOrder {
		r := v.ratings[id]
		u := v.units[r.view.unit]
		u.ratings = append(u.ratings, r.rating)
	}
}

func meanOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// result computes the arm's statistics over its units.
func (v *armValues) result(name string) ArmResult {
	var quality, latency, tokens, rating, fell, translated, shown, bad []float64
	units := 0
	for _, key := range v.order {
		u := v.units[key]
		if u.views == 0 || v.isMoved(key) {
			continue
		}
		units++
		n := float64(u.views)
		latency = append(latency, meanOf(u.latency))
		if len(u.quality) > 0 {
			quality = append(quality, meanOf(u.quality))
		}
		fell = append(fell, float64(u.fell)/n)
		translated = append(translated, float64(u.translated)/n)
		shown = append(shown, float64(len(u.flagged[api.FeedbackShowOriginal]))/n)
		bad = append(bad, float64(len(u.flagged[api.FeedbackBadTranslation]))/n)
		if len(u.ratings) > 0 {
			rating = append(rating, meanOf(u.ratings))
		}
	}
	rating = append(rating, v.legacyRatings...)
	for _, unit := range v.tokenOrder {
		tokens = append(tokens, meanOf(v.tokens[unit]))
	}
	inf := math.Inf(1)
	counted := 0
	for key, n := range v.units {
		if !v.isMoved(key) {
			counted += n.views
		}
	}
	return ArmResult{Name: name, Exposures: v.exposures, Units: units, Outcomes: v.outcomes, Views: counted,
		WithoutUnit: v.withoutUnit,
		Quality:     stats.Summarize(quality).Clip(0, 100), LatencyMS: stats.Summarize(latency).Clip(0, inf),
		Tokens: stats.Summarize(tokens).Clip(0, inf), Rating: stats.Summarize(rating).Clip(api.MinRating, api.MaxRating),
		Fallbacks: stats.Shares(fell), Translated: stats.Shares(translated),
		ShowOriginal: stats.Shares(shown), BadTranslation: stats.Shares(bad),
		Feedback: v.fb}
}

// Analyze computes the report of experiment e from its events (events of
// other experiments are ignored; arms the events name but e no longer
// lists are reported after e's arms), per unit of assignment: each
// unit's views are averaged, then units compared (ArmResult). Events
// without a unit id (written before events had one) count as units of
// their own, and the report says so. Feedback from a tenant e does not
// serve is ignored too: such a reader was never shown e's arms (the
// gateway refuses it; events recorded before it did, or before e's
// tenants changed, may remain).
//
// Units a stop moved are left out of every arm (MovedUnits): a stopped
// arm's units are served by control, and their exposures say so
// (Event.Assigned, the arm they hash to, differs from Event.Arm).
// Counted in control, they would add the stopped arm's units to control's
// own (a sample ratio mismatch of the report's making) and mix two
// populations; counted in the stopped arm, they would mix views it did
// not serve. Their outcomes and feedback, which need not carry Assigned,
// are left out by unit. The units the stopped arm served before the stop
// and that it never served since stay in it.
//
// The report checks the split (SRMP, SRM): the units of the arms that
// serve against the shares of their weights.
func Analyze(e Experiment, events []Event) Report {
	mine := func(ev Event) bool { return ev.Experiment == e.Name && ev.Arm != "" }
	moved := map[string]bool{}
	for _, ev := range events {
		if mine(ev) && ev.Unit != "" && ev.Assigned != "" && ev.Assigned != ev.Arm {
			moved[ev.Unit] = true
		}
	}
	by := map[string]*armValues{}
	order := []string{}
	arm := func(name string) *armValues {
		v := by[name]
		if v == nil {
			v = newArmValues(moved)
			by[name] = v
			order = append(order, name)
		}
		return v
	}
	for _, a := range e.Arms {
		arm(a.Name)
	}
	for i, ev := range events {
		if !mine(ev) {
			continue
		}
		switch ev.Type {
		case Exposure:
			arm(ev.Arm).exposure(i, ev)
		case Outcome:
			arm(ev.Arm).outcome(i, ev)
		}
	}
	// Views served again, once their first outcomes are in (another
	// replica's outcome may be stored after this one's repeat).
	for _, ev := range events {
		if mine(ev) && ev.Type == Repeat {
			arm(ev.Arm).repeat(ev)
		}
	}
	// Feedback once every view is in: the merged streams need not have
	// a view's outcome before the feedback on it.
	for _, ev := range events {
		if !mine(ev) || ev.Type != Feedback {
			continue
		}
		if ev.Tenant != "" && len(e.Tenants) > 0 && !slices.Contains(e.Tenants, ev.Tenant) {
			continue
		}
		arm(ev.Arm).addFeedback(ev)
	}
	r := Report{Experiment: e.Name, Control: e.Control}
	withoutUnit, legacy := 0, 0
	for _, name := range order {
		v := by[name]
		v.finish()
		a := v.result(name)
		a.Control = name == e.Control
		if arm, ok := e.Arm(name); ok {
			a.Stopped = arm.Stopped
		}
		withoutUnit += a.WithoutUnit
		legacy += a.Feedback.Legacy
		if n := a.Feedback.OverCount(); n > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("arm %s: %d of %d feedback events not counted (%d repeat a key's feedback on a view, %d name no view of the arm)",
				name, n, a.Feedback.Events, a.Feedback.Duplicates, a.Feedback.Unmatched))
		}
		r.Arms = append(r.Arms, a)
	}
	if withoutUnit > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d outcome events carry no unit id (written before events did): each is counted as a unit of its own, so a conversation's repeated views of them weigh as independent samples", withoutUnit))
	}
	if legacy > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d feedback events were written before feedback named its view: their ratings count as units of their own, the other kinds are credited to the arm's views in order", legacy))
	}
	if r.MovedUnits = len(moved); r.MovedUnits > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d units moved by a stop (served by another arm than the one they hash to) are left out of every arm, with their outcomes and feedback", r.MovedUnits))
	}
	r.checkSRM(e, by)
	ctl := r.arm(e.Control)
	for i := range r.Arms {
		a := &r.Arms[i]
		if a.Control || ctl == nil {
			continue
		}
		a.VsControl = &Comparison{
			Quality:         stats.WelchTest(ctl.Quality, a.Quality),
			LatencyMS:       stats.WelchTest(ctl.LatencyMS, a.LatencyMS),
			Rating:          stats.WelchTest(ctl.Rating, a.Rating),
			FallbacksP:      stats.TwoProportionP(ctl.Fallbacks, a.Fallbacks),
			ShowOriginalP:   stats.TwoProportionP(ctl.ShowOriginal, a.ShowOriginal),
			BadTranslationP: stats.TwoProportionP(ctl.BadTranslation, a.BadTranslation),
		}
	}
	return r
}

// checkSRM tests the split of units between the arms that serve (listed
// by e and not stopped) against the shares of their weights, by
// Pearson's chi-square goodness-of-fit test, and notes a mismatch.
// A stopped arm serves no new units, so its share is not comparable;
// the units a stop moved are out of the report already. Units without a
// unit id are outcome events, not units, and stay out of the test.
//
// Each unit is expected by the weights it was assigned by (the Split its
// first exposure in the arm carries; the current weights for an exposure
// without one): an arm's expected count is the sum, over the splits, of
// the split's units times the arm's share in it.
func (r *Report) checkSRM(e Experiment, by map[string]*armValues) {
	var serving []string
	for _, a := range e.Arms {
		if a.Stopped == "" && r.arm(a.Name) != nil && by[a.Name] != nil {
			serving = append(serving, a.Name)
		}
	}
	if len(serving) < 2 {
		return
	}
	// Units by the split they were assigned by (one not recorded, or
	// not readable, is the current one), then by arm.
	current := e.Split()
	counts := map[string]map[string]int{}
	readable := map[string]string{} // recorded split -> the one it counts as
	var splits []string
	for _, name := range serving {
		v := by[name]
		for _, key := range v.order {
			if u := v.units[key]; u.views == 0 || v.isMoved(key) || !strings.HasPrefix(key, "u:") {
				continue
			}
			sp, seen := readable[v.splits[key]]
			if !seen {
				sp = v.splits[key]
				if _, ok := parseSplit(sp); !ok {
					sp = current
				}
				readable[v.splits[key]] = sp
			}
			if counts[sp] == nil {
				counts[sp] = map[string]int{}
				splits = append(splits, sp)
			}
			counts[sp][name]++
		}
	}
	observed := make([]float64, len(serving))
	expected := make([]float64, len(serving))
	total, used := 0.0, 0
	for _, sp := range splits {
		w, _ := parseSplit(sp)
		denom := 0.0
		for _, name := range serving {
			denom += w[name]
		}
		if denom == 0 {
			// Split among arms of which none serves now (renamed
			// since): nothing to expect of its units.
			continue
		}
		used++
		n := 0.0
		for i, name := range serving {
			c := float64(counts[sp][name])
			observed[i] += c
			n += c
		}
		for i, name := range serving {
			expected[i] += n * w[name] / denom
		}
		total += n
	}
	if total == 0 {
		return
	}
	chi2 := 0.0
	var obs, exp []string
	for i, name := range serving {
		if expected[i] < srmMinExpected {
			return
		}
		d := observed[i] - expected[i]
		chi2 += d * d / expected[i]
		obs = append(obs, fmt.Sprintf("%s %d", name, int(observed[i])))
		exp = append(exp, fmt.Sprintf("%.1f", expected[i]))
	}
	p := stats.ChiSquareSF(chi2, len(serving)-1)
	r.SRMP = &p
	from := "the weights"
	if used > 1 {
		r.SRMSplits = used
		from = fmt.Sprintf("the weights each unit was assigned by (%d sets: they changed during the experiment)", used)
	}
	if r.SRM = p < SRMAlpha; r.SRM {
		r.Notes = append(r.Notes, fmt.Sprintf(SRMNotePrefix+"units %s against %s expected from %s (chi-square %.1f, %d df, p=%.3g < %g): the split is broken or events are lost, so no difference between the arms can be trusted, and the guardrails stop no arm until it is explained",
			strings.Join(obs, ", "), strings.Join(exp, ", "), from, chi2, len(serving)-1, p, SRMAlpha))
	}
}

func (r *Report) arm(name string) *ArmResult {
	i := slices.IndexFunc(r.Arms, func(a ArmResult) bool { return a.Name == name })
	if i < 0 {
		return nil
	}
	return &r.Arms[i]
}

// Stop is a guardrail's decision to stop an arm.
type Stop struct {
	Arm    string `json:"arm"`
	Reason string `json:"reason"`
}

// GuardrailStops checks every running arm against control with the
// experiment's thresholds. An arm is stopped when, with at least
// MinSamples units in it and in control, its quality drop, latency
// increase or fallback increase exceeds the threshold and the difference
// is significant at Alpha. Like the report, it compares units (each
// unit's mean), so one conversation's repeated views cannot stop an arm.
// It stops nothing while the report finds a sample ratio mismatch
// (Report.SRM): a broken split makes every difference untrustworthy, the
// harm as much as the lack of it. A test without variance (two constant
// samples: stats.Welch.NoVariance) is no test, and stops nothing either.
func GuardrailStops(e Experiment, r Report) []Stop {
	if r.SRM {
		return nil
	}
	g := e.Guardrails
	minN := g.MinSamplesOrDefault()
	ctl := r.arm(e.Control)
	if ctl == nil {
		return nil
	}
	var stops []Stop
	for _, a := range r.Arms {
		if a.Control || a.Stopped != "" || a.VsControl == nil {
			continue
		}
		if arm, ok := e.Arm(a.Name); !ok || arm.Stopped != "" {
			continue
		}
		vs := a.VsControl
		switch {
		case g.MaxQualityDrop > 0 && a.Quality.N >= minN && ctl.Quality.N >= minN &&
			vs.Quality.Defined && -vs.Quality.Diff > g.MaxQualityDrop && vs.Quality.P < Alpha:
			stops = append(stops, Stop{a.Name, fmt.Sprintf("guardrail: mean quality %.1f is %.1f points below control's %.1f (limit %.1f, p=%.3g, n=%d units)",
				a.Quality.Mean, -vs.Quality.Diff, ctl.Quality.Mean, g.MaxQualityDrop, vs.Quality.P, a.Quality.N)})
		case g.MaxLatencyIncrease > 0 && a.LatencyMS.N >= minN && ctl.LatencyMS.N >= minN && ctl.LatencyMS.Mean > 0 &&
			vs.LatencyMS.Defined && vs.LatencyMS.Diff > g.MaxLatencyIncrease*ctl.LatencyMS.Mean && vs.LatencyMS.P < Alpha:
			stops = append(stops, Stop{a.Name, fmt.Sprintf("guardrail: mean latency %.0f ms is %.0f %% above control's %.0f ms (limit %.0f %%, p=%.3g, n=%d units)",
				a.LatencyMS.Mean, 100*vs.LatencyMS.Diff/ctl.LatencyMS.Mean, ctl.LatencyMS.Mean, 100*g.MaxLatencyIncrease, vs.LatencyMS.P, a.LatencyMS.N)})
		case g.MaxFallbackIncrease > 0 && a.Fallbacks.N >= minN && ctl.Fallbacks.N >= minN &&
			a.Fallbacks.P-ctl.Fallbacks.P > g.MaxFallbackIncrease && vs.FallbacksP < Alpha:
			stops = append(stops, Stop{a.Name, fmt.Sprintf("guardrail: fallback rate %.1f %% vs control's %.1f %% (limit +%.1f points, p=%.3g, n=%d units)",
				100*a.Fallbacks.P, 100*ctl.Fallbacks.P, 100*g.MaxFallbackIncrease, vs.FallbacksP, a.Fallbacks.N)})
		}
	}
	return stops
}

// ArmStopper stops arms; *Store is one.
type ArmStopper interface {
	StopArm(ctx context.Context, name, arm, reason string) (bool, error)
}

// Enforce applies the guardrails' stops to the experiment in KV and
// returns those that changed something.
func Enforce(ctx context.Context, s ArmStopper, e Experiment, stops []Stop) ([]Stop, error) {
	var done []Stop
	for _, st := range stops {
		ok, err := s.StopArm(ctx, e.Name, st.Arm, st.Reason)
		if err != nil {
			return done, fmt.Errorf("stop %s/%s: %w", e.Name, st.Arm, err)
		}
		if ok {
			done = append(done, st)
		}
	}
	return done, nil
}
