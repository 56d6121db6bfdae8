package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/natstest"
)

// TestLiveRunUsesNATSCredentials: `eval run` against a deployment whose
// NATS requires a password connects with NATS_USER and NATS_PASSWORD
// (and gets as far as asking for the translate service, which this bare
// server lacks); without them it fails with the refusal, never printing
// the password.
func TestLiveRunUsesNATSCredentials(t *testing.T) {
	const password = "eval-s3cret"
	s := natstest.RunPasswordServer(t, password)
	dir := t.TempDir()
	set := writeSet(t, dir, e2eSet[:1])
	withWrong := strings.Replace(s.ClientURL(), "nats://", "nats://parley:wrong-"+password+"@", 1)
	for _, tt := range []struct {
		name string
		env  map[string]string
		want string // in the error
	}{
		{"none", map[string]string{"NATS_URL": s.ClientURL()}, "Authorization Violation"},
		{"a wrong password in the URL", map[string]string{"NATS_URL": withWrong}, "nats://parley:xxxxx@"},
		{"half a pair", map[string]string{"NATS_URL": s.ClientURL(), "NATS_PASSWORD": password}, "NATS_PASSWORD is set without NATS_USER"},
		{"user and password", map[string]string{"NATS_URL": s.ClientURL(), "NATS_USER": "parley", "NATS_PASSWORD": password}, "no translate service is running"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			err := run(ctx, []string{"run", "-quiet", "-warmup=false", "-timeout", "2s", "-set", set, "-out", dir}, func(k string) string { return tt.env[k] }, &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("eval run: %v, want an error with %q", err, tt.want)
			}
			if strings.Contains(err.Error()+stdout.String()+stderr.String(), password) {
				t.Errorf("printed the password: %v\n%s%s", err, stdout.String(), stderr.String())
			}
		})
	}
}
