package pipeline_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// cachingTranslate is rungTranslate behind a cache, as the translate
// service is: every translation comes with its cache key, and the keys
// that Invalidate is given are recorded (the invalidation fails with
// fail).
type cachingTranslate struct {
	rungTranslate
	noKey bool
	fail  error

	mu          sync.Mutex
	invalidated []string
}

func (f *cachingTranslate) Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	resp, err := f.rungTranslate.Translate(ctx, req)
	if err == nil && resp.Status == api.StatusTranslated && !f.noKey {
		resp.CacheKey = "t." + resp.Backend
	}
	return resp, err
}

func (f *cachingTranslate) Invalidate(_ context.Context, req api.TranslateInvalidateRequest) (*api.TranslateInvalidateResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invalidated = append(f.invalidated, req.Key)
	if f.fail != nil {
		return nil, f.fail
	}
	return &api.TranslateInvalidateResponse{Deleted: 1}, nil
}

// TestRejectedTranslationIsForgotten: translate caches an answer before
// quality scores it; the pipeline deletes every answer quality discards
// from the cache, so that the next view asks the backend again instead
// of being served the discarded answer for a week. Served translations
// stay cached, and a failed deletion costs the view nothing.
func TestRejectedTranslationIsForgotten(t *testing.T) {
	tests := []struct {
		name     string
		reject   []string
		noKey    bool
		fail     error
		wantText string
		want     []string // keys invalidated, in order
	}{
		{"accepted at once", nil, false, nil, "first: hello", nil},
		{"first rejected", []string{"first"}, false, nil, "second: hello", []string{"t.first"}},
		{"all rejected", []string{"first", "second"}, false, nil, "hello", []string{"t.first", "t.second"}},
		{"cache off", []string{"first"}, true, nil, "second: hello", nil},
		{"invalidation fails", []string{"first"}, false, api.Errorf(api.CodeUnavailable, "the translation cache is unavailable"), "second: hello", []string{"t.first"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &cachingTranslate{noKey: tt.noKey, fail: tt.fail}
			p := &pipeline.Pipeline{
				Detect: fakeDetect{}, Translate: tr, Glossary: fakeGlossary{}, Quality: rejectQuality{reject: tt.reject},
				Safety: fakeSafety{action: api.PolicyAllow},
			}
			v, err := p.Run(context.Background(), pipeline.Request{Text: "hello", Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if v.Text != tt.wantText || len(v.Degraded) != 0 {
				t.Fatalf("view %q (degraded %q), want %q", v.Text, v.Degraded, tt.wantText)
			}
			if !slices.Equal(tr.invalidated, tt.want) {
				t.Fatalf("invalidated %q, want %q", tr.invalidated, tt.want)
			}
		})
	}
}

// langDetect detects every text as lang.
type langDetect struct{ lang string }

func (d langDetect) Detect(context.Context, api.DetectRequest) (*api.DetectResponse, error) {
	return &api.DetectResponse{Language: d.lang, Confidence: 1}, nil
}

// TestScriptChangeIsTranslated: the same base language in another script
// is another written language (zh-Hans and zh-Hant, sr-Cyrl and
// sr-Latn), and is translated; another region is not (en-US and en-GB).
// A tag without a script has its likely one (zh-TW is Hant). A detected
// source names a script only where the text shows one: "zh" is Chinese in
// characters both scripts share, which a zh-Hant reader reads as it is.
func TestScriptChangeIsTranslated(t *testing.T) {
	tests := []struct {
		name             string
		source, detected string
		target           string
		translated       bool
	}{
		{"simplified to traditional", "zh-Hans", "", "zh-Hant", true},
		{"simplified to Taiwan", "zh-Hans", "", "zh-TW", true},
		{"chinese to traditional", "zh", "", "zh-Hant", true},
		{"cyrillic to latin", "sr-Cyrl", "", "sr-Latn", true},
		{"serbian to latin", "sr", "", "sr-Latn", true},
		{"latin to cyrillic", "sr-Latn", "", "sr", true},
		{"another region", "en-US", "", "en-GB", false},
		{"region of the same script", "zh-CN", "", "zh-Hans", false},
		{"traditional to Taiwan", "zh-Hant", "", "zh-TW", false},
		{"detected simplified to traditional", "", "zh-Hans", "zh-Hant", true},
		{"detected simplified to Taiwan", "", "zh-Hans", "zh-TW", true},
		{"detected shared characters to traditional", "", "zh", "zh-Hant", false},
		{"detected traditional to Taiwan", "", "zh-Hant", "zh-TW", false},
		{"detected cyrillic to latin", "", "sr-Cyrl", "sr-Latn", true},
		{"detected english to british", "", "en", "en-GB", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &userTranslate{}
			p := &pipeline.Pipeline{Detect: langDetect{tt.detected}, Translate: tr, Glossary: fakeGlossary{}, Quality: fakeQuality{},
				Safety: fakeSafety{action: api.PolicyAllow}}
			v, err := p.Run(context.Background(), pipeline.Request{Text: "我明天早上把报告发给你。", Source: tt.source, Target: tt.target})
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Status == api.StatusTranslated; got != tt.translated || got != (len(tr.users) == 1) {
				t.Fatalf("status %s (%s), %d translate calls; want translated %v", v.Status, v.Reason, len(tr.users), tt.translated)
			}
			if !tt.translated && v.Reason != "source and target language are the same" {
				t.Fatalf("reason %q", v.Reason)
			}
		})
	}
}

// forgettingServices are fakeServices (one glossary term) behind a cache:
// the first translation and the glossary retry with strict terms have
// keys of their own, as in the translate service.
type forgettingServices struct {
	*fakeServices
	invalidated []string
}

func (f *forgettingServices) Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	resp, err := f.fakeServices.Translate(ctx, req)
	if err == nil {
		resp.CacheKey = "t.plain"
		if req.StrictTerms {
			resp.CacheKey = "t.strict"
		}
	}
	return resp, err
}

func (f *forgettingServices) Invalidate(_ context.Context, req api.TranslateInvalidateRequest) (*api.TranslateInvalidateResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invalidated = append(f.invalidated, req.Key)
	return &api.TranslateInvalidateResponse{}, nil
}

// TestDiscardedGlossaryRetryIsForgotten: the glossary retry's answer that
// quality discards is deleted from the cache too (the first translation,
// which the view serves, stays), so that the next view's retry asks the
// model again.
func TestDiscardedGlossaryRetryIsForgotten(t *testing.T) {
	tests := []struct {
		name       string
		retryScore float64
		want       []string
	}{
		{"retry served", 0, nil},
		{"retry discarded", 20, []string{"t.strict"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &forgettingServices{fakeServices: &fakeServices{translate: llm(true), retryScore: tt.retryScore}}
			p := &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f}
			if _, err := p.Run(t.Context(), pipeline.Request{Text: "Open a new thread.", Source: "en", Target: "es"}); err != nil {
				t.Fatal(err)
			}
			if len(f.requests) != 2 || !slices.Equal(f.invalidated, tt.want) {
				t.Fatalf("%d translate calls, invalidated %q; want 2 calls, %q", len(f.requests), f.invalidated, tt.want)
			}
		})
	}
}

var _ pipeline.Invalidator = (*cachingTranslate)(nil)
