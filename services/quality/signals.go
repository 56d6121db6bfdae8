package quality

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// MinLanguageEvidence is the letter weight (letterWeight) below which the
// language of a translation is not checked: lingua's guesses on one or two
// short words ("Gracias", "ok") are too often wrong in both directions.
const MinLanguageEvidence = 8

// targetLanguage checks that the translation is written in the requested
// target language. The words of in are read only once analysed is closed
// (Score analyses the texts meanwhile).
func (s *Scorer) targetLanguage(ctx context.Context, in *input, analysed <-chan struct{}) api.Signal {
	if sg, ok := hanScript(in); ok {
		return sg
	}
	sg := api.Signal{Name: SignalTargetLanguage, Value: 1}
	if s.det == nil {
		sg.Reason = "skipped: no language detector is configured"
		return sg
	}
	if in.copied && !sourceHasWords(in) {
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
		return s.undetermined(ctx, in, res, analysed)
	}
	got := api.Base(res.Language)
	if got == in.targetBase {
		sg.Weight = WeightTargetLanguage
		sg.Reason = fmt.Sprintf("the translation is in %s as requested (confidence %.2f)", res.Language, res.Confidence)
		return sg
	}
	if got == "zh" && in.targetBase == "ja" && kanjiOnly(in.translation) {
		// Japanese written in kanji only (a headline, a notice:
		// "年次株主総会開催。") reads as Chinese to the detector; only
		// characters or particles Japanese does not write tell Chinese.
		sg.Reason = fmt.Sprintf("neutral: detected %s, but the translation is written in kanji without kana, as Japanese headlines and notices are, and with nothing only Chinese writes", res.Language)
		return sg
	}
	if !s.detectable(ctx, in.targetBase) {
		sg.Reason = fmt.Sprintf("neutral: detected %s, but the detector does not know %s, so it cannot confirm or refute it", res.Language, in.targetLang)
		return sg
	}
	if langs, ok := ruleBasedLanguages(in); ok && !slices.Contains(langs, got) {
		sg.Reason = fmt.Sprintf("neutral: detected %s, but %s (%s) writes only %s, so the detector misread the text", res.Language, in.backend, in.model, strings.Join(langs, ", "))
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

// ruleBasedLanguages returns the languages a rule-based engine's
// translation can be in, and whether in came from one. Apertium writes
// every word its modes know in their target language and copies the rest,
// so its text holds the source's words, the target's and, through a pivot
// ("eng-spa+es-fr"), the pivot's, and nothing else: a detector that names
// any other language misread a short text, as lingua does with short
// Catalan (with the languages en, es, ca, fr and pt it takes "el bebè està
// dormint" for French with confidence 1.00, and the view fell back to the
// original). A copied source word or a pivot's word left in the text
// still costs its points. ok is false for other engines, whose wrong
// language is a real failure (a model answering in English), and for
// Apertium without a model name or a known source language, since the
// languages it might leak are then unknown.
func ruleBasedLanguages(in *input) (langs []string, ok bool) {
	if !isApertium(in.backend) || in.model == "" || in.sourceBase == "" {
		return nil, false
	}
	langs = []string{in.sourceBase, in.targetBase}
	for mode := range strings.SplitSeq(in.model, "+") {
		for code := range strings.SplitSeq(mode, "-") {
			code, _, _ = strings.Cut(code, "_") // cat_valencia
			t, err := language.Parse(code)
			if err != nil {
				return nil, false // not a mode's name: nothing is known
			}
			b, _ := t.Base()
			if !slices.Contains(langs, b.String()) {
				langs = append(langs, b.String())
			}
		}
	}
	return langs, true
}

// kanjiOnly reports a text with Han characters and no kana that may be
// Japanese: nothing in it is written only by Chinese
// (api.ChineseNotJapanese).
func kanjiOnly(s string) bool {
	han := false
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			return false
		case unicode.Is(unicode.Han, r):
			han = true
		}
	}
	return han && !api.ChineseNotJapanese(s)
}

