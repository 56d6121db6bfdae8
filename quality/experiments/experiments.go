// Package experiments computes the results of Parley's A/B experiments
// from their event streams (shared/experiment): per arm and per unit of
// assignment, the mean quality score, latency, tokens and reader rating
// with 95 % confidence intervals, the fallback, show-original and
// bad-translation rates, and Welch's t-test (a two-proportion z-test for
// rates) of each arm against control. Guardrails turn those results into
// decisions: an arm that degrades quality, latency or fallbacks past the
// experiment's thresholds, significantly and on enough samples, is
// stopped in KV so that its traffic returns to control.
//
// The analysis and the guardrails live in shared/experiment (results.go,
// guard.go), so that every translate replica enforces the guardrails
// without a sidecar; this package gives them quality/'s names for the
// experiments command and other callers.
package experiments

import (
	"context"

	"github.com/parley-chat/parley/shared/experiment"
)

// Alpha is the significance level of the tests and guardrails.
const Alpha = experiment.Alpha

// Report is the analysis of one experiment.
type Report = experiment.Report

// Arm is one arm's results.
type Arm = experiment.ArmResult

// Comparison is an arm against control.
type Comparison = experiment.Comparison

// Stop is a guardrail's decision to stop an arm.
type Stop = experiment.Stop

// ArmStopper stops arms; *experiment.Store is one.
type ArmStopper = experiment.ArmStopper

// Analyze computes the report of experiment e from its events.
func Analyze(e experiment.Experiment, events []experiment.Event) Report {
	return experiment.Analyze(e, events)
}

// Guardrails checks every running arm against control with the
// experiment's thresholds (see experiment.GuardrailStops).
func Guardrails(e experiment.Experiment, r Report) []Stop { return experiment.GuardrailStops(e, r) }

// Enforce applies the guardrails' stops to the experiment in KV and
// returns those that changed something.
func Enforce(ctx context.Context, s ArmStopper, e experiment.Experiment, stops []Stop) ([]Stop, error) {
	return experiment.Enforce(ctx, s, e, stops)
}
