package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/natstest"
)

// TestCommandsUseNATSCredentials: `parley keys` and `parley registry`
// against a server that requires a password fail without credentials
// (status 2, without printing a password), and work with the ones the
// services use, from the environment.
func TestCommandsUseNATSCredentials(t *testing.T) {
	const password = "cli-s3cret"
	s := natstest.RunPasswordServer(t, password)
	url := s.ClientURL()
	withPassword := strings.Replace(url, "nats://", "nats://parley:wrong-"+password+"@", 1)
	commands := map[string]func(context.Context, []string, func(string) string, *bytes.Buffer, *bytes.Buffer) int{
		"keys": func(ctx context.Context, args []string, env func(string) string, out, errOut *bytes.Buffer) int {
			return runKeys(ctx, args, env, out, errOut)
		},
		"registry": func(ctx context.Context, args []string, env func(string) string, out, errOut *bytes.Buffer) int {
			return runRegistry(ctx, args, env, out, errOut)
		},
	}
	tests := []struct {
		name string
		env  map[string]string
		code int
		err  string // in stderr
	}{
		{"no credentials", map[string]string{"NATS_URL": url}, 2, "Authorization Violation"},
		{"a wrong password in the URL", map[string]string{"NATS_URL": withPassword}, 2, "parley:xxxxx@"},
		{"half a pair", map[string]string{"NATS_URL": url, "NATS_USER": "parley"}, 2, "NATS_USER is set without NATS_PASSWORD"},
		{"user and password", map[string]string{"NATS_URL": url, "NATS_USER": "parley", "NATS_PASSWORD": password}, 0, ""},
	}
	for cmd, run := range commands {
		for _, tt := range tests {
			t.Run(cmd+"/"+tt.name, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
				defer cancel()
				var out, errOut bytes.Buffer
				code := run(ctx, []string{"list"}, func(k string) string { return tt.env[k] }, &out, &errOut)
				if code != tt.code || !strings.Contains(errOut.String(), tt.err) {
					t.Fatalf("exit %d, want %d; stderr %q, want %q in it", code, tt.code, errOut.String(), tt.err)
				}
				if strings.Contains(out.String()+errOut.String(), password) {
					t.Errorf("printed the password: %s%s", out.String(), errOut.String())
				}
			})
		}
	}
}
