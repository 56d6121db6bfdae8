package gateway_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestMetricsAccess checks who may read /metrics on the API port: anyone
// while no key exists (a local `make run`), only an admin key once keys
// exist or under GATEWAY_REQUIRE_KEYS (and not a tenant's admin: the
// metrics show every tenant's traffic), and anyone again with
// GATEWAY_METRICS_PUBLIC.
func TestMetricsAccess(t *testing.T) {
	const (
		adminKey       = "admin-key-0123456789"
		clientKey      = "client-key-0123456789"
		tenantAdminKey = "acme-admin-key-0123456789"
	)
	s := natstest.RunServer(t)
	start := func(spec string, public, require bool) string {
		t.Helper()
		keys, err := gateway.ParseKeys(spec)
		if err != nil {
			t.Fatal(err)
		}
		reg := prometheus.NewRegistry()
		cfg := gateway.Config{Timeout: 10 * time.Second, Keys: keys}
		cfg.Ops.MetricsPublic = public
		cfg.RequireKeys = require
		gw := gateway.New(cfg, natstest.Conn(t, s), reg, reg, slog.New(slog.DiscardHandler))
		t.Cleanup(func() { _ = gw.Close() })
		ts := httptest.NewServer(gw.Handler())
		t.Cleanup(ts.Close)
		return ts.URL
	}
	keyed := "ops:admin:" + adminKey + ",app@acme:client:" + clientKey + ",admin@acme:admin:" + tenantAdminKey
	open, closed, public := start("", false, false), start(keyed, false, false), start(keyed, true, false)
	required, requiredPublic := start("", false, true), start("", true, true)
	for _, tc := range []struct {
		name, base, method, key string
		want                    int
	}{
		{"no keys configured", open, "GET", "", 200},
		{"no key", closed, "GET", "", http.StatusUnauthorized},
		{"no key, HEAD", closed, "HEAD", "", http.StatusUnauthorized},
		{"no key, query string", closed, "GET", "?x=1", http.StatusUnauthorized},
		{"client key", closed, "GET", clientKey, http.StatusForbidden},
		{"admin key", closed, "GET", adminKey, 200},
		{"a tenant's admin key", closed, "GET", tenantAdminKey, http.StatusForbidden},
		{"a tenant's admin key, HEAD", closed, "HEAD", tenantAdminKey, http.StatusForbidden},
		{"public", public, "GET", "", 200},
		{"no keys, GATEWAY_REQUIRE_KEYS", required, "GET", "", http.StatusUnauthorized},
		{"no keys, GATEWAY_REQUIRE_KEYS, HEAD", required, "HEAD", "", http.StatusUnauthorized},
		{"no keys, GATEWAY_REQUIRE_KEYS and public", requiredPublic, "GET", "", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := tc.base + "/metrics"
			key := tc.key
			if strings.HasPrefix(key, "?") {
				u, key = u+key, ""
			}
			req, _ := http.NewRequest(tc.method, u, nil)
			if key != "" {
				req.Header.Set("Authorization", "Bearer "+key)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.want)
			}
		})
	}
	// Health stays open: orchestrators probe it without a key.
	res, err := http.Get(closed + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("/healthz: %d", res.StatusCode)
	}
	for env, want := range map[string]bool{"": false, "true": true, "false": false} {
		r := config.NewReader(config.Map(map[string]string{"GATEWAY_METRICS_PUBLIC": env}))
		if got := gateway.OpsConfigFromEnv(r).MetricsPublic; got != want || r.Err() != nil {
			t.Errorf("GATEWAY_METRICS_PUBLIC=%q: %v (%v), want %v", env, got, r.Err(), want)
		}
	}
}
