package quality

import (
	"slices"
	"strings"
	"testing"
)

// TestExclusions: backends and exclude name rungs of the chain; a name
// the chain lacks (a typo) is refused for both, rather than excluding
// nothing and running the config as another one under its name.
func TestExclusions(t *testing.T) {
	chain := []string{"ollama", "openai", "apertium"}
	tests := []struct {
		spec    string
		want    []string
		wantErr string
	}{
		{"all", nil, ""},
		{"llm:exclude=apertium+openai", []string{"apertium", "openai"}, ""},
		{"case:exclude=Ollama", []string{"ollama"}, ""},
		{"mt:backends=apertium", []string{"ollama", "openai"}, ""},
		{"both:backends=ollama+apertium,exclude=ollama", []string{"ollama", "openai"}, ""},
		{"typo:exclude=olama", nil, `the chain has no backend "olama" to exclude (it has ollama, openai, apertium)`},
		{"typo2:exclude=apertium+deepl", nil, `no backend "deepl" to exclude`},
		{"nope:backends=nope", nil, `the chain has no backend "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			c, err := ParseConfig(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.exclusions(chain)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("exclusions: %v, %v; want an error containing %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("exclusions: %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}
