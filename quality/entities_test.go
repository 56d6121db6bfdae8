package quality_test

import (
	"reflect"
	"testing"

	"github.com/parley-chat/parley/quality"
	"github.com/parley-chat/parley/shared/api"
)

func TestExtractEntities(t *testing.T) {
	cases := []struct {
		text string
		want []quality.Entity
	}{
		{"Hi @anna_b, see https://example.com/x?y=1. Mail bob@example.org!", []quality.Entity{
			{quality.EntityMention, "@anna_b"}, {quality.EntityURL, "https://example.com/x?y=1"}, {quality.EntityEmail, "bob@example.org"},
		}},
		{"%s: cannot remove %'d files; use {name} or %1$s (50% off)", []quality.Entity{
			{quality.EntityPlaceholder, "%s"}, {quality.EntityPlaceholder, "%'d"}, {quality.EntityPlaceholder, "{name}"}, {quality.EntityPlaceholder, "%1$s"}, {quality.EntityNumber, "50"},
		}},
		{"Meet at 10:30 on 2024-05-01, it costs 1,250.50 🎉 #launch", []quality.Entity{
			{quality.EntityTime, "10:30"}, {quality.EntityNumber, "2024"}, {quality.EntityNumber, "05"},
			{quality.EntityNumber, "01"}, {quality.EntityNumber, "1,250.50"}, {quality.EntityEmoji, "🎉"}, {quality.EntityHashtag, "#launch"},
		}},
		{"nothing here", nil},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			got := quality.ExtractEntities(c.text)
			if len(got) == 0 && len(c.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

func TestCheckEntities(t *testing.T) {
	src := quality.ExtractEntities("Send 1,000.5 to @anna and @anna at https://x.io 🎉")
	cases := []struct {
		name        string
		translation string
		preserved   int
	}{
		{"all kept, German number format", "Sende 1.000,5 an @anna und @anna unter https://x.io 🎉", 5},
		{"one mention dropped", "Sende 1.000,5 an @anna unter https://x.io 🎉", 4},
		{"number changed", "Sende 1.000 an @anna und @anna unter https://x.io 🎉", 4},
		{"nothing kept", "Hallo", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := quality.CheckEntities(src, c.translation)
			if got.Total != 5 || got.Preserved != c.preserved || len(got.Missing) != 5-c.preserved {
				t.Errorf("%+v, want %d of 5 preserved", got, c.preserved)
			}
		})
	}
}

// TestCheckEntitiesTimes: a time of day reaches the translation on the
// target's clock.
func TestCheckEntitiesTimes(t *testing.T) {
	cases := []struct {
		source, translation string
		preserved           int
	}{
		{"moved to 3pm", "movida a las 15:00", 1},
		{"à 15h30", "at 3:30pm", 1},
		{"at 9 a.m.", "à 9h", 1},
		{"at 3:30", "a las 15:30", 1}, // no am or pm: either
		{"at 3pm", "a las 3 de la tarde", 1},
		{"at 3pm", "a las 16:00", 0},
		{"at 15:00", "at 3am", 0},
		{"at 12am", "à 0h", 1},
	}
	for _, c := range cases {
		t.Run(c.source+" → "+c.translation, func(t *testing.T) {
			src := quality.ExtractEntities(c.source)
			if len(src) != 1 || src[0].Kind != quality.EntityTime {
				t.Fatalf("ExtractEntities(%q) = %v, want one time", c.source, src)
			}
			if got := quality.CheckEntities(src, c.translation); got.Preserved != c.preserved {
				t.Errorf("%+v, want %d preserved", got, c.preserved)
			}
		})
	}
}

func TestCheckTerms(t *testing.T) {
	terms := []api.TermHint{{Source: "workspace", Target: "espacio de trabajo"}, {Source: "thread", Target: "hilo"}}
	got := quality.CheckTerms(terms, "Abre el Espacio de trabajo y responde en el tema")
	if got.Total != 2 || got.Applied != 1 || !reflect.DeepEqual(got.Missing, []string{"hilo"}) {
		t.Errorf("%+v", got)
	}
}
