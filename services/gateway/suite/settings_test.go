package suite_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway/suite"
)

// TestSuiteRefusesSettingsAtStart: the all-in-one command stops at once,
// naming the setting, on a NATS port that is no TCP port (nats-server
// would read 0 as 4222 and -1 as any free port) and on more JetStream
// replicas than its embedded server's one node can hold (the glossary
// store then failed to open, advising a memory store that loses history).
// Nothing is created in the state directory.
func TestSuiteRefusesSettingsAtStart(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"port 0", map[string]string{"PARLEY_NATS_PORT": "0"}, "PARLEY_NATS_PORT=0 is below 1"},
		{"port -1", map[string]string{"PARLEY_NATS_PORT": "-1"}, "PARLEY_NATS_PORT=-1 is below 1"},
		{"port 70000", map[string]string{"PARLEY_NATS_PORT": "70000"}, "PARLEY_NATS_PORT=70000 is above 65535"},
		{"replicas -2", map[string]string{"PARLEY_JS_REPLICAS": "-2"}, "PARLEY_JS_REPLICAS=-2 is below 1"},
		{"replicas 3 embedded", map[string]string{"PARLEY_JS_REPLICAS": "3"}, "PARLEY_JS_REPLICAS=3 needs a NATS cluster; the embedded server has one node"},
		{"short JetStream key", map[string]string{"PARLEY_JS_KEY": "too-short"}, "PARLEY_JS_KEY: jetstream encryption: the key is 9 characters; use at least 32"},
		{"unknown cipher", map[string]string{"PARLEY_JS_KEY": strings.Repeat("k", 32), "PARLEY_JS_CIPHER": "des"}, `PARLEY_JS_CIPHER: jetstream encryption: unknown cipher "des"`},
		{"key with NATS_URL", map[string]string{"PARLEY_JS_KEY": strings.Repeat("k", 32), "NATS_URL": "nats://127.0.0.1:1"}, "PARLEY_JS_KEY encrypts the embedded NATS server's store, which does not start with NATS_URL set"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "state")
			env := map[string]string{"PARLEY_STATE_DIR": dir, "LOG_LEVEL": "error", "GATEWAY_ADDR": "127.0.0.1:0"}
			for k, v := range tc.env {
				env[k] = v
			}
			err := suite.Run(context.Background(), func(k string) string { return env[k] }, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("suite.Run = %v, want an error with %q", err, tc.want)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("the state directory was created (%v)", err)
			}
		})
	}
}

// TestSuiteRefusesComponentSettings: a component's setting out of range
// (read once NATS is up, as each service process reads it) stops the
// all-in-one command with an error naming it, rather than run with the
// default in its place (MESSAGES_WORKERS=0 ran 4 workers,
// GATEWAY_BODY_TIMEOUT=0 waited 10s).
func TestSuiteRefusesComponentSettings(t *testing.T) {
	for _, tc := range []struct{ key, value, want string }{
		{"MESSAGES_WORKERS", "0", "MESSAGES_WORKERS=0 is below 1"},
		{"MESSAGES_MAX_LOCALES", "-1", "MESSAGES_MAX_LOCALES=-1 is below 1"},
		{"MESSAGES_CONTEXT", "50", "MESSAGES_CONTEXT=50 is above 10"},
		{"GATEWAY_BODY_TIMEOUT", "0", "GATEWAY_BODY_TIMEOUT=0 is below 1ms"},
		{"GATEWAY_FAILED_KEY_INTERVAL", "0s", "GATEWAY_FAILED_KEY_INTERVAL=0s is below 1ms"},
	} {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			env := authSuiteVars(t)
			env["GATEWAY_ADDR"] = "127.0.0.1:0"
			env[tc.key] = tc.value
			err := suite.Run(context.Background(), func(k string) string { return env[k] }, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("suite.Run = %v, want an error with %q", err, tc.want)
			}
		})
	}
}
