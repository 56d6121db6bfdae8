// Package translate is Parley's translate service: a chain of translation
// backends tried in order (an LLM on Ollama, an OpenAI-compatible LLM,
// Apertium), each within its own timeout inside the caller's deadline, and
// the original text with a reason when none of them serves. A view that can
// be served never becomes an error: only bad input does.
package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
)

// Rung is one step of the chain.
type Rung struct {
	Name string
	// Backend is nil for a rung that is configured but cannot run on this
	// machine; Disabled says why. Such a rung is listed and skipped.
	Backend  backend.Backend
	Disabled string
	// Timeout is the rung's own budget per request (clipped to the
	// request's deadline).
	Timeout time.Duration
}

// ChainConfig tunes the chain.
type ChainConfig struct {
	// Reserve is kept back from the request's deadline so the final answer
	// (the original text, at worst) reaches the caller in time.
	Reserve time.Duration
	// MinBudget is the least time worth giving a rung; with less left the
	// rung is skipped.
	MinBudget time.Duration
	// BreakerFailures opens a rung's circuit after that many consecutive
	// failures (0 disables the breaker); BreakerCooldown is how long it
	// stays open before one request may probe it again.
	BreakerFailures int
	BreakerCooldown time.Duration
	// MaxRunes limits the text (default api.MaxTextRunes).
	MaxRunes int
	// Metrics, when set, records per-rung outcomes.
	Metrics *Metrics
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
}

// Limits on the request's lists, so one request cannot make a prompt grow
// without bound.
const (
	maxProtect = 256
	maxTerms   = 256
)

// Optional rung capabilities.
type (
	availabler interface{ Available() bool }
	modeler    interface{ Model() string }
)

// Chain runs translations down the rungs. It is safe for concurrent use.
type Chain struct {
	rungs []*chainRung
	cfg   ChainConfig
	log   *slog.Logger
}

type chainRung struct {
	Rung
	breaker breaker
}

// NewChain builds a chain over rungs, in order.
func NewChain(rungs []Rung, cfg ChainConfig, log *slog.Logger) *Chain {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MinBudget <= 0 {
		cfg.MinBudget = 20 * time.Millisecond
	}
	if cfg.MaxRunes <= 0 {
		cfg.MaxRunes = api.MaxTextRunes
	}
	c := &Chain{cfg: cfg, log: log}
	for _, r := range rungs {
		if r.Timeout <= 0 {
			r.Timeout = 10 * time.Second
		}
		c.rungs = append(c.rungs, &chainRung{Rung: r, breaker: breaker{threshold: cfg.BreakerFailures, cooldown: cfg.BreakerCooldown}})
	}
	return c
}

// validated is a request that passed the input rules.
type validated struct {
	text           string // NFC
	source, target string // canonical BCP 47
	protect        []string
	terms          []api.TermHint
	exclude        map[string]bool
}

func (c *Chain) validate(req api.TranslateRequest) (validated, error) {
	var v validated
	text, err := api.ValidateText("text", req.Text, c.cfg.MaxRunes)
	if err != nil {
		return v, err
	}
	v.text = text
	for _, f := range []struct {
		field, value string
		dst          *string
	}{{"source", req.Source, &v.source}, {"target", req.Target, &v.target}} {
		if s := strings.ToLower(strings.TrimSpace(f.value)); s == "auto" {
			return v, api.FieldError(api.CodeInvalidLanguage, f.field, "%s must be a language, not %q: detect the language first", f.field, f.value)
		}
		tag, err := api.ParseLanguage(f.field, f.value)
		if err != nil {
			return v, err
		}
		*f.dst = tag.String()
	}
	if len(req.Protect) > maxProtect {
		return v, api.FieldError(api.CodeInvalidArgument, "protect", "at most %d protected terms", maxProtect)
	}
	for _, p := range req.Protect {
		if !utf8.ValidString(p) {
			return v, api.FieldError(api.CodeInvalidUTF8, "protect", "a protected term is not valid UTF-8")
		}
		if p = norm.NFC.String(p); strings.TrimSpace(p) != "" {
			v.protect = append(v.protect, p)
		}
	}
	if len(req.Terms) > maxTerms {
		return v, api.FieldError(api.CodeInvalidArgument, "terms", "at most %d glossary terms", maxTerms)
	}
	for _, t := range req.Terms {
		if !utf8.ValidString(t.Source) || !utf8.ValidString(t.Target) {
			return v, api.FieldError(api.CodeInvalidUTF8, "terms", "a glossary term is not valid UTF-8")
		}
		if strings.TrimSpace(t.Source) == "" || strings.TrimSpace(t.Target) == "" {
			return v, api.FieldError(api.CodeInvalidArgument, "terms", "a glossary term has an empty source or target")
		}
		v.terms = append(v.terms, api.TermHint{Source: norm.NFC.String(t.Source), Target: norm.NFC.String(t.Target)})
	}
	v.exclude = map[string]bool{}
	for _, e := range req.Exclude {
		v.exclude[strings.ToLower(strings.TrimSpace(e))] = true
	}
	return v, nil
}

