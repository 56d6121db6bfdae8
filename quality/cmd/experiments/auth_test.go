package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/natstest"
)

// TestNATSCredentials: experiments connects to a NATS that requires a
// password with NATS_USER and NATS_PASSWORD; without them it exits 2
// with the refusal, never printing the password.
func TestNATSCredentials(t *testing.T) {
	const password = "exp-s3cret"
	s := natstest.RunPasswordServer(t, password)
	for _, tt := range []struct {
		name string
		env  map[string]string
		code int
		want string // in stderr
	}{
		{"none", map[string]string{"NATS_URL": s.ClientURL()}, 2, "Authorization Violation"},
		{"wrong password", map[string]string{"NATS_URL": s.ClientURL(), "NATS_USER": "parley", "NATS_PASSWORD": "wrong-" + password}, 2, "Authorization Violation"},
		{"two ways", map[string]string{"NATS_URL": s.ClientURL(), "NATS_TOKEN": password, "NATS_CREDS": "/x.creds"}, 2, "set one way only"},
		{"user and password", map[string]string{"NATS_URL": s.ClientURL(), "NATS_USER": "parley", "NATS_PASSWORD": password}, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			var out, errOut bytes.Buffer
			code := exitStatus(run(ctx, []string{"list"}, func(k string) string { return tt.env[k] }, &out, &errOut), &errOut)
			if code != tt.code || !strings.Contains(errOut.String(), tt.want) {
				t.Fatalf("exit %d, want %d; stderr %q, want %q in it", code, tt.code, errOut.String(), tt.want)
			}
			if strings.Contains(out.String()+errOut.String(), password) {
				t.Errorf("printed the password: %s%s", out.String(), errOut.String())
			}
		})
	}
}
