package quality

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestNumberReadings(t *testing.T) {
	tests := []struct {
		text              string
		dot, comma, plain string
		times             []string
		explicit          bool
		unit              string
	}{
		{"0.5", "0.5", "", "", nil, false, ""},
		{"05", "5", "5", "", []string{"5:00", "17:00"}, false, ""},
		{"1,250.50", "1250.5", "", "", nil, false, ""},
		{"1.250,50", "", "1250.5", "", nil, false, ""},
		{"1 250,50", "", "1250.5", "", nil, false, ""},
		{"1’234.5", "1234.5", "", "", nil, false, ""},
		{"15,000", "15000", "15", "", nil, false, ""},
		{"125.050", "125.05", "125050", "", nil, false, ""},
		{"12.3456", "12.3456", "", "", nil, false, ""},
		{"1.500,0", "", "1500", "", nil, false, ""},
		{"١٬٢٣٤٫٥", "1234.5", "1234.5", "", nil, false, ""},
		{"$1,234.56", "1234.56", "", "", nil, false, "$"},
		{"5 mg", "5", "5", "", []string{"5:00", "17:00"}, false, "mg"},
		{"50%", "50", "50", "", nil, false, "%"},
		{"15:30", "", "", "", []string{"15:30"}, true, "time"},
		{"3:30 pm", "", "", "", []string{"15:30"}, true, "time"},
		{"3:30", "", "", "", []string{"3:30", "15:30"}, true, "time"},
		{"12 am", "12", "12", "", []string{"0:00"}, true, "time"},
		{"3 p. m.", "3", "3", "", []string{"15:00"}, true, "time"},
		{"15.30 Uhr", "15.3", "", "", []string{"15:30"}, true, "time"},
		{"15.30", "15.3", "", "", []string{"15:30"}, false, ""},
		{"15 h 30", "15", "15", "", []string{"15:30"}, true, "time"},
		{"15h", "15", "15", "", []string{"15:00"}, true, "time"},
		{"3 hours", "3", "3", "", []string{"3:00", "15:00"}, false, ""},
		{"오후 3시 30분", "3", "3", "", []string{"15:30"}, true, "time"},
		{"下午3点半", "3", "3", "", []string{"15:30"}, true, "time"},
		{"午後3時30分", "3", "3", "", []string{"15:30"}, true, "time"},
		{"3 o'clock", "3", "3", "", []string{"3:00", "15:00"}, true, "time"},
		{"3 Uhr", "3", "3", "", []string{"3:00", "15:00"}, true, "time"},
		{"15h30", "15", "15", "", []string{"15:30"}, true, "time"},
		{"3時間", "3", "3", "", []string{"3:00", "15:00"}, false, ""},
		{"3시간", "3", "3", "", []string{"3:00", "15:00"}, false, ""},
		{"1.2.3", "1.2", "", "", nil, false, ""},
		{"2024", "2024", "2024", "", nil, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ns := numbers(tt.text)
			if len(ns) == 0 {
				t.Fatalf("no number in %q", tt.text)
			}
			n := ns[0]
			if n.dot != tt.dot || n.comma != tt.comma || n.plain != tt.plain || !slices.Equal(n.times, tt.times) || n.explicit != tt.explicit || n.unit != tt.unit {
				t.Errorf("got dot %q comma %q plain %q times %q explicit %v unit %q, want %q %q %q %q %v %q",
					n.dot, n.comma, n.plain, n.times, n.explicit, n.unit, tt.dot, tt.comma, tt.plain, tt.times, tt.explicit, tt.unit)
			}
		})
	}
}

