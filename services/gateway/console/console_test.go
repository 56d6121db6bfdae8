package console_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"golang.org/x/net/html"

	"github.com/parley-chat/parley/services/gateway/console"
	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

const (
	l10nKey   = "l10n-key-0123456789"
	modKey    = "mod-key-0123456789"
	clientKey = "client-key-0123456789"
	rivalKey  = "rival-key-0123456789"
	// xss is a message that must only ever show as text.
	xss = `<img src=x onerror=alert(1)>`
)

var principals = map[string]console.Principal{
	l10nKey:   {Name: "lena", Roles: []string{console.RoleLocalization}},
	modKey:    {Name: "mo", Roles: []string{console.RoleModerator}},
	clientKey: {Name: "app", Roles: []string{"client"}},
	rivalKey:  {Name: "rival", Roles: []string{console.RoleModerator}},
}

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is a console on the real glossary service (JetStream store on an
// embedded server) with a glossary "demo" (en, es, de) to work on.
type fixture struct {
	url   string
	gl    client.Glossary
	mod   client.Moderation
	clock *clock
	nats  *server.Server
}

// startGlossary runs the real glossary service (no git sync) on s until
// the test ends.
func startGlossary(t *testing.T, s *server.Server) {
	t.Helper()
	stop, err := glossary.Start(context.Background(), svcmain.Deps{
		NC:  natstest.Conn(t, s),
		Env: config.NewReader(config.Map(map[string]string{"GLOSSARY_SYNC": "false"})),
		Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixtureWith(t)
}

// newFixtureWith is newFixture with the console's Config changed by opts.
func newFixtureWith(t *testing.T, opts ...func(*console.Config)) *fixture {
	t.Helper()
	s := natstest.RunServer(t)
	startGlossary(t, s)
	stopMod, err := moderation.Start(context.Background(), svcmain.Deps{
		NC:  natstest.Conn(t, s),
		Env: config.NewReader(config.Map(map[string]string{})),
		Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stopMod() })
	gl := client.Glossary{NC: natstest.Conn(t, s)}
	mod := client.Moderation{NC: natstest.Conn(t, s)}
	ctx := t.Context()
	_, err = gl.Create(ctx, api.GlossaryCreateRequest{Author: "setup", Glossary: api.Glossary{
		ID: "demo", Name: "Demo terms", Languages: []string{"en", "es", "de"}, Scope: api.GlossaryScope{Kind: api.ScopeGlobal},
		Entries: []api.GlossaryEntry{
			{ID: "workspace", Terms: []api.GlossaryTerm{{Language: "en", Text: "workspace"}, {Language: "es", Text: "espacio de trabajo"}, {Language: "de", Text: "Arbeitsbereich"}}},
			{ID: "channel", Terms: []api.GlossaryTerm{{Language: "en", Text: "channel"}, {Language: "es", Text: "canal"}}},
			{ID: "evil", Terms: []api.GlossaryTerm{{Language: "en", Text: "evil term"}, {Language: "es", Text: xss}}, Note: xss},
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)}
	cfg := console.Config{
		Authenticate: func(key string) (console.Principal, bool) { p, ok := principals[key]; return p, ok },
		Glossary:     gl,
		Moderation:   mod,
		Now:          clk.now,
		IdleTimeout:  30 * time.Minute,
	}
	for _, o := range opts {
		o(&cfg)
	}
	con := console.New(cfg)
	// Served as the gateway serves it: its middleware hands the console a
	// copy of the request (Request.WithContext), whose uploads Go's server
	// does not remove.
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		con.ServeHTTP(w, r.WithContext(r.Context()))
	}))
	t.Cleanup(ts.Close)
	return &fixture{url: ts.URL, gl: gl, mod: mod, clock: clk, nats: s}
}

// user is a browser: a cookie jar and no automatic redirects.
type user struct {
	t    *testing.T
	base string
	c    *http.Client
	// csrf is the token of the last page read.
	csrf string
	// seen is what the last case page read says of its case (its forms'
	// revision and status), as a browser posts it back.
	seen url.Values
}

type page struct {
	status int
	header http.Header
	body   string
}

var (
	csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	seenField = regexp.MustCompile(`<input type="hidden" name="revision" value="([0-9]+)"><input type="hidden" name="status" value="([a-z]+)">`)
)

func (f *fixture) user(t *testing.T) *user {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &user{t: t, base: f.url, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (u *user) do(req *http.Request) page {
	u.t.Helper()
	res, err := u.c.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	p := page{status: res.StatusCode, header: res.Header, body: string(b)}
	if m := csrfField.FindStringSubmatch(p.body); m != nil {
		u.csrf = m[1]
	}
	if m := seenField.FindStringSubmatch(p.body); m != nil {
		u.seen = url.Values{"revision": {m[1]}, "status": {m[2]}}
	}
	return p
}

func (u *user) get(path string) page {
	u.t.Helper()
	req, _ := http.NewRequest("GET", u.base+path, nil)
	return u.do(req)
}

// post sends a form; the CSRF token of the last page is added unless the
// form names one, and so are the revision and status of the case the last
// case page showed.
func (u *user) post(path string, form url.Values) page {
	u.t.Helper()
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", u.csrf)
	}
	for k, v := range u.seen {
		if _, ok := form[k]; !ok {
			form[k] = v
		}
	}
	req, _ := http.NewRequest("POST", u.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return u.do(req)
}

// signIn signs in with key and returns the redirect target.
func (u *user) signIn(key string) string {
	u.t.Helper()
	u.get("/console/login")
	p := u.post("/console/login", url.Values{"key": {key}})
	if p.status != http.StatusSeeOther {
		u.t.Fatalf("sign-in with %q: status %d: %s", key, p.status, p.body)
	}
	return p.header.Get("Location")
}

func TestSignInAndOut(t *testing.T) {
	f := newFixture(t)
	u := f.user(t)

	p := u.get("/console/glossaries/demo")
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/console/login?next="+url.QueryEscape("/console/glossaries/demo") {
		t.Fatalf("anonymous page: %d %q", p.status, p.header.Get("Location"))
	}

	t.Run("wrong key", func(t *testing.T) {
		u.get("/console/login")
		p := u.post("/console/login", url.Values{"key": {"not-a-key-0123456789"}})
		if p.status != http.StatusUnauthorized || !strings.Contains(p.body, "That key is not valid") {
			t.Fatalf("status %d: %s", p.status, p.body)
		}
	})
	t.Run("sign-in form without its token", func(t *testing.T) {
		u.get("/console/login")
		p := u.post("/console/login", url.Values{"key": {l10nKey}, "csrf": {"forged"}})
		if p.status != http.StatusForbidden || !strings.Contains(p.body, "CSRF") {
			t.Fatalf("status %d: %s", p.status, p.body)
		}
	})

	u.get("/console/login?next=" + url.QueryEscape("/console/glossaries/demo"))
	p = u.post("/console/login", url.Values{"key": {l10nKey}, "next": {"/console/glossaries/demo"}})
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/console/glossaries/demo" {
		t.Fatalf("sign-in: %d %q", p.status, p.header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range (&http.Response{Header: p.header}).Cookies() {
		if ck.Name == "parley_console" && ck.MaxAge > 0 {
			session = ck
		}
	}
	if session == nil {
		t.Fatalf("no session cookie: %v", p.header["Set-Cookie"])
	}
	if !session.HttpOnly || session.SameSite != http.SameSiteStrictMode || session.Secure || session.Path != "/console" || len(session.Value) < 40 {
		t.Fatalf("session cookie %+v", session)
	}
	if strings.Contains(session.Value, l10nKey) {
		t.Fatal("the cookie carries the key")
	}
	if p := u.get("/console/glossaries/demo"); p.status != 200 || !strings.Contains(p.body, "lena") {
		t.Fatalf("signed-in page: %d", p.status)
	}
	if p := u.post("/console/logout", url.Values{}); p.status != http.StatusSeeOther {
		t.Fatalf("logout: %d %s", p.status, p.body)
	}
	// The server forgot the session: replaying the old cookie does not work.
	replay := f.user(t)
	ck := *session
	replay.c.Jar.SetCookies(mustURL(t, f.url+"/console/"), []*http.Cookie{&ck})
	if p := replay.get("/console/glossaries"); p.status != http.StatusSeeOther {
		t.Fatalf("old session still valid after logout: %d", p.status)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSecureCookieBehindTLS(t *testing.T) {
	f := newFixture(t)
	u := f.user(t)
	u.get("/console/login")
	req, _ := http.NewRequest("POST", f.url+"/console/login", strings.NewReader(url.Values{"key": {l10nKey}, "csrf": {u.csrf}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-Proto", "https")
	p := u.do(req)
	if p.status != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", p.status)
	}
	for _, ck := range (&http.Response{Header: p.header}).Cookies() {
		if ck.Name == "parley_console" && !ck.Secure {
			t.Fatalf("cookie not Secure behind TLS: %+v", ck)
		}
	}
}

func TestSessionIdleTimeout(t *testing.T) {
	f := newFixture(t)
	u := f.user(t)
	u.signIn(l10nKey)
	f.clock.add(20 * time.Minute)
	if p := u.get("/console/glossaries"); p.status != 200 {
		t.Fatalf("active session: %d", p.status)
	}
	f.clock.add(31 * time.Minute)
	if p := u.get("/console/glossaries"); p.status != http.StatusSeeOther {
		t.Fatalf("idle session still valid: %d", p.status)
	}
}

func TestCSRF(t *testing.T) {
	f := newFixture(t)
	lena := f.user(t)
	lena.signIn(l10nKey)
	lena.get("/console/glossaries/demo/entries/channel")
	form := func() url.Values {
		return url.Values{"term_lang": {"en", "es"}, "term_text": {"channel", "canal de chat"}, "term_forbidden": {"", ""}, "whole_word": {"on"}}
	}
	other := f.user(t)
	other.signIn(l10nKey)
	other.get("/console/glossaries")

	for _, tc := range []struct {
		name  string
		token string
	}{
		{"no token", ""},
		{"wrong token", "AAAA"},
		{"another session's token", other.csrf},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := form()
			v.Set("csrf", tc.token)
			p := lena.post("/console/glossaries/demo/entries/channel", v)
			if p.status != http.StatusForbidden || !strings.Contains(p.body, "CSRF") || !strings.Contains(p.header.Get("Content-Type"), "text/html") {
				t.Fatalf("status %d: %s", p.status, p.body)
			}
		})
	}
	t.Run("cross-site request with the right token", func(t *testing.T) {
		lena.get("/console/glossaries/demo/entries/channel")
		v := form()
		v.Set("csrf", lena.csrf)
		req, _ := http.NewRequest("POST", f.url+"/console/glossaries/demo/entries/channel", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if p := lena.do(req); p.status != http.StatusForbidden {
			t.Fatalf("status %d", p.status)
		}
	})
	t.Run("form over the limit", func(t *testing.T) {
		lena.get("/console/glossaries/demo/entries/channel")
		v := form()
		v.Set("csrf", lena.csrf)
		v.Set("note", strings.Repeat("x", 1<<20)) // maxFormBytes
		p := lena.post("/console/glossaries/demo/entries/channel", v)
		if p.status != http.StatusRequestEntityTooLarge || !strings.Contains(p.header.Get("Content-Type"), "text/html") {
			t.Fatalf("status %d: %.300s", p.status, p.body)
		}
	})
	e, err := f.gl.Entry(t.Context(), api.GlossaryEntryRequest{ID: "demo", Entry: "channel"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Entry.Terms[1].Text != "canal" || e.Version != 1 {
		t.Fatalf("a refused form changed the glossary: %+v", e)
	}
}

func TestSecurityHeadersAndNoInlineScript(t *testing.T) {
	f := newFixture(t)
	u := f.user(t)
	u.signIn(l10nKey)
	for _, path := range []string{
		"/console/login", "/console/glossaries", "/console/glossaries/demo", "/console/glossaries/demo/entries/evil",
		"/console/glossaries/demo/entries/new", "/console/glossaries/demo/import", "/console/glossaries/demo/versions",
		"/console/glossaries/demo/diff?from=0&to=1", "/console/nowhere",
	} {
		t.Run(path, func(t *testing.T) {
			p := u.get(path)
			csp := p.header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe") {
				t.Fatalf("CSP %q", csp)
			}
			if p.header.Get("X-Frame-Options") != "DENY" || p.header.Get("Cache-Control") != "no-store" {
				t.Fatalf("headers %v", p.header)
			}
			if m := inlineCode(p.body); m != "" {
				t.Fatalf("inline script or style %q in %s", m, path)
			}
		})
	}
	p := u.get("/console/static/console.js")
	if p.status != 200 || !strings.Contains(p.header.Get("Content-Type"), "javascript") || !strings.Contains(p.body, "keydown") {
		t.Fatalf("static js: %d %s", p.status, p.header.Get("Content-Type"))
	}
	// No directory listing, and a missing file is the console's own 404.
	for _, path := range []string{"/console/static/", "/console/static", "/console/static/nope.js", "/console/static/console.css/"} {
		p := u.get(path)
		if p.status != 404 || !strings.HasPrefix(p.header.Get("Content-Type"), "text/html") || strings.Contains(p.body, "console.css") && strings.Contains(p.body, "<pre>") {
			t.Fatalf("%s: %d %s %.200s", path, p.status, p.header.Get("Content-Type"), p.body)
		}
	}
}

// inlineCode returns the first inline script, event handler attribute or
// inline style of a page (which the CSP would block), or "".
func inlineCode(body string) string {
	z := html.NewTokenizer(strings.NewReader(body))
	inScript := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.TextToken:
			if inScript && strings.TrimSpace(string(z.Text())) != "" {
				return "inline script: " + string(z.Text())
			}
		case html.EndTagToken:
			inScript = false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "style" {
				return "<style> element"
			}
			hasSrc := false
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
					return tok.String()
				}
				if a.Key == "src" {
					hasSrc = true
				}
				if (a.Key == "href" || a.Key == "action" || a.Key == "src") && strings.HasPrefix(strings.ToLower(a.Val), "javascript:") {
					return tok.String()
				}
			}
			if tok.Data == "script" {
				if !hasSrc {
					return tok.String()
				}
				inScript = true
			}
		}
	}
}

func TestEscaping(t *testing.T) {
	f := newFixture(t)
	u := f.user(t)
	u.signIn(l10nKey)
	for _, path := range []string{"/console/glossaries/demo", "/console/glossaries/demo/entries/evil", "/console/glossaries/demo?q=" + url.QueryEscape(xss)} {
		p := u.get(path)
		if p.status != 200 {
			t.Fatalf("%s: %d", path, p.status)
		}
		if strings.Contains(p.body, "<img") {
			t.Fatalf("%s: markup from data reached the page", path)
		}
		if !strings.Contains(p.body, "&lt;img src=x onerror=alert(1)&gt;") {
			t.Fatalf("%s: the term is not shown as text", path)
		}
	}
}

func TestRoles(t *testing.T) {
	f := newFixture(t)
	mod := f.user(t)
	if to := mod.signIn(modKey); to != "/console/" {
		t.Fatalf("redirect %q", to)
	}
	if p := mod.get("/console/glossaries/demo/entries/channel"); p.status != 200 || strings.Contains(p.body, `id="save-entry"`) {
		t.Fatalf("moderator reads the entry without a save button: %d", p.status)
	}
	p := mod.post("/console/glossaries/demo/entries/channel", url.Values{"term_lang": {"en"}, "term_text": {"x"}})
	if p.status != http.StatusForbidden || !strings.Contains(p.body, "roles") {
		t.Fatalf("moderator write: %d %s", p.status, p.body)
	}
	if p := mod.get("/console/glossaries/demo/import"); p.status != http.StatusForbidden {
		t.Fatalf("moderator import form: %d", p.status)
	}

	// A key that opens no console page cannot sign in (its sessions
	// would only take room in the store).
	app := f.user(t)
	app.get("/console/login")
	p = app.post("/console/login", url.Values{"key": {clientKey}})
	if p.status != http.StatusForbidden || !strings.Contains(p.body, "open no console page") ||
		!strings.Contains(p.body, `name="csrf"`) || sessionCookieSet(p.header) {
		t.Fatalf("client sign-in: %d %v %s", p.status, p.header["Set-Cookie"], p.body)
	}
	if p := app.get("/console/glossaries"); p.status != http.StatusSeeOther {
		t.Fatalf("client glossaries: %d", p.status)
	}
}

// sessionCookieSet reports whether a response starts a session.
func sessionCookieSet(h http.Header) bool {
	for _, ck := range (&http.Response{Header: h}).Cookies() {
		if ck.Name == "parley_console" && ck.MaxAge > 0 {
			return true
		}
	}
	return false
}

func TestEditEntry(t *testing.T) {
	f := newFixture(t)
	u := f.user(t)
	if to := u.signIn(l10nKey); to != "/console/" {
		t.Fatalf("redirect %q", to)
	}
	if p := u.get("/console/"); p.status != http.StatusSeeOther || p.header.Get("Location") != "/console/glossaries" {
		t.Fatalf("home: %d %q", p.status, p.header.Get("Location"))
	}
	p := u.get("/console/glossaries?q=demo")
	if !strings.Contains(p.body, `href="/console/glossaries/demo"`) {
		t.Fatalf("list: %s", p.body)
	}
	if p := u.get("/console/glossaries?q=nothing-like-this"); strings.Contains(p.body, `href="/console/glossaries/demo"`) {
		t.Fatal("search does not filter")
	}
	p = u.get("/console/glossaries/demo?q=canal")
	if !strings.Contains(p.body, "/entries/channel") || strings.Contains(p.body, "/entries/workspace") {
		t.Fatalf("entry search: %s", p.body)
	}
	u.get("/console/glossaries/demo/entries/channel")
	p = u.post("/console/glossaries/demo/entries/channel", url.Values{
		"base_version": {"1"}, "term_lang": {"en", "es", "de", ""}, "term_text": {"channel", "canal de chat", "Kanal", ""},
		"term_forbidden": {"", "chanel\nkanal", "", ""}, "whole_word": {"on"}, "inflection": {"stem"}, "message": {"better Spanish"},
	})
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/console/glossaries/demo/entries/channel?saved=2" {
		t.Fatalf("save: %d %q %s", p.status, p.header.Get("Location"), p.body)
	}
	if p := u.get(p.header.Get("Location")); !strings.Contains(p.body, "Saved as version 2") {
		t.Fatalf("no confirmation: %s", p.body)
	}
	e, err := f.gl.Entry(t.Context(), api.GlossaryEntryRequest{ID: "demo", Entry: "channel"})
	if err != nil {
		t.Fatal(err)
	}
	want := []api.GlossaryTerm{{Language: "en", Text: "channel"}, {Language: "es", Text: "canal de chat", Forbidden: []string{"chanel", "kanal"}}, {Language: "de", Text: "Kanal"}}
	if e.Version != 2 || e.Entry.Inflection != api.InflectionStem || len(e.Entry.Terms) != 3 {
		t.Fatalf("entry %+v", e)
	}
	for i, w := range want {
		got := e.Entry.Terms[i]
		if got.Language != w.Language || got.Text != w.Text || strings.Join(got.Forbidden, "|") != strings.Join(w.Forbidden, "|") {
			t.Fatalf("term %d = %+v, want %+v", i, got, w)
		}
	}
	vs, err := f.gl.Versions(t.Context(), api.GlossaryVersionsRequest{ID: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	if vs.Versions[0].Author != "lena" || vs.Versions[0].Message != "better Spanish" {
		t.Fatalf("version %+v", vs.Versions[0])
	}

	t.Run("stale form is a conflict", func(t *testing.T) {
		p := u.post("/console/glossaries/demo/entries/channel", url.Values{
			"base_version": {"1"}, "term_lang": {"en"}, "term_text": {"channel"},
		})
		if p.status != http.StatusConflict || !strings.Contains(p.body, "changed since") {
			t.Fatalf("status %d: %s", p.status, p.body)
		}
	})
	t.Run("new entry", func(t *testing.T) {
		u.get("/console/glossaries/demo/entries/new")
		p := u.post("/console/glossaries/demo/entries", url.Values{
			"entry_id": {"thread"}, "term_lang": {"en", "es"}, "term_text": {"thread", "hilo"}, "whole_word": {"on"},
		})
		if p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/console/glossaries/demo/entries/thread?saved=") {
			t.Fatalf("create: %d %q %s", p.status, p.header.Get("Location"), p.body)
		}
	})
	t.Run("delete an entry", func(t *testing.T) {
		u.get("/console/glossaries/demo/entries/thread")
		p := u.post("/console/glossaries/demo/entries/thread/delete", url.Values{"base_version": {"3"}})
		if p.status != http.StatusSeeOther || p.header.Get("Location") != "/console/glossaries/demo?saved=4" {
			t.Fatalf("delete: %d %q %s", p.status, p.header.Get("Location"), p.body)
		}
		if _, err := f.gl.Entry(t.Context(), api.GlossaryEntryRequest{ID: "demo", Entry: "thread"}); api.ErrorCode(err) != api.CodeNotFound {
			t.Fatalf("deleted entry: %v", err)
		}
	})
	t.Run("versions, diff and rollback", func(t *testing.T) {
		p := u.get("/console/glossaries/demo/versions")
		if !strings.Contains(p.body, "better Spanish") || !strings.Contains(p.body, "Roll back to 1") {
			t.Fatalf("versions: %s", p.body)
		}
		p = u.get("/console/glossaries/demo/diff?from=1&to=2")
		if p.status != 200 || !strings.Contains(p.body, "canal de chat") || !strings.Contains(p.body, `class="del" dir="ltr" lang="es">canal<`) {
			t.Fatalf("diff: %s", p.body)
		}
		p = u.post("/console/glossaries/demo/rollback", url.Values{"version": {"1"}, "base_version": {"4"}})
		if p.status != http.StatusSeeOther || p.header.Get("Location") != "/console/glossaries/demo/versions?rolled_back=5" {
			t.Fatalf("rollback: %d %q %s", p.status, p.header.Get("Location"), p.body)
		}
		e, err := f.gl.Entry(t.Context(), api.GlossaryEntryRequest{ID: "demo", Entry: "channel"})
		if err != nil || e.Entry.Terms[1].Text != "canal" {
			t.Fatalf("after rollback: %+v %v", e, err)
		}
	})
}

// upload posts a multipart import form.
func (u *user) upload(path, name, content string, fields map[string]string) page {
	u.t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	_ = w.WriteField("csrf", u.csrf)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", name)
	_, _ = fw.Write([]byte(content))
	_ = w.Close()
	req, _ := http.NewRequest("POST", u.base+path, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return u.do(req)
}

func TestImportAndExport(t *testing.T) {
	f := newFixture(t)
	u := f.user(t)
	u.signIn(l10nKey)
	u.get("/console/glossaries/demo/import")
	const file = "en,es\nmessage,mensaje\nreply,respuesta\n"
	p := u.upload("/console/glossaries/demo/import", "more.csv", file, map[string]string{"dry_run": "on", "mode": "merge"})
	if p.status != 200 || !strings.Contains(p.body, "Dry run: nothing was written") || !strings.Contains(p.body, "2 added") {
		t.Fatalf("dry run: %d %s", p.status, p.body)
	}
	if info, _ := f.gl.Get(t.Context(), api.GlossaryGetRequest{ID: "demo"}); info.Version != 1 {
		t.Fatalf("dry run wrote version %d", info.Version)
	}
	p = u.upload("/console/glossaries/demo/import", "bad.csv", "en,xx-!!\nmessage,\n", map[string]string{"dry_run": "on"})
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "bad_language") {
		t.Fatalf("invalid file: %d %s", p.status, p.body)
	}
	// Fields beside the file are held to the form limit (they would not
	// fit in the NATS message to the glossary service).
	p = u.upload("/console/glossaries/demo/import", "more.csv", file, map[string]string{"dry_run": "on", "message": strings.Repeat("m", 1100000)})
	if p.status != http.StatusRequestEntityTooLarge || !strings.Contains(p.header.Get("Content-Type"), "text/html") {
		t.Fatalf("oversized fields: %d %.300s", p.status, p.body)
	}
	// An applied import goes to the glossary (reloading does not upload
	// again), which says what was saved.
	p = u.upload("/console/glossaries/demo/import", "more.csv", file, map[string]string{"mode": "merge", "message": "import"})
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/console/glossaries/demo?saved=2" {
		t.Fatalf("import: %d %q %s", p.status, p.header.Get("Location"), p.body)
	}
	if p = u.get(p.header.Get("Location")); !strings.Contains(p.body, "Saved as version 2.") || !strings.Contains(p.body, "respuesta") {
		t.Fatalf("glossary after the import: %d %s", p.status, p.body)
	}
	// An import with warnings shows its report instead: they are news.
	p = u.upload("/console/glossaries/demo/import", "more.csv", "en,es,part_of_speech\nmessage,mensaje,thingy\n", map[string]string{"mode": "merge"})
	if p.status != 200 || !strings.Contains(p.body, `id="import-report"`) || !strings.Contains(p.body, "warning") {
		t.Fatalf("import with warnings: %d %s", p.status, p.body)
	}
	t.Run("upload without token", func(t *testing.T) {
		u.csrf = "stale"
		if p := u.upload("/console/glossaries/demo/import", "more.csv", file, nil); p.status != http.StatusForbidden {
			t.Fatalf("status %d", p.status)
		}
	})

	t.Run("import into a new glossary", func(t *testing.T) {
		// A taken id is answered before the upload.
		if p := u.get("/console/glossaries?new=demo"); p.status != http.StatusConflict || !strings.Contains(p.body, "already exists") {
			t.Fatalf("new with a taken id: %d %s", p.status, p.body)
		}
		p := u.get("/console/glossaries?new=fresh")
		if p.status != http.StatusSeeOther || p.header.Get("Location") != "/console/glossaries/fresh/import?create=1" {
			t.Fatalf("new: %d %q", p.status, p.header.Get("Location"))
		}
		if p = u.get(p.header.Get("Location")); !strings.Contains(p.body, "Create fresh by importing") || !strings.Contains(p.body, `name="create" value="1"`) {
			t.Fatalf("create page: %d %s", p.status, p.body)
		}
		p = u.upload("/console/glossaries/fresh/import", "fresh.csv", file, map[string]string{"glossary_mode": "one-way", "create": "1", "dry_run": "on"})
		if p.status != 200 || !strings.Contains(p.body, "2 added") || !strings.Contains(p.body, `name="create" value="1"`) {
			t.Fatalf("dry run of a create: %d %s", p.status, p.body)
		}
		p = u.upload("/console/glossaries/fresh/import", "fresh.csv", file, map[string]string{"glossary_mode": "one-way", "create": "1"})
		if p.status != http.StatusSeeOther || p.header.Get("Location") != "/console/glossaries/fresh?saved=1" {
			t.Fatalf("import: %d %q %s", p.status, p.header.Get("Location"), p.body)
		}
		// The same create again (a reload, or a second tab) does not land
		// in the glossary the first made.
		for _, dry := range []string{"on", ""} {
			p = u.upload("/console/glossaries/fresh/import", "other.csv", "en,es\nhello,hola\n", map[string]string{"create": "1", "dry_run": dry})
			if p.status != http.StatusConflict || !strings.Contains(p.body, "already exists") {
				t.Fatalf("create of a taken id (dry run %q): %d %s", dry, p.status, p.body)
			}
		}
		info, err := f.gl.Get(t.Context(), api.GlossaryGetRequest{ID: "fresh"})
		if err != nil || info.Entries != 2 || info.Mode != api.GlossaryOneWay {
			t.Fatalf("new glossary %+v %v", info, err)
		}
	})

	p = u.get("/console/glossaries/demo/export?format=csv")
	if p.status != 200 || !strings.HasPrefix(p.header.Get("Content-Disposition"), "attachment") || !strings.Contains(p.body, "respuesta") {
		t.Fatalf("export: %d %v %s", p.status, p.header, p.body)
	}
}
