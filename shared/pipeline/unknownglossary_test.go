package pipeline_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// knownGlossaries is a glossary service that has only "product" and
// counts its prepare calls.
type knownGlossaries struct {
	fakeServices
	prepares atomic.Int32
}

func (g *knownGlossaries) Prepare(_ context.Context, req api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	g.prepares.Add(1)
	if req.Glossary != "" && req.Glossary != "product" {
		return nil, api.FieldError(api.CodeNotFound, "glossary", "no glossary with id %q", req.Glossary)
	}
	return &api.GlossaryPrepareResponse{}, nil
}

// detectAs answers every detection with a language, or fails.
type detectAs struct {
	lang string
	err  error
}

func (d detectAs) Detect(context.Context, api.DetectRequest) (*api.DetectResponse, error) {
	if d.err != nil {
		return nil, d.err
	}
	return &api.DetectResponse{Language: d.lang, Reason: "too short"}, nil
}

// TestUnknownGlossaryWhateverTheSource: a request naming a glossary that
// does not exist is a 404 (README.md, errors) also when the view serves
// the original before the glossary step: source undetermined, detection
// down, or the source in the target's language.
func TestUnknownGlossaryWhateverTheSource(t *testing.T) {
	tests := []struct {
		name     string
		detect   detectAs
		source   string
		glossary string
		notFound bool
		prepares int32 // glossary calls
	}{
		{"undetermined source", detectAs{lang: api.Undetermined}, "", "nope", true, 1},
		{"detection down", detectAs{err: api.Errorf(api.CodeUnavailable, "detect is down")}, "", "nope", true, 1},
		{"same language", detectAs{}, "es", "nope", true, 1},
		{"translated path", detectAs{}, "en", "nope", true, 1},
		{"undetermined, known glossary", detectAs{lang: api.Undetermined}, "", "product", false, 1},
		{"same language, known glossary", detectAs{}, "es-MX", "product", false, 1},
		{"undetermined, no glossary: no call", detectAs{lang: api.Undetermined}, "", "", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &knownGlossaries{fakeServices: fakeServices{translate: llm(true)}}
			p := &pipeline.Pipeline{Detect: tt.detect, Translate: g, Glossary: g, Quality: g, Safety: g}
			v, err := p.Run(t.Context(), pipeline.Request{Text: "hello", Source: tt.source, Target: "es", Glossary: tt.glossary})
			var ae *api.Error
			switch {
			case tt.notFound && (!errors.As(err, &ae) || ae.Status() != 404):
				t.Fatalf("view %+v, err %v; want a 404", v, err)
			case !tt.notFound && err != nil:
				t.Fatalf("err %v", err)
			case !tt.notFound && v.Status != api.StatusOriginal:
				t.Fatalf("status %q, want original", v.Status)
			}
			if n := g.prepares.Load(); n != tt.prepares {
				t.Errorf("%d glossary calls, want %d", n, tt.prepares)
			}
		})
	}
}
