package gateway_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

// eventually polls cond every few milliseconds until it holds or budget
// runs out.
func eventually(t *testing.T, budget time.Duration, what string, cond func() bool) {
	t.Helper()
	// budget is what the product promises (a revocation is seen within a
	// second); a busy machine under -race can hold a watch update back
	// for longer, so the test fails only after max(budget, 10 s) and
	// logs a late arrival.
	limit := max(budget, 10*time.Second)
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("%s: not after %v", what, limit)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if took := time.Since(start); took > budget {
		t.Logf("%s: after %v, past the %v promised", what, took.Round(time.Millisecond), budget)
	}
}

// openStore opens an admin handle on the managed keys of nc's server.
func openStore(t testing.TB, nc *nats.Conn) *gateway.KeyStore {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := gateway.OpenKeyStore(ctx, nc, 1, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// replica starts one more gateway on the NATS server of env, as a second
// replica behind a load balancer would be.
func replica(t *testing.T, env compatEnv, cfg gateway.Config) string {
	t.Helper()
	nc := natstest.Conn(t, env.srv)
	reg := prometheus.NewRegistry()
	cfg.Timeout = 10 * time.Second
	gw := gateway.New(cfg, nc, reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

// authStatus is the status of GET /v1/usage with key: the cheapest route
// that needs the client role.
func authStatus(t *testing.T, u, key string) int {
	t.Helper()
	var h http.Header
	if key != "" {
		h = http.Header{"Authorization": {"Bearer " + key}}
	}
	return send(t, "GET", u+"/v1/usage", "", "", h).status
}

func translateAs(t *testing.T, u, key, text string) response {
	t.Helper()
	var h http.Header
	if key != "" {
		h = http.Header{"Authorization": {"Bearer " + key}}
	}
	return send(t, "POST", u+"/v1/translate", jsonType, `{"text":`+strconv.Quote(text)+`,"source":"en","target":"es"}`, h)
}

// TestManagedKeysAcrossReplicas creates, rotates and revokes keys through
// the store and checks what two gateway replicas on one NATS accept.
func TestManagedKeysAcrossReplicas(t *testing.T) {
	env := compatGatewayWith(t, "", gateway.Config{}, nil)
	a, b := env.url, replica(t, env, gateway.Config{})
	st := openStore(t, natstest.Conn(t, env.srv))
	ctx := context.Background()

	// An open deployment closes once the first managed key exists.
	if r := translateAs(t, b, "", "hello"); r.status != 200 {
		t.Fatalf("open deployment: %d %s", r.status, r.body)
	}
	rec, key, err := st.Create(ctx, gateway.KeySpec{Name: "app", Roles: []gateway.Role{gateway.RoleClient}, Tenant: "acme"})
	if err != nil {
		t.Fatal(err)
	}
	other, otherKey, err := st.Create(ctx, gateway.KeySpec{Name: "ops", Roles: []gateway.Role{gateway.RoleAdmin}})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{a, b} {
		eventually(t, 5*time.Second, "new key accepted", func() bool { return authStatus(t, u, key) == 200 })
	}
	if r := translateAs(t, b, key, "hello"); r.status != 200 {
		t.Fatalf("translate with a managed key: %d %s", r.status, r.body)
	}
	// LibreTranslate clients send the key as api_key in the body.
	if r := send(t, "POST", a+"/translate", formType, form("q", "hello", "source", "en", "target", "es", "api_key", key), nil); r.status != 200 {
		t.Fatalf("libretranslate api_key with a managed key: %d %s", r.status, r.body)
	}

	// Only the digest is stored.
	js, _ := jetstream.New(env.nc)
	kv, err := js.KeyValue(ctx, gateway.KeysBucket)
	if err != nil {
		t.Fatal(err)
	}
	e, err := kv.Get(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	secret := key[strings.LastIndex(key, "_")+1:]
	sum := sha256.Sum256([]byte(key))
	if strings.Contains(string(e.Value()), secret) || !strings.Contains(string(e.Value()), hex.EncodeToString(sum[:])) {
		t.Fatalf("stored record %s: want the SHA-256 digest and not the secret", e.Value())
	}

	tamper := func(k string) string { // same id, another secret of the same length
		i := len(k) - 1
		c := byte('A')
		if k[i] == 'A' {
			c = 'B'
		}
		return k[:i] + string(c)
	}
	tests := []struct {
		name string
		key  string
		want int
	}{
		{"managed key", key, 200},
		{"admin key", otherKey, 200},
		{"right id, wrong secret", tamper(key), 401},
		{"unknown id", "pk_0123456789abcdef_" + secret, 401},
		{"not a key at all", "pk_nonsense", 401},
		{"no key once keys exist", "", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, u := range []string{a, b} {
				if got := authStatus(t, u, tt.key); got != tt.want {
					t.Fatalf("%s: status %d, want %d", u, got, tt.want)
				}
			}
		})
	}

	t.Run("tenant and usage", func(t *testing.T) {
		r := send(t, "GET", b+"/v1/usage", "", "", http.Header{"Authorization": {"Bearer " + key}})
		var u gateway.Usage
		r.decode(t, &u)
		if r.status != 200 || u.Tenant != "acme" || u.KeyID != rec.ID || u.Name != "app" {
			t.Fatalf("usage = %d %+v", r.status, u)
		}
	})

	t.Run("rotation with grace keeps both secrets, then only the new", func(t *testing.T) {
		// A negative grace is refused and changes nothing: the old secret
		// still works below.
		if _, _, err := st.Rotate(ctx, other.ID, -5*time.Hour); err == nil {
			t.Fatal("rotation with a negative grace accepted")
		}
		_, newKey, err := st.Rotate(ctx, other.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		eventually(t, 5*time.Second, "rotated key accepted", func() bool { return authStatus(t, b, newKey) == 200 })
		if got := authStatus(t, b, otherKey); got != 200 {
			t.Fatalf("old secret within grace: %d", got)
		}
		_, newest, err := st.Rotate(ctx, other.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		eventually(t, 5*time.Second, "second rotation applied", func() bool { return authStatus(t, b, newest) == 200 })
		for _, old := range []string{otherKey, newKey} {
			if got := authStatus(t, b, old); got != 401 {
				t.Fatalf("replaced secret: %d", got)
			}
		}
	})

	t.Run("revoked on one side, refused by the other within a second", func(t *testing.T) {
		if _, err := st.Revoke(ctx, rec.ID); err != nil {
			t.Fatal(err)
		}
		for _, u := range []string{a, b} {
			eventually(t, time.Second, "revocation seen by "+u, func() bool { return authStatus(t, u, key) == 401 })
		}
		if _, _, err := st.Rotate(ctx, rec.ID, 0); err == nil {
			t.Fatal("rotating a revoked key succeeded")
		}
		if got := st.List(); len(got) != 2 || !slices.ContainsFunc(got, func(r gateway.KeyRecord) bool { return r.ID == rec.ID && r.Revoked() }) {
			t.Fatalf("list = %+v", got)
		}
	})
}

func TestKeySpecValidation(t *testing.T) {
	env := compatGatewayWith(t, "", gateway.Config{}, nil)
	st := openStore(t, env.nc)
	tests := []struct {
		name string
		spec gateway.KeySpec
	}{
		{"no name", gateway.KeySpec{Roles: []gateway.Role{gateway.RoleClient}}},
		{"no role", gateway.KeySpec{Name: "x"}},
		{"unknown role", gateway.KeySpec{Name: "x", Roles: []gateway.Role{"wizard"}}},
		{"tenant with a space", gateway.KeySpec{Name: "x", Roles: []gateway.Role{gateway.RoleClient}, Tenant: "a b"}},
		{"name with a colon", gateway.KeySpec{Name: "a:b", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with a line break", gateway.KeySpec{Name: "evil\nlevel=ERROR msg=forged", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with an escape code", gateway.KeySpec{Name: "evil\x1b[31m", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with a tab", gateway.KeySpec{Name: "a\tb", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with a C1 control", gateway.KeySpec{Name: "a\u009bb", Roles: []gateway.Role{gateway.RoleClient}}},
		// Format characters (unicode.Cf) print nothing of their own but
		// reorder or hide what follows: "bad\u202ename" shows as "bademan".
		{"name with a bidi override", gateway.KeySpec{Name: "bad\u202ename", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with a bidi isolate", gateway.KeySpec{Name: "a\u2066b", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with a zero-width space", gateway.KeySpec{Name: "ad\u200bmin", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with a zero-width joiner", gateway.KeySpec{Name: "a\u200db", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with a line separator", gateway.KeySpec{Name: "a\u2028b", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with a paragraph separator", gateway.KeySpec{Name: "a\u2029b", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with a grapheme joiner", gateway.KeySpec{Name: "a\u034fb", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name of a Hangul filler", gateway.KeySpec{Name: "\u3164", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name of braille blanks", gateway.KeySpec{Name: "\u2800\u2800", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name with a byte order mark", gateway.KeySpec{Name: "\ufeffops", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name not UTF-8", gateway.KeySpec{Name: "a\xffb", Roles: []gateway.Role{gateway.RoleClient}}},
		{"name over the limit", gateway.KeySpec{Name: strings.Repeat("é", gateway.MaxKeyNameBytes/2+1), Roles: []gateway.Role{gateway.RoleClient}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := st.Create(context.Background(), tt.spec)
			if err == nil {
				t.Fatal("accepted")
			}
			// The refusal quotes the name: printed, it forges nothing.
			if strings.ContainsFunc(err.Error(), func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
				t.Errorf("error holds a control or format character: %q", err)
			}
		})
	}
	// Names up to the limit, with spaces and any script, are fine.
	for _, name := range []string{strings.Repeat("n", gateway.MaxKeyNameBytes), "Lena Müller (l10n)", "翻訳チーム"} {
		if _, _, err := st.Create(context.Background(), gateway.KeySpec{Name: name, Roles: []gateway.Role{gateway.RoleClient}}); err != nil {
			t.Errorf("key name %q refused: %v", name, err)
		}
	}
	if _, err := st.Revoke(context.Background(), "0123456789abcdef"); err == nil {
		t.Fatal("revoking an unknown key succeeded")
	}
}

// TestTenantReachesThePipeline checks that the tenant of the caller's key
// is what glossary prepare sees, for every API that translates.
func TestTenantReachesThePipeline(t *testing.T) {
	var (
		mu      sync.Mutex
		tenants []string
	)
	env := compatGatewayWith(t, "acme-app@acme:client:"+clientKey, gateway.Config{}, func(nc *nats.Conn) {
		m := service.NewMetrics(prometheus.NewRegistry())
		svc, err := service.New(nc, service.Config{Name: api.ServiceGlossary, Version: "0.0.1"}, []service.Endpoint{{
			Name: "prepare", Subject: api.SubjectGlossaryPrepare,
			Handler: service.JSON(func(_ context.Context, req *api.GlossaryPrepareRequest) (any, error) {
				mu.Lock()
				defer mu.Unlock()
				tenants = append(tenants, req.Tenant)
				return api.GlossaryPrepareResponse{}, nil
			}),
		}}, m, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = svc.Stop() })
	})
	tests := []struct {
		name              string
		path, ctype, body string
		header            http.Header
	}{
		{"v1", "/v1/translate", jsonType, `{"text":"hello","source":"en","target":"es","tenant":"evil"}`, http.Header{"X-Api-Key": {clientKey}}},
		{"libretranslate api_key in the body", "/translate", jsonType, `{"q":"hello","source":"en","target":"es","api_key":"` + clientKey + `"}`, nil},
		{"deepl", "/v2/translate", formType, form("text", "hello", "source_lang", "EN", "target_lang", "ES"), http.Header{"Authorization": {"DeepL-Auth-Key " + clientKey}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			tenants = nil
			mu.Unlock()
			r := send(t, "POST", env.url+tt.path, tt.ctype, tt.body, tt.header)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(tenants) == 0 || slices.ContainsFunc(tenants, func(s string) bool { return s != "acme" }) {
				t.Fatalf("glossary prepare saw tenants %q, want acme", tenants)
			}
		})
	}
}

// TestRateLimit spends a key's burst and expects 429 with Retry-After in
// each API's error shape. The refill rate is so low that no token comes
// back during the test, whatever the machine's speed.
func TestRateLimit(t *testing.T) {
	limits := gateway.Config{Limits: gateway.Limits{Rate: 0.001, Burst: 2}}
	env := compatGatewayWith(t, "app:client:"+clientKey, limits, nil)
	st := openStore(t, env.nc)
	_, own, err := st.Create(context.Background(), gateway.KeySpec{Name: "fast", Roles: []gateway.Role{gateway.RoleClient},
		Limits: gateway.KeyLimits{Rate: -1}})
	if err != nil {
		t.Fatal(err)
	}

	for i := range 2 {
		if r := translateAs(t, env.url, clientKey, "hello"); r.status != 200 {
			t.Fatalf("request %d within the burst: %d %s", i, r.status, r.body)
		}
	}
	tests := []struct {
		name              string
		path, ctype, body string
		header            http.Header
		check             func(t *testing.T, r response)
	}{
		{"v1", "/v1/translate", jsonType, `{"text":"hello","source":"en","target":"es"}`, http.Header{"Authorization": {"Bearer " + clientKey}},
			func(t *testing.T, r response) {
				var eb api.ErrorBody
				r.decode(t, &eb)
				if eb.Error.Code != api.CodeRateLimited {
					t.Fatalf("body %s", r.body)
				}
			}},
		{"libretranslate", "/translate", jsonType, `{"q":"hello","source":"en","target":"es","api_key":"` + clientKey + `"}`, nil,
			func(t *testing.T, r response) {
				var le gateway.LibreError
				r.decode(t, &le)
				if !strings.HasPrefix(le.Error, "Slowdown: ") {
					t.Fatalf("body %s", r.body)
				}
			}},
		{"deepl", "/v2/translate", formType, form("text", "hello", "target_lang", "ES"), http.Header{"Authorization": {"DeepL-Auth-Key " + clientKey}},
			func(t *testing.T, r response) {
				var de gateway.DeepLError
				r.decode(t, &de)
				if de.Message != "Too many requests" {
					t.Fatalf("body %s", r.body)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", env.url+tt.path, tt.ctype, tt.body, tt.header)
			if r.status != http.StatusTooManyRequests {
				t.Fatalf("status %d, want 429: %s", r.status, r.body)
			}
			if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 {
				t.Fatalf("Retry-After = %q", r.header.Get("Retry-After"))
			}
			tt.check(t, r)
		})
	}
	t.Run("a key's own unlimited rate overrides the default", func(t *testing.T) {
		eventually(t, 5*time.Second, "key accepted", func() bool { return authStatus(t, env.url, own) == 200 })
		for range 5 {
			if got := authStatus(t, env.url, own); got != 200 {
				t.Fatalf("status %d", got)
			}
		}
	})
}

// TestMonthlyQuota exhausts a key's monthly characters through two
// replicas (the counters are shared) and checks each API's answer.
func TestMonthlyQuota(t *testing.T) {
	env := compatGatewayWith(t, "", gateway.Config{}, nil)
	b := replica(t, env, gateway.Config{})
	st := openStore(t, env.nc)
	rec, key, err := st.Create(context.Background(), gateway.KeySpec{Name: "small", Roles: []gateway.Role{gateway.RoleClient},
		Limits: gateway.KeyLimits{MonthlyChars: 10}})
	if err != nil {
		t.Fatal(err)
	}
	// Both replicas learn of the key through their watch of the bucket.
	eventually(t, 5*time.Second, "key accepted", func() bool {
		auth := http.Header{"Authorization": {"Bearer " + key}}
		return send(t, "GET", b+"/v1/usage", "", "", auth).status == 200 && send(t, "GET", env.url+"/v1/usage", "", "", auth).status == 200
	})
	if r := translateAs(t, env.url, key, "hello"); r.status != 200 { // 5 of 10
		t.Fatalf("first: %d %s", r.status, r.body)
	}
	if r := translateAs(t, b, key, "hello"); r.status != 200 { // 10 of 10, on the other replica
		t.Fatalf("second: %d %s", r.status, r.body)
	}
	r := translateAs(t, env.url, key, "hello")
	var eb api.ErrorBody
	r.decode(t, &eb)
	if r.status != 429 || eb.Error.Code != api.CodeRateLimited || !strings.Contains(eb.Error.Message, "quota") {
		t.Fatalf("over quota: %d %s", r.status, r.body)
	}
	if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 || s > 31*24*3600 {
		t.Fatalf("Retry-After = %q, want the seconds to the next month", r.header.Get("Retry-After"))
	}

	deepl := http.Header{"Authorization": {"DeepL-Auth-Key " + key}}
	r = send(t, "POST", b+"/v2/translate", formType, form("text", "hi", "target_lang", "ES"), deepl)
	if r.status != 456 {
		t.Fatalf("deepl over quota: %d %s", r.status, r.body)
	}
	r = send(t, "GET", b+"/v2/usage", "", "", deepl)
	var du gateway.DeepLUsage
	r.decode(t, &du)
	if du.CharacterCount != 10 || du.CharacterLimit != 10 {
		t.Fatalf("/v2/usage = %+v", du)
	}
	r = send(t, "POST", env.url+"/translate", jsonType, `{"q":"hi","source":"en","target":"es","api_key":"`+key+`"}`, nil)
	if r.status != 429 {
		t.Fatalf("libretranslate over quota: %d %s", r.status, r.body)
	}
	var u gateway.Usage
	send(t, "GET", env.url+"/v1/usage", "", "", http.Header{"Authorization": {"Bearer " + key}}).decode(t, &u)
	if u.Characters != 10 || u.CharacterLimit != 10 || u.KeyID != rec.ID {
		t.Fatalf("/v1/usage = %+v", u)
	}
	got, err := gateway.MonthlyUsage(context.Background(), env.nc, 1, rec.ID, time.Now())
	if err != nil || got != 10 {
		t.Fatalf("MonthlyUsage = %d, %v", got, err)
	}
	raw, _ := json.Marshal(u)
	t.Logf("usage: %s", raw)
}

func TestParseKeysTenant(t *testing.T) {
	k, err := gateway.ParseKeys("acme-app@acme:client:0123456789abcdef,plain:client:fedcba9876543210")
	if err != nil {
		t.Fatal(err)
	}
	if p := k.Lookup("0123456789abcdef"); p == nil || p.Name != "acme-app" || p.Tenant != "acme" || !strings.HasPrefix(p.KeyID, "env-") {
		t.Fatalf("lookup = %+v", p)
	}
	if p := k.Lookup("fedcba9876543210"); p == nil || p.Tenant != "" {
		t.Fatalf("lookup = %+v", p)
	}
	for _, bad := range []string{"@acme:client:0123456789abcdef", "x@a b:client:0123456789abcdef"} {
		if _, err := gateway.ParseKeys(bad); err == nil {
			t.Errorf("ParseKeys(%q) accepted", bad)
		}
	}
	// An '@' with nothing after it is a typo, not an operator's key.
	_, err = gateway.ParseKeys("acmeapp@:localization:0123456789abcdef")
	if err == nil || !strings.Contains(err.Error(), "tenant after '@' is empty") || strings.Contains(err.Error(), "0123456789abcdef") {
		t.Errorf("empty tenant: %v", err)
	}
}

// BenchmarkKeyLookup measures authenticating a managed key (the store's
// in-memory copy, a SHA-256 and a constant-time compare) next to a
// PARLEY_API_KEYS key.
func BenchmarkKeyLookup(b *testing.B) {
	s := natstest.RunServer(b)
	st := openStore(b, natstest.Conn(b, s))
	_, key, err := st.Create(context.Background(), gateway.KeySpec{Name: "bench", Roles: []gateway.Role{gateway.RoleClient}})
	if err != nil {
		b.Fatal(err)
	}
	env, err := gateway.ParseKeys("app:client:0123456789abcdef")
	if err != nil {
		b.Fatal(err)
	}
	keys := env.WithStore(st)
	deadline := time.Now().Add(5 * time.Second)
	for keys.Lookup(key) == nil {
		if time.Now().After(deadline) {
			b.Fatal("key never loaded")
		}
		time.Sleep(5 * time.Millisecond)
	}
	b.Run("managed", func(b *testing.B) {
		for b.Loop() {
			if keys.Lookup(key) == nil {
				b.Fatal("refused")
			}
		}
	})
	b.Run("env", func(b *testing.B) {
		for b.Loop() {
			if keys.Lookup("0123456789abcdef") == nil {
				b.Fatal("refused")
			}
		}
	})
}

// TestRotateGrace: a rotated key's old secret works for at most
// MaxRotateGrace; a longer grace (or a negative one) is refused and leaves
// the key as it was.
func TestRotateGrace(t *testing.T) {
	st := openStore(t, natstest.Conn(t, natstest.RunServer(t)))
	ctx := t.Context()
	rec, _, err := st.Create(ctx, gateway.KeySpec{Name: "app", Roles: []gateway.Role{gateway.RoleClient}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		grace time.Duration
		ok    bool
	}{
		{"negative", -time.Hour, false},
		{"none", 0, true},
		{"a day", 24 * time.Hour, true},
		{"the maximum", gateway.MaxRotateGrace, true},
		{"just over the maximum", gateway.MaxRotateGrace + time.Second, false},
		{"years", 100000 * time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, key, err := st.Rotate(ctx, rec.ID, tt.grace)
			if !tt.ok {
				if err == nil || key != "" {
					t.Fatalf("grace %v accepted: %+v", tt.grace, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("grace %v refused: %v", tt.grace, err)
			}
			if tt.grace > 0 && !got.PrevExpires.Equal(got.RotatedAt.Add(tt.grace)) {
				t.Errorf("old secret expires %v, want %v after the rotation at %v", got.PrevExpires, tt.grace, got.RotatedAt)
			}
		})
	}
}

// Audit trails name the key that acted: a live key's name is its own, and
// the services' own actor name is not for keys.
func TestKeyNames(t *testing.T) {
	st := openStore(t, natstest.Conn(t, natstest.RunServer(t)))
	ctx := t.Context()
	client := []gateway.Role{gateway.RoleClient}
	first, _, err := st.Create(ctx, gateway.KeySpec{Name: "dup", Roles: []gateway.Role{gateway.RoleModerator, gateway.RoleClient, gateway.RoleModerator}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(first.Roles, []gateway.Role{gateway.RoleClient, gateway.RoleModerator}) {
		t.Fatalf("roles stored as %v, want each once", first.Roles)
	}
	eventually(t, 5*time.Second, "the store sees its own key", func() bool { return len(st.List()) == 1 })
	// Look-alikes too: "ѕystem" with a Cyrillic ѕ, "sуstem" with a
	// Cyrillic у, "ԁup" with a Cyrillic ԁ would each show in an audit
	// trail as the name they imitate.
	for _, name := range []string{"dup", "DUP", "system", "System", "ѕystem", "sуstem", "ＳＹＳＴＥＭ", "ԁup", "DUР"} {
		if _, _, err := st.Create(ctx, gateway.KeySpec{Name: name, Roles: client}); err == nil {
			t.Errorf("key name %q accepted", name)
		}
	}
	if _, err := st.Revoke(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "the store sees the revocation", func() bool {
		return !st.List()[0].RevokedAt.IsZero()
	})
	if _, _, err := st.Create(ctx, gateway.KeySpec{Name: "dup", Roles: client}); err != nil {
		t.Fatalf("a revoked key's name is free again: %v", err)
	}
}

// TestKeyStoreRaisesReplicas: the keys bucket that `parley keys create`
// made with one replica (run without PARLEY_JS_REPLICAS, as the quick
// start shows) is raised to 3 by a gateway configured with 3 on a 3-node
// cluster, with the keys in it; losing the node that held it then no
// longer loses every key.
func TestKeyStoreRaisesReplicas(t *testing.T) {
	servers := natstest.RunCluster(t, 3)
	nc, err := nats.Connect(natstest.ClusterURL(servers))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cli, err := gateway.OpenKeyStore(ctx, nc, 1, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	_, key, err := cli.Create(ctx, gateway.KeySpec{Name: "ops", Roles: []gateway.Role{gateway.RoleClient}})
	if err != nil {
		t.Fatal(err)
	}
	_ = cli.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	replicas := func() int {
		st, err := js.Stream(ctx, "KV_"+gateway.KeysBucket)
		if err != nil {
			t.Fatal(err)
		}
		return st.CachedInfo().Config.Replicas
	}
	if r := replicas(); r != 1 {
		t.Fatalf("the command created the bucket with %d replicas, want 1", r)
	}
	gw, err := gateway.OpenKeyStore(ctx, nc, 3, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = gw.Close() })
	if r := replicas(); r != 3 {
		t.Fatalf("a gateway with PARLEY_JS_REPLICAS=3 left the keys bucket at %d replicas", r)
	}
	eventually(t, 5*time.Second, "the key in the raised bucket", func() bool { return gw.Lookup(key) != nil })
}
