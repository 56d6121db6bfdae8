// Package apertium is the offline rung of the translate chain: rule-based
// translation with Apertium, the way apertium-apy serves it. Each mode
// (translation direction) runs as a long-lived pipeline of the mode's
// programs in null-flush mode, so a request costs two pipe writes and a
// read instead of a dozen process starts; deformatting and reformatting
// happen in Go.
package apertium

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
)

// Defaults for Config.
const (
	DefaultModesDir = "/usr/share/apertium/modes"
	DefaultTimeout  = 5 * time.Second
	DefaultProcs    = 1
)

// Name is the rung name the chain reports.
const Name = "apertium"

// ErrNotInstalled reports that Apertium's programs or language data are
// missing, so the rung cannot exist on this machine.
var ErrNotInstalled = errors.New("apertium is not installed")

// ErrClosed reports a request to an engine that has been closed.
var ErrClosed = errors.New("apertium engine closed")

// Config selects modes and sizes the pipelines.
type Config struct {
	// ModesDir holds the *.mode files (DefaultModesDir when empty).
	ModesDir string
	// Pairs restricts the engine to these mode names ("eng-spa",
	// "es-pt_BR"); empty serves every usable mode in ModesDir.
	Pairs []string
	// Timeout bounds one request, waiting for a pipeline included
	// (DefaultTimeout when zero). The caller's deadline still applies.
	Timeout time.Duration
	// Procs is the number of pipelines per mode (DefaultProcs when below 1).
	Procs int
	// NoPivot turns off translation through a pivot language: by default a
	// pair no mode serves is translated in two steps when one language
	// connects them (en → es → fr with eng-spa and es-fr).
	NoPivot bool
}

// ConfigFromEnv reads APERTIUM_MODES_DIR, APERTIUM_PAIRS (comma-separated
// mode names), APERTIUM_TIMEOUT, APERTIUM_PROCS and APERTIUM_PIVOT.
func ConfigFromEnv(r *config.Reader) Config {
	return Config{
		ModesDir: r.String("APERTIUM_MODES_DIR", DefaultModesDir),
		Pairs:    r.List("APERTIUM_PAIRS", nil),
		Timeout:  r.Duration("APERTIUM_TIMEOUT", DefaultTimeout),
		Procs:    r.Int("APERTIUM_PROCS", DefaultProcs),
		NoPivot:  !r.Bool("APERTIUM_PIVOT", true),
	}
}

// Available reports whether Apertium is installed with at least one usable
// mode in DefaultModesDir.
func Available() bool {
	modes, _, err := discoverModes(DefaultModesDir)
	return err == nil && len(modes) > 0
}

// Engine translates with Apertium. It implements backend.Backend and is
// safe for concurrent use.
type Engine struct {
	cfg    Config
	log    *slog.Logger
	modes  []*mode          // sorted by name
	index  map[string]*mode // pairKey(source, target) -> mode
	pivots map[string]route // pairKey(source, target) -> two modes, for pairs no mode serves
	done   chan struct{}    // closed by Close

	mu     sync.Mutex
	pools  map[string]*pool // by mode name, created on first use
	closed bool
}

var _ backend.Backend = (*Engine)(nil)

// pool is the pipelines of one mode. A pipeline is in free exactly when no
// request owns it; taking from the channel is what serialises requests on
// a pipeline, and the channel's order spreads them round-robin.
type pool struct {
	all  []*pipeline
	free chan *pipeline
}

func pairKey(source, target string) string { return source + ">" + target }

