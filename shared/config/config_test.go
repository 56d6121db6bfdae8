package config_test

import (
	"strings"
	"testing"
	"time"

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

// TestRangesAndAddrs: a value out of range is reported by name with its
// bound, never replaced by the default or clamped without a word.
func TestRangesAndAddrs(t *testing.T) {
	for _, tc := range []struct {
		name, value, wantErr string
		read                 func(*config.Reader) any
		want                 any
	}{
		{"port ok", "4222", "", func(r *config.Reader) any { return r.IntRange("N", 7, 1, 65535) }, 4222},
		{"port 0", "0", "N=0 is below 1", func(r *config.Reader) any { return r.IntRange("N", 7, 1, 65535) }, 7},
		{"port -1", "-1", "N=-1 is below 1", func(r *config.Reader) any { return r.IntRange("N", 7, 1, 65535) }, 7},
		{"port 70000", "70000", "N=70000 is above 65535", func(r *config.Reader) any { return r.IntRange("N", 7, 1, 65535) }, 7},
		{"range unset", "", "", func(r *config.Reader) any { return r.IntRange("N", 7, 1, 65535) }, 7},
		{"duration", "2s", "", func(r *config.Reader) any { return r.Duration("N", time.Second) }, 2 * time.Second},
		{"duration zero", "0s", "", func(r *config.Reader) any { return r.Duration("N", time.Second) }, time.Duration(0)},
		{"negative duration", "-5s", "N=-5s is below 0s", func(r *config.Reader) any { return r.Duration("N", time.Second) }, time.Second},
		{"malformed duration", "soon", `N="soon" is not a duration`, func(r *config.Reader) any { return r.Duration("N", time.Second) }, time.Second},
		{"duration below min", "0s", "N=0s is below 1ms", func(r *config.Reader) any { return r.DurationMin("N", time.Second, time.Millisecond) }, time.Second},
		{"addr", "127.0.0.1:8080", "", func(r *config.Reader) any { return r.Addr("N", "d:1") }, "127.0.0.1:8080"},
		{"addr any port", ":0", "", func(r *config.Reader) any { return r.Addr("N", "d:1") }, ":0"},
		{"addr ipv6", "[::1]:80", "", func(r *config.Reader) any { return r.Addr("N", "d:1") }, "[::1]:80"},
		{"addr no port", "bad", `N="bad" is not host:port`, func(r *config.Reader) any { return r.Addr("N", "d:1") }, "d:1"},
		{"addr port out of range", "localhost:70000", `N="localhost:70000": the port must be a number from 0 to 65535`, func(r *config.Reader) any { return r.Addr("N", "d:1") }, "d:1"},
		{"addr port not a number", "localhost:web", `the port must be a number`, func(r *config.Reader) any { return r.Addr("N", "d:1") }, "d:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := config.NewReader(config.Map(map[string]string{"N": tc.value}))
			got := tc.read(r)
			err := r.Err()
			if got != tc.want || (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("N=%q: %v, %v; want %v, %q", tc.value, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

// TestFloat: a decimal setting (GATEWAY_RATE_LIMIT=0.5) is read as written;
// what is not a finite number is reported by name, never read as 0.
func TestFloat(t *testing.T) {
	for _, tc := range []struct {
		value   string
		want    float64
		wantErr string
	}{
		{"", 2, ""},
		{"0.5", 0.5, ""},
		{" 20 ", 20, ""},
		{"1e-1", 0.1, ""},
		{"fast", 2, `F="fast" is not a number`},
		{"NaN", 2, `F="NaN" is not a number`},
		{"+Inf", 2, `F="+Inf" is not a number`},
	} {
		r := config.NewReader(config.Map(map[string]string{"F": tc.value}))
		got := r.Float("F", 2)
		err := r.Err()
		if got != tc.want || (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("F=%q: %v, %v; want %v, %q", tc.value, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestOneOf(t *testing.T) {
	for _, tc := range []struct {
		value   string
		want    string
		wantErr string
	}{
		{"", "serve", ""},
		{"original", "original", ""},
		{" Original ", "original", ""},
		{"hide", "serve", `MODE="hide" is not one of serve, original`},
	} {
		r := config.NewReader(config.Map(map[string]string{"MODE": tc.value}))
		got := r.OneOf("MODE", "serve", "serve", "original")
		err := r.Err()
		if got != tc.want || (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("MODE=%q: %q, %v; want %q, %q", tc.value, got, err, tc.want, tc.wantErr)
		}
	}
}
