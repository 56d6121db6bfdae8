package console_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway/console"
	"github.com/parley-chat/parley/shared/api"
)

// forgedSignIn signs in as a script does: the login CSRF check is a double
// submit, so the script sets the cookie and the form field to the same
// value. It returns the status and the session cookie, if one was set.
func forgedSignIn(t *testing.T, base, key string) (int, *http.Cookie) {
	t.Helper()
	token := strings.Repeat("X", 43)
	req, _ := http.NewRequest("POST", base+"/console/login", strings.NewReader(url.Values{"csrf": {token}, "key": {key}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "parley_console_login", Value: token})
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for _, ck := range res.Cookies() {
		if ck.Name == "parley_console" && ck.MaxAge > 0 {
			return res.StatusCode, ck
		}
	}
	return res.StatusCode, nil
}

// TestSignInFloodEndsNoOtherSession signs in over and over with a client
// key and with a console key, as a script that forges the double-submit
// token can, and expects the moderator signed in beside them to stay
// signed in: the client key is refused, and the console key only ever
// ends its own oldest sessions.
func TestSignInFloodEndsNoOtherSession(t *testing.T) {
	f := newFixtureWith(t, func(c *console.Config) { c.MaxSessions = 50; c.MaxSessionsPerKey = 5 })
	mo := f.user(t)
	mo.signIn(modKey)
	if p := mo.get("/console/moderation"); p.status != 200 {
		t.Fatalf("moderator's queue: %d", p.status)
	}
	for i := range 120 {
		if code, ck := forgedSignIn(t, f.url, clientKey); code != http.StatusForbidden || ck != nil {
			t.Fatalf("client key sign-in %d: %d, session %v", i, code, ck != nil)
		}
	}
	var flood []*http.Cookie
	for i := range 120 {
		code, ck := forgedSignIn(t, f.url, l10nKey)
		if code != http.StatusSeeOther || ck == nil {
			t.Fatalf("localization sign-in %d: %d", i, code)
		}
		flood = append(flood, ck)
	}
	if p := mo.get("/console/moderation"); p.status != 200 {
		t.Fatalf("the moderator was signed out by another key's sign-ins: %d %q", p.status, p.header.Get("Location"))
	}
	works := func(ck *http.Cookie) bool {
		u := f.user(t)
		u.c.Jar.SetCookies(mustURL(t, f.url+"/console/"), []*http.Cookie{{Name: ck.Name, Value: ck.Value}})
		return u.get("/console/glossaries").status == http.StatusOK
	}
	if works(flood[0]) {
		t.Error("the flooding key holds more than its share of sessions")
	}
	if !works(flood[len(flood)-1]) {
		t.Error("the newest sign-in did not get a session")
	}
}

// TestSignInAndPagesRateLimited checks that a sign-in and every page of a
// session go through Config.Admit (the key's rate limit), and that a
// refusal is a 429 page with Retry-After.
func TestSignInAndPagesRateLimited(t *testing.T) {
	var (
		mu    sync.Mutex
		spent = map[string]int{}
	)
	const allowed = 4
	f := newFixtureWith(t, func(c *console.Config) {
		c.Admit = func(p console.Principal) error {
			mu.Lock()
			defer mu.Unlock()
			spent[p.Name]++
			if spent[p.Name] > allowed {
				return &api.Error{Code: api.CodeRateLimited, RetryAfter: 7, Message: "rate limit of 1 requests per second exceeded"}
			}
			return nil
		}
	})
	u := f.user(t)
	u.signIn(l10nKey) // 1
	for i := 2; i <= allowed; i++ {
		if p := u.get("/console/glossaries"); p.status != 200 {
			t.Fatalf("request %d: %d", i, p.status)
		}
	}
	p := u.get("/console/glossaries")
	if p.status != http.StatusTooManyRequests || p.header.Get("Retry-After") != "7" ||
		!strings.HasPrefix(p.header.Get("Content-Type"), "text/html") || !strings.Contains(p.body, "rate limit") {
		t.Fatalf("page over the limit: %d %v %.300s", p.status, p.header, p.body)
	}
	u2 := f.user(t)
	u2.get("/console/login")
	p = u2.post("/console/login", url.Values{"key": {l10nKey}})
	if p.status != http.StatusTooManyRequests || p.header.Get("Retry-After") != "7" || sessionCookieSet(p.header) {
		t.Fatalf("sign-in over the limit: %d %v", p.status, p.header)
	}
	// Another key has its own limit.
	mo := f.user(t)
	mo.signIn(modKey)
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestFailedSignInsPaced floods the sign-in with unknown keys: past the
// failed sign-in pace the answers are 429 and the log gets no line per
// attempt, while a key that works still signs in.
func TestFailedSignInsPaced(t *testing.T) {
	var logs syncBuffer
	f := newFixtureWith(t, func(c *console.Config) {
		c.FailedSignInRate, c.FailedSignInBurst = 1, 3
		c.Log = slog.New(slog.NewTextHandler(&logs, nil))
	})
	var codes []int
	for i := range 10 {
		code, _ := forgedSignIn(t, f.url, fmt.Sprintf("not-a-key-%020d", i))
		codes = append(codes, code)
	}
	for i, code := range codes {
		want := http.StatusUnauthorized
		if i >= 3 {
			want = http.StatusTooManyRequests
		}
		if code != want {
			t.Fatalf("attempt %d: %d, want %d (all: %v)", i, code, want, codes)
		}
	}
	if code, ck := forgedSignIn(t, f.url, modKey); code != http.StatusSeeOther || ck == nil {
		t.Fatalf("a working key during the flood: %d", code)
	}
	if n := strings.Count(logs.String(), "console sign-in failed"); n != 3 {
		t.Fatalf("%d failure lines, want 3:\n%s", n, logs.String())
	}
	f.clock.add(time.Second)
	if code, _ := forgedSignIn(t, f.url, "not-a-key-after-a-while"); code != http.StatusUnauthorized {
		t.Fatalf("after the pace refilled: %d", code)
	}
	if !strings.Contains(logs.String(), "suppressed=7") {
		t.Fatalf("the left-out lines are not counted:\n%s", logs.String())
	}
}
