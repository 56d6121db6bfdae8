package main

import (
	"bytes"
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/registry"
)

// TestCommandsHonourJSReplicas: `parley registry` and `parley keys` read
// PARLEY_JS_REPLICAS as the services do. On a 3-node cluster, run with 3
// they raise a bucket created with one replica (by a run without it) to
// 3; run without it they leave a bucket at 3, never lowering it.
func TestCommandsHonourJSReplicas(t *testing.T) {
	servers := natstest.RunCluster(t, 3)
	url := natstest.ClusterURL(servers)
	_, js := natstest.ClusterConn(t, servers)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	replicas := func(stream string) int {
		t.Helper()
		return natstest.StreamReplicas(t, ctx, js, stream)
	}
	commands := []struct {
		name   string
		stream string
		run    func(env map[string]string) (int, string)
	}{
		{"registry", "KV_" + registry.Bucket, func(env map[string]string) (int, string) {
			var out, errOut bytes.Buffer
			code := runRegistry(ctx, []string{"list"}, func(k string) string { return env[k] }, &out, &errOut)
			return code, errOut.String()
		}},
		{"keys", "KV_" + gateway.KeysBucket, func(env map[string]string) (int, string) {
			var out, errOut bytes.Buffer
			code := runKeys(ctx, []string{"list"}, func(k string) string { return env[k] }, &out, &errOut)
			return code, errOut.String()
		}},
	}
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			for _, step := range []struct {
				replicas string
				want     int
			}{{"", 1}, {"3", 3}, {"", 3}} {
				env := map[string]string{"NATS_URL": url}
				if step.replicas != "" {
					env["PARLEY_JS_REPLICAS"] = step.replicas
				}
				if code, stderr := c.run(env); code != 0 {
					t.Fatalf("PARLEY_JS_REPLICAS=%q: exit %d: %s", step.replicas, code, stderr)
				}
				if got := replicas(c.stream); got != step.want {
					t.Fatalf("after a run with PARLEY_JS_REPLICAS=%q: %s has %d replicas, want %s", step.replicas, c.stream, got, strconv.Itoa(step.want))
				}
			}
		})
	}
}
