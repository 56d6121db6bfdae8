package suite_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// BenchmarkPipelineSteps times each hop of a view on its own, against the
// suite BenchmarkPipelineOverhead starts (OpenAI backend, instant fake
// model, a text no cache has seen): where the pipeline's time goes, step
// by step. docs/deploy.md lists the figures.
func BenchmarkPipelineSteps(b *testing.B) {
	nc, _ := startOverheadSuite(b, "openai")
	ctx := b.Context()
	det, tr, gl, qu, sa := client.Detect{NC: nc}, client.Translate{NC: nc}, client.Glossary{NC: nc}, client.Quality{NC: nc}, client.Safety{NC: nc}
	n := 0
	text := func() string { n++; return "Hello, how are you today? " + strconv.Itoa(n) }
	steps := []struct {
		name string
		call func(ctx context.Context, text string) error
	}{
		{"detect", func(ctx context.Context, text string) error {
			_, err := det.Detect(ctx, api.DetectRequest{Text: text})
			return err
		}},
		{"glossary-prepare", func(ctx context.Context, text string) error {
			_, err := gl.Prepare(ctx, api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es"})
			return err
		}},
		{"translate", func(ctx context.Context, text string) error {
			res, err := tr.Translate(ctx, api.TranslateRequest{Text: text, Source: "en", Target: "es"})
			if err == nil && (res.Status != api.StatusTranslated || res.Cache != "") {
				b.Fatalf("not a fresh translation: %+v", res)
			}
			return err
		}},
		{"quality", func(ctx context.Context, text string) error {
			_, err := qu.Score(ctx, api.QualityRequest{Source: text, Translation: "Hola, ¿cómo estás hoy? " + strconv.Itoa(n), SourceLang: "en", TargetLang: "es", Backend: "openai"})
			return err
		}},
		{"safety", func(ctx context.Context, text string) error {
			_, err := sa.Check(ctx, api.SafetyRequest{Source: text, Translation: "Hola, ¿cómo estás hoy? " + strconv.Itoa(n), SourceLang: "en", TargetLang: "es"})
			return err
		}},
	}
	for _, st := range steps {
		for range 100 { // warm-up
			if err := st.call(ctx, text()); err != nil {
				b.Fatalf("%s warm-up: %v", st.name, err)
			}
		}
		b.Run(st.name, func(b *testing.B) {
			timeEach(b, false, func() error {
				rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				defer cancel()
				return st.call(rctx, text())
			})
		})
	}
}
