// Package config reads typed settings from an environment given explicitly
// (a getenv function), so that mains and tests wire configuration by hand
// and nothing reads os.Getenv behind their back.
package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Env looks up a variable; os.Getenv satisfies it, and so does a map in tests.
type Env func(string) string

// Map turns a map into an Env.
func Map(m map[string]string) Env { return func(k string) string { return m[k] } }

// Reader collects parse errors so that a main can report every bad
// setting at once.
type Reader struct {
	env  Env
	errs []string
}

// NewReader reads from env.
func NewReader(env Env) *Reader { return &Reader{env: env} }

// Err reports every malformed setting seen so far.
func (r *Reader) Err() error {
	if len(r.errs) == 0 {
		return nil
	}
	return fmt.Errorf("bad configuration: %s", strings.Join(r.errs, "; "))
}

// String returns the variable or def when unset.
func (r *Reader) String(key, def string) string {
	if v := strings.TrimSpace(r.env(key)); v != "" {
		return v
	}
	return def
}

// Int returns an integer setting.
func (r *Reader) Int(key string, def int) int {
	v := strings.TrimSpace(r.env(key))
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Sprintf("%s=%q is not an integer", key, v))
		return def
	}
	return n
}

// IntMin returns an integer setting of at least min. A smaller one is
// reported (Err) like a malformed one, rather than clamped or replaced by
// def without a word: GATEWAY_MAX_STREAMS=0 may mean "none" or "no
// limit" to whoever wrote it, and either guess is wrong for someone.
func (r *Reader) IntMin(key string, def, min int) int {
	n := r.Int(key, def)
	if strings.TrimSpace(r.env(key)) != "" && n < min {
		r.errs = append(r.errs, fmt.Sprintf("%s=%d is below %d", key, n, min))
		return def
	}
	return n
}

// Duration returns a duration setting ("2s", "150ms").
func (r *Reader) Duration(key string, def time.Duration) time.Duration {
	v := strings.TrimSpace(r.env(key))
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		r.errs = append(r.errs, fmt.Sprintf("%s=%q is not a duration", key, v))
		return def
	}
	return d
}

// Bool returns a boolean setting (1/0, true/false, yes/no).
func (r *Reader) Bool(key string, def bool) bool {
	v := strings.ToLower(strings.TrimSpace(r.env(key)))
	switch v {
	case "":
		return def
	case "1", "true", "yes", "on":
		return true
	case "0", "false", "no", "off":
		return false
	}
	r.errs = append(r.errs, fmt.Sprintf("%s=%q is not a boolean", key, v))
	return def
}

// List returns a comma-separated list setting, trimmed, without empties.
func (r *Reader) List(key string, def []string) []string {
	v := strings.TrimSpace(r.env(key))
	if v == "" {
		return def
	}
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
