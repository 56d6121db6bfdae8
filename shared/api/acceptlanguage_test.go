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
		// Entries are read as RFC 9110 writes them; one that is not (a
		// weight outside 0 to 1 or with more than three decimals, a
		// parameter other than q, a tag that is not valid BCP 47) is
		// unreadable: skipped, and the header fails only with no other.
		{"ja;q=1.5", "[] []", false, false},
		{"ja;q=1.5, fr;q=0.5", "[fr] [0.5]", true, false},
		{"de;q=abc", "[] []", false, false},
		{"de;q=abc, fr", "[fr] [1]", true, false},
		{"en;q=1.001, de;q=0.1234, fr;q=NaN, it;q=.5, es;q=-0.5, pt;q=1e-1", "[] []", false, false},
		{"en;q=0.5;level=1", "[] []", false, false},
		{"en;q=1.000, de;Q=0.5, fr ; q=0.125, it;q=0.", "[en de fr] [1 0.5 0.125]", true, false},
		{"es-ES_tradnl", "[] []", false, false},
		{"en-YY, de;q=0.5", "[de] [0.5]", true, false},
		{"xx-YY", "[] []", true, true},
		{"*;q=2", "[] []", false, false},
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