// TestNumbersByValue covers numbers compared by value: a changed value
// (another number in its place) flags the translation for review, a value
// written in another convention, clock or as a word is kept, and a number
// missing with nothing in its place costs half as much as a changed one.
func TestNumbersByValue(t *testing.T) {
	tests := []struct {
		name, source, tr, sl, tl string
		value                    float64
		reasonParts              []string
	}{
		// Changed values, all accepted with a score of 100 before.
		{"dose swapped", "Take 0.5 mg twice a day, not 5 mg.", "Tome 5 mg dos veces al día, no 0,5 mg.", "en", "es", 0, []string{`"0.5" and "5"`, "(mg)"}},
		{"decimal point misread", "It costs 1,250.50 euros, about 15,000 pesos.", "Cuesta 125.050 euros, unos 1.500,0 pesos.", "en", "es", 0, []string{`"1,250.50" → "125.050"`, `"15,000" → "1.500,0"`}},
		{"price shifted", "The total is $1,234.56.", "El total es $12.3456.", "en", "es", 0, []string{`"1,234.56" → "12.3456"`}},
		{"zero dropped from a decimal", "Take 0.5 mg.", "Tome 5 mg.", "en", "es", 0, []string{`"0.5" → "5"`}},
		{"plain change", "We expect 1500 guests.", "Esperamos 150 invitados.", "en", "es", 0, []string{`"1500" → "150"`}},
		{"small change", "Meet at gate 9.", "Nos vemos en la puerta 6.", "en", "es", 0, []string{`"9" → "6"`}},
		{"time changed", "The call is at 15:30.", "La llamada es a las 13:30.", "en", "es", 0, []string{`"15:30" → "13:30"`}},
		{"comma reading of an english number", "Add 1,500 grams.", "Añade 1,5 gramos.", "en", "es", 0, []string{`"1,500" → "1,5"`}},
		{"half a change", "Add 5 cups of water.", "Añade 5,5 tazas de agua.", "en", "es", 0, []string{`"5" → "5,5"`}},
		{"times swapped", "Open from 9:00 to 17:00.", "Abierto de 17:00 a 9:00.", "en", "es", 0, []string{"(time)"}},
		// Kept values, in other conventions.
		{"same dose", "Take 0.5 mg twice a day, not 5 mg.", "Tome 0,5 mg dos veces al día, no 5 mg.", "en", "es", 1, []string{"all 2"}},
		{"grouping converted", "It costs 1,250.50 euros, about 15,000 pesos.", "Cuesta 1.250,50 euros, unos 15.000 pesos.", "en", "es", 1, nil},
		{"copied as written", "It costs 1,250.50 euros.", "Cuesta 1,250.50 euros.", "en", "es", 1, nil},
		{"mexican spanish writes a point", "It costs 1,250.50 pesos.", "Cuesta 1,250.50 pesos.", "en", "es-MX", 1, nil},
		{"swiss grouping", "It costs 1,234.50 francs.", "Es kostet 1’234.50 Franken.", "en", "de-CH", 1, nil},
		{"arabic digits", "Room 123, floor 4.", "الغرفة ١٢٣، الطابق ٤.", "en", "ar", 1, nil},
		{"german time and a word", "Please bring 2 copies to the meeting at 15:30.", "Bitte bringen Sie zwei Kopien zur Besprechung um 15.30 Uhr mit.", "en", "de", 1, []string{"written as words", "zwei"}},
		{"korean afternoon", "The meeting is at 3:30 pm.", "회의는 오후 3시 30분입니다.", "en", "ko", 1, nil},
		{"chinese afternoon", "The meeting is at 3 pm.", "会议在下午3点。", "en", "zh-Hans", 1, nil},
		{"pm as a 24-hour time", "Call me at 3 PM.", "Llámame a las 15:00.", "en", "es", 1, nil},
		{"24-hour time as pm", "The train leaves at 15:30.", "The train leaves at 3:30 p.m.", "de", "en", 1, nil},
		{"french hours", "The shop opens at 9:30.", "La boutique ouvre à 9 h 30.", "en", "fr", 1, nil},
		{"arabic dual", "Please print 2 copies.", "يرجى طباعة نسختين.", "en", "ar", 1, []string{"نسختين"}},
		{"date reformatted", "Due 05/06/2024.", "Fecha límite: 5.6.2024.", "en", "es", 1, nil},
		{"iso date", "Due 05/06/2024.", "Vence el 2024-06-05.", "en", "es", 1, nil},
		{"spelled in the source", "I have two cats and 3 dogs.", "Tengo 2 gatos y 3 perros.", "en", "es", 1, nil},
		// Tens, hundreds, thousands, millions and decades in words: "the
		// 90s" said "los años noventa" cost half the weight (55.3, flagged
		// with the length) as a lost number.
		{"decade in words", "The 90s were fun.", "Los años noventa fueron divertidos.", "en", "es", 1, []string{"written as words: 90 (noventa)"}},
		{"decade of a year in words", "I grew up in the 1990s.", "Ich bin in den Neunzigerjahren aufgewachsen.", "en", "de", 1, []string{"1990 (neunzigerjahren)"}},
		{"russian decade", "I love 90s music.", "Я люблю музыку девяностых.", "en", "ru", 1, []string{"девяностых"}},
		{"french decade in three words", "The 90s were fun.", "Les années quatre-vingt-dix étaient amusantes.", "en", "fr", 1, []string{"quatre-vingt-dix"}},
		{"chinese decade", "The 90s were fun.", "九十年代很有趣。", "en", "zh-Hans", 1, []string{"九十"}},
		{"decade into english", "Die 90er waren wild.", "The nineties were wild.", "de", "en", 1, []string{"nineties"}},
		{"tens in words", "I need 50 copies.", "Necesito cincuenta copias.", "en", "es", 1, []string{"cincuenta"}},
		{"hundred in words", "I told you 100 times.", "Te lo dije cien veces.", "en", "es", 1, []string{"cien"}},
		{"thousand in words", "Over 1,000 people came.", "Vinieron más de mil personas.", "en", "es", 1, []string{"1,000 (mil)"}},
		{"million in words", "We reached 1,000,000 users.", "Wir haben eine Million Nutzer erreicht.", "en", "de", 1, []string{"million"}},
		// A number of the translation that the source writes as a word is
		// no other number in a lost one's place.
		{"word in the source", "Llegaron cincuenta personas y 3 perros.", "50 people and some dogs came.", "es", "en", 0.5, []string{`missing from the translation: number "3"`}},
		// A word that only begins like one is no number.
		{"science is no hundred", "Read 100 pages.", "Lee páginas de ciencia.", "en", "es", 0.5, []string{`number "100"`}},
		{"not a decade", "The 95s were sold.", "Se vendieron los noventa.", "en", "es", 0.5, []string{`number "95"`}},
		// Missing with nothing in its place: weaker, and several of them
		// together cost no more than one, so alone they never flag.
		{"number dropped", "Call me in 20 minutes.", "Llámame en unos minutos.", "en", "es", 0.5, []string{`missing from the translation: number "20"`}},
		{"numbers dropped", "Call 555 1234 at gate 7.", "Llama desde la puerta.", "en", "es", 0.5, []string{`number "555", number "1234", number "7"`}},
		{"changed and missing", "We expect 1500 guests at 17 tables.", "Esperamos 150 invitados en las mesas.", "en", "es", 0, []string{`"1500" → "150"`, `"17"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: tt.source, Translation: tt.tr, SourceLang: tt.sl, TargetLang: tt.tl})
			sg := entitySignal(in)
			t.Log(sg.Reason)
			if sg.Value != tt.value || sg.Weight != WeightEntities {
				t.Errorf("got %+v, want value %v", sg, tt.value)
			}
			for _, p := range tt.reasonParts {
				if !strings.Contains(sg.Reason, p) {
					t.Errorf("reason %q lacks %q", sg.Reason, p)
				}
			}
		})
	}
}

// TestChangedNumberFlagged: a changed number alone takes the whole
// entities weight, so the translation is flagged for review, where a
// missing one is accepted with a warning.
func TestChangedNumberFlagged(t *testing.T) {
	scorer := NewScorer(nil, defaults, nil)
	tests := []struct {
		source, tr, decision string
	}{
		{"We expect 1500 guests tomorrow.", "Esperamos 150 invitados mañana.", api.DecisionFlagForReview},
		{"The call is at 15:30 tomorrow.", "La llamada es mañana a las 13:30.", api.DecisionFlagForReview},
		{"Take 0.5 mg twice a day, not 5 mg.", "Tome 5 mg dos veces al día, no 0,5 mg.", api.DecisionFlagForReview},
		{"We expect 1500 guests tomorrow.", "Esperamos muchos invitados mañana.", api.DecisionAcceptWithWarning},
		// Several missing numbers cost what one does (were 55, flagged).
		{"Call 555 1234 or 555 9876 at gate 7 tomorrow.", "Llama mañana desde la puerta de embarque.", api.DecisionAcceptWithWarning},
		{"Please bring 2 copies to the meeting at 15:30.", "Bitte bringen Sie zwei Kopien zur Besprechung um 15.30 Uhr mit.", api.DecisionAccept},
	}
	for _, tt := range tests {
		t.Run(tt.tr, func(t *testing.T) {
			tl := "es"
			if strings.Contains(tt.tr, "Bitte") {
				tl = "de"
			}
			got, err := scorer.Score(context.Background(), api.QualityRequest{Source: tt.source, Translation: tt.tr, SourceLang: "en", TargetLang: tl})
			if err != nil {
				t.Fatal(err)
			}
			if got.Decision != tt.decision {
				t.Errorf("decision %s (%.1f), want %s\n%s", got.Decision, got.Score, tt.decision, dump(got))
			}
		})
	}
}

// TestDatesAndRanges: a date whose day, month and year the translation
// puts in another order, or makes no date, and a range whose ends it
// reverses, flag the translation for review; they all scored 100 (the
// numbers were compared as a set). A date localized to the target's
// convention, or copied as written, is kept.
func TestDatesAndRanges(t *testing.T) {
	tests := []struct {
		name, source, tr, sl, tl string
		value                    float64
		reasonParts              []string
	}{
		{"iso date reordered", "The release is on 2025-03-01.", "Die Veröffentlichung ist am 2025-01-03.", "en", "de", 0, []string{`dates changed`, `"2025-03-01" → "2025-01-03"`}},
		{"impossible date", "The release is on 2025-03-15.", "Die Veröffentlichung ist am 2025-15-03.", "en", "de", 0, []string{`"2025-03-15" → "2025-15-03"`}},
		{"slashes kept, day and month swapped into german", "Due 12/03/2025.", "Fällig am 03/12/2025.", "en", "de", 0, []string{`"12/03/2025" → "03/12/2025"`}},
		{"dots reordered", "Fällig am 01.03.2025.", "Due 03.01.2025.", "de", "en", 0, []string{"dates changed"}},
		{"iso into dots, wrong", "The release is on 2025-03-01.", "Die Veröffentlichung ist am 03.01.2025.", "en", "de", 0, []string{"dates changed"}},
		{"us date into dots, wrong day", "Due 3/14/2025.", "Fällig am 3.14.2025.", "en-US", "de", 0, []string{"dates changed"}},
		{"range reversed", "We are open from 10 to 2.", "Wir haben von 2 bis 10 geöffnet.", "en", "de", 0, []string{"numbers in each other's place (a range)", `"10" and "2"`}},
		{"dashed range reversed", "Pick a number from 10-20.", "Elige un número del 20-10.", "en", "es", 0, []string{"(a range)"}},
		// Legitimate localizations and copies.
		{"iso into german dots", "The release is on 2025-03-01.", "Die Veröffentlichung ist am 01.03.2025.", "en", "de", 1, nil},
		{"us date into german dots", "Due 12/03/2025.", "Fällig am 03.12.2025.", "en", "de", 1, nil},
		{"bare en may be british", "Due 12/03/2025.", "Fällig am 12.03.2025.", "en", "de", 1, nil},
		{"us into french slashes", "Due 12/03/2025.", "À rendre le 03/12/2025.", "en-US", "fr", 1, nil},
		{"bare en into spanish slashes", "Due 12/03/2025.", "Vence el 03/12/2025.", "en", "es", 1, nil},
		{"copied as written", "The release is on 2025-03-01.", "Die Veröffentlichung ist am 2025-03-01.", "en", "de", 1, nil},
		{"iso into us slashes", "Release: 2025-03-01.", "Release: 3/1/2025.", "de", "en-US", 1, nil},
		{"german dots into iso", "Am 01.03.2025.", "On 2025-03-01.", "de", "en", 1, nil},
		{"target language without a known convention", "Due 12/03/2025.", "Limdato 03/12/2025.", "en", "eo", 1, nil},
		{"range kept", "We are open from 10 to 2.", "Wir haben von 10 bis 2 geöffnet.", "en", "de", 1, nil},
		{"japanese range kept", "Open from 10 to 2.", "10から2まで営業。", "en", "ja", 1, nil},
		{"clauses reordered, no range", "I have 2 cats and 3 dogs.", "Tengo 3 perros y 2 gatos.", "en", "es", 1, nil},
		{"phone number with a dash", "Call 555-1234.", "Llama al 555-1234.", "en", "es", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: tt.source, Translation: tt.tr, SourceLang: tt.sl, TargetLang: tt.tl})
			sg := entitySignal(in)
			t.Log(sg.Reason)
			if sg.Value != tt.value {
				t.Errorf("got %+v, want value %v", sg, tt.value)
			}
			for _, p := range tt.reasonParts {
				if !strings.Contains(sg.Reason, p) {
					t.Errorf("reason %q lacks %q", sg.Reason, p)
				}
			}
		})
	}
}
