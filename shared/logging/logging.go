// Package logging builds the slog loggers that every Parley process passes
// down explicitly. The level lives in a LevelVar so it can be changed while
// the process runs.
package logging

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// New returns a logger writing JSON (format "json") or text to w, and the
// LevelVar that controls it. Durations are written as Go writes them
// ("took":"4.046s", "cooldown":"30s") in both formats: slog's JSON
// handler writes a time.Duration as integer nanoseconds
// ("took":4046000000), which no one reads at a glance.
func New(w io.Writer, level, format string) (*slog.Logger, *slog.LevelVar, error) {
	lv := new(slog.LevelVar)
	if err := SetLevel(lv, level); err != nil {
		return nil, nil, err
	}
	opts := &slog.HandlerOptions{Level: lv}
	var h slog.Handler
	switch strings.ToLower(format) {
	case "", "json":
		opts.ReplaceAttr = ReadableDurations
		h = slog.NewJSONHandler(w, opts)
	case "text":
		h = slog.NewTextHandler(w, opts)
	default:
		return nil, nil, fmt.Errorf("log format %q: want json or text", format)
	}
	return slog.New(h), lv, nil
}

// SetLevel parses debug, info, warn or error into lv.
func SetLevel(lv *slog.LevelVar, level string) error {
	if level == "" {
		level = "info"
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return fmt.Errorf("log level %q: %w", level, err)
	}
	lv.Set(l)
	return nil
}

// ReadableDurations is a slog.HandlerOptions.ReplaceAttr that writes a
// time.Duration as its String ("1.5s", "250ms"), as the text handler
// does, rather than as integer nanoseconds.
func ReadableDurations(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		return slog.String(a.Key, a.Value.Duration().String())
	}
	return a
}
