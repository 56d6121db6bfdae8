package detect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strconv"
	"strings"
	"sync"
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
			Languages:   env.List("DETECT_LANGUAGES", DefaultLanguages),
			SkipPhrases: !env.Bool("DETECT_PHRASES", true),
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
// d.NC. With DETECT_PRELOAD=background (the default) Start returns at once
// and a goroutine loads the models, then registers the service: a replica
// joins the queue group (and answers $SRV.PING) only once it can answer
// at full speed. Readiness (the process's /readyz) is not what routes NATS
// requests: a replica in the queue group gets its share whatever its
// probes say, and while loading it held each one for seconds (callers
// degraded "detect did not answer in time"), where a replica that has not
// joined yet leaves them to the others. The returned stop drains the
// service (or ends a load still running).
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
	warm := func(ctx context.Context) error {
		begin := time.Now()
		if err := det.Warm(ctx); err != nil {
			if ctx.Err() == nil {
				log.Error("detect models did not load", "err", err)
			}
			return err
		}
		log.Info("detect models loaded", "languages", len(det.Languages()), "accuracy", accuracy,
			"took", time.Since(begin).Round(time.Millisecond), "mib", det.ModelBytes()>>20)
		return nil
	}
	register := func() (*service.Server, error) { return newService(d, s, det, accuracy, log) }
	switch s.Preload {
	case PreloadBlocking:
		if err := warm(context.Background()); err != nil {
			return nil, err
		}
	case PreloadBackground:
		return startLate(ctx, d, det, warm, register, log), nil
	}
	srv, err := register()
	if err != nil {
		return nil, err
	}
	return srv.Stop, nil
}

// startLate loads the models in a goroutine and registers the service
// once they are in (Start). Until then the process is not ready; a load
// or registration that fails keeps it so, with the reason.
func startLate(ctx context.Context, d svcmain.Deps, det *Detector, warm func(context.Context) error,
	register func() (*service.Server, error), log *slog.Logger) (stop func() error) {
	lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var (
		mu     sync.Mutex
		srv    *service.Server
		failed error
	)
	d.Readiness.Add(func() error {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case failed != nil:
			return failed
		case !det.Ready():
			return errors.New("the language models are still loading")
		}
		return nil
	})
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := warm(lctx); err != nil {
			if lctx.Err() == nil {
				mu.Lock()
				failed = fmt.Errorf("the language models did not load: %w", err)
				mu.Unlock()
			}
			return
		}
		// A registration fails when NATS is away (the flush): retried
		// until it is back, as a process start would be.
		for wait := 250 * time.Millisecond; ; wait = min(2*wait, 5*time.Second) {
			s, err := register()
			mu.Lock()
			if err == nil {
				srv, failed = s, nil
				mu.Unlock()
				log.Info("detect service registered: taking requests")
				return
			}
			failed = err
			mu.Unlock()
			log.Warn("detect service not registered; retrying", "in", wait, "err", err)
			select {
			case <-lctx.Done():
				return
			case <-time.After(wait):
			}
		}
	}()
	return func() error {
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		if srv == nil {
			return nil
		}
		return srv.Stop()
	}
}

// newService registers the detect service's endpoints.
func newService(d svcmain.Deps, s Settings, det *Detector, accuracy string, log *slog.Logger) (*service.Server, error) {
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
		// busy; a request waiting for a model still loading
		// (DETECT_PRELOAD=false) holds only its own worker.
		Workers: s.Workers,
		// A warm detection takes tens of microseconds, so a deep queue
		// costs little latency and absorbs bursts, notably while a model
		// loads on demand.
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
	return srv, nil
}
