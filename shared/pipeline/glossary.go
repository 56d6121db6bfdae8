package pipeline

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"unicode"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/gopool"
	"github.com/parley-chat/parley/shared/service"
)

// servedTranslation is the translate request whose answer the view serves,
// and that answer: the glossary retry asks the same again, with the terms
// as requirements.
type servedTranslation struct {
	req  api.TranslateRequest
	resp *api.TranslateResponse
}

// unresolved counts the terms a report found violated: missing, or with a
// forbidden rendering, and not repaired.
func unresolved(r *api.GlossaryReport) int {
	if r == nil {
		return 0
	}
	n := 0
	for _, t := range r.Terms {
		if t.Status == api.TermMissing || t.Status == api.TermForbidden {
			n++
		}
	}
	return n
}

// inflecting are the target languages (base subtags) whose words change
// form with their place in the sentence: case endings (de, ru, uk, pl,
// cs, fi, hu ...), gender and number agreement of articles and
// adjectives (fr, es, it, pt, ca, ro, nl, the Nordic languages' en/ett
// and definite endings ...), or particles whose form depends on the
// noun before them (ko: 을/를, 이/가). Verify's repair writes a glossary
// term in its base form where the translation had another word, and in
// these languages the words around it were chosen for that other word:
// de "einen Account" repaired is "einen Konto" (Konto is neuter: "ein
// Konto"), ru "Создайте аккаунт" is "Создайте учётная запись" (the
// accusative is "учётную запись"). Nothing tells from the report that a
// substitution kept the grammar (the found form being the base form and
// the term a word of the same gender and class is not knowable), so
// every such repair counts as unsure (repairGuarded). English, Chinese,
// Japanese, Thai, Vietnamese, Indonesian and Malay are not listed: a
// word there keeps its form.
var inflecting = []string{
	"ar", "be", "bg", "ca", "cs", "cy", "da", "de", "el", "es", "et", "fi", "fr", "ga", "he", "hr",
	"hu", "is", "it", "ko", "lt", "lv", "mk", "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk",
	"sl", "sq", "sr", "sv", "tr", "uk",
}

// repairGuarded reports whether the repairs in the served text (rep's)
// are unsure: an LLM rung translated into an inflecting language and a
// repair substituted another word (unsureRepairs). Enforcement then
// tries the strict retry before it serves them (the model writes the
// term in the form the sentence needs), and a repair that stays is
// served flagged (enforceTerms). A repair of an engine's translation
// (Apertium would answer the same again) or of a moderator's correction
// (a person's text) is served as before.
func repairGuarded(target string, rep *api.GlossaryReport, served *servedTranslation) bool {
	return served != nil && served.resp.PromptID != "" && served.resp.Cache != api.CacheOverride &&
		slices.Contains(inflecting, api.Base(target)) && unsureRepairs(rep) > 0
}

// unsureRepairs counts the repairs of rep that put another word in place
// of the one the translator wrote; a repair of the case alone ("Ebay" →
// "eBay") leaves the word, and its grammar, as they were.
func unsureRepairs(rep *api.GlossaryReport) int {
	if rep == nil {
		return 0
	}
	n := 0
	for _, r := range rep.Repairs {
		if !strings.EqualFold(r.From, r.To) {
			n++
		}
	}
	return n
}

// violations is what enforcement counts against a report: the violated
// terms, and when the repairs are guarded (repairGuarded) the unsure
// repairs too, so that a retry that needs fewer of them is better.
func violations(rep *api.GlossaryReport, guarded bool) int {
	n := unresolved(rep)
	if guarded {
		n += unsureRepairs(rep)
	}
	return n
}

