package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestHonoursJSReplicas: the command reads PARLEY_JS_REPLICAS as the
// services do: on a 3-node cluster, run without it it creates the
// experiments bucket with one replica, run with 3 it raises that bucket
// to 3, and run without it again it leaves the 3.
func TestHonoursJSReplicas(t *testing.T) {
	servers := natstest.RunCluster(t, 3)
	url := natstest.ClusterURL(servers)
	_, js := natstest.ClusterConn(t, servers)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for _, step := range []struct {
		replicas string
		want     int
	}{{"", 1}, {"3", 3}, {"", 3}} {
		env := func(k string) string {
			switch k {
			case "NATS_URL":
				return url
			case "PARLEY_JS_REPLICAS":
				return step.replicas
			}
			return ""
		}
		var out, errOut bytes.Buffer
		if err := run(ctx, []string{"list"}, env, &out, &errOut); err != nil {
			t.Fatalf("PARLEY_JS_REPLICAS=%q: %v (%s)", step.replicas, err, errOut.String())
		}
		if got := natstest.StreamReplicas(t, ctx, js, "KV_"+experiment.Bucket); got != step.want {
			t.Fatalf("after a run with PARLEY_JS_REPLICAS=%q: %d replicas, want %d", step.replicas, got, step.want)
		}
	}
}