// New discovers the modes in cfg.ModesDir and returns an engine that
// starts each mode's pipelines on first use. The error wraps
// ErrNotInstalled when the programs or modes are missing.
func New(cfg Config, log *slog.Logger) (*Engine, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.ModesDir == "" {
		cfg.ModesDir = DefaultModesDir
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Procs < 1 {
		cfg.Procs = DefaultProcs
	}
	if _, err := os.Stat(cfg.ModesDir); err != nil {
		return nil, fmt.Errorf("%w: modes directory: %v", ErrNotInstalled, err)
	}
	found, skipped, err := discoverModes(cfg.ModesDir)
	if err != nil {
		return nil, fmt.Errorf("read modes: %w", err)
	}
	modes, err := selectModes(cfg, found, skipped)
	if err != nil {
		return nil, err
	}
	e := &Engine{
		cfg:   cfg,
		log:   log,
		index: map[string]*mode{},
		done:  make(chan struct{}),
		pools: map[string]*pool{},
	}
	for _, m := range modes {
		k := pairKey(m.source, m.target)
		if other, dup := e.index[k]; dup {
			log.Info("apertium mode shadowed by another for the same pair", "mode", m.name, "kept", other.name)
			continue
		}
		e.index[k] = m
		e.modes = append(e.modes, m)
	}
	if !cfg.NoPivot {
		e.pivots = e.pivotRoutes()
	}
	for name, why := range skipped {
		log.Debug("apertium mode skipped", "mode", name, "reason", why)
	}
	log.Info("apertium ready", "modes_dir", cfg.ModesDir, "pairs", len(e.modes), "pivot_pairs", len(e.pivots), "procs", cfg.Procs, "timeout", cfg.Timeout)
	return e, nil
}

// selectModes applies cfg.Pairs to the discovered modes.
func selectModes(cfg Config, found []*mode, skipped map[string]string) ([]*mode, error) {
	if len(cfg.Pairs) == 0 {
		if len(found) == 0 {
			return nil, fmt.Errorf("%w: no usable mode in %s", ErrNotInstalled, cfg.ModesDir)
		}
		return found, nil
	}
	byName := map[string]*mode{}
	for _, m := range found {
		byName[m.name] = m
	}
	var out []*mode
	for _, name := range cfg.Pairs {
		if m, ok := byName[name]; ok {
			out = append(out, m)
			continue
		}
		if why, ok := skipped[name]; ok {
			if strings.HasPrefix(why, "programs not installed") {
				return nil, fmt.Errorf("%w: mode %s: %s", ErrNotInstalled, name, why)
			}
			return nil, fmt.Errorf("apertium mode %s cannot be served: %s", name, why)
		}
		return nil, fmt.Errorf("%w: no mode %s in %s", ErrNotInstalled, name, cfg.ModesDir)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// Name returns "apertium".
func (e *Engine) Name() string { return Name }

// Pairs lists the directed pairs the engine serves, in BCP 47; a pair
// served through a pivot language names it in Via.
func (e *Engine) Pairs() []api.LanguagePair {
	out := make([]api.LanguagePair, 0, len(e.modes)+len(e.pivots))
	for _, m := range e.modes {
		out = append(out, api.LanguagePair{Source: m.source, Target: m.target})
	}
	for _, r := range e.pivots {
		out = append(out, api.LanguagePair{Source: r.first.source, Target: r.second.target, Via: r.first.target})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Target < out[j].Target
	})
	return out
}

// Modes lists the names of the modes the engine serves.
func (e *Engine) Modes() []string {
	out := make([]string, 0, len(e.modes))
	for _, m := range e.modes {
		out = append(out, m.name)
	}
	return out
}

// resolve finds the mode for a request. A regional target ("pt-BR") uses
// its regional mode when there is one and the plain one otherwise; a plain
// target never picks a regional mode.
func (e *Engine) resolve(source, target string) (*mode, bool) {
	src, tgt, regional, ok := requestLanguages(source, target)
	if !ok {
		return nil, false
	}
	if regional != "" {
		if m, ok := e.index[pairKey(src, regional)]; ok {
			return m, true
		}
	}
	m, ok := e.index[pairKey(src, tgt)]
	return m, ok
}

// route is how one request is translated: by one mode, or by two through
// a pivot language (first's target is second's source).
type route struct {
	first, second *mode // second is nil for a direct mode
}

// name is the mode, or both modes joined with "+" ("eng-spa+es-fr"): the
// model a translation reports.
func (r route) name() string {
	if r.second == nil {
		return r.first.name
	}
	return r.first.name + "+" + r.second.name
}

// pivotRoutes finds, for each pair that no mode serves, two modes through
// one pivot language: source → pivot → target. Apertium's pairs are built
// around a few languages (Spanish, Catalan, English), so one pivot joins
// most installed languages: eng-spa and es-fr give en → fr. Quality is
// lower than a direct mode's (the second mode translates the first one's
// output, errors included), which quality estimation sees like any other
// translation; the offline rung's alternative is the untranslated original.
// Two pivots in a row are not tried: the result would rarely be worth
// reading. The modes are sorted by name, so the route chosen for a pair
// is the same on every start.
func (e *Engine) pivotRoutes() map[string]route {
	out := map[string]route{}
	for _, first := range e.modes {
		if strings.Contains(first.target, "-") {
			continue // a regional variant is an end, not a pivot
		}
		for _, second := range e.modes {
			if second.source != first.target || api.Base(second.target) == first.source {
				continue
			}
			if _, direct := e.resolve(first.source, second.target); direct {
				continue
			}
			k := pairKey(first.source, second.target)
			if _, ok := out[k]; !ok {
				out[k] = route{first: first, second: second}
			}
		}
	}
	return out
}

// route finds how to translate source to target: a direct mode (regional
// first, as resolve), else a pivot route (regional first). A direct mode to
// the plain language beats a pivot to the regional one: a second step of
// rule-based translation costs more than a regional spelling is worth.
func (e *Engine) route(source, target string) (route, bool) {
	if m, ok := e.resolve(source, target); ok {
		return route{first: m}, true
	}
	if len(e.pivots) == 0 {
		return route{}, false
	}
	src, tgt, regional, ok := requestLanguages(source, target)
	if !ok {
		return route{}, false
	}
	if regional != "" {
		if r, ok := e.pivots[pairKey(src, regional)]; ok {
			return r, true
		}
	}
	r, ok := e.pivots[pairKey(src, tgt)]
	return r, ok
}

// Supports reports whether a mode, or two through a pivot, serve source to
// target (BCP 47).
func (e *Engine) Supports(source, target string) bool {
	_, ok := e.route(source, target)
	return ok
}

// Info describes the engine for /v1/languages.
func (e *Engine) Info(context.Context) api.BackendInfo {
	e.mu.Lock()
	closed := e.closed
	e.mu.Unlock()
	return api.BackendInfo{Name: Name, Available: !closed && len(e.modes) > 0, Pairs: e.Pairs()}
}

// Translation is the detailed answer of TranslateDetail.
type Translation struct {
	Text string
	// Mode is the Apertium mode that translated ("eng-spa"), or the two
	// joined with "+" through a pivot ("eng-spa+es-fr").
	Mode string
	// UnknownWords counts the words Apertium marked as unknown to its
	// analyser (*), bilingual dictionary (@) or generator (#). The marks
	// are stripped from Text, as "apertium -u" does; the count is a
	// quality signal.
	UnknownWords int
}

// Translate implements backend.Backend.
func (e *Engine) Translate(ctx context.Context, req backend.Request) (backend.Result, error) {
	t, err := e.TranslateDetail(ctx, req)
	if err != nil {
		return backend.Result{}, err
	}
	return backend.Result{Text: t.Text, Model: t.Mode, UnknownWords: t.UnknownWords}, nil
}

// TranslateDetail translates and also reports the unknown-word count.
func (e *Engine) TranslateDetail(ctx context.Context, req backend.Request) (Translation, error) {
	if !utf8.ValidString(req.Text) {
		return Translation{}, api.FieldError(api.CodeInvalidUTF8, "text", "text is not valid UTF-8")
	}
	if strings.TrimSpace(req.Text) == "" {
		return Translation{}, api.FieldError(api.CodeEmptyText, "text", "text is empty")
	}
	rt, ok := e.route(req.Source, req.Target)
	if !ok {
		return Translation{}, api.Errorf(api.CodeUnsupportedLanguage,
			"apertium has no mode for %s to %s (a package named like apertium-%s-%s would provide one)",
			req.Source, req.Target, iso3(req.Source), iso3(req.Target))
	}
	ctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()
	raw, err := e.translateStream(ctx, rt.first, deformat(req.Text, req.Protect))
	if err != nil {
		return Translation{}, err
	}
	if rt.second == nil {
		text, unknown := reformat(raw)
		return Translation{Text: tidyEdges(req.Text, text), Mode: rt.name(), UnknownWords: unknown}, nil
	}
	// The first mode's output goes on in stream form, protected terms still
	// superblanks, unknown words bare (relay).
	stream, first := relay(raw)
	if raw, err = e.translateStream(ctx, rt.second, stream); err != nil {
		return Translation{}, err
	}
	text, second := reformatMarked(raw)
	return Translation{Text: tidyEdges(req.Text, text), Mode: rt.name(), UnknownWords: unknownAfterPivot(first, second)}, nil
}

// translateStream runs a deformatted stream through one of m's pipelines
// and returns the raw output stream.
func (e *Engine) translateStream(ctx context.Context, m *mode, stream string) (string, error) {
	p, err := e.pool(m)
	if err != nil {
		return "", err
	}
	var pl *pipeline
	select {
	case pl = <-p.free:
	case <-ctx.Done():
		return "", fmt.Errorf("apertium %s: waiting for a pipeline: %w", m.name, ctx.Err())
	case <-e.done:
		return "", ErrClosed
	}
	raw, err := e.run(ctx, pl, stream)
	p.free <- pl
	if err != nil {
		if errors.Is(err, errStopped) {
			return "", ErrClosed
		}
		return "", fmt.Errorf("apertium %s: %w", m.name, err)
	}
	return raw, nil
}

// run sends one request through pl, retrying once on a pipeline that died
// under it (a program crashed or was killed): the pipeline has restarted by
// then, and translation is idempotent.
func (e *Engine) run(ctx context.Context, pl *pipeline, stream string) (string, error) {
	raw, err := pl.translate(ctx, stream)
	if err != nil && errors.Is(err, errDied) && ctx.Err() == nil {
		raw, err = pl.translate(ctx, stream)
	}
	return raw, err
}

// pool returns the pipelines of m, creating them (not yet started) on
// first use.
func (e *Engine) pool(m *mode) (*pool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, ErrClosed
	}
	if p, ok := e.pools[m.name]; ok {
		return p, nil
	}
	p := &pool{free: make(chan *pipeline, e.cfg.Procs)}
	for range e.cfg.Procs {
		pl := newPipeline(m, e.log)
		p.all = append(p.all, pl)
		p.free <- pl
	}
	e.pools[m.name] = p
	return p, nil
}

// Close stops every pipeline, cancelling requests in flight, and returns
// when every program has exited and been reaped.
func (e *Engine) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	close(e.done)
	pools := make([]*pool, 0, len(e.pools))
	for _, p := range e.pools {
		pools = append(pools, p)
	}
	e.mu.Unlock()
	// Mark every pipeline stopped and kill it first, so that requests in
	// flight fail fast and hand their pipelines back.
	for _, p := range pools {
		for _, pl := range p.all {
			pl.shutdown()
		}
	}
	for _, p := range pools {
		for range p.all {
			pl := <-p.free
			pl.reset()
		}
	}
	return nil
}
