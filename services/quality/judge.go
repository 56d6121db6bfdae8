package quality

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/memo"
	"github.com/parley-chat/parley/shared/service"
)

// LLM is the model the judge asks. ollama.Client provides it over an
// Ollama server's native chat API.
type LLM interface {
	// Model names the model, for the response.
	Model() string
	// ChatJSON sends one system and one user message, asks for an answer
	// that follows schema, and returns the answer's text.
	ChatJSON(ctx context.Context, system, user string, schema json.RawMessage) (string, error)
}

// JudgeConfig configures the optional LLM judge. The judge is slow (a
// model call per translation) and, with small models, noisy, so it is
// asked only about borderline translations, where the signals cannot tell,
// and only within a budget.
type JudgeConfig struct {
	// LLM is the judge's model; nil turns the judge off.
	LLM LLM
	// MinScore and MaxScore bound the borderline band: the judge is asked
	// when the signals' score s is MinScore <= s < MaxScore.
	MinScore, MaxScore float64
	// PerMinute is the budget, in judge calls per minute (a token bucket
	// refilled at PerMinute/60 per second), and Burst how many calls may
	// be made at once after a quiet spell.
	PerMinute int
	Burst     int
	// Timeout bounds one judge call; the request's deadline still applies.
	Timeout time.Duration
	// FailureThreshold failures in a row stop the judge for Cooldown, so
	// that an unreachable model costs one timeout, not one per request.
	FailureThreshold int
	Cooldown         time.Duration
	// MemoTTL is how long a verdict is remembered for the same source,
	// translation, languages and model (QUALITY_JUDGE_MEMO_TTL); 0 keeps
	// none, though identical requests at the same moment still share one
	// call. A remembered verdict spends no budget. MemoEntries bounds how
	// many are remembered.
	MemoTTL     time.Duration
	MemoEntries int
	// Now is the clock of the budget, the breaker and the memo (time.Now
	// by default).
	Now func() time.Time
}

// Judge defaults.
const (
	DefaultJudgeMinScore  = 35
	DefaultJudgeMaxScore  = DefaultAcceptScore
	DefaultJudgePerMinute = 30
	DefaultJudgeBurst     = 5
	DefaultJudgeTimeout   = 2 * time.Second
	DefaultJudgeFailures  = 3
	DefaultJudgeCooldown  = 30 * time.Second
	DefaultJudgeMemoTTL   = memo.DefaultTTL
)

// JudgeMethod names the judge's method in api.QualityJudge.
const JudgeMethod = "gemba-mqm"

const (
	// judgeShare is the judge's share of the final score when it answers.
	judgeShare = 0.5
	// minJudgeTime: with less time than this left, the judge is not asked.
	minJudgeTime = 100 * time.Millisecond
	// judgeDeadlineShare is the part of the request's remaining time the
	// judge may use, leaving the rest to reply.
	judgeDeadlineShare = 0.8
)

// judge asks the LLM about borderline translations, within the budget.
type judge struct {
	cfg     JudgeConfig
	llm     LLM
	log     *slog.Logger
	limiter *rate.Limiter

	// memo remembers verdicts: a group chat's message is scored once per
	// reader in the same locale, and a hedged request (shared/client)
	// reaches the service twice; each would otherwise be one more model
	// call, from the same budget.
	memo *memo.Memo[judgement]

	mu       sync.Mutex
	failures int
	openTill time.Time
}

// errShortOfTime: the request's deadline, not the judge's timeout, cut a
// judge call short.
var errShortOfTime = errors.New("the request's deadline cut the judge short")

// judgement is what one question to the judge came to: its errors when
// status is api.JudgeOK, else why it was skipped.
type judgement struct {
	status, why string
	errs        []api.QualityError
	durationMS  int64
}

