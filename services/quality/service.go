package quality

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/parley-chat/parley/services/quality/natsdetect"
	"github.com/parley-chat/parley/services/quality/ollama"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Version is the micro service version. 1.1.0 added the decisions
// accept_with_warning, retry (formerly reject) and flag_for_review.
const Version = "1.1.0"

// DefaultWaiting is the default of QUALITY_WAITING: more than the judge's
// default budget can have waiting at once (a burst of 5, then one call
// every 2 s, each up to QUALITY_JUDGE_TIMEOUT).
const DefaultWaiting = 64

// Settings are the service's environment settings.
type Settings struct {
	Scorer Config
	// Workers is how many requests are scored at once.
	Workers int
	// Waiting bounds the requests waiting on the judge that have handed
	// their worker to the next request (QUALITY_WAITING;
	// service.Detach); 0 keeps every request on its worker.
	Waiting int
	// Judge configures the judge's model; used when JudgeOn.
	JudgeOn bool
	Judge   ollama.Config
}

// ReadSettings reads the QUALITY_* variables (see docs/quality.md).
func ReadSettings(env *config.Reader) (Settings, error) {
	s := Settings{
		Scorer: Config{
			DetectTimeout: env.Duration("QUALITY_DETECT_TIMEOUT", DefaultDetectTimeout),
			Judge: JudgeConfig{
				PerMinute: env.Int("QUALITY_JUDGE_PER_MINUTE", DefaultJudgePerMinute),
				Burst:     env.Int("QUALITY_JUDGE_BURST", DefaultJudgeBurst),
				Timeout:   env.Duration("QUALITY_JUDGE_TIMEOUT", DefaultJudgeTimeout),
				Cooldown:  env.Duration("QUALITY_JUDGE_COOLDOWN", DefaultJudgeCooldown),
				MemoTTL:   env.Duration("QUALITY_JUDGE_MEMO_TTL", DefaultJudgeMemoTTL),
			},
		},
		// Scoring mostly waits for the detect service (and the judge), so
		// more requests than cores can be in flight.
		Workers: env.Int("QUALITY_WORKERS", 4*runtime.GOMAXPROCS(0)),
		Waiting: env.Int("QUALITY_WAITING", DefaultWaiting),
		JudgeOn: env.Bool("QUALITY_JUDGE", false),
		Judge: ollama.Config{
			Host:    env.String("OLLAMA_HOST", ollama.DefaultHost),
			Model:   env.String("QUALITY_JUDGE_MODEL", env.String("OLLAMA_MODEL", ollama.DefaultModel)),
			Context: env.Int("QUALITY_JUDGE_NUM_CTX", ollama.DefaultContext),
		},
	}
	var bad []string
	score := func(key string, def float64) float64 {
		v := env.String(key, "")
		if v == "" {
			return def
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 100 {
			bad = append(bad, fmt.Sprintf("%s=%q is not a number from 0 to 100", key, v))
			return def
		}
		return f
	}
	s.Scorer.MinScore = score("QUALITY_MIN_SCORE", DefaultMinScore)
	s.Scorer.ReviewScore = score("QUALITY_REVIEW_SCORE", max(DefaultReviewScore, s.Scorer.MinScore))
	s.Scorer.AcceptScore = score("QUALITY_ACCEPT_SCORE", max(DefaultAcceptScore, s.Scorer.ReviewScore))
	if s.Scorer.MinScore > s.Scorer.ReviewScore || s.Scorer.ReviewScore > s.Scorer.AcceptScore {
		bad = append(bad, fmt.Sprintf("thresholds must not decrease: QUALITY_MIN_SCORE %g <= QUALITY_REVIEW_SCORE %g <= QUALITY_ACCEPT_SCORE %g",
			s.Scorer.MinScore, s.Scorer.ReviewScore, s.Scorer.AcceptScore))
	}
	s.Scorer.Judge.MinScore = score("QUALITY_JUDGE_MIN_SCORE", DefaultJudgeMinScore)
	s.Scorer.Judge.MaxScore = score("QUALITY_JUDGE_MAX_SCORE", s.Scorer.AcceptScore)
	if s.Scorer.Judge.MinScore > s.Scorer.Judge.MaxScore {
		bad = append(bad, "QUALITY_JUDGE_MIN_SCORE must not exceed QUALITY_JUDGE_MAX_SCORE")
	}
	bands, err := ParseLengthBands(env.String("QUALITY_LENGTH_BANDS", ""))
	if err != nil {
		bad = append(bad, "QUALITY_LENGTH_BANDS: "+err.Error())
	}
	s.Scorer.LengthBands = bands
	if s.Workers < 1 {
		bad = append(bad, fmt.Sprintf("QUALITY_WORKERS=%d must be at least 1", s.Workers))
	}
	if s.Waiting < 0 {
		bad = append(bad, fmt.Sprintf("QUALITY_WAITING=%d must not be negative", s.Waiting))
	}
	if s.Scorer.DetectTimeout == 0 {
		bad = append(bad, "QUALITY_DETECT_TIMEOUT must be positive")
	}
	if s.JudgeOn {
		if s.Scorer.Judge.PerMinute < 1 {
			bad = append(bad, fmt.Sprintf("QUALITY_JUDGE_PER_MINUTE=%d must be at least 1", s.Scorer.Judge.PerMinute))
		}
		if s.Scorer.Judge.Burst < 1 {
			bad = append(bad, fmt.Sprintf("QUALITY_JUDGE_BURST=%d must be at least 1", s.Scorer.Judge.Burst))
		}
		if s.Scorer.Judge.Timeout <= 0 {
			bad = append(bad, "QUALITY_JUDGE_TIMEOUT must be positive")
		}
		if s.Scorer.Judge.MemoTTL < 0 {
			bad = append(bad, "QUALITY_JUDGE_MEMO_TTL must not be negative")
		}
		if _, err := ollama.ParseHost(s.Judge.Host); err != nil {
			bad = append(bad, err.Error())
		}
	}
	if err := env.Err(); err != nil {
		bad = append(bad, err.Error())
	}
	if len(bad) > 0 {
		return s, fmt.Errorf("bad configuration: %s", strings.Join(bad, "; "))
	}
	return s, nil
}

// ParseLengthBands reads QUALITY_LENGTH_BANDS: comma-separated
// "source-target=lo:hi" entries with base languages, e.g.
// "en-zh=0.15:0.9,zh-en=1.1:8".
func ParseLengthBands(s string) (map[string]Band, error) {
	out := map[string]Band{}
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		pair, rng, ok := strings.Cut(item, "=")
		src, tgt, ok2 := strings.Cut(strings.TrimSpace(pair), "-")
		lo, hi, ok3 := strings.Cut(rng, ":")
		if !ok || !ok2 || !ok3 || src == "" || tgt == "" {
			return nil, fmt.Errorf("%q is not source-target=lo:hi", item)
		}
		l, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		h, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if err1 != nil || err2 != nil || l <= 0 || h <= l {
			return nil, fmt.Errorf("%q: the range must be two numbers 0 < lo < hi", item)
		}
		out[api.Base(strings.ToLower(src))+"-"+api.Base(strings.ToLower(tgt))] = Band{Lo: l, Hi: h}
	}
	return out, nil
}