// Translate validates req and walks the rungs until one translates. It
// returns an error only for bad input (*api.Error, 4xx); when no rung
// serves, the answer is the original text with status "original", a reason,
// and the attempts.
func (c *Chain) Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	start := c.cfg.Now()
	v, err := c.validate(req)
	if err != nil {
		return nil, err
	}
	resp := &api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Backend: "none"}
	defer func() { resp.DurationMS = c.cfg.Now().Sub(start).Milliseconds() }()

	if sameLanguage(v.source, v.target) {
		resp.Reason = "same language"
		return resp, nil
	}
	breq := backend.Request{Text: v.text, Source: v.source, Target: v.target, Protect: v.protect, Terms: v.terms}
	tried := 0
	for _, r := range c.rungs {
		if v.exclude[r.Name] {
			continue
		}
		tried++
		res, att, ok := c.try(ctx, r, breq)
		if ok {
			resp.Text, resp.Status, resp.Backend, resp.Model = res.Text, api.StatusTranslated, r.Name, res.Model
			return resp, nil
		}
		resp.Attempts = append(resp.Attempts, att)
	}
	resp.Reason = reason(tried, resp.Attempts, v.source, v.target)
	return resp, nil
}

// try runs one rung. ok reports a translation; otherwise the attempt says
// why the rung did not serve (skipped or failed).
func (c *Chain) try(ctx context.Context, r *chainRung, req backend.Request) (backend.Result, api.Attempt, bool) {
	att := api.Attempt{Backend: r.Name}
	if m, ok := r.Backend.(modeler); ok {
		att.Model = m.Model()
	}
	skip := func(why string) (backend.Result, api.Attempt, bool) {
		att.Error = "skipped: " + why
		c.cfg.Metrics.rung(r.Name, "skipped", 0)
		return backend.Result{}, att, false
	}
	switch {
	case r.Backend == nil:
		return skip(r.Disabled)
	case !r.Backend.Supports(req.Source, req.Target):
		return skip(fmt.Sprintf("does not translate %s to %s", req.Source, req.Target))
	}
	if a, ok := r.Backend.(availabler); ok && !a.Available() {
		return skip("unavailable")
	}
	if ctx.Err() != nil {
		return skip("the request was canceled")
	}
	now := c.cfg.Now()
	if !r.breaker.allow(now) {
		return skip("circuit open after repeated failures")
	}
	budget := r.Timeout
	if dl, ok := ctx.Deadline(); ok {
		budget = min(budget, dl.Add(-c.cfg.Reserve).Sub(now))
	}
	if budget < c.cfg.MinBudget {
		r.breaker.cancelProbe()
		return skip("no time left in the request's budget")
	}

	rctx, cancel := context.WithTimeout(ctx, budget)
	res, err := r.Backend.Translate(rctx, req)
	rungErr := rctx.Err()
	cancel()
	d := c.cfg.Now().Sub(now)
	att.DurationMS = d.Milliseconds()
	if res.Model != "" {
		att.Model = res.Model
	}
	if err == nil && strings.TrimSpace(res.Text) == "" {
		err = backend.Errorf(backend.ErrBadOutput, nil, "empty translation")
	}
	if err == nil {
		r.breaker.record(true, c.cfg.Now())
		c.cfg.Metrics.rung(r.Name, "ok", d)
		return res, att, true
	}
	// The rung's own deadline is the chain's finding, whatever shape the
	// backend gave the error.
	if errors.Is(rungErr, context.DeadlineExceeded) && ctx.Err() == nil {
		err = backend.Errorf(backend.ErrTimeout, err, "no answer within %s", budget.Round(time.Millisecond))
	}
	r.breaker.record(backend.IsOutputFault(err), c.cfg.Now())
	att.Error = safeError(err)
	c.cfg.Metrics.rung(r.Name, outcome(err), d)
	c.log.LogAttrs(ctx, slog.LevelWarn, "rung failed",
		slog.String("backend", r.Name), slog.String("error", att.Error),
		slog.Any("cause", cause(err)), slog.Duration("took", d))
	return backend.Result{}, att, false
}

