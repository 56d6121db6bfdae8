package logging

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/nats-io/nats.go"
)

// LevelSubject is where an operator changes the log level of every Parley
// process at once: LevelSubject + ".all" reaches every process and
// LevelSubject + "." + process name one kind of process (all its instances). The request body is a level ("debug") or
// {"level":"debug"}; an empty body only asks for the current level. Every
// process answers with a LevelReply, so `nats req` shows the first answer
// and `nats pub` changes all of them without waiting.
const LevelSubject = "parley.ops.v1.loglevel"

// LevelReply is the answer to a level request.
type LevelReply struct {
	Process  string `json:"process"`
	Level    string `json:"level"`
	Previous string `json:"previous,omitempty"`
	Error    string `json:"error,omitempty"`
}

// ServeLevel subscribes process to LevelSubject.all and its own
// sub-subject and sets lv from each request. There is no queue group: every
// instance must hear the change. One wildcard subscription serves both, so
// requests are handled in the order they were sent. A process that runs
// several services with one level (the all-in-one suite) names them in
// aliases, so LevelSubject.<service> reaches it as it would reach the
// service's own process; it answers as process. The returned func
// unsubscribes.
func ServeLevel(nc *nats.Conn, process string, lv *slog.LevelVar, log *slog.Logger, aliases ...string) (stop func() error, err error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	names := append([]string{"all", process}, aliases...)
	handle := func(m *nats.Msg) {
		if target := strings.TrimPrefix(m.Subject, LevelSubject+"."); !slices.Contains(names, target) {
			return
		}
		rep := applyLevel(process, lv, m.Data)
		if rep.Error != "" {
			log.Warn("log level change rejected", "err", rep.Error)
		} else if rep.Previous != "" {
			// Logged at warn so the change shows whatever the new level.
			log.Warn("log level changed", "from", rep.Previous, "to", rep.Level)
		}
		if m.Reply == "" {
			return
		}
		out := nats.NewMsg(m.Reply)
		out.Data, _ = json.Marshal(rep)
		if rep.Error != "" {
			// The micro error headers, so typed clients and the nats CLI
			// both see a failure.
			out.Header.Set("Nats-Service-Error-Code", "400")
			out.Header.Set("Nats-Service-Error", rep.Error)
		}
		if err := m.RespondMsg(out); err != nil {
			log.Warn("log level reply", "err", err)
		}
	}
	for _, name := range names[1:] {
		if name == "" || name == "all" || strings.ContainsAny(name, ".*> ") {
			return nil, fmt.Errorf("log level: bad process name %q", name)
		}
	}
	sub, err := nc.Subscribe(LevelSubject+".*", handle)
	if err != nil {
		return nil, fmt.Errorf("subscribe %s.*: %w", LevelSubject, err)
	}
	if err := nc.Flush(); err != nil {
		_ = sub.Unsubscribe()
		return nil, fmt.Errorf("flush level subscription: %w", err)
	}
	return sub.Unsubscribe, nil
}

func applyLevel(process string, lv *slog.LevelVar, data []byte) LevelReply {
	rep := LevelReply{Process: process, Level: levelName(lv.Level())}
	body := strings.TrimSpace(string(data))
	if body == "" {
		return rep
	}
	level := body
	if strings.HasPrefix(body, "{") {
		var req struct {
			Level string `json:"level"`
		}
		if err := json.Unmarshal(data, &req); err != nil {
			rep.Error = fmt.Sprintf("request is not valid JSON: %v", err)
			return rep
		}
		level = req.Level
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.TrimSpace(level))); err != nil || level == "" {
		rep.Error = fmt.Sprintf("log level %q: want debug, info, warn or error", level)
		return rep
	}
	rep.Previous = rep.Level
	lv.Set(l)
	rep.Level = levelName(l)
	return rep
}

func levelName(l slog.Level) string { return strings.ToLower(l.String()) }
