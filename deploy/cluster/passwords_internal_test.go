package cluster

import (
	"strings"
	"testing"
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
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts, err := processConf("../nats/nats.conf", NodeEnv("nats-1", tc.password, tc.route))
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