// enforceTerms finishes glossary enforcement after verify's deterministic
// repair. When terms are still violated (or, guarded, the served text
// has unsure repairs: repairGuarded) and an LLM made the translation, it
// translates once more with the terms as hard requirements
// (api.TranslateRequest.StrictTerms, a cache key of its own so the cached
// translation that ignored them cannot answer) and serves that
// translation if it has fewer violations and quality does not discard
// it. Terms still violated after that are a quality penalty (quality
// scores the served text with verify's report) and a flag: the report
// says Flagged and the decision becomes flag_for_review; so are unsure
// repairs left in the served text, which is served (nothing better was
// found) for a person to look at. It reports whether the served text is
// another translation now.
func (p *Pipeline) enforceTerms(ctx context.Context, v *api.View, req Request, prep *api.GlossaryPrepareResponse, served *servedTranslation, guarded bool) bool {
	rep := v.Glossary
	if rep == nil || served == nil || v.Status != api.StatusTranslated || violations(rep, guarded) == 0 {
		return false
	}
	changed := false
	// Only a prompted backend can follow a stronger hint: an engine such
	// as Apertium would answer the same again.
	if served.resp.PromptID != "" && len(prep.Terms) > 0 && ctx.Err() == nil {
		rep.Retried = true
		if r, q, ok := p.strictRetry(ctx, v, req, prep, served, violations(rep, guarded), guarded); ok {
			rep, changed = r, true
			v.Quality = q
		}
	}
	v.Glossary = rep
	if violations(rep, guarded) == 0 {
		return changed
	}
	rep.Flagged = true
	if unresolved(rep) > 0 || v.Quality == nil {
		// The score must be of the served text with this report: the
		// penalty of the violated terms, or (unsure repairs only) the
		// score of the repaired text, when none was made yet (a retry
		// or a rescue scored it with the report already).
		q, err := p.score(ctx, servedQuality(v, req, prep, served, rep))
		switch {
		case err == nil:
			v.Quality = q
		case v.Quality == nil:
			p.degrade(ctx, v, DegradedQuality, err)
		}
	}
	if v.Quality != nil {
		// The translation is served (nothing better was found), but a
		// person should look at it.
		v.Quality.Decision = api.DecisionFlagForReview
	}
	return changed
}

// scoreWithReport makes the view's quality score agree with verify's
// report when the report finds no term violated and the served text is
// the one quality scored (no repair). Quality scores each translation
// beside verify, without the report, and its glossary signal then works
// from the hints alone, with a matcher of its own: a term verify finds
// applied (de "Support-Kanal" for channel → Kanal, ru "в ветке" for a
// stem entry ветка) can be counted missing, and the view would say
// "applied, compliance 1" in its report and "0 of 1 glossary terms are
// used" in its score. Only then (the signal took points off) is the
// text scored again, with the report: one verdict, verify's. A failure
// keeps the first score (of the same text) and says quality is degraded,
// so that the view is not cached with it.
func (p *Pipeline) scoreWithReport(ctx context.Context, v *api.View, req Request, prep *api.GlossaryPrepareResponse, served *servedTranslation) {
	if v.Quality == nil || v.Glossary == nil || served == nil || v.Status != api.StatusTranslated || unresolved(v.Glossary) > 0 || !glossaryPenalty(v.Quality) {
		return
	}
	q, err := p.score(ctx, servedQuality(v, req, prep, served, v.Glossary))
	if err != nil {
		p.degrade(ctx, v, DegradedQuality, err)
		return
	}
	if q.Retry() {
		// Quality accepted this very text a moment ago; the verdict on
		// its glossary terms only got better. A second opinion that
		// discards it (a judge that answered otherwise) is no reason to
		// walk the chain again: a person should look (a moderator's
		// correction, which a person already judged, is only warned
		// about, as in translate).
		q.Decision = api.DecisionFlagForReview
		if served.resp.Cache == api.CacheOverride {
			q.Decision = api.DecisionAcceptWithWarning
		}
	}
	v.Quality = q
}

