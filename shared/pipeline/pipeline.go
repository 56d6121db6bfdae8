// Package pipeline owns the order in which a translated view is built:
//
//	detect (unless the source is given) → glossary prepare → translate (the
//	backend chain) → quality → [reject: next rung] → glossary verify ‖ safety
//
// Both the HTTP handlers and event consumers call it, so the order lives in
// one place. Every step past translation degrades instead of failing: a view
// that can be served is never an error, and what was skipped is listed in
// View.Degraded.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/service"
)

// Detector, Translator, ... are the service clients the pipeline needs; the
// typed clients in package client satisfy them.
type (
	Detector interface {
		Detect(ctx context.Context, req api.DetectRequest) (*api.DetectResponse, error)
	}
	Translator interface {
		Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error)
	}
	Glossary interface {
		Prepare(ctx context.Context, req api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error)
		Verify(ctx context.Context, req api.GlossaryVerifyRequest) (*api.GlossaryReport, error)
	}
	Quality interface {
		Score(ctx context.Context, req api.QualityRequest) (*api.QualityResponse, error)
	}
	Safety interface {
		Check(ctx context.Context, req api.SafetyRequest) (*api.SafetyResponse, error)
	}
)

// Pipeline builds views. All fields but Log are required.
type Pipeline struct {
	Detect    Detector
	Translate Translator
	Glossary  Glossary
	Quality   Quality
	Safety    Safety
	Log       *slog.Logger
	// MaxRungs bounds how many translations quality may reject before the
	// original is served (default 3).
	MaxRungs int
	// MaxTextRunes is the input limit (default api.MaxTextRunes).
	MaxTextRunes int
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Request asks for one text in one target language.
type Request struct {
	Text string
	// Source is a BCP 47 tag, or "" / "auto" to detect.
	Source string
	Target string
	// Glossary restricts term matching to one glossary id.
	Glossary string
}

// Degradation labels in View.Degraded.
const (
	DegradedDetect    = "detect"
	DegradedGlossary  = "glossary"
	DegradedQuality   = "quality"
	DegradedSafety    = "safety"
	DegradedTranslate = "translate"
)

// Validate checks a request and returns it normalised (NFC text, canonical
// tags). It is exported so that front ends can reject bad input before
// doing any work.
func (p *Pipeline) Validate(req Request) (Request, error) {
	text, err := api.ValidateText("text", req.Text, p.MaxTextRunes)
	if err != nil {
		return req, err
	}
	req.Text = text
	tgt, err := api.ParseLanguage("target", req.Target)
	if err != nil {
		return req, err
	}
	req.Target = tgt.String()
	if s := strings.TrimSpace(req.Source); s == "" || strings.EqualFold(s, "auto") {
		req.Source = ""
	} else {
		src, err := api.ParseLanguage("source", s)
		if err != nil {
			return req, err
		}
		req.Source = src.String()
	}
	return req, nil
}

// Run builds the view of one text in one target language. It returns an
// error only for bad input or a spent deadline; every service failure past
// validation degrades into a view with status "original" or a Degraded note.
func (p *Pipeline) Run(ctx context.Context, req Request) (*api.View, error) {
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	start := now()
	req, err := p.Validate(req)
	if err != nil {
		return nil, err
	}
	v := &api.View{
		Text:           req.Text,
		Status:         api.StatusOriginal,
		Backend:        "none",
		SourceLanguage: req.Source,
		TargetLanguage: req.Target,
		CreatedAt:      start.UTC(),
	}
	defer func() { v.DurationMS = time.Since(start).Milliseconds() }()

	if req.Source == "" {
		det, err := p.Detect.Detect(ctx, api.DetectRequest{Text: req.Text})
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return nil, api.Errorf(api.CodeTimeout, "request ran out of time during detection")
			}
			p.degrade(ctx, v, DegradedDetect, err)
			v.SourceLanguage = api.Undetermined
			v.Reason = "language detection unavailable"
			p.checkSafety(ctx, v, req.Text, "")
			return v, nil
		case det.Language == api.Undetermined:
			v.Detection = det
			v.SourceLanguage = api.Undetermined
			v.Reason = "source language not determined: " + det.Reason
			p.checkSafety(ctx, v, req.Text, "")
			return v, nil
		}
		v.Detection = det
		req.Source = det.Language
		v.SourceLanguage = det.Language
	}

	if api.Base(req.Source) == api.Base(req.Target) {
		v.Reason = "source and target language are the same"
		p.checkSafety(ctx, v, req.Text, "")
		return v, nil
	}

	var prep *api.GlossaryPrepareResponse
	if prep, err = p.Glossary.Prepare(ctx, api.GlossaryPrepareRequest{
		Text: req.Text, Source: req.Source, Target: req.Target, Glossary: req.Glossary,
	}); err != nil {
		if api.ErrorCode(err) == api.CodeNotFound {
			return nil, err // the client named a glossary that does not exist
		}
		p.degrade(ctx, v, DegradedGlossary, err)
		prep = &api.GlossaryPrepareResponse{}
	}

	p.translate(ctx, v, req, prep)
	if ctx.Err() != nil && v.Status != api.StatusTranslated && len(v.Attempts) == 0 {
		return nil, api.Errorf(api.CodeTimeout, "request ran out of time")
	}

	translation := ""
	if v.Status == api.StatusTranslated {
		translation = v.Text
	}
	// Verification and the safety check are independent: run them together.
	// Each goroutine writes only its own variables; the view is filled after.
	var (
		wg        sync.WaitGroup
		report    *api.GlossaryReport
		verifyErr error
	)
	if translation != "" && len(prep.Matches) > 0 {
		wg.Go(func() {
			report, verifyErr = p.Glossary.Verify(ctx, api.GlossaryVerifyRequest{
				Source: req.Text, Translation: translation, Target: req.Target, Matches: prep.Matches,
			})
		})
	}
	safety, safetyErr := p.safetyCheck(ctx, v, req.Text, translation)
	wg.Wait()
	if verifyErr != nil {
		p.degrade(ctx, v, DegradedGlossary, verifyErr)
	}
	v.Glossary = report
	p.setSafety(ctx, v, safety, safetyErr)
	return v, nil
}