// Mixed Chinese scripts. A translation for a reader of one script that
// has characters only the other writes (api.HanVariants) is half
// converted, or quotes a name in the other script. Below hanMixedShare of
// the variant characters, or with a single such character among the
// target's, the value is 1 − share (one stray character in six costs
// about 12 points) and never below 0.5, so that alone it never flags.
// From hanMixedShare and hanMixedMin characters on it is at most
// hanMixedValue, which alone flags the translation for review: a
// half-converted text ("我們的會議改到下午三点了，请准时参加。", 3 of 6)
// is still the reader's language, and better served with a flag than
// replaced by the original. Past half it keeps falling with the share, to
// 0 (retry) for a text wholly in the other script.
const (
	hanMixedShare = 0.1
	hanMixedMin   = 2
	hanMixedValue = 0.45
)

// hanScript judges a translation into a target that names its Chinese
// script (zh-Hant, zh-TW, zh-Hans, zh-CN) by the characters that only one
// of the scripts writes (api.HanVariants): the detector names the
// language, zh, and cannot tell them apart, so a simplified answer for a
// traditional reader would pass as "in zh as requested". ok is false, and
// detection decides, when the target names no Chinese script or the
// translation has no character that only the other script writes (text
// that both write alike, or in the target's script).
func hanScript(in *input) (sg api.Signal, ok bool) {
	want := namedScript(in.targetLang)
	if want != "Hans" && want != "Hant" {
		return sg, false
	}
	simplified, traditional := api.HanVariants(in.translation)
	own, other, ownName, otherName := traditional, simplified, "traditional", "simplified"
	if want == "Hans" {
		own, other, ownName, otherName = simplified, traditional, "simplified", "traditional"
	}
	if other == 0 {
		return sg, false
	}
	share := float64(other) / float64(own+other)
	sg = api.Signal{Name: SignalTargetLanguage, Weight: WeightTargetLanguage}
	if own == 0 || other >= hanMixedMin && share >= hanMixedShare {
		sg.Value = round2(min(hanMixedValue, 1-share))
	} else {
		sg.Value = round2(max(0.5, 1-share))
	}
	if own == 0 || other > own {
		sg.Reason = fmt.Sprintf("the translation is written in %s Chinese (%d characters that only it writes, %d that only %s writes), not %s as requested",
			otherName, other, own, ownName, in.targetLang)
		return sg, true
	}
	sg.Reason = fmt.Sprintf("the translation mixes %s Chinese into the %s asked for (%s): %d of %d characters that only one script writes are %s",
		otherName, ownName, in.targetLang, other, own+other, otherName)
	if sg.Value <= hanMixedValue {
		sg.Reason += ": only partly converted"
	} else {
		sg.Reason += " (a name, or a stray character)"
	}
	return sg, true
}

// namedScript is the script a language tag names, by its script subtag
// or by its region where that decides the script (zh-TW: Hant), and ""
// when it names none: "zh" alone is read in either script.
func namedScript(tag string) string {
	t, err := api.ParseTag(tag)
	if err != nil {
		return ""
	}
	sc, conf := t.Script()
	if _, rconf := t.Region(); conf != language.Exact && rconf != language.Exact {
		return ""
	}
	return sc.String()
}

// WeightUndeterminedLanguage is what a translation costs whose language
// the detector could not tell, when nothing speaks for the target either
// (undetermined): with the default thresholds it is accepted with a
// warning, not cleanly, and together with any other finding retried.
const WeightUndeterminedLanguage = 35

// undeterminedLead is how far behind the detector's best candidate the
// target may be and still count as one of its candidates: at half the
// best confidence it is a contender of a close call ("Vielen Dank":
// de 0.36, nl 0.25), below it the text reads as something else.
const undeterminedLead = 0.5

