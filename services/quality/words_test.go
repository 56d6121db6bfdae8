package quality

import (
	"context"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestSingleWordCopies: a message of one common word copied unchanged
// into another language is untranslated; names, numbers, emoji, words
// many languages share and words the target writes the same are not.
func TestSingleWordCopies(t *testing.T) {
	scorer := NewScorer(newLingua(t), defaults, nil)
	tests := []struct {
		text, source, target string
		copy                 bool // untranslated_copy finds the copy
	}{
		{"thanks", "en", "es", true},
		{"Hello", "en", "es", true},
		{"Sorry", "en", "es", true},
		{"Yes", "en", "fr", true},
		{"Congratulations!", "en", "es", true},
		{"Hello @maria 🎉", "en", "es", true},
		{"Hello Anna", "en", "de", true},
		{"Gracias", "es", "en", true},
		{"Merci", "fr", "de", true},
		{"Danke", "de", "en", true},
		// One-word chat messages start with a capital: no sign of a name.
		{"Tomorrow", "en", "fr", true},
		{"Meeting", "en", "fr", true},
		{"Tonight?", "en", "es", true},
		{"Mañana", "es", "en", true},
		{"Demain", "fr", "en", true},
		{"Heute", "de", "en", true},
		{"Domani", "it", "en", true},
		{"Amanhã", "pt", "en", true},
		{"Vandaag", "nl", "en", true},
		{"Avui", "ca", "en", true},
		// Names, codes, numbers and emoji.
		{"Slack", "en", "es", false},
		{"iPhone", "en", "es", false},
		{"iPhone 15 🎉", "en", "es", false},
		{"John Smith", "en", "es", false},
		{"2024", "en", "es", false},
		// Words shared by many languages.
		{"OK", "en", "de", false},
		{"lol", "en", "es", false},
		{"Pizza", "en", "it", false},
		// The same word in the target language.
		{"No", "en", "es", false},
		{"Sorry", "en", "de", false},
		{"Hola", "es", "ca", false},
		{"Meeting", "en", "de", false},
		{"Morgen", "de", "nl", false},
		{"Later", "en", "nl", false},
		// No list for the source language: the rules of old.
		{"Hej", "sv", "en", false},
	}
	for _, tt := range tests {
		t.Run(tt.source+"-"+tt.target+" "+tt.text, func(t *testing.T) {
			got, err := scorer.Score(context.Background(), api.QualityRequest{Source: tt.text, Translation: tt.text, SourceLang: tt.source, TargetLang: tt.target})
			if err != nil {
				t.Fatal(err)
			}
			sg := signal(t, got, SignalUntranslatedCopy)
			if found := sg.Weight > 0 && sg.Value == 0; found != tt.copy {
				t.Errorf("untranslated_copy %+v, want copy found %v\n%s", sg, tt.copy, dump(got))
			}
			if tt.copy && !got.Retry() || !tt.copy && got.Decision != api.DecisionAccept {
				t.Errorf("decision %s (%.1f)\n%s", got.Decision, got.Score, dump(got))
			}
		})
	}
}
