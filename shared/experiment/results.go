package experiment

// The results of an experiment, computed from its event stream: per arm,
// the mean quality score, latency, tokens and reader rating with 95 %
// confidence intervals, the fallback, show-original and bad-translation
// rates, and Welch's t-test (a
// two-proportion z-test for rates) of each arm against control.
// Guardrails turn those results into decisions: an arm that degrades
// quality, latency or fallbacks past the experiment's thresholds,
// significantly and on enough samples, is stopped in KV so that its
// traffic returns to control. They live here, not in quality/, so that
// the translate service can enforce them itself (quality/ imports the
// gateway, which the all-in-one process is built from).

import (
	"context"
	"fmt"
	"slices"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/stats"
)

// Alpha is the significance level of the tests and guardrails.
const Alpha = 0.05

// Report is the analysis of one experiment.
type Report struct {
	Experiment string      `json:"experiment"`
	Control    string      `json:"control"`
	Arms       []ArmResult `json:"arms"`
}

// ArmResult is one arm's results.
type ArmResult struct {
	Name      string `json:"name"`
	Control   bool   `json:"control,omitempty"`
	Stopped   string `json:"stopped,omitempty"`
	Exposures int    `json:"exposures"`
	// Outcome statistics (quality only over translated, scored views).
	Quality   stats.Sample     `json:"quality"`
	LatencyMS stats.Sample     `json:"latency_ms"`
	Tokens    stats.Sample     `json:"tokens"`
	Fallbacks stats.Proportion `json:"fallbacks"`
	// Translated is the share of outcomes served translated.
	Translated stats.Proportion `json:"translated"`
	Rating     stats.Sample     `json:"rating"`
	// ShowOriginal and BadTranslation are the shares of the arm's views
	// whose reader asked for the original or reported a bad translation.
	ShowOriginal   stats.Proportion `json:"show_original"`
	BadTranslation stats.Proportion `json:"bad_translation"`
	// Versus control (absent for control itself).
	VsControl *Comparison `json:"vs_control,omitempty"`
}

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

type values struct {
	exposures                  int
	quality, latency, tokens   []float64
	rating                     []float64
	outcomes, fell, translated int
	showOriginal, bad          int
}

// Analyze computes the report of experiment e from its events (events of
// other experiments are ignored; arms the events name but e no longer
// lists are reported after e's arms). Feedback from a tenant e does not
// serve is ignored too: such a reader was never shown e's arms (the
// gateway refuses it; events recorded before it did, or before e's
// tenants changed, may remain).
func Analyze(e Experiment, events []Event) Report {
	by := map[string]*values{}
	order := []string{}
	for _, a := range e.Arms {
		by[a.Name] = &values{}
		order = append(order, a.Name)
	}
	for _, ev := range events {
		if ev.Experiment != e.Name || ev.Arm == "" {
			continue
		}
		if ev.Type == Feedback && ev.Tenant != "" && len(e.Tenants) > 0 && !slices.Contains(e.Tenants, ev.Tenant) {
			continue
		}
		v := by[ev.Arm]
		if v == nil {
			v = &values{}
			by[ev.Arm] = v
			order = append(order, ev.Arm)
		}
		switch ev.Type {
		case Exposure:
			v.exposures++
			if ev.Tokens > 0 {
				v.tokens = append(v.tokens, float64(ev.Tokens))
			}
		case Outcome:
			v.outcomes++
			v.latency = append(v.latency, ev.LatencyMS)
			if ev.Fallbacks > 0 {
				v.fell++
			}
			if ev.Status == "translated" {
				v.translated++
			}
			if ev.Quality != nil {
				v.quality = append(v.quality, *ev.Quality)
			}
		case Feedback:
			if ev.Rating > 0 {
				v.rating = append(v.rating, float64(ev.Rating))
			}
			switch ev.Kind {
			case api.FeedbackShowOriginal:
				v.showOriginal++
			case api.FeedbackBadTranslation:
				v.bad++
			}
		}
	}
	r := Report{Experiment: e.Name, Control: e.Control}
	for _, name := range order {
		v := by[name]
		a := ArmResult{Name: name, Control: name == e.Control, Exposures: v.exposures,
			Quality: stats.Summarize(v.quality), LatencyMS: stats.Summarize(v.latency), Tokens: stats.Summarize(v.tokens),
			Fallbacks: stats.Wilson(v.fell, v.outcomes), Translated: stats.Wilson(v.translated, v.outcomes),
			Rating:       stats.Summarize(v.rating),
			ShowOriginal: stats.Wilson(min(v.showOriginal, v.outcomes), v.outcomes), BadTranslation: stats.Wilson(min(v.bad, v.outcomes), v.outcomes)}
		if arm, ok := e.Arm(name); ok {
			a.Stopped = arm.Stopped
		}
		r.Arms = append(r.Arms, a)
	}
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
// MinSamples outcomes in it and in control, its quality drop, latency
// increase or fallback increase exceeds the threshold and the difference
// is significant at Alpha.
func GuardrailStops(e Experiment, r Report) []Stop {
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
			-vs.Quality.Diff > g.MaxQualityDrop && vs.Quality.P < Alpha:
			stops = append(stops, Stop{a.Name, fmt.Sprintf("guardrail: mean quality %.1f is %.1f points below control's %.1f (limit %.1f, p=%.3g, n=%d)",
				a.Quality.Mean, -vs.Quality.Diff, ctl.Quality.Mean, g.MaxQualityDrop, vs.Quality.P, a.Quality.N)})
		case g.MaxLatencyIncrease > 0 && a.LatencyMS.N >= minN && ctl.LatencyMS.N >= minN && ctl.LatencyMS.Mean > 0 &&
			vs.LatencyMS.Diff > g.MaxLatencyIncrease*ctl.LatencyMS.Mean && vs.LatencyMS.P < Alpha:
			stops = append(stops, Stop{a.Name, fmt.Sprintf("guardrail: mean latency %.0f ms is %.0f %% above control's %.0f ms (limit %.0f %%, p=%.3g, n=%d)",
				a.LatencyMS.Mean, 100*vs.LatencyMS.Diff/ctl.LatencyMS.Mean, ctl.LatencyMS.Mean, 100*g.MaxLatencyIncrease, vs.LatencyMS.P, a.LatencyMS.N)})
		case g.MaxFallbackIncrease > 0 && a.Fallbacks.N >= minN && ctl.Fallbacks.N >= minN &&
			a.Fallbacks.P-ctl.Fallbacks.P > g.MaxFallbackIncrease && vs.FallbacksP < Alpha:
			stops = append(stops, Stop{a.Name, fmt.Sprintf("guardrail: fallback rate %.1f %% vs control's %.1f %% (limit +%.1f points, p=%.3g, n=%d)",
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