// safeError is the attempt text: a backend.Error's safe message, or the
// error text of rungs that do not use backend.Error.
func safeError(err error) string {
	var be *backend.Error
	if errors.As(err, &be) {
		return be.Error()
	}
	return err.Error()
}

func cause(err error) error {
	var be *backend.Error
	if errors.As(err, &be) && be.Err != nil {
		return be.Err
	}
	return err
}

// outcome is the bounded metric label for a failure.
func outcome(err error) string {
	for _, k := range []struct {
		kind  error
		label string
	}{
		{backend.ErrTimeout, "timeout"}, {backend.ErrUnavailable, "unavailable"},
		{backend.ErrModelNotFound, "model_not_found"}, {backend.ErrBusy, "busy"},
		{backend.ErrProtected, "protected"}, {backend.ErrBadOutput, "bad_output"},
		{backend.ErrUnsupported, "unsupported"},
	} {
		if errors.Is(err, k.kind) {
			return k.label
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	return "failed"
}

// sameLanguage reports whether a reader of target can read source as is:
// the same base language in the same script. Regions do not matter (en-GB
// and en-US), scripts do (zh-Hans and zh-Hant, sr-Latn and sr-Cyrl).
func sameLanguage(source, target string) bool {
	s, t := language.Make(source), language.Make(target)
	sb, _ := s.Base()
	tb, _ := t.Base()
	if sb != tb {
		return false
	}
	ss, _ := s.Script()
	ts, _ := t.Script()
	return ss == ts
}

// reason explains an "original" answer in one line.
func reason(tried int, attempts []api.Attempt, source, target string) string {
	if tried == 0 {
		return "every backend was excluded"
	}
	parts := make([]string, 0, len(attempts))
	for _, a := range attempts {
		parts = append(parts, a.Backend+": "+a.Error)
	}
	return fmt.Sprintf("no backend translated %s to %s (%s)", source, target, strings.Join(parts, "; "))
}

// Languages lists the rungs in order with what each serves.
func (c *Chain) Languages(ctx context.Context) *api.LanguagesResponse {
	out := &api.LanguagesResponse{Backends: make([]api.BackendInfo, 0, len(c.rungs))}
	for _, r := range c.rungs {
		if r.Backend == nil {
			out.Backends = append(out.Backends, api.BackendInfo{Name: r.Name, Available: false})
			continue
		}
		info := r.Backend.Info(ctx)
		if info.Name == "" {
			info.Name = r.Name
		}
		out.Backends = append(out.Backends, info)
	}
	return out
}

// Close closes every backend.
func (c *Chain) Close() error {
	var errs []error
	for _, r := range c.rungs {
		if r.Backend != nil {
			if err := r.Backend.Close(); err != nil {
				errs = append(errs, fmt.Errorf("close %s: %w", r.Name, err))
			}
		}
	}
	return errors.Join(errs...)
}

// breaker skips a rung that keeps failing, so that a dead server costs one
// timeout per cooldown instead of one per request. After the cooldown one
// request probes the rung (half-open); its outcome closes or reopens it.
type breaker struct {
	threshold int
	cooldown  time.Duration

	mu        sync.Mutex
	failures  int
	openUntil time.Time
	probing   bool
}

func (b *breaker) allow(now time.Time) bool {
	if b.threshold <= 0 {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failures < b.threshold {
		return true
	}
	if now.Before(b.openUntil) || b.probing {
		return false
	}
	b.probing = true
	return true
}

// cancelProbe releases a probe slot that was granted but not used.
func (b *breaker) cancelProbe() {
	b.mu.Lock()
	b.probing = false
	b.mu.Unlock()
}

// record counts an outcome; healthy means the backend answered (a bad
// answer is not a sick backend).
func (b *breaker) record(healthy bool, now time.Time) {
	if b.threshold <= 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.probing = false
	if healthy {
		b.failures = 0
		return
	}
	b.failures++
	if b.failures >= b.threshold {
		b.openUntil = now.Add(b.cooldown)
	}
}
