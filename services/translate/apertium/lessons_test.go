package apertium

import (
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestLessonEdits(t *testing.T) {
	tests := []struct {
		name, source, src, tgt, in, want string
	}{
		{"desde hace", "il joue de la batterie depuis dix ans", "fr", "es", "toca la batería desde diez años", "toca la batería desde hace diez años"},
		{"desde a day stays", "depuis lundi", "fr", "es", "desde el lunes", "desde el lunes"},
		{"Portuguese desde stays", "since ten years", "en", "pt", "desde dez anos", "desde dez anos"},
		{"aprender a", "I'm learning to play the guitar", "en", "es", "Estoy aprendiendo para tocar la guitarra", "Estoy aprendiendo a tocar la guitarra"},
		{"clases de francés", "I'm taking French classes", "en", "es", "Estoy tomando clases francesas", "Estoy tomando clases de francés"},
		{"examen de inglés", "an English exam", "en", "es", "un examen inglés", "un examen de inglés"},
		{"a French cheese stays", "a French cheese", "en", "es", "un queso francés", "un queso francés"},
		{"cómo se dice", "how do you say this in Spanish?", "en", "es", "¿cómo dices esto en español?", "¿cómo se dice esto en español?"},
		{"comment on dit", "comment on dit ça ?", "fr", "es", "¿Cómo decimos esto?", "¿Cómo se dice esto?"},
		{"como se pronuncia", "how do you pronounce this?", "en", "pt", "como pronuncias isto?", "como se pronuncia isto?"},
		{"a person asked stays", "how did you say it?", "en", "es", "¿cómo dices esto?", "¿cómo dices esto?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ranges := prose(scanMessage(tt.in, entity.Protected(scan(tt.in, "")), ""))
			if got := lessonEdits(tt.source, tt.src, tt.tgt, tt.in, ranges); got != tt.want {
				t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFrenchLessons(t *testing.T) {
	tests := []struct {
		name, source, src, in, want string
	}{
		{"examen d'anglais", "an English exam", "en", "J'ai un examen anglais", "J'ai un examen d'anglais"},
		{"cours de français", "French lessons", "en", "des cours français", "des cours de français"},
		{"apprendre le", "estoy aprendiendo francés", "es", "j'apprends français", "j'apprends le français"},
		{"comment on dit", "how do you say this in French?", "en", "comment Tu dis ceci en français ?", "comment on dit ceci en français ?"},
		{"a person asked stays", "how did you say it?", "en", "comment tu dis ça ?", "comment tu dis ça ?"},
		{"a French word stays", "a French word", "en", "un mot français", "un mot français"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ranges := prose(scanMessage(tt.in, entity.Protected(scan(tt.in, "")), ""))
			if got := frenchLessons(tt.source, tt.src, tt.in, ranges); got != tt.want {
				t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
