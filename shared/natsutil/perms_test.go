package natsutil_test

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/natsutil"
)

// syncBuffer is a log destination safe for nats.go's callback goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestPermissionViolationLogged checks that a publish or subscription the
// server refuses to the connection's user is logged as such, with the
// user and the subject, at error level: the request it broke would
// otherwise only time out, and the subscription stay silent.
func TestPermissionViolationLogged(t *testing.T) {
	s := runAuthServer(t, &server.Options{Users: []*server.User{{
		Username: "parley-detect", Password: "0123456789abcdef",
		Permissions: &server.Permissions{
			Publish:   &server.SubjectPermission{Allow: []string{"allowed"}},
			Subscribe: &server.SubjectPermission{Allow: []string{"_INBOX.parley-detect.>"}},
		},
	}}})
	for _, tc := range []struct {
		name, subject string
		do            func(nc *nats.Conn) error
	}{
		{"subscribe", "parley.chat.v1.>", func(nc *nats.Conn) error {
			_, err := nc.Subscribe("parley.chat.v1.>", func(*nats.Msg) {})
			return err
		}},
		{"publish", "parley.glossary.v1.create", func(nc *nats.Conn) error {
			return nc.Publish("parley.glossary.v1.create", nil)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf syncBuffer
			log := slog.New(slog.NewJSONHandler(&buf, nil))
			nc, err := natsutil.Connect(s.ClientURL(), nil, "test", log, nats.UserInfo("parley-detect", "0123456789abcdef"))
			if err != nil {
				t.Fatal(err)
			}
			defer nc.Close()
			if err := tc.do(nc); err != nil {
				t.Fatal(err)
			}
			_ = nc.Flush()
			deadline := time.Now().Add(5 * time.Second)
			for !strings.Contains(buf.String(), "nats permissions violation") && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			out := buf.String()
			for _, want := range []string{`"level":"ERROR"`, "nats permissions violation", `"user":"parley-detect"`, tc.subject} {
				if !strings.Contains(out, want) {
					t.Errorf("log %q lacks %s", out, want)
				}
			}
		})
	}
}

// TestInboxOptions checks that a process connecting as NATS_USER gets
// inboxes under _INBOX.<user>, which its user may subscribe to, and that
// others keep nats.go's default.
func TestInboxOptions(t *testing.T) {
	for _, tc := range []struct {
		user, want string
	}{
		{"parley-translate", "_INBOX.parley-translate."},
		{"", "_INBOX."},
		{"a.b", "_INBOX."},
		{"a*", "_INBOX."},
	} {
		env := map[string]string{natsutil.EnvUser: tc.user}
		opts := nats.GetDefaultOptions()
		for _, o := range natsutil.InboxOptions(func(k string) string { return env[k] }) {
			if err := o(&opts); err != nil {
				t.Fatal(err)
			}
		}
		nc := &nats.Conn{Opts: opts}
		if got := nc.NewInbox(); !strings.HasPrefix(got, tc.want) || strings.Count(got, ".") != strings.Count(tc.want, ".") {
			t.Errorf("user %q: inbox %q, want %s<id>", tc.user, got, tc.want)
		}
	}
	if got := natsutil.InboxPrefix("parley-gateway"); got != "_INBOX.parley-gateway" {
		t.Errorf("InboxPrefix = %q", got)
	}
}
