package config_test

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/config"
)

func TestIntMin(t *testing.T) {
	for _, tc := range []struct {
		value   string
		want    int
		wantErr string
	}{
		{"", 50, ""},
		{"1", 1, ""},
		{" 7 ", 7, ""},
		{"0", 50, "N=0 is below 1"},
		{"-3", 50, "N=-3 is below 1"},
		{"many", 50, `N="many" is not an integer`},
	} {
		r := config.NewReader(config.Map(map[string]string{"N": tc.value}))
		got := r.IntMin("N", 50, 1)
		err := r.Err()
		if got != tc.want || (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("N=%q: %d, %v; want %d, %q", tc.value, got, err, tc.want, tc.wantErr)
		}
	}
}
