package api_test

import (
	"fmt"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestParseAcceptLanguage(t *testing.T) {
	tests := []struct {
		header          string
		tags            string // the tags with their weights
		usable, unknown bool
	}{
		{"de-CH, de;q=0.9, fr;q=0.5", "[de-CH de fr] [1 0.9 0.5]", true, false},
		{"de, xx;q=0.9, es-ES_tradnl;q=0.8, fr;q=0.5", "[de fr] [1 0.5]", true, true},
		{"*, en;q=0.5", "[en] [0.5]", true, false},
		{"en;q=0", "[] []", true, false},
		{"xx", "[] []", true, true},
		{"en;q=x", "[] []", false, false},
		{"", "[] []", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			tags, qs, usable, unknown := api.ParseAcceptLanguage(tt.header)
			if got := fmt.Sprint(tags, qs); got != tt.tags || usable != tt.usable || unknown != tt.unknown {
				t.Fatalf("= %s usable=%v unknown=%v, want %s usable=%v unknown=%v", got, usable, unknown, tt.tags, tt.usable, tt.unknown)
			}
		})
	}
}
