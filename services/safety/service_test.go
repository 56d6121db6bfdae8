package safety_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/safety"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

func TestServiceEndToEnd(t *testing.T) {
	s := natstest.RunServer(t)
	stop, err := safety.Start(context.Background(), svcmain.Deps{
		NC:  natstest.Conn(t, s),
		Env: config.NewReader(config.Map(map[string]string{"SAFETY_WORKERS": "2"})),
		Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	c := client.Safety{NC: natstest.Conn(t, s)}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	t.Run("both sides", func(t *testing.T) {
		source := "Stop being such a bastard"
		resp, err := c.Check(ctx, api.SafetyRequest{
			Source: source, SourceLang: "en", Translation: "Deja de ser tan cabrón", TargetLang: "es",
		})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Source.Safe || len(resp.Source.Spans) != 1 || resp.Source.Spans[0].Text != "bastard" || resp.Source.Lexicon != "ldnoobw:en" {
			t.Errorf("source verdict = %+v", resp.Source)
		}
		if sp := resp.Source.Spans[0]; source[sp.Start:sp.End] != "bastard" {
			t.Errorf("span offsets [%d,%d) do not point at the word", sp.Start, sp.End)
		}
		if resp.Translation == nil || resp.Translation.Safe || resp.Translation.Severity != api.SeverityLow || resp.Translation.Lexicon != "ldnoobw:es" {
			t.Errorf("translation verdict = %+v", resp.Translation)
		}
	})
	t.Run("clean source without translation", func(t *testing.T) {
		resp, err := c.Check(ctx, api.SafetyRequest{Source: "A classic from Scunthorpe", SourceLang: "en-GB"})
		if err != nil {
			t.Fatal(err)
		}
		if !resp.Source.Safe || resp.Source.Severity != api.SeverityNone || resp.Translation != nil {
			t.Errorf("resp = %+v", resp)
		}
	})
	t.Run("bad request", func(t *testing.T) {
		_, err := c.Check(ctx, api.SafetyRequest{Source: "", SourceLang: "en"})
		var e *api.Error
		if !errors.As(err, &e) || e.Code != api.CodeEmptyText {
			t.Fatalf("err = %v, want empty_text", err)
		}
	})
}

func TestStartRejectsBadSettings(t *testing.T) {
	s := natstest.RunServer(t)
	for _, env := range []map[string]string{{"SAFETY_WORKERS": "lots"}, {"SAFETY_WORKERS": "0"}} {
		_, err := safety.Start(context.Background(), svcmain.Deps{NC: natstest.Conn(t, s), Env: config.NewReader(config.Map(env))})
		if err == nil {
			t.Errorf("Start accepted %v", env)
		}
	}
}