// undetermined judges a translation whose language the detector could not
// tell (res says und). That is usually a short text or a close call
// between relatives, and proves nothing: the signal stays neutral unless
// everything points away from the target:
//   - the detector knows the target and ranked candidates, and the target
//     is not among them or scores under undeterminedLead of the best;
//   - the translation is written in the source's script (a change of
//     script, checked by the script signal, speaks for a translation);
//   - it shares no word with the source (a name or term kept from the
//     source explains the detector's doubt: "JSON bitte").
//
// An obeyed instruction's {"pwned": true} for "json please" is such a
// text: in no language, not the target's, nothing of the message in it.
// It costs WeightUndeterminedLanguage.
func (s *Scorer) undetermined(ctx context.Context, in *input, res *api.DetectResponse, analysed <-chan struct{}) api.Signal {
	sg := api.Signal{Name: SignalTargetLanguage, Value: 1, Reason: "neutral: the detector could not tell the language: " + res.Reason}
	if len(res.Alternatives) == 0 || res.Alternatives[0].Confidence <= 0 {
		return sg
	}
	var target float64
	for _, a := range res.Alternatives {
		if api.Base(a.Language) == in.targetBase {
			target = max(target, a.Confidence)
		}
	}
	best := res.Alternatives[0]
	if target >= undeterminedLead*best.Confidence {
		return sg
	}
	<-analysed
	if sharesWord(in) || mainScript(in.srcWords) != mainScript(in.trWords) || !s.detectable(ctx, in.targetBase) ||
		functionWordsOf(in.trWords, in.targetBase) {
		return sg
	}
	sg.Weight, sg.Value = WeightUndeterminedLanguage, 0
	sg.Reason = fmt.Sprintf("the detector could not tell the language (%s), and %s is not among its candidates (best %s, %.2f", res.Reason, in.targetLang, best.Language, best.Confidence)
	if target > 0 {
		sg.Reason += fmt.Sprintf("; %s %.2f", in.targetBase, target)
	}
	sg.Reason += "); the translation shares no word with the source and is in its script"
	return sg
}

// functionWordsOf reports whether the words read as the language base by
// their function words (api.FunctionWords): at least two of them and half
// the words are its, and more than any other language's. Three words are
// too few for the detector ("My post is" scored Finnish 0.11), but "my"
// and "is" say English.
func functionWordsOf(ws []word, base string) bool {
	own := api.FunctionWords[base]
	if own == nil {
		return false
	}
	counts := map[string]int{}
	for _, w := range ws {
		for lang, set := range api.FunctionWords {
			if set[w.lower] {
				counts[lang]++
			}
		}
	}
	n := counts[base]
	if n < 2 || 2*n < len(ws) {
		return false
	}
	for lang, c := range counts {
		if lang != base && c >= n {
			return false
		}
	}
	return true
}

// sharesWord reports whether the translation has a word of the source.
func sharesWord(in *input) bool {
	src := make(map[string]bool, len(in.srcWords))
	for _, w := range in.srcWords {
		src[w.lower] = true
	}
	return slices.ContainsFunc(in.trWords, func(w word) bool { return src[w.lower] })
}