// glossaryPenalty reports whether quality's glossary signal took points
// off q.
func glossaryPenalty(q *api.QualityResponse) bool {
	for _, sg := range q.Signals {
		if sg.Name == signalGlossary && sg.Weight > 0 && sg.Value < 1 {
			return true
		}
	}
	return false
}

// servedQuality is the quality request for the text the view serves, with
// verify's report on it (rep).
func servedQuality(v *api.View, req Request, prep *api.GlossaryPrepareResponse, served *servedTranslation, rep *api.GlossaryReport) api.QualityRequest {
	return api.QualityRequest{
		Source: req.Text, Translation: v.Text, SourceLang: req.Source, TargetLang: req.Target,
		Backend: v.Backend, Model: v.Model, Protect: prep.Protect, Terms: prep.Terms, Glossary: rep,
		UnknownWords: served.resp.UnknownWords,
	}
}

func (p *Pipeline) score(ctx context.Context, qreq api.QualityRequest) (*api.QualityResponse, error) {
	sctx, cancel := p.step(ctx)
	defer cancel()
	return p.Quality.Score(sctx, qreq)
}

// recheckRepaired scores and safety-checks v.Text, both at once, after
// verify repaired it and left no term violated: the score and the safety
// check made beside verify are of the unrepaired translation, which
// nobody is served. Quality gets verify's report, so that the glossary
// signal counts the repaired terms as applied. It sets v.Quality and
// returns the safety check for setSafety; a quality failure drops the
// score rather than keep that of the other text.
func (p *Pipeline) recheckRepaired(ctx context.Context, v *api.View, req Request, prep *api.GlossaryPrepareResponse, served *servedTranslation) (*api.SafetyResponse, error) {
	// Both requests are built here, before the goroutine: it must not
	// read the view while this one writes it.
	qreq := servedQuality(v, req, prep, served, v.Glossary)
	sreq := p.safetyRequest(v, req, v.Text)
	q, safety, err, safetyErr := p.scoreAndCheck(ctx, qreq, sreq)
	if err != nil {
		v.Quality = nil
		p.degrade(ctx, v, DegradedQuality, err)
		return safety, safetyErr
	}
	if q.Retry() {
		// The translation quality accepted differs from this one by
		// glossary terms only, and the chain is not walked again for
		// them: the view is served, so retry is no decision for it. A
		// person should look (a moderator's correction, which a person
		// already judged, is only warned about, as in translate).
		q.Decision = api.DecisionFlagForReview
		if served.resp.Cache == api.CacheOverride {
			q.Decision = api.DecisionAcceptWithWarning
		}
	}
	v.Quality = q
	return safety, safetyErr
}

// scoreAndCheck scores and safety-checks one text, both at once.
func (p *Pipeline) scoreAndCheck(ctx context.Context, qreq api.QualityRequest, sreq api.SafetyRequest) (q *api.QualityResponse, safety *api.SafetyResponse, qErr, safetyErr error) {
	var wg gopool.Group
	wg.Go(func() {
		sctx, cancel := p.step(ctx)
		defer cancel()
		safety, safetyErr = p.Safety.Check(sctx, sreq)
	})
	q, qErr = p.score(ctx, qreq)
	wg.Wait()
	return q, safety, qErr, safetyErr
}

