package gateway_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestSettingsOutOfRangeAreRefused: a numeric setting out of range stops
// the gateway at start with an error naming it and its bound, as a
// malformed one does; it is not replaced by the default without a word
// (MAX_TEXT_CHARS=-10 served 10,000-character texts).
func TestSettingsOutOfRangeAreRefused(t *testing.T) {
	for _, tc := range []struct{ key, value, want string }{
		{"MAX_TEXT_CHARS", "-10", "MAX_TEXT_CHARS=-10 is below 1"},
		{"MAX_TEXT_CHARS", "0", "MAX_TEXT_CHARS=0 is below 1"},
		{"GATEWAY_MAX_IN_FLIGHT", "-1", "GATEWAY_MAX_IN_FLIGHT=-1 is below 1"},
		{"GATEWAY_MAX_IN_FLIGHT", "0", "GATEWAY_MAX_IN_FLIGHT=0 is below 1"},
		{"GATEWAY_MAX_BODY_BYTES", "-1", "GATEWAY_MAX_BODY_BYTES=-1 is below 1024"},
		{"GATEWAY_MAX_BODY_BYTES", "100", "GATEWAY_MAX_BODY_BYTES=100 is below 1024"},
		{"GATEWAY_TIMEOUT", "-5s", "GATEWAY_TIMEOUT=-5s is below 1ms"},
		{"GATEWAY_TIMEOUT", "0s", "GATEWAY_TIMEOUT=0s is below 1ms"},
		{"GATEWAY_TIMEOUT", "soon", `GATEWAY_TIMEOUT="soon" is not a duration`},
		{"GATEWAY_READY_TIMEOUT", "-1s", "GATEWAY_READY_TIMEOUT=-1s is below 1ms"},
		{"GATEWAY_TRANSFER_TIMEOUT", "0s", "GATEWAY_TRANSFER_TIMEOUT=0s is below 1ms"},
		{"GATEWAY_BODY_TIMEOUT", "0", "GATEWAY_BODY_TIMEOUT=0 is below 1ms"},
		{"GATEWAY_BODY_TIMEOUT", "-1s", "GATEWAY_BODY_TIMEOUT=-1s is below 1ms"},
		{"GATEWAY_FAILED_KEY_INTERVAL", "0s", "GATEWAY_FAILED_KEY_INTERVAL=0s is below 1ms"},
		{"GATEWAY_FEEDBACK_RATE", "fast", `GATEWAY_FEEDBACK_RATE="fast" is not a number`},
		{"GATEWAY_ADDR", "bad", `GATEWAY_ADDR="bad" is not host:port`},
		{"GATEWAY_ADDR", "127.0.0.1:70000", `GATEWAY_ADDR="127.0.0.1:70000": the port must be a number from 0 to 65535`},
		{"PARLEY_JS_REPLICAS", "-2", "PARLEY_JS_REPLICAS=-2 is below 1"},
		{"PARLEY_JS_REPLICAS", "6", "PARLEY_JS_REPLICAS=6 is above 5"},
	} {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			env := config.NewReader(config.Map(map[string]string{tc.key: tc.value}))
			_, err := gateway.Start(context.Background(), svcmain.Deps{Env: env})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("start error %v, want %q", err, tc.want)
			}
		})
	}
	// The least values are taken.
	env := config.NewReader(config.Map(map[string]string{
		"MAX_TEXT_CHARS": "1", "GATEWAY_MAX_IN_FLIGHT": "1", "GATEWAY_MAX_BODY_BYTES": "1024",
		"GATEWAY_TIMEOUT": "1ms", "GATEWAY_ADDR": ":0", "PARLEY_JS_REPLICAS": "5",
		"GATEWAY_BODY_TIMEOUT": "1ms", "GATEWAY_FAILED_KEY_INTERVAL": "1ms",
		// A feedback rate is a decimal, as GATEWAY_RATE_LIMIT is.
		"GATEWAY_FEEDBACK_RATE": "0.5",
	}))
	cfg := gateway.ConfigFromEnv(env)
	if err := env.Err(); err != nil || cfg.MaxTextRunes != 1 || cfg.Ops.MaxInFlight != 1 || cfg.MaxBodyBytes != 1024 || cfg.Addr != ":0" || cfg.JSReplicas != 5 ||
		cfg.Ops.BodyTimeout != time.Millisecond || cfg.Ops.FailedKeyInterval != time.Millisecond || cfg.Limits.FeedbackRate != 0.5 {
		t.Fatalf("least values: %+v, %v", cfg, err)
	}
}

// TestListenErrorNamesTheSetting: an address that parses but cannot be
// listened on (taken, not local) is reported with GATEWAY_ADDR.
func TestListenErrorNamesTheSetting(t *testing.T) {
	env := config.NewReader(config.Map(map[string]string{"GATEWAY_ADDR": "192.0.2.1:8080"}))
	_, err := gateway.Start(context.Background(), svcmain.Deps{Env: env})
	if err == nil || !strings.Contains(err.Error(), "GATEWAY_ADDR=192.0.2.1:8080") {
		t.Fatalf("start error %v, want it to name GATEWAY_ADDR", err)
	}
}
