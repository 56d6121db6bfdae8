package suite_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/parley-chat/parley/shared/api"
	trsvc "github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/pipeline"
)

type stepTimes struct {
	mu sync.Mutex
	m  map[string][]time.Duration
}

func (s *stepTimes) add(k string, d time.Duration) {
	s.mu.Lock()
	if s.m == nil {
		s.m = map[string][]time.Duration{}
	}
	s.m[k] = append(s.m[k], d)
	s.mu.Unlock()
}

func (s *stepTimes) print() {
	for k, v := range s.m {
		slices.Sort(v)
		fmt.Printf("STEP %-10s n=%d median=%v p90=%v\n", k, len(v), v[len(v)/2], v[len(v)*9/10])
	}
	s.m = nil
}

var tmpSteps stepTimes

type tD struct{ pipeline.Detector }

func (t tD) Detect(ctx context.Context, r api.DetectRequest) (*api.DetectResponse, error) {
	t0 := time.Now()
	defer func() { tmpSteps.add("detect", time.Since(t0)) }()
	return t.Detector.Detect(ctx, r)
}

type tT struct{ pipeline.Translator }

func (t tT) Translate(ctx context.Context, r api.TranslateRequest) (*api.TranslateResponse, error) {
	t0 := time.Now()
	defer func() { tmpSteps.add("translate", time.Since(t0)) }()
	return t.Translator.Translate(ctx, r)
}

type tG struct{ pipeline.Glossary }

func (t tG) Prepare(ctx context.Context, r api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	t0 := time.Now()
	defer func() { tmpSteps.add("prepare", time.Since(t0)) }()
	return t.Glossary.Prepare(ctx, r)
}
func (t tG) Verify(ctx context.Context, r api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	t0 := time.Now()
	defer func() { tmpSteps.add("verify", time.Since(t0)) }()
	return t.Glossary.Verify(ctx, r)
}

type tQ struct{ pipeline.Quality }

func (t tQ) Score(ctx context.Context, r api.QualityRequest) (*api.QualityResponse, error) {
	t0 := time.Now()
	defer func() { tmpSteps.add("quality", time.Since(t0)) }()
	return t.Quality.Score(ctx, r)
}

type tS struct{ pipeline.Safety }

func (t tS) Check(ctx context.Context, r api.SafetyRequest) (*api.SafetyResponse, error) {
	t0 := time.Now()
	defer func() { tmpSteps.add("safety", time.Since(t0)) }()
	return t.Safety.Check(ctx, r)
}

func wrapTimed(p *pipeline.Pipeline) {
	trsvc.TmpTiming = tmpSteps.add
	p.Detect, p.Translate, p.Glossary, p.Quality, p.Safety = tD{p.Detect}, tT{p.Translate}, tG{p.Glossary}, tQ{p.Quality}, tS{p.Safety}
}
