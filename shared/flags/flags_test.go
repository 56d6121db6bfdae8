package flags_test

import (
	"fmt"
	"testing"

	"github.com/parley-chat/parley/shared/flags"
)

func pct(v float64) *float64 { return &v }

func TestEvaluate(t *testing.T) {
	conv := flags.Attributes{Tenant: "acme", Locale: "pt-BR", Conversation: "c-1", User: "u-1"}
	tests := []struct {
		name string
		flag flags.Flag
		a    flags.Attributes
		want bool
	}{
		{"disabled", flags.Flag{}, conv, false},
		{"enabled for all", flags.Flag{Enabled: true}, conv, true},
		{"enabled for a request with no attributes", flags.Flag{Enabled: true}, flags.Attributes{}, true},
		{"tenant listed", flags.Flag{Enabled: true, Tenants: []string{"globex", "acme"}}, conv, true},
		{"tenant not listed", flags.Flag{Enabled: true, Tenants: []string{"globex"}}, conv, false},
		{"tenant list excludes requests without a tenant", flags.Flag{Enabled: true, Tenants: []string{"acme"}}, flags.Attributes{}, false},
		{"locale base matches region", flags.Flag{Enabled: true, Locales: []string{"pt"}}, conv, true},
		{"locale case and underscore", flags.Flag{Enabled: true, Locales: []string{"PT_br"}}, conv, true},
		{"locale prefix is per subtag", flags.Flag{Enabled: true, Locales: []string{"p"}}, conv, false},
		{"specific locale does not match base", flags.Flag{Enabled: true, Locales: []string{"pt-BR"}}, flags.Attributes{Locale: "pt"}, false},
		{"conversation listed", flags.Flag{Enabled: true, Conversations: []string{"c-1"}}, conv, true},
		{"all lists must match", flags.Flag{Enabled: true, Tenants: []string{"acme"}, Locales: []string{"de"}}, conv, false},
		{"disabled beats targeting", flags.Flag{Tenants: []string{"acme"}}, conv, false},
		{"percentage 0", flags.Flag{Enabled: true, Percentage: pct(0)}, conv, false},
		{"percentage 100", flags.Flag{Enabled: true, Percentage: pct(100)}, conv, true},
		{"partial rollout needs its unit", flags.Flag{Enabled: true, Percentage: pct(99.99), By: flags.ByUser}, flags.Attributes{Conversation: "c-1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.flag.Evaluate("f", tt.a); got != tt.want {
				t.Fatalf("Evaluate = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRolloutIsStableAndProportional(t *testing.T) {
	const n = 20000
	tests := []struct {
		percent float64
		by      flags.Unit
	}{{1, flags.ByConversation}, {25, flags.ByConversation}, {50, flags.ByTenant}, {90, flags.ByUser}}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v%% by %s", tt.percent, tt.by), func(t *testing.T) {
			f := flags.Flag{Enabled: true, Percentage: pct(tt.percent), By: tt.by, Salt: "s1"}
			on := 0
			for i := range n {
				id := fmt.Sprintf("id-%d", i)
				a := flags.Attributes{Conversation: id, Tenant: id, User: id}
				got := f.Evaluate("new_prompt", a)
				if got != f.Evaluate("new_prompt", a) {
					t.Fatalf("%s flickers", id)
				}
				if got {
					on++
				}
			}
			// A deterministic hash over fixed ids: this bound is not a
			// timing or a random draw, it is the same every run.
			share := 100 * float64(on) / n
			if share < tt.percent-1.5 || share > tt.percent+1.5 {
				t.Fatalf("%.2f%% on, want about %v%%", share, tt.percent)
			}
		})
	}
	t.Run("growing the percentage keeps the units already in", func(t *testing.T) {
		small := flags.Flag{Enabled: true, Percentage: pct(10)}
		big := flags.Flag{Enabled: true, Percentage: pct(30)}
		for i := range n {
			a := flags.Attributes{Conversation: fmt.Sprintf("c-%d", i)}
			if small.Evaluate("f", a) && !big.Evaluate("f", a) {
				t.Fatalf("%s dropped out when the rollout grew", a.Conversation)
			}
		}
	})
	t.Run("salt and name reshuffle", func(t *testing.T) {
		same := 0
		for i := range n {
			u := fmt.Sprintf("c-%d", i)
			if (flags.Bucket10k("f", "a", u) < 5000) == (flags.Bucket10k("f", "b", u) < 5000) {
				same++
			}
		}
		// Independent halves agree about half the time.
		if share := float64(same) / n; share < 0.45 || share > 0.55 {
			t.Fatalf("salts agree on %.2f of units", share)
		}
		if flags.Bucket10k("ab", "c", "u") == flags.Bucket10k("a", "bc", "u") &&
			flags.Bucket10k("ab", "c", "v") == flags.Bucket10k("a", "bc", "v") {
			t.Fatal("name and salt are concatenated without a boundary")
		}
	})
}

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    bool
		wantErr bool
	}{
		{"true", true, false},
		{" ON\n", true, false},
		{"off", false, false},
		{`{"enabled":true,"tenants":["acme"]}`, true, false},
		{`{"enabled":true,"percentage":50.5,"by":"user","salt":"x"}`, true, false},
		{`{"enabled":true,"percent":50}`, false, true},
		{`{"enabled":true,"percentage":101}`, false, true},
		{`{"enabled":true,"by":"device"}`, false, true},
		{`{"enabled":`, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, err := flags.Parse([]byte(tt.in))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if f.Enabled != tt.want {
				t.Fatalf("enabled = %v", f.Enabled)
			}
		})
	}
}

func TestValidName(t *testing.T) {
	for name, want := range map[string]bool{
		"no_llm": true, "exp-new-prompt-2": true, "": false, "a.b": false, "a*": false, "a b": false, "a>": false,
	} {
		if got := flags.ValidName(name); got != want {
			t.Errorf("ValidName(%q) = %v", name, got)
		}
	}
}

// BenchmarkEvaluate measures the per-request cost of a targeted partial
// rollout, the most expensive kind of flag.
func BenchmarkEvaluate(b *testing.B) {
	f := flags.Flag{Enabled: true, Percentage: pct(25), Salt: "s", Tenants: []string{"globex", "acme"}, Locales: []string{"pt", "de"}}
	a := flags.Attributes{Tenant: "acme", Locale: "pt-BR", Conversation: "c-123456"}
	for b.Loop() {
		f.Evaluate("new_prompt", a)
	}
}
