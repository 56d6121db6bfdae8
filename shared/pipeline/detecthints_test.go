package pipeline_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// hintDetect records the requests it answers; a short text is the
// language of the sender's locale (as detect's priors decide a single
// word), else und.
type hintDetect struct {
	mu   sync.Mutex
	reqs []api.DetectRequest
}

func (f *hintDetect) Detect(_ context.Context, req api.DetectRequest) (*api.DetectResponse, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if req.Hints.SenderLocale == "" {
		return &api.DetectResponse{Language: api.Undetermined, Reason: "too close to call"}, nil
	}
	return &api.DetectResponse{Language: api.Base(req.Hints.SenderLocale), Confidence: 0.9}, nil
}

// TestDetectHintsReachDetection: a request's detection hints go to
// detection (canonical), detection's answer goes to OnDetect before the
// view is built, and a hint detect would refuse is the request's 4xx,
// never a view served as the original as if detection were down.
func TestDetectHintsReachDetection(t *testing.T) {
	tests := []struct {
		name     string
		req      pipeline.Request
		status   int // of the error; 0: a view
		field    string
		source   string // of the view
		detected bool   // detection ran
		hints    api.DetectHints
	}{
		{name: "sender locale decides a short text",
			req:    pipeline.Request{Text: "merci!", Target: "en", DetectHints: api.DetectHints{SenderLocale: "fr_FR", RecentLanguages: []string{"FR", "und"}}},
			source: "fr", detected: true, hints: api.DetectHints{SenderLocale: "fr-FR", RecentLanguages: []string{"fr", "und"}}},
		{name: "no hints", req: pipeline.Request{Text: "merci!", Target: "en"}, source: api.Undetermined, detected: true},
		{name: "a given source is not detected",
			req:    pipeline.Request{Text: "merci!", Source: "fr", Target: "en", DetectHints: api.DetectHints{SenderLocale: "de"}},
			source: "fr"},
		{name: "bad sender locale", req: pipeline.Request{Text: "merci!", Target: "en", DetectHints: api.DetectHints{SenderLocale: "es-ES_tradnl"}},
			status: 400, field: "hints.sender_locale"},
		{name: "unknown recent language", req: pipeline.Request{Text: "merci!", Target: "en", DetectHints: api.DetectHints{RecentLanguages: []string{"xx"}}},
			status: 422, field: "hints.recent_languages[0]"},
		// Checked with a source too: bad input is bad input.
		{name: "bad accept-language with a source", req: pipeline.Request{Text: "merci!", Source: "fr", Target: "en", DetectHints: api.DetectHints{AcceptLanguage: "en;q=x"}},
			status: 400, field: "hints.accept_language"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			det := &hintDetect{}
			p := &pipeline.Pipeline{Detect: det, Translate: fakeTranslate{}, Glossary: fakeGlossary{}, Quality: fakeQuality{},
				Safety: fakeSafety{action: api.PolicyAllow}}
			var onDetect []*api.DetectResponse
			req := tt.req
			req.OnDetect = func(d *api.DetectResponse) { onDetect = append(onDetect, d) }
			v, err := p.Run(context.Background(), req)
			if tt.status != 0 {
				ae := api.AsError(err)
				if err == nil || ae.Status() != tt.status || ae.Field != tt.field {
					t.Fatalf("Run: %v (view %+v), want %d on %s", err, v, tt.status, tt.field)
				}
				if len(det.reqs) != 0 {
					t.Fatalf("detection ran with bad hints: %+v", det.reqs)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if v.SourceLanguage != tt.source {
				t.Fatalf("source %q, want %q (%s)", v.SourceLanguage, tt.source, v.Reason)
			}
			if !tt.detected {
				if len(det.reqs) != 0 || len(onDetect) != 0 {
					t.Fatalf("detection ran for a given source: %+v, OnDetect %d times", det.reqs, len(onDetect))
				}
				return
			}
			if len(det.reqs) != 1 || len(onDetect) != 1 || onDetect[0] != v.Detection {
				t.Fatalf("%d detections, OnDetect %d times (%v), view detection %v", len(det.reqs), len(onDetect), onDetect, v.Detection)
			}
			h := det.reqs[0].Hints
			if h.SenderLocale != tt.hints.SenderLocale || !slices.Equal(h.RecentLanguages, tt.hints.RecentLanguages) || h.AcceptLanguage != tt.hints.AcceptLanguage {
				t.Fatalf("detection got hints %+v, want %+v", h, tt.hints)
			}
		})
	}
}
