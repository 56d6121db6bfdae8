package detect

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Version is the micro service version.
const Version = "1.0.0"

// Settings are the service's environment settings.
type Settings struct {
	Detector Config
	// Workers is how many detections run at once.
	Workers int
}

// ReadSettings reads the DETECT_* variables (see docs/detect.md).
func ReadSettings(env *config.Reader) (Settings, error) {
	s := Settings{
		Detector: Config{
			Languages: env.List("DETECT_LANGUAGES", DefaultLanguages),
			Preload:   env.Bool("DETECT_PRELOAD", false),
		},
		Workers: env.Int("DETECT_WORKERS", runtime.GOMAXPROCS(0)),
	}
	var bad []string
	switch acc := strings.ToLower(env.String("DETECT_ACCURACY", "high")); acc {
	case "high":
	case "low":
		s.Detector.LowAccuracy = true
	default:
		bad = append(bad, fmt.Sprintf("DETECT_ACCURACY=%q is not high or low", acc))
	}
	var err error
	if s.Detector.MinConfidence, err = readFloat(env, "DETECT_MIN_CONFIDENCE", DefaultMinConfidence); err != nil {
		bad = append(bad, err.Error())
	}
	if s.Detector.MinDistance, err = readFloat(env, "DETECT_MIN_DISTANCE", DefaultMinDistance); err != nil {
		bad = append(bad, err.Error())
	}
	if s.Workers < 1 {
		bad = append(bad, fmt.Sprintf("DETECT_WORKERS=%d must be at least 1", s.Workers))
	}
	if err := env.Err(); err != nil {
		bad = append(bad, err.Error())
	}
	if len(bad) > 0 {
		return s, fmt.Errorf("bad configuration: %s", strings.Join(bad, "; "))
	}
	return s, nil
}

// readFloat reads a decimal setting; config.Reader has no float accessor.
func readFloat(env *config.Reader, key string, def float64) (float64, error) {
	v := env.String(key, "")
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return def, fmt.Errorf("%s=%q is not a number", key, v)
	}
	return f, nil
}

// Start builds the detector from d.Env and registers the detect service on
// d.NC. The returned stop drains the service.
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	s, err := ReadSettings(d.Env)
	if err != nil {
		return nil, err
	}
	begin := time.Now()
	det, err := New(s.Detector)
	if err != nil {
		return nil, err
	}
	if d.Log != nil {
		d.Log.Info("detector ready", "languages", len(det.Languages()), "low_accuracy", s.Detector.LowAccuracy,
			"preload", s.Detector.Preload, "took", time.Since(begin).Round(time.Millisecond))
	}
	accuracy := "high"
	if s.Detector.LowAccuracy {
		accuracy = "low"
	}
	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceDetect,
		Version:     Version,
		Description: "Language identification of chat messages (lingua)",
		// Callers (quality) read the language list to know which target
		// languages a detection can confirm at all.
		Metadata: map[string]string{
			"languages": strings.Join(det.Languages(), ","),
			"accuracy":  accuracy,
		},
	}, []service.Endpoint{{
		Name:    "detect",
		Subject: api.SubjectDetect,
		Handler: service.JSON(func(ctx context.Context, req *api.DetectRequest) (any, error) {
			return det.Detect(ctx, *req)
		}),
		// Detection is CPU-bound and lingua is safe for concurrent use, so
		// one worker per core keeps every core busy; the first request for a
		// lazily loaded language also blocks only its own worker.
		Workers: s.Workers,
		// A warm detection takes well under a millisecond, so a deep queue
		// costs little latency and absorbs bursts, notably while a lazily
		// loaded model holds the workers for a few seconds.
		Queue: 32 * s.Workers,
	}}, d.Metrics, d.Log)
	if err != nil {
		return nil, fmt.Errorf("register detect service: %w", err)
	}
	return srv.Stop, nil
}