// translate walks the chain: each translation is scored, and a rejected one
// excludes its backend and asks again, until a translation is accepted, the
// chain answers "original", or MaxRungs translations were rejected.
func (p *Pipeline) translate(ctx context.Context, v *api.View, req Request, prep *api.GlossaryPrepareResponse) {
	maxRungs := p.MaxRungs
	if maxRungs <= 0 {
		maxRungs = 3
	}
	var exclude []string
	for range maxRungs {
		tr, err := p.Translate.Translate(ctx, api.TranslateRequest{
			Text: req.Text, Source: req.Source, Target: req.Target,
			Protect: prep.Protect, Terms: prep.Terms, Exclude: exclude,
		})
		if err != nil {
			p.degrade(ctx, v, DegradedTranslate, err)
			v.Reason = "translation unavailable: " + api.AsError(err).Message
			return
		}
		v.Attempts = append(v.Attempts, tr.Attempts...)
		if tr.Status != api.StatusTranslated {
			if v.Reason == "" {
				v.Reason = tr.Reason
			}
			return
		}
		q, err := p.Quality.Score(ctx, api.QualityRequest{
			Source: req.Text, Translation: tr.Text, SourceLang: req.Source, TargetLang: req.Target, Backend: tr.Backend,
		})
		if err != nil {
			p.degrade(ctx, v, DegradedQuality, err)
		} else {
			v.Quality = q
		}
		if err == nil && q.Decision == api.DecisionReject {
			v.Attempts = append(v.Attempts, api.Attempt{
				Backend: tr.Backend, Model: tr.Model, DurationMS: tr.DurationMS,
				Error: fmt.Sprintf("quality rejected the translation (score %.0f)", q.Score),
			})
			v.Reason = "every translation was rejected by quality estimation"
			exclude = append(exclude, tr.Backend)
			continue
		}
		v.Text, v.Status, v.Backend, v.Model, v.Reason = tr.Text, api.StatusTranslated, tr.Backend, tr.Model, ""
		return
	}
}

// checkSafety fills v.Safety; a safety outage is a degradation, not an error.
func (p *Pipeline) checkSafety(ctx context.Context, v *api.View, source, translation string) {
	res, err := p.safetyCheck(ctx, v, source, translation)
	p.setSafety(ctx, v, res, err)
}

func (p *Pipeline) safetyCheck(ctx context.Context, v *api.View, source, translation string) (*api.SafetyResponse, error) {
	src := v.SourceLanguage
	if src == api.Undetermined {
		src = ""
	}
	return p.Safety.Check(ctx, api.SafetyRequest{
		Source: source, Translation: translation, SourceLang: src, TargetLang: v.TargetLanguage,
	})
}

func (p *Pipeline) setSafety(ctx context.Context, v *api.View, res *api.SafetyResponse, err error) {
	if err != nil {
		p.degrade(ctx, v, DegradedSafety, err)
		return
	}
	v.Safety = res
}

func (p *Pipeline) degrade(ctx context.Context, v *api.View, step string, err error) {
	v.Degraded = append(v.Degraded, step)
	if p.Log != nil {
		level := slog.LevelWarn
		var ae *api.Error
		if !errors.As(err, &ae) {
			level = slog.LevelError
		}
		p.Log.Log(ctx, level, "pipeline step degraded", "step", step, "err", err, "req_id", service.RequestID(ctx))
	}
}
