package svcmain_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestRunAuthenticates: a service process connects to a server that
// requires a password with NATS_USER and NATS_PASSWORD, and does not
// start without them, or with a wrong one, saying why without the secret.
func TestRunAuthenticates(t *testing.T) {
	const password = "svc-s3cret"
	s := natstest.RunPasswordServer(t, password)
	tests := []struct {
		name string
		env  map[string]string
		err  string // "" starts
	}{
		{"user and password", map[string]string{"NATS_USER": "parley", "NATS_PASSWORD": password}, ""},
		{"none", map[string]string{}, "Authorization Violation"},
		{"wrong password", map[string]string{"NATS_USER": "parley", "NATS_PASSWORD": "wrong-" + password}, "Authorization Violation"},
		{"no password", map[string]string{"NATS_USER": "parley"}, "NATS_USER is set without NATS_PASSWORD"},
		{"two ways", map[string]string{"NATS_USER": "parley", "NATS_PASSWORD": password, "NATS_TOKEN": password}, "set one way only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{"NATS_URL": s.ClientURL(), "LOG_LEVEL": "error"}
			for k, v := range tt.env {
				vars[k] = v
			}
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			started := false
			err := svcmain.Run(ctx, "probe", config.Map(vars), func(_ context.Context, d svcmain.Deps) (func() error, error) {
				started = true
				cancel() // started: stop at once
				return func() error { return nil }, nil
			})
			if tt.err == "" {
				if err != nil || !started {
					t.Fatalf("Run: %v (started %v)", err, started)
				}
				return
			}
			if started || err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Run: started %v, %v; want an error with %q", started, err, tt.err)
			}
			if strings.Contains(err.Error(), password) {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}
