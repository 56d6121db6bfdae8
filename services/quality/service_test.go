package quality

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/parley-chat/parley/services/detect"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// start runs one service's Start on its own connection to s and stops it
// when the test ends.
func start(t *testing.T, s *server.Server, fn svcmain.StartFunc, env map[string]string) func() error {
	t.Helper()
	stop, err := fn(context.Background(), svcmain.Deps{NC: natstest.Conn(t, s), Env: config.NewReader(config.Map(env))})
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	// Tests may stop a service early; the cleanup must not stop it twice.
	stopOnce := sync.OnceValue(stop)
	t.Cleanup(func() {
		if err := stopOnce(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return stopOnce
}

// detectBudget is generous: lingua models are preloaded at start, but the
// race detector makes everything slower on a small machine.
const detectBudget = "20s"

func TestServiceWithDetect(t *testing.T) {
	s := natstest.RunServer(t)
	start(t, s, detect.Start, map[string]string{"DETECT_LANGUAGES": "en,es,fr,de", "DETECT_PRELOAD": "true"})
	// One worker: with a pool, an error reply (the bad input case below)
	// races with micro's error bookkeeping in shared/service, a shared
	// issue outside this test's subject.
	start(t, s, Start, map[string]string{"QUALITY_DETECT_TIMEOUT": detectBudget, "QUALITY_WORKERS": "1"})
	q := client.Quality{NC: natstest.Conn(t, s)}

	tests := []struct {
		name        string
		translation string
		want        string
	}{
		{"spanish", "Gracias por tu ayuda de ayer, nos vemos mañana en la oficina.", api.DecisionAccept},
		{"english", "Thank you for helping me yesterday, I will see you at the office tomorrow.", api.DecisionReject},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			got, err := q.Score(ctx, api.QualityRequest{Source: enSource, Translation: tt.translation, SourceLang: "en", TargetLang: "es", Backend: "ollama"})
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			if got.Decision != tt.want {
				t.Fatalf("decision %s (%.1f), want %s\n%s", got.Decision, got.Score, tt.want, dump(got))
			}
			// The verdict must come from detection through the detect
			// service, not from a skipped signal.
			if sg := signal(t, got, SignalTargetLanguage); sg.Weight == 0 {
				t.Errorf("language signal did not run: %+v", sg)
			}
		})
	}

	t.Run("bad input", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := q.Score(ctx, api.QualityRequest{Source: enSource, Translation: "hola", SourceLang: "en", TargetLang: "not a tag"})
		if code := api.ErrorCode(err); code != api.CodeInvalidLanguage {
			t.Fatalf("err = %v, want %s", err, api.CodeInvalidLanguage)
		}
	})
}

func TestServiceWithoutDetect(t *testing.T) {
	s := natstest.RunServer(t)
	stopDetect := start(t, s, detect.Start, map[string]string{"DETECT_LANGUAGES": "en,es", "DETECT_ACCURACY": "low"})
	start(t, s, Start, map[string]string{"QUALITY_DETECT_TIMEOUT": detectBudget})
	q := client.Quality{NC: natstest.Conn(t, s)}
	// Detect goes away after quality started, as in an outage.
	if err := stopDetect(); err != nil {
		t.Fatal(err)
	}
	waitGone(t, client.Detect{NC: natstest.Conn(t, s)})

	tests := []struct {
		name        string
		translation string
		want        string
	}{
		{"good translation", "Gracias por tu ayuda de ayer, nos vemos mañana en la oficina.", api.DecisionAccept},
		// Without detect the copy signal still catches an echo.
		{"copy", enSource, api.DecisionReject},
		{"empty", "", api.DecisionReject},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			got, err := q.Score(ctx, api.QualityRequest{Source: enSource, Translation: tt.translation, SourceLang: "en", TargetLang: "es"})
			if err != nil {
				t.Fatalf("Score without detect: %v", err)
			}
			if got.Decision != tt.want {
				t.Fatalf("decision %s (%.1f), want %s\n%s", got.Decision, got.Score, tt.want, dump(got))
			}
			if tt.translation == "" {
				return
			}
			sg := signal(t, got, SignalTargetLanguage)
			if sg.Weight != 0 || !strings.Contains(sg.Reason, "no detect service is running") {
				t.Errorf("language signal %+v, want skipped because detect is down", sg)
			}
		})
	}
}

// waitGone polls until no detect instance answers any more: micro drains
// its subscriptions asynchronously, so for a moment after Stop the old
// instance may still receive requests (and answer that it is shutting down).
func waitGone(t *testing.T, det client.Detect) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		_, err := det.Detect(ctx, api.DetectRequest{Text: "are you still there?"})
		if e, ok := errors.AsType[*api.Error](err); ok && e.Code == api.CodeUnavailable && strings.Contains(e.Message, "no detect service") {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("detect still answers after stop: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func TestStartBadConfig(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"min score", map[string]string{"QUALITY_MIN_SCORE": "high"}, "QUALITY_MIN_SCORE"},
		{"min score range", map[string]string{"QUALITY_MIN_SCORE": "101"}, "QUALITY_MIN_SCORE"},
		{"workers", map[string]string{"QUALITY_WORKERS": "0"}, "QUALITY_WORKERS"},
		{"timeout", map[string]string{"QUALITY_DETECT_TIMEOUT": "soon"}, "QUALITY_DETECT_TIMEOUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stop, err := Start(context.Background(), svcmain.Deps{Env: config.NewReader(config.Map(tt.env))})
			if err == nil {
				_ = stop()
				t.Fatal("Start succeeded, want a configuration error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestReadSettings(t *testing.T) {
	s, err := ReadSettings(config.NewReader(config.Map(map[string]string{"QUALITY_MIN_SCORE": "62.5", "QUALITY_WORKERS": "3"})))
	if err != nil {
		t.Fatal(err)
	}
	if s.Scorer.MinScore != 62.5 || s.Workers != 3 || s.Scorer.DetectTimeout != DefaultDetectTimeout {
		t.Errorf("settings = %+v", s)
	}
	d, err := ReadSettings(config.NewReader(config.Map(nil)))
	if err != nil {
		t.Fatal(err)
	}
	if d.Scorer.MinScore != DefaultMinScore || d.Workers < 1 {
		t.Errorf("defaults = %+v", d)
	}
}
