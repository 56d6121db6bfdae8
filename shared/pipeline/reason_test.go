package pipeline_test

import (
	"context"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

type (
	// reasonDetect answers lang, or fails with err.
	reasonDetect struct {
		lang string
		err  error
	}
	// reasonTranslate answers what its function says.
	reasonTranslate func(api.TranslateRequest) (*api.TranslateResponse, error)
)

func (d reasonDetect) Detect(context.Context, api.DetectRequest) (*api.DetectResponse, error) {
	if d.err != nil {
		return nil, d.err
	}
	return &api.DetectResponse{Language: d.lang, Confidence: 0.3, Reason: "too close to call"}, nil
}

func (f reasonTranslate) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	return f(req)
}

// TestViewReasonCodes: every view served as the original carries a reason
// code for what the pipeline or the chain found, and keeps the detailed
// reason (and the chain's attempts) that /v1/translate answers with.
func TestViewReasonCodes(t *testing.T) {
	chainOriginal := func(code string) reasonTranslate {
		return func(req api.TranslateRequest) (*api.TranslateResponse, error) {
			return &api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Backend: "none", ReasonCode: code,
				Reason:   "no backend translated en to ja (ollama: skipped: does not translate en to ja)",
				Attempts: []api.Attempt{{Backend: "ollama", Error: "skipped: does not translate en to ja"}}}, nil
		}
	}
	translates := reasonTranslate(func(req api.TranslateRequest) (*api.TranslateResponse, error) {
		return rungTranslate{}.Translate(context.Background(), req)
	})
	tests := []struct {
		name       string
		detect     reasonDetect
		translate  reasonTranslate
		reject     []string // backends quality rejects
		source     string
		wantCode   string
		wantReason string
		attempts   int
	}{
		{name: "translated", translate: translates, source: "en"},
		{name: "same language", translate: translates, source: "es",
			wantCode: api.ReasonSameLanguage, wantReason: "source and target language are the same"},
		{name: "detection down", detect: reasonDetect{err: api.Errorf(api.CodeUnavailable, "detect is down")}, translate: translates,
			wantCode: api.ReasonUndeterminedLanguage, wantReason: "language detection unavailable: detect is down"},
		{name: "language undetermined", detect: reasonDetect{lang: api.Undetermined}, translate: translates,
			wantCode: api.ReasonUndeterminedLanguage, wantReason: "source language not determined: too close to call"},
		{name: "translate down", source: "en",
			translate: func(api.TranslateRequest) (*api.TranslateResponse, error) {
				return nil, api.Errorf(api.CodeUnavailable, "no translate service answered")
			},
			wantCode: api.ReasonTranslationUnavailable, wantReason: "translation unavailable: no translate service answered"},
		{name: "the chain's code", source: "en", translate: chainOriginal(api.ReasonUnsupportedPair),
			wantCode: api.ReasonUnsupportedPair, wantReason: "no backend translated en to ja (ollama: skipped: does not translate en to ja)", attempts: 1},
		{name: "a chain without codes", source: "en", translate: chainOriginal(""),
			wantCode: api.ReasonTranslationUnavailable, wantReason: "no backend translated en to ja (ollama: skipped: does not translate en to ja)", attempts: 1},
		{name: "every translation rejected", source: "en", translate: translates, reject: []string{"first", "second"},
			wantCode: api.ReasonRejectedByQuality, wantReason: "every translation was rejected by quality estimation", attempts: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &pipeline.Pipeline{
				Detect: tt.detect, Translate: tt.translate, Glossary: fakeGlossary{}, Quality: rejectQuality{reject: tt.reject}, Safety: fakeSafety{action: api.PolicyAllow},
			}
			v, err := p.Run(context.Background(), pipeline.Request{Text: "hello there", Source: tt.source, Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			wantStatus := api.StatusOriginal
			if tt.wantCode == "" {
				wantStatus = api.StatusTranslated
			}
			if v.Status != wantStatus || v.ReasonCode != tt.wantCode || v.Reason != tt.wantReason || len(v.Attempts) != tt.attempts {
				t.Fatalf("status %s, reason_code %q, reason %q, attempts %+v; want %s, %q, %q, %d attempts",
					v.Status, v.ReasonCode, v.Reason, v.Attempts, wantStatus, tt.wantCode, tt.wantReason, tt.attempts)
			}
		})
	}
}