func newJudge(cfg JudgeConfig, log *slog.Logger) *judge {
	if cfg.PerMinute <= 0 {
		cfg.PerMinute = DefaultJudgePerMinute
	}
	if cfg.Burst <= 0 {
		cfg.Burst = 1
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultJudgeTimeout
	}
	if cfg.FailureThreshold <= 0 {
		cfg.FailureThreshold = DefaultJudgeFailures
	}
	if cfg.Cooldown <= 0 {
		cfg.Cooldown = DefaultJudgeCooldown
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &judge{
		cfg: cfg, llm: cfg.LLM, log: log,
		limiter: rate.NewLimiter(rate.Limit(float64(cfg.PerMinute)/60), cfg.Burst),
		memo:    memo.New[judgement](cfg.MemoEntries, cfg.MemoTTL, cfg.Now),
	}
}

// consult asks the judge when score is borderline. It returns the judge's
// signal, its verdict (nil when not asked) and the score to use: when the
// judge answered, the mean of the signals' score and the judge's own
// (100 + 4 × MQM), so that a clean verdict lifts a borderline translation
// and a critical error sinks it. Any failure leaves the signals' score.
func (j *judge) consult(ctx context.Context, in *input, score float64) (api.Signal, *api.QualityJudge, float64) {
	sg := api.Signal{Name: SignalJudge, Value: 1}
	if score < j.cfg.MinScore || score >= j.cfg.MaxScore {
		sg.Reason = fmt.Sprintf("not asked: the signals' score %.1f is outside the borderline band %g-%g", score, j.cfg.MinScore, j.cfg.MaxScore)
		return sg, nil, score
	}
	verdict := &api.QualityJudge{Method: JudgeMethod, Model: j.llm.Model()}
	skip := func(status, why string) (api.Signal, *api.QualityJudge, float64) {
		verdict.Status, verdict.Error = status, why
		sg.Reason = "skipped: " + why + "; the score rests on the signals"
		return sg, verdict, score
	}
	key := memo.KeyOf(j.llm.Model(), in.sourceLang, in.targetLang, in.source, in.translation)
	if _, kept := j.memo.Get(key); !kept {
		// The request may now wait seconds on the model (or on an
		// identical request's call): its worker scores the requests
		// queued behind it meanwhile, which would otherwise wait out
		// every judge call ahead of them. (When the budget turns out to
		// be spent, the request is answered at once all the same.)
		service.Detach(ctx)
	}
	jm, how, err := j.memo.Do(ctx, key, func(ctx context.Context) (judgement, bool, error) {
		jm, err := j.ask(ctx, in)
		return jm, jm.status == api.JudgeOK, err
	})
	if err != nil && jm.status == "" {
		// The caller gave up: that says nothing about the judge.
		return skip(api.JudgeTimeout, "the request was cancelled while the judge was thinking")
	}
	if jm.status != api.JudgeOK {
		return skip(jm.status, jm.why)
	}
	verdict.Status, verdict.Errors = api.JudgeOK, jm.errs
	if how == memo.Called {
		verdict.DurationMS = jm.durationMS
	} else {
		verdict.Memo = how.String()
	}
	verdict.MQM = MQMScore(jm.errs)
	sg.Value = round2(1 + verdict.MQM/mqmCap)
	sg.Weight = 100 * judgeShare
	judged := 100 * sg.Value
	final := (1-judgeShare)*score + judgeShare*judged
	sg.Reason = fmt.Sprintf("GEMBA-MQM by %s: %s (MQM %g); the score is the mean of the signals' %.1f and the judge's %.0f",
		verdict.Model, countErrors(jm.errs), verdict.MQM, score, judged)
	return sg, verdict, final
}

// ask puts the question to the model, within the breaker, the budget and
// the time the request has left. It fails when the caller gave up, and
// with a memo.CallerError (next to the skip) when the request's own
// deadline cut the judge short: requests waiting for the same verdict,
// with more time, ask again rather than inherit that.
func (j *judge) ask(ctx context.Context, in *input) (judgement, error) {
	skip := func(status, why string) (judgement, error) { return judgement{status: status, why: why}, nil }
	now := j.cfg.Now()
	if !j.allow(now) {
		return skip(api.JudgeUnavailable, fmt.Sprintf("the judge failed %d times in a row and rests until %s", j.cfg.FailureThreshold, j.restsUntil().UTC().Format(time.TimeOnly)))
	}
	timeout := j.cfg.Timeout
	if dl, ok := ctx.Deadline(); ok {
		// Leave the caller time to use the answer.
		timeout = min(timeout, time.Duration(float64(time.Until(dl))*judgeDeadlineShare))
	}
	if timeout < minJudgeTime {
		return judgement{status: api.JudgeTimeout, why: "too little of the request's time is left to ask the judge"}, memo.CallerError(errShortOfTime)
	}
	if !j.limiter.AllowN(now, 1) {
		return skip(api.JudgeBudget, fmt.Sprintf("the budget of %d judge calls per minute is spent", j.cfg.PerMinute))
	}

	start := time.Now()
	jctx, cancel := context.WithTimeout(ctx, timeout)
	answer, err := j.llm.ChatJSON(jctx, GEMBASystem, GEMBAPrompt(in.sourceLang, in.targetLang, in.source, in.translation), json.RawMessage(GEMBASchema))
	timedOut := jctx.Err() == context.DeadlineExceeded
	cancel()
	took := time.Since(start).Milliseconds()
	var errs []api.QualityError
	if err == nil {
		errs, err = ParseJudgeAnswer(answer)
	}
	switch {
	case err == nil:
		j.record(true, now)
	case ctx.Err() != nil:
		return judgement{}, ctx.Err()
	case timedOut || errors.Is(err, context.DeadlineExceeded):
		j.record(false, now)
		jm := judgement{status: api.JudgeTimeout, why: fmt.Sprintf("the judge did not answer within %s", timeout.Round(time.Millisecond))}
		if timeout < j.cfg.Timeout {
			return jm, memo.CallerError(errShortOfTime)
		}
		return jm, nil
	default:
		j.record(false, now)
		j.log.Warn("quality judge failed; scoring on signals only", "model", j.llm.Model(), "err", err)
		return skip(api.JudgeError, "the judge failed: "+shorten(err.Error(), 200))
	}
	return judgement{status: api.JudgeOK, errs: errs, durationMS: took}, nil
}

// countErrors summarises errors by severity ("no errors", "1 major, 2
// minor").
func countErrors(errs []api.QualityError) string {
	if len(errs) == 0 {
		return "no errors"
	}
	count := map[string]int{}
	for _, e := range errs {
		count[severityOf(e)]++
	}
	var parts []string
	for _, sev := range []string{SeverityCritical, SeverityMajor, SeverityMinor} {
		if count[sev] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[sev], sev))
		}
	}
	return strings.Join(parts, ", ")
}

// allow reports whether the breaker lets a call through: always while
// closed, and again once the cooldown is over.
func (j *judge) allow(now time.Time) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return !now.Before(j.openTill)
}

func (j *judge) restsUntil() time.Time {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.openTill
}

// record counts a call's outcome; FailureThreshold failures in a row open
// the breaker for Cooldown. After the cooldown one more failure opens it
// again (the count is not reset by time alone).
func (j *judge) record(ok bool, now time.Time) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if ok {
		j.failures = 0
		return
	}
	j.failures++
	if j.failures >= j.cfg.FailureThreshold {
		if j.openTill.Before(now) {
			j.log.Warn("quality judge keeps failing; resting", "model", j.llm.Model(), "failures", j.failures, "cooldown", j.cfg.Cooldown)
		}
		j.openTill = now.Add(j.cfg.Cooldown)
	}
}
