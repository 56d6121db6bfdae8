package quality

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestGlossarySignalOneVerdict: with glossary verify's report in the
// request the glossary signal is the report's, whatever quality's own
// matcher would find in the text (the report follows each entry's
// inflection and case rules); without one, the matcher finds a term in a
// hyphenated compound and under an ending that replaces its final vowel,
// as verify's stem entries do.
func TestGlossarySignalOneVerdict(t *testing.T) {
	kanal := []api.TermHint{{Source: "channel", Target: "Kanal"}}
	vetka := []api.TermHint{{Source: "thread", Target: "ветка"}}
	applied := func(source, target string) *api.GlossaryReport {
		return &api.GlossaryReport{Compliance: 1, Terms: []api.TermReport{{Source: source, Target: target, Status: api.TermApplied}}}
	}
	tests := []struct {
		name        string
		source, tr  string
		target      string
		terms       []api.TermHint
		report      *api.GlossaryReport
		value       float64
		reasonHas   string
		reasonHasNo string
	}{
		{name: "de compound, report applied", source: "Open the support channel.", tr: "Öffnen Sie den Support-Kanal.", target: "de",
			terms: kanal, report: applied("channel", "Kanal"), value: 1, reasonHas: "glossary report: all 1", reasonHasNo: "missing"},
		{name: "ru stem, report applied", source: "Reply in the thread.", tr: "Ответьте в ветке.", target: "ru",
			terms: vetka, report: applied("thread", "ветка"), value: 1, reasonHas: "glossary report: all 1", reasonHasNo: "missing"},
		{name: "report missing wins over a word that looks like the term", source: "Open the support channel.", tr: "Öffnen Sie den Kanal.", target: "de",
			terms: kanal, report: &api.GlossaryReport{Terms: []api.TermReport{{Source: "channel", Target: "Kanal", Status: api.TermMissing}}},
			value: 0, reasonHas: "glossary report: 0 of 1"},
		{name: "de compound without a report", source: "Open the support channel.", tr: "Öffnen Sie den Support-Kanal.", target: "de",
			terms: kanal, value: 1, reasonHas: "all 1 glossary terms"},
		{name: "ru case ending without a report", source: "Reply in the thread.", tr: "Ответьте в ветке.", target: "ru",
			terms: vetka, value: 1, reasonHas: "all 1 glossary terms"},
		{name: "ru instrumental plural without a report", source: "Work with threads.", tr: "Работайте с ветками.", target: "ru",
			terms: vetka, value: 1, reasonHas: "all 1 glossary terms"},
		{name: "another word is still missing", source: "Open the support channel.", tr: "Öffnen Sie den Support-Kanon.", target: "de",
			terms: kanal, value: 0, reasonHas: `missing "Kanal"`},
		{name: "a consonant ending is not swapped", source: "Open the support channel.", tr: "Öffnen Sie Kanada.", target: "de",
			terms: kanal, value: 0, reasonHas: `missing "Kanal"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := validate(api.QualityRequest{Source: tt.source, Translation: tt.tr, SourceLang: "en", TargetLang: tt.target,
				Terms: tt.terms, Glossary: tt.report})
			if err != nil {
				t.Fatal(err)
			}
			in.analyse()
			sg := glossarySignal(in)
			if sg.Value != tt.value || sg.Weight != WeightGlossary || !strings.Contains(sg.Reason, tt.reasonHas) ||
				(tt.reasonHasNo != "" && strings.Contains(sg.Reason, tt.reasonHasNo)) {
				t.Errorf("got %+v, want value %v, reason with %q and without %q", sg, tt.value, tt.reasonHas, tt.reasonHasNo)
			}
		})
	}
}

// TestGlossaryReportOfManyTerms: a report may list every match verify
// checked, more than the 256 hints a request carries, up to verify's
// limit.
func TestGlossaryReportOfManyTerms(t *testing.T) {
	report := func(n int) *api.GlossaryReport {
		rep := &api.GlossaryReport{Compliance: 1}
		for range n {
			rep.Terms = append(rep.Terms, api.TermReport{Source: "thread", Target: "hilo", Status: api.TermApplied})
		}
		return rep
	}
	req := api.QualityRequest{Source: "Open a thread.", Translation: "Abre un hilo.", SourceLang: "en", TargetLang: "es"}
	req.Glossary = report(300)
	if _, err := validate(req); err != nil {
		t.Fatalf("a report of 300 terms: %v", err)
	}
	req.Glossary = report(api.MaxGlossaryMatches + 1)
	if _, err := validate(req); api.ErrorCode(err) != api.CodeInvalidArgument {
		t.Fatalf("a report over verify's limit: %v, want invalid_argument", err)
	}
}
