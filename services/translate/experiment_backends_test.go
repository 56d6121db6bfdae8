package translate_test

import (
	"slices"
	"testing"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/experiment"
)

// TestExperimentBackendsAreTheChain: experiments refuse an arm whose
// backend is not in experiment.Backends when they are written (an
// unknown one used to be served as control, silently); that list must be
// the rungs this service can build.
func TestExperimentBackendsAreTheChain(t *testing.T) {
	want := slices.Sorted(slices.Values(translate.DefaultChain))
	if got := slices.Sorted(slices.Values(experiment.Backends)); !slices.Equal(got, want) {
		t.Fatalf("experiment.Backends = %v, translate.DefaultChain = %v", got, want)
	}
}
