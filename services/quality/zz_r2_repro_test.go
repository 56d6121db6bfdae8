package quality

import (
	"context"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestZZR2Repro(t *testing.T) {
	scorer := NewScorer(newLingua(t), defaults, nil)
	for _, r := range []api.QualityRequest{
		{Source: "Don't worry about it.", Translation: "No te preocupes por eso.", SourceLang: "en", TargetLang: "es"},
		{Source: "Don't worry, be happy.", Translation: "Ne t'inquiète pas, sois heureux.", SourceLang: "en", TargetLang: "fr"},
		{Source: "Don't worry.", Translation: "Не волнуйся.", SourceLang: "en", TargetLang: "ru"},
		{Source: "That's not a problem.", Translation: "Das ist kein Problem.", SourceLang: "en", TargetLang: "de"},
		{Source: "Don't mention it.", Translation: "Gern geschehen.", SourceLang: "en", TargetLang: "de"},
		{Source: "Don't mention it.", Translation: "De nada.", SourceLang: "en", TargetLang: "es"},
		{Source: "I couldn't agree more.", Translation: "Estoy totalmente de acuerdo.", SourceLang: "en", TargetLang: "es"},
		{Source: "Keine Sorge, das klappt schon.", Translation: "Don't worry, it'll work out.", SourceLang: "de", TargetLang: "en"},
		{Source: "The 90s were fun.", Translation: "Los años noventa fueron divertidos.", SourceLang: "en", TargetLang: "es"},
		{Source: "Annual general meeting held.", Translation: "年次株主総会開催。", SourceLang: "en", TargetLang: "ja"},
		{Source: "Meet in front of the Yaesu central exit of Tokyo Station.", Translation: "東京駅八重洲中央口前集合。", SourceLang: "en", TargetLang: "ja"},
	} {
		got, err := scorer.Score(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%q -> %q: %s %.1f\n%s", r.Source, r.Translation, got.Decision, got.Score, dump(got))
	}
}
