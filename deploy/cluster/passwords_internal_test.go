package cluster

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/deploy/natsperm"
)

// TestShippedConfRefusesEmptyPasswords: nats-server reads nats.conf with
// $PARLEY_NATS_PASSWORD set but empty, and user parley would get in with
// an empty password; the harness refuses an empty or short password of
// either user before it starts a node.
func TestShippedConfRefusesEmptyPasswords(t *testing.T) {
	const good = "0123456789abcdef0123456789abcdef"
	tests := []struct {
		name, password, route string
		wantErr               string
	}{
		{"generated", good, good, ""},
		{"empty password", "", good, "user parley has a password of 0 characters"},
		{"short password", "secret", good, "user parley has a password of 6 characters"},
		{"empty route password", good, "", "route user parley-route has a password of 0 characters"},
		{"empty service password", "translate:", good, "user parley-translate has a password of 0 characters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The operator's password is tc.password, the services' good,
			// unless tc.password is "<service>:<password>".
			passwords := map[string]string{}
			for _, u := range natsperm.Users() {
				passwords[u.PasswordVar] = good
				if u.Service == "" && !strings.Contains(tc.password, ":") {
					passwords[u.PasswordVar] = tc.password
				}
				if svc, pw, ok := strings.Cut(tc.password, ":"); ok && svc == u.Service {
					passwords[u.PasswordVar] = pw
				}
			}
			opts, err := processConf("../nats/nats.conf", NodeEnv("nats-1", passwords, tc.route))
			if err != nil {
				t.Fatalf("nats-server does not read the config: %v", err)
			}
			err = checkPasswords(opts)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
		})
	}
}
