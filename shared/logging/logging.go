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
// LevelVar that controls it.
func New(w io.Writer, level, format string) (*slog.Logger, *slog.LevelVar, error) {
	lv := new(slog.LevelVar)
	if err := SetLevel(lv, level); err != nil {
		return nil, nil, err
	}
	opts := &slog.HandlerOptions{Level: lv}
	var h slog.Handler
	switch strings.ToLower(format) {
	case "", "json":
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
