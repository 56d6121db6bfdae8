package gateway

import (
	"context"
	"sync"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// languageSet caches which languages the translate chain can serve at all
// (every configured rung, available or not), so that a request for a
// language no rung could ever produce is a 422, not a silent "original".
type languageSet struct {
	translate client.Translate
	ttl       time.Duration

	mu      sync.Mutex
	fetched time.Time
	sources map[string]bool
	targets map[string]bool
	// formal holds the targets a rung that follows a register (an LLM
	// backend; engines ignore formality) serves.
	formal map[string]bool
	// formalRungs holds, per rung that follows a register, the languages
	// it translates between (any pair of them): a pair is served with a
	// register only when one rung has both.
	formalRungs []map[string]bool
}

func (l *languageSet) load(ctx context.Context) (sources, targets map[string]bool, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.targets != nil && time.Since(l.fetched) < l.ttl {
		return l.sources, l.targets, true
	}
	res, err := l.translate.Languages(ctx)
	if err != nil {
		// Without the chain's answer we cannot tell; the pipeline will
		// degrade on its own, so do not turn an outage into a 4xx.
		return nil, nil, false
	}
	l.sources, l.targets, l.formal, l.formalRungs = map[string]bool{}, map[string]bool{}, map[string]bool{}, nil
	for _, b := range res.Backends {
		var rung map[string]bool
		if len(b.Languages) > 0 {
			rung = map[string]bool{}
			l.formalRungs = append(l.formalRungs, rung)
		}
		for _, lang := range b.Languages {
			l.sources[api.Base(lang)] = true
			l.targets[api.Base(lang)] = true
			l.formal[api.Base(lang)] = true
			rung[api.Base(lang)] = true
		}
		for _, p := range b.Pairs {
			l.sources[api.Base(p.Source)] = true
			l.targets[api.Base(p.Target)] = true
		}
	}
	l.fetched = time.Now()
	return l.sources, l.targets, true
}

// check returns a 422 for a source or target that no rung serves. source
// may be "" (auto-detect).
func (l *languageSet) check(ctx context.Context, source, target string) error {
	sources, targets, ok := l.load(ctx)
	if !ok {
		return nil
	}
	if !targets[api.Base(target)] {
		return unservedLanguage("target", target)
	}
	if source != "" && !sources[api.Base(source)] {
		return unservedLanguage("source", source)
	}
	return nil
}

// servesSource reports whether some rung translates from tag's language,
// as check decides: by base language. It is true when the chain's
// languages cannot be told right now, as check then lets a request by.
func (l *languageSet) servesSource(ctx context.Context, tag string) bool {
	sources, _, ok := l.load(ctx)
	return !ok || sources[api.Base(tag)]
}

// formality reports whether a rung that follows a register serves
// source to target: one LLM rung with both languages. An engine that
// serves the pair ignores the register, so a pair only engines serve has
// none, whatever the target's other pairs. With source "" (detected
// later) it tells whether any such rung serves target: which pair the
// text turns out to be is not known yet. known is false when that cannot
// be told: the chain's languages are unknown right now, or no rung serves
// source or target at all (check says so).
func (l *languageSet) formality(ctx context.Context, source, target string) (supported, known bool) {
	sources, targets, ok := l.load(ctx)
	if !ok || !targets[api.Base(target)] || source != "" && !sources[api.Base(source)] {
		return false, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if source == "" {
		return l.formal[api.Base(target)], true
	}
	for _, rung := range l.formalRungs {
		if rung[api.Base(source)] && rung[api.Base(target)] {
			return true, true
		}
	}
	return false, true
}

// unservedLanguage is the 422 for a source or target no rung serves. The
// compatible APIs answer it in their own words (compat handlers).
func unservedLanguage(field, tag string) error {
	return api.FieldError(api.CodeUnsupportedLanguage, field, "no translation backend serves %s language %q; see GET /v1/languages", field, tag)
}
