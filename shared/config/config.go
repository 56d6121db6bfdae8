// Package config reads typed settings from an environment given explicitly
// (a getenv function), so that mains and tests wire configuration by hand
// and nothing reads os.Getenv behind their back.
package config

import (
	"fmt"
	"math"
	"net"
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

// OneOf returns a setting that must be one of allowed (compared in lower
// case, and returned so), or def when unset.
func (r *Reader) OneOf(key, def string, allowed ...string) string {
	v := strings.ToLower(strings.TrimSpace(r.env(key)))
	if v == "" {
		return def
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	r.errs = append(r.errs, fmt.Sprintf("%s=%q is not one of %s", key, r.env(key), strings.Join(allowed, ", ")))
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

// Float returns a finite decimal setting (a rate below 1 per second:
// "0.5").
func (r *Reader) Float(key string, def float64) float64 {
	v := strings.TrimSpace(r.env(key))
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		r.errs = append(r.errs, fmt.Sprintf("%s=%q is not a number", key, v))
		return def
	}
	return f
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

// IntRange returns an integer setting between min and max, both
// included. One outside is reported (Err) as IntMin reports one below
// min: a port of 70000 or a replica count above what JetStream allows
// would otherwise fail later, further from the setting that caused it.
func (r *Reader) IntRange(key string, def, min, max int) int {
	n := r.IntMin(key, def, min)
	if strings.TrimSpace(r.env(key)) != "" && n > max {
		r.errs = append(r.errs, fmt.Sprintf("%s=%d is above %d", key, n, max))
		return def
	}
	return n
}

// Duration returns a duration setting ("2s", "150ms"), not negative.
func (r *Reader) Duration(key string, def time.Duration) time.Duration {
	return r.DurationMin(key, def, 0)
}

// DurationMin returns a duration setting of at least min. A smaller one is
// reported (Err) as IntMin reports one, naming the bound: "-5s" is a
// duration, only not one the setting takes.
func (r *Reader) DurationMin(key string, def, min time.Duration) time.Duration {
	v := strings.TrimSpace(r.env(key))
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Sprintf("%s=%q is not a duration", key, v))
		return def
	}
	if d < min {
		r.errs = append(r.errs, fmt.Sprintf("%s=%s is below %s", key, v, min))
		return def
	}
	return d
}

// Durations returns a comma-separated list of positive durations
// ("5s,30s,2m"); "off" is the empty list. A bad entry is reported (Err)
// and def returned.
func (r *Reader) Durations(key string, def []time.Duration) []time.Duration {
	list := r.List(key, nil)
	if list == nil {
		return def
	}
	if len(list) == 1 && strings.EqualFold(list[0], "off") {
		return []time.Duration{}
	}
	out := make([]time.Duration, 0, len(list))
	for _, e := range list {
		d, err := time.ParseDuration(e)
		if err != nil || d <= 0 {
			r.errs = append(r.errs, fmt.Sprintf("%s: %q is not a positive duration (want e.g. 5s,30s,2m or off)", key, e))
			return def
		}
		out = append(out, d)
	}
	return out
}

// Addr returns a listen address setting, host:port with a port number
// (0: any free port), checked here so that a malformed one is reported by
// its name with the other settings rather than by the listener.
func (r *Reader) Addr(key, def string) string {
	v := strings.TrimSpace(r.env(key))
	if v == "" {
		return def
	}
	_, port, err := net.SplitHostPort(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Sprintf("%s=%q is not host:port", key, v))
		return def
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		r.errs = append(r.errs, fmt.Sprintf("%s=%q: the port must be a number from 0 to 65535", key, v))
		return def
	}
	return v
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
