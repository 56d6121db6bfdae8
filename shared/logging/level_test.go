package logging_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/logging"
	"github.com/parley-chat/parley/shared/natstest"
)

func TestServeLevel(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	var detect, translate slog.LevelVar
	for _, p := range []struct {
		name string
		lv   *slog.LevelVar
	}{{"detect", &detect}, {"translate", &translate}} {
		stop, err := logging.ServeLevel(nc, p.name, p.lv, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = stop() })
	}
	if _, err := logging.ServeLevel(nc, "a.b", &detect, nil); err == nil {
		t.Fatal("process name with a dot accepted")
	}
	ask := func(t *testing.T, subj, body string) logging.LevelReply {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		m, err := nc.RequestWithContext(ctx, subj, []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		var rep logging.LevelReply
		if err := json.Unmarshal(m.Data, &rep); err != nil {
			t.Fatal(err)
		}
		if (rep.Error != "") != (m.Header.Get("Nats-Service-Error-Code") == "400") {
			t.Fatalf("error %q without matching header %v", rep.Error, m.Header)
		}
		return rep
	}
	tests := []struct {
		name          string
		subj, body    string
		wantErr       bool
		wantDetect    slog.Level
		wantTranslate slog.Level
	}{
		{"query changes nothing", logging.LevelSubject + ".detect", "", false, slog.LevelInfo, slog.LevelInfo},
		{"one process by name", logging.LevelSubject + ".detect", "debug", false, slog.LevelDebug, slog.LevelInfo},
		{"json body", logging.LevelSubject + ".translate", `{"level":"warn"}`, false, slog.LevelDebug, slog.LevelWarn},
		{"bad level rejected", logging.LevelSubject + ".translate", "loud", true, slog.LevelDebug, slog.LevelWarn},
		{"bad json rejected", logging.LevelSubject + ".translate", `{"level":`, true, slog.LevelDebug, slog.LevelWarn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := ask(t, tt.subj, tt.body)
			if (rep.Error != "") != tt.wantErr {
				t.Fatalf("reply %+v, want error %v", rep, tt.wantErr)
			}
			if detect.Level() != tt.wantDetect || translate.Level() != tt.wantTranslate {
				t.Fatalf("levels detect=%v translate=%v", detect.Level(), translate.Level())
			}
		})
	}
	t.Run("a process answers for its aliases", func(t *testing.T) {
		// The all-in-one suite runs every service with one level.
		var suite slog.LevelVar
		stop, err := logging.ServeLevel(nc, "suite", &suite, nil, "gateway", "messages")
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = stop() }()
		if rep := ask(t, logging.LevelSubject+".gateway", "debug"); rep.Process != "suite" || rep.Level != "debug" || suite.Level() != slog.LevelDebug {
			t.Fatalf("reply %+v, suite at %v", rep, suite.Level())
		}
		if rep := ask(t, logging.LevelSubject+".messages", ""); rep.Process != "suite" || rep.Level != "debug" {
			t.Fatalf("reply %+v", rep)
		}
		if _, err := logging.ServeLevel(nc, "suite", &suite, nil, "all"); err == nil {
			t.Fatal("alias all accepted")
		}
	})
	t.Run("broadcast reaches every process", func(t *testing.T) {
		// A request returns after the first answer; each process handles
		// its messages in order, so the queries below see the change.
		ask(t, logging.LevelSubject+".all", "error")
		for _, p := range []string{"detect", "translate"} {
			if rep := ask(t, logging.LevelSubject+"."+p, ""); rep.Level != "error" {
				t.Fatalf("%s at %q after broadcast", p, rep.Level)
			}
		}
	})
}
