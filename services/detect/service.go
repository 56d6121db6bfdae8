package detect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
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
const Version = "1.1.0"

// Settings are the service's environment settings.
type Settings struct {
	Detector Config
	// Preload is when the models load; Start handles it (and logs it)
	// rather than New.
	Preload Preload
	// Workers is how many detections run at once.
	Workers int
}

// ReadSettings reads the DETECT_* variables (see docs/detect.md).
func ReadSettings(env *config.Reader) (Settings, error) {
	s := Settings{
		Detector: Config{
			Languages: env.List("DETECT_LANGUAGES", DefaultLanguages),
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
	switch p := Preload(strings.ToLower(env.String("DETECT_PRELOAD", string(PreloadBackground)))); p {
	case PreloadBackground, PreloadBlocking, PreloadLazy:
		s.Preload = p
	default:
		bad = append(bad, fmt.Sprintf("DETECT_PRELOAD=%q is not background, true or false", p))
	}
	floats := []struct {
		key string
		def float64
		dst *float64
	}{
		{"DETECT_MIN_CONFIDENCE", DefaultMinConfidence, &s.Detector.MinConfidence},
		{"DETECT_MIN_DISTANCE", DefaultMinDistance, &s.Detector.MinDistance},
		{"DETECT_MIN_DISTANCE_SHORT", DefaultMinDistanceShort, &s.Detector.MinDistanceShort},
		{"DETECT_MIN_DISTANCE_WORD", DefaultMinDistanceWord, &s.Detector.MinDistanceWord},
		{"DETECT_PRIOR_SENDER", DefaultPriorWeights.Sender, &s.Detector.Priors.Sender},
		{"DETECT_PRIOR_RECENT", DefaultPriorWeights.Recent, &s.Detector.Priors.Recent},
		{"DETECT_PRIOR_ACCEPT", DefaultPriorWeights.Accept, &s.Detector.Priors.Accept},
	}
	for _, f := range floats {
		v, err := readFloat(env, f.key, f.def)
		if err != nil {
			bad = append(bad, err.Error())
		}
		*f.dst = v
	}
	if s.Workers < 1 {
		bad = append(bad, fmt.Sprintf("DETECT_WORKERS=%d must be at least 1", s.Workers))
	}
	s.Detector.Workers = max(s.Workers, 1)
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
// d.NC. With DETECT_PRELOAD=background (the default) the service answers
// at once while its models load in a goroutine; a request that needs a
// model still loading waits for it within its deadline. The returned stop
// drains the service.
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	s, err := ReadSettings(d.Env)
	if err != nil {
		return nil, err
	}
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	det, err := New(s.Detector)
	if err != nil {
		return nil, err
	}
	accuracy := "high"
	if s.Detector.LowAccuracy {
		accuracy = "low"
	}
	warm := func() error {
		begin := time.Now()
		if err := det.Warm(context.Background()); err != nil {
			log.Error("detect models did not load", "err", err)
			return err
		}
		log.Info("detect models loaded", "languages", len(det.Languages()), "accuracy", accuracy,
			"took", time.Since(begin).Round(time.Millisecond), "mib", det.ModelBytes()>>20)
		return nil
	}
	switch s.Preload {
	case PreloadBlocking:
		if err := warm(); err != nil {
			return nil, err
		}
	case PreloadBackground:
		go func() { _ = warm() }()
		// Not ready until the models are in: the process answers (a
		// request waits for the model it needs), but a rollout should not
		// take the replica it replaces away before this one can serve.
		d.Readiness.Add(func() error {
			if !det.Ready() {
				return errors.New("the language models are still loading")
			}
			return nil
		})
	}
	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceDetect,
		Version:     Version,
		Description: "Language identification of chat messages (lingua models, priors, spans)",
		// Callers (quality) read the language list to know which target
		// languages a detection can confirm at all.
		Metadata: map[string]string{
			"languages": strings.Join(det.Languages(), ","),
			"accuracy":  accuracy,
			"preload":   string(s.Preload),
		},
	}, []service.Endpoint{{
		Name:    "detect",
		Subject: api.SubjectDetect,
		Handler: service.JSON(func(ctx context.Context, req *api.DetectRequest) (any, error) {
			return det.Detect(ctx, *req)
		}),
		// Detection is CPU-bound, so one worker per core keeps every core
		// busy; a request waiting for a model still loading holds only its
		// own worker.
		Workers: s.Workers,
		// A warm detection takes tens of microseconds, so a deep queue
		// costs little latency and absorbs bursts, notably while the
		// models load.
		Queue: 32 * s.Workers,
	}, {
		Name:    "batch",
		Subject: api.SubjectDetectBatch,
		Handler: service.JSON(func(ctx context.Context, req *api.DetectBatchRequest) (any, error) {
			return det.DetectBatch(ctx, *req)
		}),
		// Items fan out to the detector's own pool (Workers at a time
		// across batches); a few batches in flight keep it fed.
		Workers: max(1, s.Workers/2),
		Queue:   8 * s.Workers,
	}}, d.Metrics, log)
	if err != nil {
		return nil, fmt.Errorf("register detect service: %w", err)
	}
	return srv.Stop, nil
}
