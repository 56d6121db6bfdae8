package quality

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/parley-chat/parley/shared/api"
)

// MinLanguageEvidence is the letter weight (letterWeight) below which the
// language of a translation is not checked: lingua's guesses on one or two
// short words ("Gracias", "ok") are too often wrong in both directions.
const MinLanguageEvidence = 8

// targetLanguage checks that the translation is written in the requested
// target language.
func (s *Scorer) targetLanguage(ctx context.Context, in input) api.Signal {
	sg := api.Signal{Name: SignalTargetLanguage, Value: 1}
	if s.det == nil {
		sg.Reason = "skipped: no language detector is configured"
		return sg
	}
	if in.copied && !hasWords(in.source) {
		// "John Smith" or "iPhone 15" kept as is: names have no language,
		// and lingua would still pick one.
		sg.Reason = "neutral: the translation repeats names, numbers or symbols from the source"
		return sg
	}
	if n := letterWeight(stripNonLanguage(in.translation)); n < MinLanguageEvidence {
		sg.Reason = fmt.Sprintf("neutral: too little text to identify its language (%d letters)", n)
		return sg
	}
	dctx, cancel := context.WithTimeout(ctx, s.cfg.DetectTimeout)
	defer cancel()
	res, err := s.det.Detect(dctx, api.DetectRequest{Text: in.translation})
	if err != nil {
		// Quality must answer without detect: the other signals still work,
		// and the pipeline would rather have a partial estimate than none.
		if !s.detectDown.Swap(true) {
			s.log.Warn("language detection failed; skipping the target_language signal until it answers again", "err", err)
		}
		sg.Reason = "skipped: language detection failed: " + api.AsError(err).Message
		return sg
	}
	if s.detectDown.Swap(false) {
		s.log.Info("language detection answers again")
	}
	if res.Language == api.Undetermined || res.Language == "" {
		sg.Reason = "neutral: the detector could not tell the language: " + res.Reason
		return sg
	}
	got := api.Base(res.Language)
	if got == in.targetBase {
		sg.Weight = WeightTargetLanguage
		sg.Reason = fmt.Sprintf("the translation is in %s as requested (confidence %.2f)", res.Language, res.Confidence)
		return sg
	}
	if !s.detectable(ctx, in.targetBase) {
		sg.Reason = fmt.Sprintf("neutral: detected %s, but the detector does not know %s, so it cannot confirm or refute it", res.Language, in.targetLang)
		return sg
	}
	// Close relatives (Danish and Bokmål, Indonesian and Malay) split the
	// confidence on short texts; when the target is a strong runner-up the
	// penalty shrinks in proportion.
	var targetConf float64
	for _, a := range res.Alternatives {
		if api.Base(a.Language) == in.targetBase {
			targetConf = max(targetConf, a.Confidence)
		}
	}
	sg.Weight = WeightTargetLanguage
	if res.Confidence > 0 {
		sg.Value = round2(min(1, targetConf/res.Confidence))
	} else {
		sg.Value = 0
	}
	sg.Reason = fmt.Sprintf("the translation looks like %s (confidence %.2f)", res.Language, res.Confidence)
	if got == in.sourceBase {
		sg.Reason += ", the source language"
	}
	sg.Reason += ", not " + in.targetLang
	if targetConf >= 0.01 {
		sg.Reason += fmt.Sprintf(" (%s scores %.2f)", in.targetBase, targetConf)
	}
	return sg
}

// detectable reports whether the detector can name lang. When the list
// cannot be had the answer is yes: the detector did answer, so it is likely
// configured for the deployment's languages.
func (s *Scorer) detectable(ctx context.Context, base string) bool {
	langs, err := s.det.Languages(ctx)
	if err != nil {
		s.log.Debug("detector languages unavailable", "err", err)
		return true
	}
	return slices.ContainsFunc(langs, func(l string) bool { return api.Base(l) == base })
}

// Length ratio bands. A translation's length in visible characters is
// compared with the source's, scaled by how many characters each language
// typically needs for the same content (density, relative to English), and
// must lie within a factor of lengthSpread of that expectation; pairs with
// Chinese, Japanese or Korean vary more and get lengthSpreadDense.
const (
	lengthSpread      = 2.0
	lengthSpreadDense = 2.5
	// minLengthSource: below this many visible characters a message is
	// too short for its length to mean anything ("ok" → "vale").
	minLengthSource = 10
)

