package pipeline_test

import (
	"context"
	"slices"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/pipeline"
)

// downSafety is a safety service that does not answer.
type downSafety struct{}

func (downSafety) Check(context.Context, api.SafetyRequest) (*api.SafetyResponse, error) {
	return nil, &api.Error{Code: api.CodeUnavailable, Message: "no safety service is running"}
}

// TestWithholdUnchecked is the trust-and-safety lead's request: during a
// safety outage every view was served translated and unchecked (degraded:
// ["safety"]), and a translation can carry harm its original does not
// have. With UNCHECKED_TRANSLATIONS=original the reader gets the original
// instead, degraded as a failed translation is, so that the view is not
// cached and is rendered again once safety answers; the default is
// unchanged, and so is every view safety checked.
func TestWithholdUnchecked(t *testing.T) {
	tests := []struct {
		name     string
		withhold bool
		safety   pipeline.Safety
		source   string
		want     string // the text served
		status   string
		degraded []string
	}{
		{"default: served unchecked", false, downSafety{}, "en", "first: hello", api.StatusTranslated, []string{pipeline.DegradedSafety}},
		{"withheld", true, downSafety{}, "en", "hello", api.StatusOriginal, []string{pipeline.DegradedSafety, pipeline.DegradedTranslate}},
		{"checked: served", true, &echoSafety{}, "en", "first: hello", api.StatusTranslated, nil},
		{"nothing translated: as before", true, downSafety{}, "es", "hello", api.StatusOriginal, []string{pipeline.DegradedSafety}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &pipeline.Pipeline{
				Detect: fakeDetect{}, Translate: rungTranslate{}, Glossary: echoGlossary{}, Quality: rejectQuality{},
				Safety: tt.safety, WithholdUnchecked: tt.withhold,
			}
			v, err := p.Run(context.Background(), pipeline.Request{Text: "hello", Source: tt.source, Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if v.Text != tt.want || v.Status != tt.status || !slices.Equal(v.Degraded, tt.degraded) {
				t.Fatalf("view %q (%s, degraded %v), want %q (%s, degraded %v)", v.Text, v.Status, v.Degraded, tt.want, tt.status, tt.degraded)
			}
			if tt.withhold && tt.status == api.StatusOriginal && tt.source == "en" {
				// Nothing of the withheld translation is left on the view.
				if v.Backend != "none" || v.Quality != nil || v.Glossary != nil || v.ReasonCode != api.ReasonTranslationUnavailable || v.Reason == "" {
					t.Errorf("withheld view %+v", v)
				}
			}
		})
	}
}

func TestUncheckedFromEnv(t *testing.T) {
	for _, tt := range []struct {
		value    string
		withhold bool
		bad      bool
	}{
		{"", false, false}, {"serve", false, false}, {"original", true, false}, {" Original ", true, false}, {"hide", false, true},
	} {
		r := config.NewReader(config.Map(map[string]string{"UNCHECKED_TRANSLATIONS": tt.value}))
		if got := pipeline.UncheckedFromEnv(r); got != tt.withhold || (r.Err() != nil) != tt.bad {
			t.Errorf("UNCHECKED_TRANSLATIONS=%q: withhold %v, err %v", tt.value, got, r.Err())
		}
	}
}