// Start registers the quality service on d.NC. It asks the detect service on
// the same connection for the language of translations; detect need not be
// running, then that signal is skipped. With QUALITY_JUDGE=true it asks an
// Ollama model about borderline translations. The returned stop drains the
// service.
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	s, err := ReadSettings(d.Env)
	if err != nil {
		return nil, err
	}
	meta := map[string]string{
		"min_score":    strconv.FormatFloat(s.Scorer.MinScore, 'g', -1, 64),
		"review_score": strconv.FormatFloat(s.Scorer.ReviewScore, 'g', -1, 64),
		"accept_score": strconv.FormatFloat(s.Scorer.AcceptScore, 'g', -1, 64),
		"judge":        "off",
	}
	if s.JudgeOn {
		llm, err := ollama.New(s.Judge)
		if err != nil {
			return nil, fmt.Errorf("quality judge: %w", err)
		}
		s.Scorer.Judge.LLM = llm
		meta["judge"] = JudgeMethod + ":" + llm.Model()
	}
	scorer := NewScorer(natsdetect.New(d.NC), s.Scorer, d.Log)
	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceQuality,
		Version:     Version,
		Description: "Reference-free quality estimation of translations",
		Metadata:    meta,
	}, []service.Endpoint{{
		Name:    "score",
		Subject: api.SubjectQualityScore,
		Handler: service.JSON(func(ctx context.Context, req *api.QualityRequest) (any, error) {
			return scorer.Score(ctx, *req)
		}),
		Workers:  s.Workers,
		Detached: s.Waiting,
		// A score is worth having only within the pipeline's budget; the
		// detect and judge calls inside have their own, shorter bounds.
		DefaultTimeout: 5 * time.Second,
	}}, d.Metrics, d.Log)
	if err != nil {
		return nil, fmt.Errorf("register quality service: %w", err)
	}
	return srv.Stop, nil
}
