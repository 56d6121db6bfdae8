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

// TestConsoleSessionEndsWithItsKey signs in with a managed key, revokes
// the key, and expects the session to end at the next request.
func TestConsoleSessionEndsWithItsKey(t *testing.T) {
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
	rec, key, err := st.Create(t.Context(), gateway.KeySpec{Name: "temp", Roles: []gateway.Role{gateway.RoleClient}})
	if err != nil {
		t.Fatal(err)
	}

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (*http.Response, string) {
		t.Helper()
		res, err := c.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	// The gateway learns of the new key through its KV watch.
	var res *http.Response
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := get("/console/login")
		m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no token: %s", body)
		}
		res, err = c.PostForm(ts.URL+"/console/login", url.Values{"csrf": {m[1]}, "key": {key}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusSeeOther || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in with a managed key: %d", res.StatusCode)
	}
	if res, body := get("/console/"); res.StatusCode != 200 || !strings.Contains(body, "temp") {
		t.Fatalf("home: %d", res.StatusCode)
	}
	if _, err := st.Revoke(t.Context(), rec.ID); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(10 * time.Second)
	for {
		res, _ := get("/console/")
		if res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/console/login") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the session of a revoked key still works: %d", res.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