// rescueByRepair takes a second look at a translation quality discarded
// (tr, scored without verify's report), so that a glossary term verify
// can repair is not what discards the rung: quality's glossary signal
// counts the term missing, and the next rung (or the original) would be
// served in place of a translation one substitution away from accepted.
// Only a request with glossary terms gets it, only after quality said
// retry (q), so the common path (quality accepts) makes no extra call, and
// only when q is a rejection a repair can answer (rejectedForTerms): a
// source echoed untranslated, with its terms swapped for the target's, is
// still the source language, and must not be served as a translation
// (unless the source is nothing but terms, which repair translates whole).
//
// Verify ran beside quality (checked); this waits for it instead of
// discarding it. When its repair left no term violated, the repaired
// text is scored with verify's report and safety-checked, both at once,
// and if quality keeps it, it is returned (ok) with that score: the
// score of the text served, not of the translation before the repair.
// checked then holds verify's report and the safety check of the
// repaired text, so run serves them as they are (the repaired text is
// the report's, so it is neither repaired nor verified again). When
// quality discards the repaired text too, its score is returned for the
// attempt's note; q is nil when there was nothing to rescore.
func (p *Pipeline) rescueByRepair(ctx context.Context, v *api.View, req Request, prep *api.GlossaryPrepareResponse, tr *api.TranslateResponse, q *api.QualityResponse, checked *checks) (string, *api.QualityResponse, bool) {
	if len(prep.Terms) == 0 || ctx.Err() != nil || !rejectedForTerms(q, termsOnly(req.Text, prep.Matches)) {
		return "", nil, false
	}
	checked.wait()
	rep := checked.report
	if checked.verifyErr != nil || rep == nil || unresolved(rep) > 0 {
		// A term stays violated: the rejection stands (an engine's
		// answer would not change on a retry).
		return "", nil, false
	}
	qreq := api.QualityRequest{
		Source: req.Text, Translation: rep.Repaired, SourceLang: req.Source, TargetLang: req.Target,
		Backend: tr.Backend, Model: tr.Model, Protect: prep.Protect, Terms: prep.Terms, Glossary: rep,
		UnknownWords: tr.UnknownWords,
	}
	if rep.Repaired == "" || rep.Repaired == tr.Text {
		// Nothing repaired, and verify finds every term applied: quality's
		// own matcher missed a term it does not recognise (an inflected
		// or compound form). The same text is scored with the report;
		// its safety check (checked) is the one made.
		qreq.Translation = tr.Text
		q, err := p.score(ctx, qreq)
		if err != nil {
			p.logRetry(ctx, "quality of the translation with its glossary report failed", err)
			return "", nil, false
		}
		if q.Retry() {
			return "", q, false
		}
		return tr.Text, q, true
	}
	q, safety, err, safetyErr := p.scoreAndCheck(ctx, qreq, p.safetyRequest(v, req, rep.Repaired))
	if err != nil {
		// No score of the repaired text: the rejection stands, as
		// nothing else says the text is fit to serve.
		p.logRetry(ctx, "quality of the repaired translation failed", err)
		return "", nil, false
	}
	if q.Retry() {
		return "", q, false
	}
	checked.safety, checked.safetyErr = safety, safetyErr
	return rep.Repaired, q, true
}

// Names of the quality signals (services/quality) that rejectedForTerms
// reads.
const (
	signalGlossary = "glossary"
)

// notATranslation are the quality signals that find the text is no
// translation into the target at all: nothing, another language or
// script, the source echoed, a refusal. Swapping glossary terms fixes
// none of them, and the rescore of the repaired text may no longer see
// them (a copy with two words replaced is no longer an exact copy).
var notATranslation = []string{"empty", "target_language", "script", "untranslated_copy", "refusal"}

// copySignals are those of notATranslation that a copy of the source
// sets off: a source of glossary terms only may come back as it was
// (translate's copy check lets it through), and repair then translates
// all of it.
var copySignals = []string{"target_language", "script", "untranslated_copy"}

// rejectedForTerms reports whether quality's rejection q is one that a
// glossary repair can answer: the glossary signal took points off, and
// none of notATranslation did, or, when the source is glossary terms
// only (onlyTerms), none but copySignals. A signal that could not judge
// (weight 0) took nothing off.
func rejectedForTerms(q *api.QualityResponse, onlyTerms bool) bool {
	if q == nil {
		return false
	}
	glossary := false
	for _, sg := range q.Signals {
		if sg.Weight <= 0 || sg.Value >= 1 {
			continue
		}
		if slices.Contains(notATranslation, sg.Name) && !(onlyTerms && slices.Contains(copySignals, sg.Name)) {
			return false
		}
		glossary = glossary || sg.Name == signalGlossary
	}
	return glossary
}

