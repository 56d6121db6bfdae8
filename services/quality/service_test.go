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
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// start runs one service's Start on its own connection to s and stops it
// when the test ends.
func start(tb testing.TB, s *server.Server, fn svcmain.StartFunc, env map[string]string) func() error {
	tb.Helper()
	stop, err := fn(context.Background(), svcmain.Deps{NC: natstest.Conn(tb, s), Env: config.NewReader(config.Map(env))})
	if err != nil {
		tb.Fatalf("start: %v", err)
	}
	// Tests may stop a service early; the cleanup must not stop it twice.
	stopOnce := sync.OnceValue(stop)
	tb.Cleanup(func() {
		if err := stopOnce(); err != nil {
			tb.Errorf("stop: %v", err)
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
		{"english", "Thank you for helping me yesterday, I will see you at the office tomorrow.", api.DecisionRetry},
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
		{"copy", enSource, api.DecisionRetry},
		{"empty", "", api.DecisionRetry},
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

func TestServiceJudge(t *testing.T) {
	s := natstest.RunServer(t)
	srv := fakellm.StartOllama(t, fakellm.Config{Models: []string{judgeModel}, Raw: true,
		Translator: judgeAnswers(map[string]string{borderline.Translation: `{"errors":[{"category":"accuracy/mistranslation","severity":"critical","span":"unos días"}]}`})})
	// No detect service: the language signal is skipped and the rest
	// decide, which keeps the scores independent of lingua.
	start(t, s, Start, map[string]string{
		"QUALITY_JUDGE": "true", "QUALITY_JUDGE_MODEL": judgeModel, "OLLAMA_HOST": srv.URL(),
		"QUALITY_JUDGE_TIMEOUT": "20s", "QUALITY_DETECT_TIMEOUT": "1s", "QUALITY_WORKERS": "1",
	})
	q := client.Quality{NC: natstest.Conn(t, s)}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	got, err := q.Score(ctx, borderline)
	if err != nil {
		t.Fatal(err)
	}
	if got.Judge == nil || got.Judge.Status != api.JudgeOK || got.Judge.MQM != -25 || len(got.Judge.Errors) != 1 || got.Judge.Errors[0].Severity != "critical" {
		t.Fatalf("judge %+v", got.Judge)
	}
	if !got.Retry() {
		t.Errorf("decision %s (%.1f), want retry after a critical error\n%s", got.Decision, got.Score, dump(got))
	}
	got, err = q.Score(ctx, clean)
	if err != nil {
		t.Fatal(err)
	}
	if got.Judge != nil || got.Decision != api.DecisionAccept {
		t.Errorf("clean translation: %s judge %+v", got.Decision, got.Judge)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d judge calls, want 1", n)
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
		{"review score", map[string]string{"QUALITY_REVIEW_SCORE": "-1"}, "QUALITY_REVIEW_SCORE"},
		{"thresholds out of order", map[string]string{"QUALITY_MIN_SCORE": "70", "QUALITY_ACCEPT_SCORE": "60"}, "must not decrease"},
		{"workers", map[string]string{"QUALITY_WORKERS": "0"}, "QUALITY_WORKERS"},
		{"waiting", map[string]string{"QUALITY_WAITING": "-1"}, "QUALITY_WAITING"},
		{"timeout", map[string]string{"QUALITY_DETECT_TIMEOUT": "soon"}, "QUALITY_DETECT_TIMEOUT"},
		{"length bands", map[string]string{"QUALITY_LENGTH_BANDS": "en-zh=1"}, "QUALITY_LENGTH_BANDS"},
		{"judge band", map[string]string{"QUALITY_JUDGE_MIN_SCORE": "90", "QUALITY_JUDGE_MAX_SCORE": "80"}, "QUALITY_JUDGE_MIN_SCORE"},
		{"judge budget", map[string]string{"QUALITY_JUDGE": "true", "QUALITY_JUDGE_PER_MINUTE": "0"}, "QUALITY_JUDGE_PER_MINUTE"},
		{"judge host", map[string]string{"QUALITY_JUDGE": "true", "OLLAMA_HOST": "http://"}, "OLLAMA_HOST"},
		{"judge flag", map[string]string{"QUALITY_JUDGE": "maybe"}, "QUALITY_JUDGE"},
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
	s, err := ReadSettings(config.NewReader(config.Map(map[string]string{
		"QUALITY_MIN_SCORE": "62.5", "QUALITY_WORKERS": "3", "QUALITY_WAITING": "0", "QUALITY_LENGTH_BANDS": "en-zh=0.2:0.9",
		"QUALITY_JUDGE": "true", "OLLAMA_MODEL": "qwen2.5:7b", "QUALITY_JUDGE_PER_MINUTE": "12",
	})))
	if err != nil {
		t.Fatal(err)
	}
	sc := s.Scorer
	// A raised MinScore raises the defaults above it.
	if sc.MinScore != 62.5 || sc.ReviewScore != DefaultReviewScore || sc.AcceptScore != DefaultAcceptScore || s.Workers != 3 || s.Waiting != 0 || sc.DetectTimeout != DefaultDetectTimeout {
		t.Errorf("settings = %+v", s)
	}
	if sc.LengthBands["en-zh"] != (Band{0.2, 0.9}) {
		t.Errorf("bands = %v", sc.LengthBands)
	}
	// The judge defaults to the translation model (OLLAMA_MODEL) and the
	// band between the judge minimum and the accept threshold.
	if !s.JudgeOn || s.Judge.Model != "qwen2.5:7b" || sc.Judge.PerMinute != 12 || sc.Judge.MinScore != DefaultJudgeMinScore || sc.Judge.MaxScore != DefaultAcceptScore {
		t.Errorf("judge settings = %+v %+v", s.Judge, sc.Judge)
	}
	d, err := ReadSettings(config.NewReader(config.Map(map[string]string{"QUALITY_MIN_SCORE": "70"})))
	if err != nil {
		t.Fatal(err)
	}
	if d.Scorer.MinScore != 70 || d.Scorer.ReviewScore != 70 || d.Scorer.AcceptScore != DefaultAcceptScore || d.JudgeOn || d.Workers < 1 || d.Waiting != DefaultWaiting {
		t.Errorf("defaults = %+v", d)
	}
}

// TestJudgeWaitsDoNotHoldWorkers: requests that wait on the judge (slow:
// a model call per borderline translation) hand their worker on
// (QUALITY_WAITING), so that the translations behind them that need no
// judge, the pipeline's every other view, are scored at once; with
// QUALITY_WAITING=0 they wait for a worker, as before.
func TestJudgeWaitsDoNotHoldWorkers(t *testing.T) {
	for _, tc := range []struct {
		waiting string
		served  bool
	}{
		{"", true}, // the default
		{"0", false},
	} {
		t.Run("waiting="+tc.waiting, func(t *testing.T) {
			gate := fakellm.NewGate()
			noErrors := func(fakellm.Request) (string, error) { return `{"errors": []}`, nil }
			srv := fakellm.StartOllama(t, fakellm.Config{Models: []string{judgeModel}, Raw: true, Translator: gate.Hold(nil, noErrors)})
			t.Cleanup(gate.Open)
			env := map[string]string{
				"QUALITY_JUDGE": "true", "QUALITY_JUDGE_MODEL": judgeModel, "OLLAMA_HOST": srv.URL(),
				"QUALITY_JUDGE_TIMEOUT": "20s", "QUALITY_DETECT_TIMEOUT": "1s", "QUALITY_WORKERS": "2",
			}
			if tc.waiting != "" {
				env["QUALITY_WAITING"] = tc.waiting
			}
			s := natstest.RunServer(t)
			start(t, s, Start, env)
			q := client.Quality{NC: natstest.Conn(t, s)}
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()

			// Two borderline translations (each has lost a number) hold
			// the judge, and, without waiting, both workers.
			judged := make(chan error, 2)
			for _, days := range []string{"30", "60"} {
				req := borderline
				req.Source = strings.Replace(req.Source, "30", days, 1)
				go func() {
					got, err := q.Score(ctx, req)
					if err == nil && (got.Judge == nil || got.Judge.Status != api.JudgeOK) {
						t.Errorf("borderline %s days: judge %+v", days, got.Judge)
					}
					judged <- err
				}()
			}
			gate.WaitHeld(t, 2)

			if !tc.served {
				short, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
				defer cancel()
				if got, err := q.Score(short, clean); err == nil {
					t.Fatalf("with QUALITY_WAITING=0, a score behind two waiting workers was answered: %s", dump(got))
				}
				return
			}
			got, err := q.Score(ctx, clean)
			if err != nil || got.Decision != api.DecisionAccept || got.Judge != nil {
				t.Fatalf("the clean translation behind two judged ones: %v, %v", got, err)
			}
			select {
			case err := <-judged:
				t.Fatalf("a judged translation was scored before the judge answered: %v", err)
			default:
			}
			gate.Open()
			for range 2 {
				if err := <-judged; err != nil {
					t.Errorf("judged translation: %v", err)
				}
			}
		})
	}
}

// BenchmarkCleanBehindSlowJudge: the latency of scoring a clean
// translation (no judge) while the replica's two workers are kept busy
// by borderline translations at a judge that takes 20 ms a call.
// "baseline" is the same score with the judge idle; "waiting" hands a
// waiting request's worker on (the default); "waiting-0" keeps it
// (QUALITY_WAITING=0), so the score queues for a worker behind the
// judge's calls.
func BenchmarkCleanBehindSlowJudge(b *testing.B) {
	const delay = 20 * time.Millisecond
	for _, bc := range []struct {
		name, waiting string
		busy          bool
	}{
		{"baseline", "", false},
		{"waiting", "", true},
		{"waiting-0", "0", true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			srv := fakellm.StartOllama(b, fakellm.Config{Models: []string{judgeModel}, Raw: true, Translator: func(fakellm.Request) (string, error) {
				time.Sleep(delay)
				return `{"errors": []}`, nil
			}})
			env := map[string]string{
				"QUALITY_JUDGE": "true", "QUALITY_JUDGE_MODEL": judgeModel, "OLLAMA_HOST": srv.URL(),
				"QUALITY_JUDGE_PER_MINUTE": "1000000", "QUALITY_JUDGE_BURST": "1000", "QUALITY_JUDGE_MEMO_TTL": "0",
				"QUALITY_DETECT_TIMEOUT": "1s", "QUALITY_WORKERS": "2",
			}
			if bc.waiting != "" {
				env["QUALITY_WAITING"] = bc.waiting
			}
			s := natstest.RunServer(b)
			start(b, s, detect.Start, map[string]string{"DETECT_LANGUAGES": "en,es", "DETECT_ACCURACY": "low", "DETECT_PRELOAD": "true"})
			start(b, s, Start, env)
			q := client.Quality{NC: natstest.Conn(b, s)}
			ctx, cancel := context.WithCancel(b.Context())
			var busy sync.WaitGroup
			if bc.busy {
				// Two callers keep two borderline translations at the
				// judge (no memo: each is asked again).
				for range 2 {
					busy.Go(func() {
						for ctx.Err() == nil {
							_, _ = q.Score(ctx, borderline)
						}
					})
				}
				time.Sleep(2 * delay)
			}
			for b.Loop() {
				got, err := q.Score(b.Context(), clean)
				if err != nil || got.Judge != nil {
					b.Fatalf("%+v %v", got, err)
				}
			}
			b.StopTimer()
			cancel()
			busy.Wait()
		})
	}
}