// mainScript is the Unicode script most of the words' letters are in
// ("" for none).
func mainScript(ws []word) string {
	counts := map[string]int{}
	for _, w := range ws {
		for _, r := range w.lower {
			if unicode.IsLetter(r) {
				counts[scriptOf(r)]++
			}
		}
	}
	main, n := "", 0
	for sc, c := range counts {
		if c > n || c == n && sc < main {
			main, n = sc, c
		}
	}
	return main
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
	// shortLengthSource: below this many visible characters the band
	// widens (lengthRatio).
	shortLengthSource = 40
	// shortSoft is, for two languages of the same density (en-es, de-fr:
	// band 0.5-2), the ratio below which a translation starts to cost
	// points inside the band: down to the band's lower bound it loses up
	// to shortSoftLoss of the value, in proportion to the log distance.
	// A terser rendering (0.6) costs a few points; one that dropped half
	// the sentence ("Por favor reinicia el router, luego" for a source of
	// 67 characters, 0.43) no longer scores an accept, and the judge is
	// asked. Below the band the value falls from 1 - shortSoftLoss, so it
	// is continuous, to 0 at half the lower bound as before.
	shortSoft     = 0.7
	shortSoftLoss = 0.4
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

// Band is a plausible range of len(translation)/len(source).
type Band struct{ Lo, Hi float64 }

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

// lengthRatio flags truncated and padded translations. bands overrides
// LengthBand for the pairs it lists. Only prose is measured (the texts'
// rest, analyse): markup, code, links and the other entities come back
// unchanged, so counted in they pull every ratio towards 1 and hide a
// truncated sentence next to a long command.
func lengthRatio(in *input, bands map[string]Band) api.Signal {
	sg := api.Signal{Name: SignalLengthRatio, Value: 1}
	ns, nt := visibleLen(in.srcEnt.rest), visibleLen(in.trEnt.rest)
	if ns < minLengthSource {
		sg.Reason = fmt.Sprintf("neutral: the source is too short to judge length (%d characters)", ns)
		return sg
	}
	lo, hi := LengthBand(in.sourceBase, in.targetBase)
	// A short text's length varies more: the ratio of two sums of n word
	// lengths spreads as 1/sqrt(n), so below shortLengthSource characters
	// the band's lower bound falls by sqrt(shortLengthSource/ns) (to half
	// at 10 characters): set phrases are often terser in the other
	// language ("Estoy de acuerdo" is "I agree", 0.43). The upper bound
	// stays, as a short message padded with a model's talk is long.
	widen := 1.0
	if ns < shortLengthSource {
		widen = math.Sqrt(float64(shortLengthSource) / float64(ns))
	}
	// soft is where a short translation starts to cost points inside the
	// band (0: nowhere). Only for two known languages of the same density
	// without a band of the operator's: pairs with Chinese, Japanese or
	// Korean vary too much.
	soft := 0.0
	if b, ok := bands[in.sourceBase+"-"+in.targetBase]; ok {
		lo, hi = b.Lo, b.Hi
	} else if in.sourceBase != "" && density[in.sourceBase] == 0 && density[in.targetBase] == 0 {
		soft = shortSoft / widen
	}
	lo /= widen
	band := fmt.Sprintf("%.2f-%.2f", lo, hi)
	if widen > 1 {
		band += fmt.Sprintf(" for %d characters", ns)
	}
	ratio := float64(nt) / float64(ns)
	sg.Weight = WeightLengthRatio
	var bound float64
	switch {
	case ratio < lo:
		bound = lo
	case ratio > hi:
		bound = hi
	case ratio < soft:
		sg.Value = round2(1 - shortSoftLoss*math.Log(soft/ratio)/math.Log(soft/lo))
		sg.Reason = fmt.Sprintf("length ratio %.2f is within %s but short for two languages of the same density (below %.2f: %d → %d characters of text, without markup, code and links)", ratio, band, soft, ns, nt)
		return sg
	default:
		sg.Reason = fmt.Sprintf("length ratio %.2f is within %s", ratio, band)
		return sg
	}
	// The value falls with the log distance from the band and reaches 0 at
	// a factor of 2 beyond it: half the lower bound, twice the upper one.
	sg.Value = max(0, 1-math.Abs(math.Log(max(ratio, 1e-9)/bound))/math.Ln2)
	if soft > 0 && ratio < lo {
		// Continuous with the soft zone above the bound.
		sg.Value *= 1 - shortSoftLoss
	}
	sg.Value = round2(sg.Value)
	sg.Reason = fmt.Sprintf("length ratio %.2f is outside %s (%d → %d characters of text, without markup, code and links)", ratio, band, ns, nt)
	return sg
}

// Copy ratio thresholds. The copy ratio is the share of the source's
// ordinary words (not names, numbers, links, protected terms, HTML
// markup or code: blankNonProse) that
// reappear in the translation. Unrelated languages share a few words
// ("hotel", "taxi", "chat"), so up to copyTolerated of them may reappear;
// close relatives (Spanish and Portuguese, Danish and Norwegian) share
// many more, and get copyToleratedClose. Above the tolerance the value
// falls linearly to 0 at a full copy.
const (
	copyTolerated      = 0.5
	copyToleratedClose = 0.75
	// minCopyWords is the fewest ordinary source words on which the ratio
	// is computed; shorter messages are judged as a whole.
	minCopyWords = 3
)

// closeLanguages groups languages whose texts share many words or
// characters: a high copy ratio between them is normal.
var closeLanguages = func() map[string]int {
	groups := [][]string{
		{"es", "pt", "gl", "ca", "it", "fr", "ro", "oc", "an", "ast"},
		{"da", "nb", "nn", "no", "sv", "fo", "is"},
		{"cs", "sk"},
		{"ru", "uk", "be", "bg", "mk"},
		{"hr", "sr", "bs", "sh", "sl", "cnr"},
		{"id", "ms"},
		{"nl", "af", "fy", "li"},
		{"de", "lb", "gsw"},
		{"zh", "yue", "ja", "wuu"},
		{"hi", "ne", "mr"},
		{"tr", "az"},
	}
	m := map[string]int{}
	for i, g := range groups {
		for _, l := range g {
			m[l] = i + 1
		}
	}
	return m
}()

// related reports whether two base languages are close relatives.
func related(a, b string) bool {
	ga, gb := closeLanguages[a], closeLanguages[b]
	return ga != 0 && ga == gb
}

// copyStats counts the source's ordinary words and how many of them
// reappear in the translation (as a multiset: "the the" needs two).
func copyStats(in *input) (ordinary, copied int, examples []string) {
	protected := map[string]bool{}
	for _, p := range in.protect {
		for _, w := range splitWords(p) {
			protected[w.lower] = true
		}
	}
	avail := make(map[string]int, len(in.trWords))
	for _, w := range in.trWords {
		avail[w.lower]++
	}
	for _, w := range in.srcWords {
		// Names, one-letter words ("a", "I", "y") and protected terms
		// may legitimately stay as they are.
		if w.name || protected[w.lower] || (!w.dense && w.letters < 2) {
			continue
		}
		ordinary++
		if avail[w.lower] > 0 {
			avail[w.lower]--
			copied++
			if len(examples) < 6 {
				examples = append(examples, w.lower)
			}
		}
	}
	return ordinary, copied, examples
}

// untranslatedCopy flags a translation that leaves the source (or much of
// it) untranslated: the whole text echoed, or a share of its words copied.
func untranslatedCopy(in *input) api.Signal {
	sg := api.Signal{Name: SignalUntranslatedCopy, Value: 1}
	switch {
	case in.sourceBase == "":
		sg.Reason = "neutral: the source language is unknown"
		return sg
	case in.sourceBase == in.targetBase && (!in.copied || !api.ScriptChanges(in.source, in.sourceLang, in.targetLang)):
		// A change of script (zh-Hans to zh-Hant, sr-Latn to sr-Cyrl) is a
		// translation, and its copy is judged below; words shared between
		// the two scripts are no sign of one.
		sg.Reason = "neutral: source and target are the same language"
		if !api.SameWriting(in.sourceLang, in.targetLang) {
			sg.Reason += " in two scripts, and the translation is not the source unchanged or is written alike in both"
		}
		return sg
	}
	if in.copied {
		if !sourceHasWords(in) {
			sg.Reason = "neutral: identical to the source, which has only names, numbers, links or emoji"
			return sg
		}
		sg.Weight = WeightUntranslatedCopy
		sg.Value = 0
		sg.Reason = fmt.Sprintf("the translation is the source text unchanged (%s → %s)", in.sourceLang, in.targetLang)
		return sg
	}
	ordinary, copied, examples := copyStats(in)
	if ordinary < minCopyWords {
		sg.Weight = WeightUntranslatedCopy
		sg.Reason = "the translation differs from the source"
		return sg
	}
	sg.Weight = WeightUntranslatedCopy
	ratio := float64(copied) / float64(ordinary)
	tol, rel := copyTolerated, ""
	if related(in.sourceBase, in.targetBase) {
		tol, rel = copyToleratedClose, fmt.Sprintf(" for the related languages %s and %s", in.sourceBase, in.targetBase)
	}
	if ratio <= tol {
		sg.Reason = fmt.Sprintf("%.0f%% of the source's words reappear (%d of %d), within the %.0f%% tolerated%s", 100*ratio, copied, ordinary, 100*tol, rel)
		return sg
	}
	sg.Value = round2(max(0, 1-(ratio-tol)/(1-tol)))
	sg.Reason = fmt.Sprintf("%.0f%% of the source's words reappear untranslated (%d of %d: %s), more than the %.0f%% tolerated%s",
		100*ratio, copied, ordinary, strings.Join(examples, ", "), 100*tol, rel)
	return sg
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