// termsOnly reports whether every letter of text lies in a glossary
// match (matches are byte spans of text): "alice alice alice" with the
// term alice, not "El moderador cerró el hilo." with moderador and hilo.
func termsOnly(text string, matches []api.TermMatch) bool {
	if len(matches) == 0 {
		return false
	}
	covered := make([]bool, len(text))
	for _, m := range matches {
		if m.Start < 0 || m.End > len(text) || m.Start > m.End {
			return false
		}
		for i := m.Start; i < m.End; i++ {
			covered[i] = true
		}
	}
	for i, r := range text {
		if !covered[i] && unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// strictRetry translates again with the terms as requirements and checks
// the answer: it is taken (ok) only when verify finds fewer violations
// than before (before; violated terms, and when guarded unsure repairs
// too) and quality does not discard it. The view is updated when it
// is taken; the retry's failed attempts are recorded either way.
func (p *Pipeline) strictRetry(ctx context.Context, v *api.View, req Request, prep *api.GlossaryPrepareResponse, served *servedTranslation, before int, guarded bool) (*api.GlossaryReport, *api.QualityResponse, bool) {
	retry := served.req
	retry.StrictTerms = true
	tctx, cancel := p.translateBudget(ctx)
	tr, err := p.Translate.Translate(tctx, retry)
	cancel()
	if err != nil {
		p.logRetry(ctx, "glossary retry failed", err)
		return nil, nil, false
	}
	v.Attempts = appendAttempts(v.Attempts, tr.Attempts)
	if tr.Status != api.StatusTranslated {
		return nil, nil, false
	}
	sctx, cancel := p.step(ctx)
	rep, notRepaired, err := p.verify(sctx, req, api.GlossaryVerifyRequest{
		Source: req.Text, Translation: tr.Text, Target: req.Target, Matches: prep.Matches, Format: req.Format,
	})
	cancel()
	if err != nil {
		p.logRetry(ctx, "glossary verify of the retry failed", err)
		return nil, nil, false
	}
	if violations(rep, guarded) >= before {
		return nil, nil, false
	}
	text := tr.Text
	if rep.Repaired != "" {
		text = rep.Repaired
	}
	sctx, cancel = p.step(ctx)
	q, err := p.Quality.Score(sctx, api.QualityRequest{
		Source: req.Text, Translation: text, SourceLang: req.Source, TargetLang: req.Target,
		Backend: tr.Backend, Model: tr.Model, Protect: prep.Protect, Terms: prep.Terms, Glossary: rep,
		UnknownWords: tr.UnknownWords,
	})
	cancel()
	if err != nil {
		p.logRetry(ctx, "quality of the glossary retry failed", err)
		return nil, nil, false
	}
	if q.Retry() {
		// Not served: nor served from the cache at the next view.
		p.forget(ctx, tr)
		return nil, nil, false
	}
	rep.Retried = true
	if notRepaired != nil {
		p.degrade(ctx, v, DegradedGlossary, notRepaired)
	}
	v.Text, v.Backend, v.Model = text, tr.Backend, tr.Model
	v.PromptID, v.PromptVersion, v.Cache = tr.PromptID, tr.PromptVersion, tr.Cache
	served.resp = tr
	return rep, q, true
}

// logRetry notes why the glossary retry, or the rescue of a repaired
// translation, was given up; the view keeps the first translation
// (flagged), or moves down the chain as quality said, so this is no
// degradation.
func (p *Pipeline) logRetry(ctx context.Context, msg string, err error) {
	if p.Log != nil {
		p.Log.LogAttrs(ctx, slog.LevelWarn, msg, slog.Any("err", err), slog.String("req_id", service.RequestID(ctx)))
	}
}
