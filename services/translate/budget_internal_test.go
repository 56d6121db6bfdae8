package translate

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
)

// stub is a rung that never runs here: the budget tests only ask whether
// it could serve.
type stub struct {
	name     string
	pairs    bool // translates every pair
	unusable bool // unavailable
}

func (s stub) Name() string                 { return s.name }
func (s stub) Supports(string, string) bool { return s.pairs }
func (s stub) Available() bool              { return !s.unusable }
func (s stub) Info(context.Context) api.BackendInfo {
	return api.BackendInfo{Name: s.name, Available: !s.unusable}
}
func (s stub) Close() error { return nil }
func (s stub) Translate(context.Context, backend.Request) (backend.Result, error) {
	return backend.Result{}, backend.Errorf(backend.ErrFailed, nil, "stub")
}

// Each rung's budget is its own timeout, clipped to the time left less
// the reply's reserve and less the share owed to the later rungs that can
// still serve; the last rung that can serve gets what is left. The clock
// is the call's argument, so the arithmetic is exact.
func TestRungBudgetLeavesTimeForLaterRungs(t *testing.T) {
	const (
		reserve   = 100 * time.Millisecond
		minBudget = 20 * time.Millisecond
	)
	ladder := func(apertiumTimeout time.Duration, aper stub) []Rung {
		return []Rung{
			{Name: "ollama", Backend: stub{name: "ollama", pairs: true}, Timeout: 20 * time.Second},
			{Name: "openai", Backend: stub{name: "openai", pairs: true}, Timeout: 15 * time.Second},
			{Name: "apertium", Backend: aper, Timeout: apertiumTimeout},
		}
	}
	apertium := stub{name: "apertium", pairs: true}
	tests := []struct {
		name     string
		rungs    []Rung
		cfg      ChainConfig
		exclude  []string
		open     string        // rung whose circuit is open
		deadline time.Duration // from now; 0: none
		rung     int           // whose budget
		want     time.Duration
		wantWhy  string // prefix of the skip reason
	}{
		{name: "generous budget: the first LLM keeps its own timeout", rungs: ladder(5*time.Second, apertium), deadline: 30 * time.Second, want: 20 * time.Second},
		{name: "gateway default: one second each for openai and apertium", rungs: ladder(5*time.Second, apertium), deadline: 15 * time.Second, want: 15*time.Second - reserve - 2*time.Second},
		{name: "second LLM after the first hung keeps a second for apertium", rungs: ladder(5*time.Second, apertium), deadline: 2*time.Second + reserve, rung: 1, want: time.Second},
		{name: "second LLM after a fast failure keeps its own timeout", rungs: ladder(5*time.Second, apertium), deadline: 30 * time.Second, rung: 1, want: 15 * time.Second},
		{name: "last rung gets all that is left", rungs: ladder(5*time.Second, apertium), deadline: time.Second + reserve, rung: 2, want: time.Second},
		{name: "short budget: later rungs get at most half", rungs: ladder(5*time.Second, apertium), deadline: 1500*time.Millisecond + reserve, want: 750 * time.Millisecond},
		{name: "a later rung is owed at most its own timeout", rungs: ladder(200*time.Millisecond, apertium), deadline: 15 * time.Second, want: 15*time.Second - reserve - time.Second - 200*time.Millisecond},
		{name: "nothing kept for an excluded rung", rungs: ladder(5*time.Second, apertium), exclude: []string{"openai", "apertium"}, deadline: 3 * time.Second, want: 3*time.Second - reserve},
		{name: "nothing kept for a rung without the pair", rungs: ladder(5*time.Second, stub{name: "apertium"}), exclude: []string{"openai"}, deadline: 3 * time.Second, want: 3*time.Second - reserve},
		{name: "nothing kept for an unavailable rung", rungs: ladder(5*time.Second, stub{name: "apertium", pairs: true, unusable: true}), exclude: []string{"openai"}, deadline: 3 * time.Second, want: 3*time.Second - reserve},
		{name: "nothing kept for a rung whose circuit is open", rungs: ladder(5*time.Second, apertium), exclude: []string{"openai"}, open: "apertium", deadline: 3 * time.Second, want: 3*time.Second - reserve},
		{name: "nothing kept for a rung that is not installed", rungs: []Rung{{Name: "ollama", Backend: stub{name: "ollama", pairs: true}, Timeout: 20 * time.Second}, {Name: "apertium", Disabled: "not installed"}}, deadline: 3 * time.Second, want: 3*time.Second - reserve},
		{name: "reserve off: the first rung may spend everything", rungs: ladder(5*time.Second, apertium), cfg: ChainConfig{FallbackReserve: -1}, deadline: 3 * time.Second, want: 3*time.Second - reserve},
		{name: "no deadline: the rung's own timeout", rungs: ladder(5*time.Second, apertium), want: 20 * time.Second},
		{name: "budget exhausted", rungs: ladder(5*time.Second, apertium), deadline: reserve + minBudget - time.Millisecond, wantWhy: "no time left in the request's budget"},
		{name: "budget exhausted for the last rung", rungs: ladder(5*time.Second, apertium), deadline: reserve + minBudget - time.Millisecond, rung: 2, wantWhy: "no time left in the request's budget"},
		{name: "too little once the later rungs' share is kept", rungs: ladder(5*time.Second, apertium), deadline: reserve + 30*time.Millisecond, wantWhy: "too little time left: 15ms of 30ms is kept for openai, apertium"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Reserve, tt.cfg.MinBudget = reserve, minBudget
			tt.cfg.BreakerFailures, tt.cfg.BreakerCooldown = 1, time.Hour
			c := NewChain(tt.rungs, tt.cfg, nil)
			now := time.Now()
			for _, r := range c.rungs {
				if r.Name == tt.open {
					r.breaker.record(false, now)
				}
			}
			ctx := context.Background()
			if tt.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithDeadline(ctx, now.Add(tt.deadline))
				defer cancel()
			}
			v := validated{source: "en", target: "es", exclude: map[string]bool{}}
			for _, e := range tt.exclude {
				v.exclude[e] = true
			}
			rungs := c.routed(v)
			got, why := c.budget(ctx, c.rungs[tt.rung], v, rungs[tt.rung+1:], now)
			if tt.wantWhy != "" {
				if !strings.HasPrefix(why, tt.wantWhy) {
					t.Fatalf("budget %s, skip reason %q; want %q", got, why, tt.wantWhy)
				}
				return
			}
			if why != "" || got != tt.want {
				t.Fatalf("budget %s (skip reason %q), want %s", got, why, tt.want)
			}
		})
	}
}

// TRANSLATE_FALLBACK_RESERVE: unset is the default, 0 turns the sharing
// off (the chain reads a zero field as "default", so 0 must become
// negative on the way).
func TestFallbackReserveSetting(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want time.Duration
	}{
		{nil, DefaultFallbackReserve},
		{map[string]string{"TRANSLATE_FALLBACK_RESERVE": "250ms"}, 250 * time.Millisecond},
		{map[string]string{"TRANSLATE_FALLBACK_RESERVE": "0"}, 0},
		{map[string]string{"TRANSLATE_FALLBACK_RESERVE": "0s"}, 0},
	} {
		cfg := ConfigFromEnv(config.NewReader(config.Map(tt.env)))
		c := NewChain(nil, cfg.ChainConfig, nil)
		if got := max(c.cfg.FallbackReserve, 0); got != tt.want {
			t.Errorf("%v: fallback reserve %s, want %s", tt.env, got, tt.want)
		}
	}
}