// density is characters per unit of content relative to English, measured
// on parallel chat sentences (without spaces). Languages not listed count
// as 1: European, Cyrillic, Arabic, Indic and Southeast Asian scripts all
// fall well inside the 0.5-2 band of each other.
var density = map[string]float64{
	"zh":  0.33,
	"yue": 0.33,
	"ja":  0.6,
	"ko":  0.45,
}

// LengthBand returns the plausible range of len(translation)/len(source)
// for a pair of base languages ("" for unknown).
func LengthBand(source, target string) (lo, hi float64) {
	ds, okS := density[source]
	dt, okT := density[target]
	spread := lengthSpread
	if okS || okT || source == "" {
		spread = lengthSpreadDense
	}
	if !okS {
		ds = 1
	}
	if !okT {
		dt = 1
	}
	expected := dt / ds
	return expected / spread, expected * spread
}

// lengthRatio flags truncated and padded translations.
func lengthRatio(in input) api.Signal {
	sg := api.Signal{Name: SignalLengthRatio, Value: 1}
	ns, nt := visibleLen(in.source), visibleLen(in.translation)
	if ns < minLengthSource {
		sg.Reason = fmt.Sprintf("neutral: the source is too short to judge length (%d characters)", ns)
		return sg
	}
	lo, hi := LengthBand(in.sourceBase, in.targetBase)
	ratio := float64(nt) / float64(ns)
	sg.Weight = WeightLengthRatio
	var bound float64
	switch {
	case ratio < lo:
		bound = lo
	case ratio > hi:
		bound = hi
	default:
		sg.Reason = fmt.Sprintf("length ratio %.2f is within %.2f-%.2f", ratio, lo, hi)
		return sg
	}
	// The value falls with the log distance from the band and reaches 0 at
	// a factor of 2 beyond it: half the lower bound, twice the upper one.
	sg.Value = round2(max(0, 1-math.Abs(math.Log(max(ratio, 1e-9)/bound))/math.Ln2))
	sg.Reason = fmt.Sprintf("length ratio %.2f is outside %.2f-%.2f (%d → %d characters)", ratio, lo, hi, ns, nt)
	return sg
}

// untranslatedCopy flags a translation that is the source text again.
func untranslatedCopy(in input) api.Signal {
	sg := api.Signal{Name: SignalUntranslatedCopy, Value: 1}
	switch {
	case in.sourceBase == "":
		sg.Reason = "neutral: the source language is unknown"
		return sg
	case in.sourceBase == in.targetBase:
		sg.Reason = "neutral: source and target are the same language"
		return sg
	}
	if !in.copied {
		sg.Weight = WeightUntranslatedCopy
		sg.Reason = "the translation differs from the source"
		return sg
	}
	if !hasWords(in.source) {
		sg.Reason = "neutral: identical to the source, which has only names, numbers, links or emoji"
		return sg
	}
	sg.Weight = WeightUntranslatedCopy
	sg.Value = 0
	sg.Reason = fmt.Sprintf("the translation is the source text unchanged (%s → %s)", in.sourceLang, in.targetLang)
	return sg
}

// refusal flags commentary and refusals that the source does not contain.
func refusal(in input) api.Signal {
	sg := api.Signal{Name: SignalRefusal, Value: 1, Weight: WeightRefusal}
	src, tr := phraseKey(in.source), phraseKey(in.translation)
	var found []string
	for i, keys := range commentaryKeys {
		if slices.ContainsFunc(keys, func(k string) bool { return strings.Contains(src, k) }) {
			continue
		}
		for j, k := range keys {
			if strings.Contains(tr, k) {
				found = append(found, fmt.Sprintf("%s %q", commentary[i].group, commentary[i].phrases[j]))
				break
			}
		}
	}
	if len(found) == 0 {
		sg.Reason = "no commentary or refusal found"
		return sg
	}
	sg.Value = 0
	sg.Reason = "the translation contains model commentary: " + strings.Join(found, ", ")
	return sg
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
