package quality

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/parley-chat/parley/services/quality/natsdetect"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Version is the micro service version.
const Version = "1.0.0"

// Settings are the service's environment settings.
type Settings struct {
	Scorer Config
	// Workers is how many requests are scored at once.
	Workers int
}

// ReadSettings reads the QUALITY_* variables (see docs/quality.md).
func ReadSettings(env *config.Reader) (Settings, error) {
	s := Settings{
		Scorer: Config{DetectTimeout: env.Duration("QUALITY_DETECT_TIMEOUT", DefaultDetectTimeout)},
		// Scoring mostly waits for the detect service, so more requests
		// than cores can be in flight.
		Workers: env.Int("QUALITY_WORKERS", 4*runtime.GOMAXPROCS(0)),
	}
	var bad []string
	s.Scorer.MinScore = DefaultMinScore
	if v := env.String("QUALITY_MIN_SCORE", ""); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 100 {
			bad = append(bad, fmt.Sprintf("QUALITY_MIN_SCORE=%q is not a number from 0 to 100", v))
		} else {
			s.Scorer.MinScore = f
		}
	}
	if s.Workers < 1 {
		bad = append(bad, fmt.Sprintf("QUALITY_WORKERS=%d must be at least 1", s.Workers))
	}
	if s.Scorer.DetectTimeout == 0 {
		bad = append(bad, "QUALITY_DETECT_TIMEOUT must be positive")
	}
	if err := env.Err(); err != nil {
		bad = append(bad, err.Error())
	}
	if len(bad) > 0 {
		return s, fmt.Errorf("bad configuration: %s", strings.Join(bad, "; "))
	}
	return s, nil
}

// Start registers the quality service on d.NC. It asks the detect service on
// the same connection for the language of translations; detect need not be
// running, then that signal is skipped. The returned stop drains the
// service.
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	s, err := ReadSettings(d.Env)
	if err != nil {
		return nil, err
	}
	scorer := NewScorer(natsdetect.New(d.NC), s.Scorer, d.Log)
	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceQuality,
		Version:     Version,
		Description: "Reference-free quality estimation of translations",
		Metadata:    map[string]string{"min_score": strconv.FormatFloat(s.Scorer.MinScore, 'g', -1, 64)},
	}, []service.Endpoint{{
		Name:    "score",
		Subject: api.SubjectQualityScore,
		Handler: service.JSON(func(ctx context.Context, req *api.QualityRequest) (any, error) {
			return scorer.Score(ctx, *req)
		}),
		Workers: s.Workers,
		// A score is worth having only within the pipeline's budget; the
		// detect call inside has its own, shorter bound.
		DefaultTimeout: 5 * time.Second,
	}}, d.Metrics, d.Log)
	if err != nil {
		return nil, fmt.Errorf("register quality service: %w", err)
	}
	return srv.Stop, nil
}
