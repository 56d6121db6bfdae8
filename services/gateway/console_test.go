package gateway_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestConsoleMounted signs in to the console through the gateway with a
// configured API key and checks that the gateway's own middleware leaves
// the console's HTML, cookies and CSRF refusals alone.
func TestConsoleMounted(t *testing.T) {
	base := glossaryGateway(t)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(method, path string, form url.Values) (*http.Response, string) {
		t.Helper()
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequest(method, base+path, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	token := regexp.MustCompile(`name="csrf" value="([^"]+)"`)

	res, body := do("GET", "/console/login", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || res.Header.Get("X-Request-Id") == "" {
		t.Fatalf("login page: %d %v", res.StatusCode, res.Header)
	}
	if !strings.Contains(res.Header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Fatalf("CSP %q", res.Header.Get("Content-Security-Policy"))
	}
	m := token.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no token: %s", body)
	}
	res, _ = do("POST", "/console/login", url.Values{"csrf": {m[1]}, "key": {l10nKey}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	res, body = do("GET", "/console/glossaries", nil)
	if res.StatusCode != 200 || !strings.Contains(body, "lena") {
		t.Fatalf("glossaries: %d %s", res.StatusCode, body)
	}
	res, body = do("POST", "/console/logout", url.Values{"csrf": {"forged"}})
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "CSRF") || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("forged logout: %d %s", res.StatusCode, body)
	}
	res, _ = do("GET", "/console", nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/console/" {
		t.Fatalf("/console: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	res, body = do("GET", "/openapi.json", nil)
	if res.StatusCode != 200 || strings.Contains(body, `"/console`) {
		t.Fatalf("the console is in the API document: %d", res.StatusCode)
	}
}

// consoleEnv is a gateway with managed keys and a browser for its console.
type consoleEnv struct {
	t     *testing.T
	url   string
	store *gateway.KeyStore
}

func newConsoleEnv(t *testing.T) *consoleEnv {
	t.Helper()
	s := natstest.RunServer(t)
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Timeout: 20 * time.Second}, natstest.Conn(t, s), reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	st, err := gateway.OpenKeyStore(t.Context(), natstest.Conn(t, s), 1, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return &consoleEnv{t: t, url: ts.URL, store: st}
}

// browser is a cookie jar that does not follow redirects.
type browser struct {
	env *consoleEnv
	c   *http.Client
}

func (e *consoleEnv) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{env: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) get(path string) (*http.Response, string) {
	b.env.t.Helper()
	res, err := b.c.Get(b.env.url + path)
	if err != nil {
		b.env.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

var consoleToken = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// post sends form with the CSRF token of page (a path read first).
func (b *browser) post(page, path string, form url.Values) (*http.Response, string) {
	b.env.t.Helper()
	_, body := b.get(page)
	m := consoleToken.FindStringSubmatch(body)
	if m == nil {
		b.env.t.Fatalf("no token on %s: %s", page, body)
	}
	form.Set("csrf", m[1])
	res, err := b.c.PostForm(b.env.url+path, form)
	if err != nil {
		b.env.t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res, string(out)
}

// signIn signs in with key, waiting for the gateway to learn of a new
// key through its KV watch, and returns the last status. Until it has, a
// sign-in is an unknown key's: 401, and 429 once the polls have spent
// the failed sign-ins' burst (20), which a slow watch can take.
func (b *browser) signIn(key string, want int) {
	b.env.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, body := b.post("/console/login", "/console/login", url.Values{"key": {key}})
		if res.StatusCode == want {
			return
		}
		unknown := res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusTooManyRequests
		if !unknown || time.Now().After(deadline) {
			b.env.t.Fatalf("sign-in: %d, want %d: %.300s", res.StatusCode, want, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// signedIn reports whether the session opens the console: a moderator's
// home page sends it on to the queue (the pages themselves need services
// these tests do not run).
func (b *browser) signedIn() bool {
	b.env.t.Helper()
	res, _ := b.get("/console/")
	return res.StatusCode == http.StatusSeeOther && res.Header.Get("Location") == "/console/moderation"
}

// signedOut waits until the session's next request is sent to sign in.
func (b *browser) signedOut(within time.Duration) bool {
	b.env.t.Helper()
	deadline := time.Now().Add(within)
	for {
		res, _ := b.get("/console/")
		if res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/console/login") {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestConsoleSessionEndsWithItsKey signs in with a managed key, revokes
// the key, and expects the session to end at the next request.
func TestConsoleSessionEndsWithItsKey(t *testing.T) {
	env := newConsoleEnv(t)
	rec, key, err := env.store.Create(t.Context(), gateway.KeySpec{Name: "temp", Roles: []gateway.Role{gateway.RoleModerator}})
	if err != nil {
		t.Fatal(err)
	}
	b := env.browser()
	b.signIn(key, http.StatusSeeOther)
	if !b.signedIn() {
		t.Fatal("not signed in")
	}
	if _, err := env.store.Revoke(t.Context(), rec.ID); err != nil {
		t.Fatal(err)
	}
	if !b.signedOut(10 * time.Second) {
		t.Fatal("the session of a revoked key still works")
	}
}

// TestConsoleSessionEndsWithRotation rotates the key a session signed in
// with: without a grace period the session ends at once, as the old
// secret stops working on the API; with one it lives until the grace
// ends. A session opened with the new secret goes on.
func TestConsoleSessionEndsWithRotation(t *testing.T) {
	env := newConsoleEnv(t)
	rec, oldKey, err := env.store.Create(t.Context(), gateway.KeySpec{Name: "rotme", Roles: []gateway.Role{gateway.RoleModerator}})
	if err != nil {
		t.Fatal(err)
	}
	old := env.browser()
	old.signIn(oldKey, http.StatusSeeOther)

	t.Run("no grace", func(t *testing.T) {
		_, newKey, err := env.store.Rotate(t.Context(), rec.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !old.signedOut(10 * time.Second) {
			t.Fatal("the session of a rotated-out secret still works")
		}
		oldKey = newKey
	})
	t.Run("grace", func(t *testing.T) {
		b := env.browser()
		b.signIn(oldKey, http.StatusSeeOther)
		// Room for the new key's sign-in (a watch and a few requests)
		// before the check below that the old session still works: with
		// 1.5 s a loaded machine could spend the grace on it.
		const grace = 5 * time.Second
		_, newKey, err := env.store.Rotate(t.Context(), rec.ID, grace)
		if err != nil {
			t.Fatal(err)
		}
		fresh := env.browser()
		fresh.signIn(newKey, http.StatusSeeOther)
		// The gateway sees the rotation within the watch latency; during
		// the grace the old secret, and its session, still work.
		time.Sleep(100 * time.Millisecond)
		if !b.signedIn() {
			t.Fatal("the session ended during the grace period")
		}
		if !b.signedOut(grace + 10*time.Second) {
			t.Fatal("the session outlived the grace period of its secret")
		}
		if !fresh.signedIn() {
			t.Fatal("the new secret's session ended")
		}
	})
}

// TestConsoleKeyLimits checks the console against a key's rate limit and
// roles: a client key cannot sign in, and sign-ins and pages spend the
// key's token bucket, as its API calls do, with a 429 page past it.
func TestConsoleKeyLimits(t *testing.T) {
	env := newConsoleEnv(t)
	_, app, err := env.store.Create(t.Context(), gateway.KeySpec{Name: "app", Roles: []gateway.Role{gateway.RoleClient}})
	if err != nil {
		t.Fatal(err)
	}
	env.browser().signIn(app, http.StatusForbidden)

	_, mod, err := env.store.Create(t.Context(), gateway.KeySpec{Name: "slow-mod", Roles: []gateway.Role{gateway.RoleModerator},
		Limits: gateway.KeyLimits{Rate: 0.01, Burst: 3}})
	if err != nil {
		t.Fatal(err)
	}
	b := env.browser()
	b.signIn(mod, http.StatusSeeOther) // 1
	codes := []int{}
	var last *http.Response
	var body string
	for range 4 {
		last, body = b.get("/console/")
		codes = append(codes, last.StatusCode)
	}
	if codes[0] != http.StatusSeeOther || codes[1] != http.StatusSeeOther || codes[2] != http.StatusTooManyRequests || codes[3] != http.StatusTooManyRequests {
		t.Fatalf("pages: %v, want 303 303 429 429", codes)
	}
	if last.Header.Get("Retry-After") == "" || !strings.HasPrefix(last.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "rate limit") {
		t.Fatalf("429 page: %v %.300s", last.Header, body)
	}
	// Signing in again spends the same bucket.
	res, _ := env.browser().post("/console/login", "/console/login", url.Values{"key": {mod}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sign-in over the limit: %d", res.StatusCode)
	}
	// So does the API: the console is no way around the limit.
	req, _ := http.NewRequest("GET", env.url+"/v1/usage", nil)
	req.Header.Set("Authorization", "Bearer "+mod)
	api, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	api.Body.Close()
	if api.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("API after the console spent the bucket: %d", api.StatusCode)
	}
}
