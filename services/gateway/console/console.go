// Package console is the web console the gateway serves at /console for
// people: moderators review the moderation queue and decide cases, and
// localization teams browse and edit glossaries.
//
// It is plain server-rendered HTML (html/template, which escapes every
// value it prints) with one small embedded script for keyboard shortcuts.
// A user signs in with an API key, which is exchanged for a session: a
// random id in an HttpOnly, SameSite=Strict cookie (Secure under TLS) that
// names a server-side session with an idle timeout and an absolute
// lifetime. Every POST carries the session's synchronizer token (CSRF) and
// passes Go's cross-origin protection (Sec-Fetch-Site / Origin). Pages are
// sent with a Content-Security-Policy that allows no inline script at all.
//
// The console calls the services over NATS with the typed clients, as the
// JSON API does; it never calls the gateway over HTTP.
package console

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/parley-chat/parley/shared/api"
)

// Prefix is where the console is mounted.
const Prefix = "/console"

// Roles the console knows (the gateway's API key roles).
const (
	RoleLocalization = "localization"
	RoleModerator    = "moderator"
	RoleAdmin        = "admin"
)

const (
	sessionCookie = "parley_console"
	loginCookie   = "parley_console_login"
	// maxFormBytes bounds a form: the sign-in form's and every page's,
	// multipart or not, but the glossary import's (uploadPage).
	maxFormBytes = 1 << 20
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Principal is a signed-in user: the name of the API key, its tenant (""
// for an operator's key) and its roles.
type Principal struct {
	Name   string
	Tenant string
	Roles  []string
	// KeyID identifies the key signed in with (for Config.Active, and
	// the per-key session bound).
	KeyID string
	// Secret identifies which of the key's secrets signed in (the
	// gateway gives a digest of it), so Config.Active can end the session
	// once a rotation retires that secret. Never the key itself.
	Secret string
}

// consoleRoles are the roles that open a console page: moderators review
// cases and read glossaries, localization teams edit glossaries, admins
// hold every role. A key with none of them (a chat client's) cannot sign
// in: its session would open nothing.
var consoleRoles = []string{RoleModerator, RoleLocalization, RoleAdmin}

// canUseConsole reports whether p holds a role that opens a console page.
func (p Principal) canUseConsole() bool {
	for _, r := range p.Roles {
		if slices.Contains(consoleRoles, r) {
			return true
		}
	}
	return false
}

// GlossaryClient is what the glossary pages need from the glossary service
// (client.Glossary provides it).
type GlossaryClient interface {
	List(ctx context.Context) (*api.GlossaryListResponse, error)
	Get(ctx context.Context, req api.GlossaryGetRequest) (*api.GlossaryInfo, error)
	Entries(ctx context.Context, req api.GlossaryEntriesRequest) (*api.GlossaryEntriesResponse, error)
	Entry(ctx context.Context, req api.GlossaryEntryRequest) (*api.GlossaryEntryResponse, error)
	PutEntry(ctx context.Context, req api.GlossaryEntryPutRequest) (*api.GlossaryEntryResponse, error)
	DeleteEntry(ctx context.Context, req api.GlossaryEntryDeleteRequest) (*api.GlossaryChangeResponse, error)
	Import(ctx context.Context, req api.GlossaryImportRequest, data []byte) (*api.GlossaryImportReport, error)
	Export(ctx context.Context, req api.GlossaryExportRequest) (*api.GlossaryExportResponse, error)
	Versions(ctx context.Context, req api.GlossaryVersionsRequest) (*api.GlossaryVersionsResponse, error)
	Diff(ctx context.Context, req api.GlossaryDiffRequest) (*api.GlossaryDiff, error)
	Rollback(ctx context.Context, req api.GlossaryRollbackRequest) (*api.GlossaryChangeResponse, error)
}

// Config configures the console.
type Config struct {
	// Authenticate returns the principal of an API key, or false.
	Authenticate func(key string) (Principal, bool)
	// Active reports, on every request, whether the key a session signed
	// in with still works (not revoked, and the secret it signed in with
	// not retired by a rotation); a session whose key stopped working ends
	// at once. Nil keeps sessions until they expire.
	Active func(Principal) bool
	// Admit applies the key's rate limit to a sign-in and to every
	// request of a session, the same limit the key has on the JSON API;
	// an error (an *api.Error, code rate_limited with RetryAfter) refuses
	// the request with a 429 page. Nil admits everything.
	Admit func(Principal) error
	// Glossary serves the glossary pages.
	Glossary GlossaryClient
	// Moderation serves the moderation pages; nil hides them.
	Moderation ModerationClient
	// Readers tells the case page what readers of a tenant's stored
	// message are served: the messages service's MESSAGES_FLAGGED and
	// moderators' recorded decisions about the message. Nil (or an error)
	// makes the page say what the case's own decision implies under the
	// default setting, and that it does so.
	Readers func(ctx context.Context, tenant, messageID string) (Readers, error)
	// Context returns the messages before a case's message in its
	// conversation (api.Case.Context), for the case page; nil (or an
	// error) shows none.
	Context func(ctx context.Context, c *api.Case) ([]api.CaseContextMessage, error)
	// SessionTTL is a session's absolute lifetime (default 8h).
	SessionTTL time.Duration
	// IdleTimeout ends a session after this long without a request
	// (default 30m).
	IdleTimeout time.Duration
	// MaxSessions bounds the session store (default 10000); when it is
	// full, the oldest session of the key holding the most ends.
	MaxSessions int
	// MaxSessionsPerKey bounds the sessions of one key (default 20): a
	// sign-in past it ends that key's oldest session, never another
	// key's.
	MaxSessionsPerKey int
	// FailedSignInRate is how many failed sign-ins (unknown keys) per
	// second, with bursts of FailedSignInBurst, are answered and logged
	// one by one, across all callers (defaults 1 and 20). Past it a failed
	// sign-in is answered 429 and counted in the next log line instead: a
	// script cannot fill the log. Keys that work are never held up by it.
	FailedSignInRate  float64
	FailedSignInBurst int
	// MaxUploadBytes bounds an imported glossary file (default
	// DefaultMaxUploadBytes).
	MaxUploadBytes int64
	// Now is the clock (tests move it to expire sessions).
	Now func() time.Time
	// Log receives sign-ins, sign-outs and refused requests.
	Log *slog.Logger
}

// DefaultMaxUploadBytes is the largest glossary file the console takes by
// default: the API's cap on a TBX upload (the gateway's
// MaxGlossaryTBXImportBytes, GLOSSARY_MAX_ENTRIES × 1 KiB by default), so
// that every export, which is never larger than an import accepts, can be
// imported again here too. A CSV or TSV file over the service's own limit
// for them (32 MiB) gets the service's too_large report.
const DefaultMaxUploadBytes = 100_000 * 1024

// Console is the console's HTTP handler.
type Console struct {
	cfg      Config
	log      *slog.Logger
	sessions *sessionStore
	pages    map[string]*template.Template
	mux      *http.ServeMux
	static   http.Handler
	files    fs.FS // what static serves
	cop      *http.CrossOriginProtection
	// failures paces failed sign-ins (Config.FailedSignInRate).
	failures *rate.Limiter
	// suppressed counts failed sign-ins not logged since the last line.
	suppressed atomic.Int64
}

// New builds the console. The embedded templates are parsed here; a
// template that does not parse is a build error that every test catches,
// hence the panic.
func New(cfg Config) *Console {
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 8 * time.Hour
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 10000
	}
	if cfg.MaxSessionsPerKey <= 0 {
		cfg.MaxSessionsPerKey = 20
	}
	if cfg.FailedSignInRate <= 0 {
		cfg.FailedSignInRate = 1
	}
	if cfg.FailedSignInBurst <= 0 {
		cfg.FailedSignInBurst = 20
	}
	if cfg.MaxUploadBytes <= 0 {
		cfg.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Authenticate == nil {
		cfg.Authenticate = func(string) (Principal, bool) { return Principal{}, false }
	}
	c := &Console{
		cfg: cfg, log: cfg.Log,
		sessions: newSessionStore(cfg.SessionTTL, cfg.IdleTimeout, cfg.MaxSessions, cfg.MaxSessionsPerKey, cfg.Now),
		failures: rate.NewLimiter(rate.Limit(cfg.FailedSignInRate), cfg.FailedSignInBurst),
		pages:    parsePages(),
		mux:      http.NewServeMux(),
		cop:      http.NewCrossOriginProtection(),
	}
	c.files, _ = fs.Sub(staticFS, "static")
	c.static = http.StripPrefix(Prefix+"/static/", http.FileServerFS(c.files))
	c.routes()
	return c
}

var funcs = template.FuncMap{
	"dir":      textDir,
	"segments": segments,
	"add":      func(a, b int) int { return a + b },
	"sub":      func(a, b int) int { return a - b },
	"join":     strings.Join,
	"pathesc":  url.PathEscape,
	"pct":      pct,
	"trunc":    truncate,
	"sevclass": func(sev string) string { return "sev-" + sev },
	"since": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return time.Since(t).Round(time.Second).String()
	},
	"ts": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04:05Z")
	},
}

// truncate cuts s to n characters, marking the cut, between grapheme
// clusters and with open bidi controls closed (api.Clip).
func truncate(n int, s string) string {
	return api.Clip(s, n)
}

// parsePages parses each page template together with the layout.
func parsePages() map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		pages[name] = template.Must(template.Must(layout.Clone()).ParseFS(templateFS, n))
	}
	return pages
}

// ServeHTTP serves the console with its security headers.
func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if clean, ok := cleanPath(r.URL.Path); !ok {
		// Dot segments and doubled slashes, %-encoded ones included, are
		// cleaned here rather than by http.ServeMux, which cleans the
		// escaped path and sends a redirect to a double-encoded one
		// ("/console/.%2e//x" to "/console/.%252e/x"). A path that stays
		// in the console gets one canonical redirect (a GET); any other
		// is the console's 404.
		if (r.Method == http.MethodGet || r.Method == http.MethodHead) && (clean == Prefix || strings.HasPrefix(clean, Prefix+"/")) {
			if clean == Prefix {
				// One redirect, to the page "/console" itself redirects to.
				clean = Prefix + "/"
			}
			u := url.URL{Path: clean, RawQuery: r.URL.RawQuery}
			h.Set("Cache-Control", "no-store")
			http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
			return
		}
		h.Set("Cache-Control", "no-store")
		c.errorPage(w, r, nil, api.Errorf(api.CodeNotFound, "there is no console page at %s", r.URL.Path))
		return
	}
	if name, ok := strings.CutPrefix(r.URL.Path, Prefix+"/static/"); ok && c.isFile(name) {
		h.Set("Cache-Control", "public, max-age=3600")
		c.static.ServeHTTP(w, r)
		return
	}
	// Everything else, a missing static file or the static directory
	// itself (which http.FileServer would list) included, is a page: an
	// unknown one gets the console's HTML 404.
	h.Set("Cache-Control", "no-store")
	c.mux.ServeHTTP(w, r)
}

// cleanPath returns p without dot segments and doubled slashes, and
// whether p was clean already. A trailing slash is kept, and so is the
// one a final "." or ".." stands for (RFC 3986 5.2.4: "/a/b/.." is
// "/a/"): path.Clean would make "/console/." the "/console" that only
// redirects again, to "/console/".
func cleanPath(p string) (string, bool) {
	clean := path.Clean("/" + p)
	last := p[strings.LastIndexByte(p, '/')+1:]
	if (strings.HasSuffix(p, "/") || last == "." || last == "..") && clean != "/" {
		clean += "/"
	}
	return clean, clean == p
}

// isFile reports whether name is one of the static files (not a
// directory).
func (c *Console) isFile(name string) bool {
	fi, err := fs.Stat(c.files, name)
	return err == nil && !fi.IsDir()
}

// handler is a console page: it gets the session (never nil) and returns
// an error that becomes an HTML error page.
type handler func(w http.ResponseWriter, r *http.Request, s *Session) error

// access says whether a session may use a page.
type access func(*Session) bool

func anyRole(roles ...string) access {
	return func(s *Session) bool {
		for _, r := range roles {
			if s.can(r) {
				return true
			}
		}
		return false
	}
}

// signedIn lets every session in.
func signedIn(*Session) bool { return true }

func (c *Console) routes() {
	m := c.mux
	m.HandleFunc("GET "+Prefix, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, Prefix+"/", http.StatusSeeOther)
	})
	m.HandleFunc("GET "+Prefix+"/{$}", c.page(signedIn, c.home))
	m.HandleFunc("GET "+Prefix+"/login", c.loginForm)
	m.HandleFunc("POST "+Prefix+"/login", c.login)
	m.HandleFunc("POST "+Prefix+"/logout", c.page(signedIn, c.logout))
	c.glossaryRoutes()
	c.moderationRoutes()
	m.HandleFunc(Prefix+"/", func(w http.ResponseWriter, r *http.Request) {
		c.errorPage(w, r, c.sessionOf(r), api.Errorf(api.CodeNotFound, "there is no console page at %s", r.URL.Path))
	})
}

// page wraps a handler with the session, role and (for POST) CSRF checks.
// Its form is at most maxFormBytes, files included.
func (c *Console) page(allowed access, h handler) http.HandlerFunc {
	return c.pageWithBody(allowed, h, maxFormBytes, maxFormBytes)
}

// uploadPage is page for the one form that carries a file, a glossary
// import: its body may hold an upload of MaxUploadBytes, and a file over
// 8 MiB is spooled to a temporary file, removed when the handler returns.
func (c *Console) uploadPage(allowed access, h handler) http.HandlerFunc {
	return c.pageWithBody(allowed, h, c.cfg.MaxUploadBytes+maxFormBytes, 8<<20)
}

// pageWithBody is page with a POST body of at most maxBody bytes, of
// which at most maxMemory are held in memory (the rest of a multipart
// file goes to a temporary file).
func (c *Console) pageWithBody(allowed access, h handler, maxBody, maxMemory int64) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s := c.sessionOf(r)
		if s == nil {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				http.Redirect(w, r, Prefix+"/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			c.errorPage(w, r, nil, api.Errorf(api.CodeUnauthorized, "your session has ended; sign in again"))
			return
		}
		// A session spends its key's rate limit as the key's API calls
		// do; the check comes first, before a form (an upload) is read.
		if err := c.admit(s.Principal); err != nil {
			c.errorPage(w, r, s, err)
			return
		}
		// The role too: a session that may not use the page never gets
		// its upload read (and spooled to disk).
		if !allowed(s) {
			c.errorPage(w, r, s, api.Errorf(api.CodeForbidden, "your key's roles (%s) do not open this page", strings.Join(s.Principal.Roles, ", ")))
			return
		}
		if r.Method == http.MethodPost {
			err := c.checkForm(w, r, s.CSRF, maxBody, maxMemory)
			defer removeUploads(r)
			if err != nil {
				c.log.Warn("console request refused", "reason", err.Message, "user", s.Principal.Name, "path", r.URL.Path)
				c.errorPage(w, r, s, err)
				return
			}
		}
		if err := h(w, r, s); err != nil {
			c.errorPage(w, r, s, err)
		}
	}
}

// removeUploads deletes the temporary files of r's multipart form. Go's
// server removes only those of the request it made, and the console is
// handed a copy (the gateway's middleware adds values to the context with
// Request.WithContext): without this every upload over the in-memory part
// stayed in the temporary directory for good.
func removeUploads(r *http.Request) {
	if r.MultipartForm != nil {
		_ = r.MultipartForm.RemoveAll()
	}
}

// checkForm refuses cross-origin POSTs and forms without the expected
// synchronizer token. It parses the form, of at most maxBody bytes
// (multipart forms with at most maxMemory of them in memory: the caller
// removes the rest with removeUploads), so that handlers read r.PostForm.
func (c *Console) checkForm(w http.ResponseWriter, r *http.Request, want string, maxBody, maxMemory int64) *api.Error {
	if err := c.cop.Check(r); err != nil {
		return api.Errorf(api.CodeForbidden, "cross-origin form refused")
	}
	tooLarge := func() *api.Error {
		if maxBody > maxFormBytes {
			return api.Errorf(api.CodeBodyTooLarge, "the upload is over %d bytes", c.cfg.MaxUploadBytes)
		}
		return api.Errorf(api.CodeBodyTooLarge, "the form is over %d bytes", maxFormBytes)
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		// A parse that fails removes what it had spooled (and leaves
		// r.MultipartForm nil).
		if err := r.ParseMultipartForm(maxMemory); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return tooLarge()
			}
			return api.Errorf(api.CodeInvalidArgument, "could not read the form: %v", err)
		}
		// The file may be large; the fields beside it are held to the
		// limit of a form without one (they travel to the services in
		// one NATS message, whose payload is bounded).
		fields := 0
		for k, vs := range r.MultipartForm.Value {
			for _, v := range vs {
				fields += len(k) + len(v)
			}
		}
		if fields > maxFormBytes {
			return api.Errorf(api.CodeBodyTooLarge, "the form's fields are over %d bytes", maxFormBytes)
		}
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		if err := r.ParseForm(); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return api.Errorf(api.CodeBodyTooLarge, "the form is over %d bytes", maxFormBytes)
			}
			return api.Errorf(api.CodeInvalidArgument, "could not read the form: %v", err)
		}
	}
	if !tokenEqual(r.PostFormValue("csrf"), want) {
		return api.Errorf(api.CodeForbidden, "the form's security token is missing or stale (CSRF check); reload the page and try again")
	}
	return nil
}

// admit applies the key's rate limit (Config.Admit) to p.
func (c *Console) admit(p Principal) error {
	if c.cfg.Admit == nil {
		return nil
	}
	return c.cfg.Admit(p)
}

func (c *Console) sessionOf(r *http.Request) *Session {
	ck, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	s := c.sessions.get(ck.Value)
	if s != nil && c.cfg.Active != nil && !c.cfg.Active(s.Principal) {
		c.sessions.delete(ck.Value)
		c.log.Info("console session ended: its key no longer works", "user", s.Principal.Name)
		return nil
	}
	return s
}

// secure reports whether cookies get the Secure attribute: under TLS, and
// behind a TLS-terminating proxy that says so. Trusting the header is safe
// here because Secure only restricts where the browser sends a cookie.
func (c *Console) secure(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// view is what every template gets.
type view struct {
	Title string
	S     *Session
	// Nav names the current section (for the menu).
	Nav  string
	Data any
	// Flash is a one-line confirmation ("Saved as version 4").
	Flash string
	// Moderation is set when the moderation pages exist.
	Moderation bool
}

// Can reports whether the signed-in user holds role.
func (v view) Can(role string) bool { return v.S.can(role) }

// CSRF is the token forms carry.
func (v view) CSRF() string {
	if v.S == nil {
		return ""
	}
	return v.S.CSRF
}

// render writes a page.
func (c *Console) render(w http.ResponseWriter, status int, name string, v view) error {
	t := c.pages[name]
	if t == nil {
		return fmt.Errorf("console: no template %q", name)
	}
	v.Moderation = c.cfg.Moderation != nil
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, "layout.html", v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
	return nil
}

// errorData is the body of the error page.
type errorData struct {
	Status int
	Code   api.Code
	Text   string
	// Reload is the page to reload before trying again (a case that
	// changed since the form was shown), if any.
	Reload string
	// SignIn is the sign-in link of a page shown without a session: its
	// next is the page the request came from, so that signing in again
	// after a session ended mid-action leads back to the case.
	SignIn string
}

// signInLink is the sign-in page with next set to the page r came from:
// a GET's own page, or for a form's POST the page that showed the form
// (its Referer, when it is of this host, else the action's parent path:
// /console/moderation/cases/c1/decide comes from .../cases/c1). The
// sign-in validates next again (safeNext).
func signInLink(r *http.Request) string {
	back := r.URL.RequestURI()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		back = path.Dir(r.URL.Path)
		if ref, err := url.Parse(r.Referer()); err == nil && ref.Host == r.Host && ref.Path != "" {
			back = ref.RequestURI()
		}
	}
	return Prefix + "/login?next=" + url.QueryEscape(safeNext(back))
}

// errorPage renders err as an HTML page with the status of its code.
func (c *Console) errorPage(w http.ResponseWriter, r *http.Request, s *Session, err error) {
	ae := api.AsError(err)
	if ae.Status() >= 500 {
		c.log.Warn("console request failed", "code", ae.Code, "err", err, "path", r.URL.Path)
	}
	if ae.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(ae.RetryAfter))
	}
	data := errorData{Status: ae.Status(), Code: ae.Code, Text: ae.Message}
	if s == nil {
		data.SignIn = signInLink(r)
	}
	var sc *staleCase
	if errors.As(err, &sc) {
		data.Reload = sc.url
	}
	v := view{Title: http.StatusText(ae.Status()), S: s, Data: data}
	if rerr := c.render(w, ae.Status(), "error", v); rerr != nil {
		c.log.Error("console error page", "err", rerr)
		http.Error(w, ae.Message, ae.Status())
	}
}

func (c *Console) home(w http.ResponseWriter, r *http.Request, s *Session) error {
	switch {
	case s.can(RoleModerator) && c.cfg.Moderation != nil:
		http.Redirect(w, r, Prefix+"/moderation", http.StatusSeeOther)
		return nil
	case s.can(RoleLocalization):
		http.Redirect(w, r, Prefix+"/glossaries", http.StatusSeeOther)
		return nil
	}
	return c.render(w, http.StatusOK, "home", view{Title: "Console", S: s})
}

// loginData is the body of the sign-in page.
type loginData struct {
	Token string
	Next  string
	Error string
}

// safeNext keeps a post-sign-in redirect inside the console (no open
// redirect through ?next=).
func safeNext(next string) string {
	if !strings.HasPrefix(next, Prefix+"/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return Prefix + "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return Prefix + "/"
	}
	// http.Redirect cleans the path it is given, so "/console/../v1/x"
	// would pass the prefix check above and land outside the console; the
	// path is judged after the same cleaning (and after %-decoding, so
	// "%2e%2e" is caught too).
	clean := path.Clean(u.Path)
	if clean != Prefix && !strings.HasPrefix(clean, Prefix+"/") {
		return Prefix + "/"
	}
	if strings.HasSuffix(u.Path, "/") && clean != "/" {
		clean += "/"
	}
	u.Path, u.RawPath, u.Fragment, u.RawFragment = clean, "", "", ""
	return u.String()
}

// loginForm shows the sign-in form. Sign-in has no session yet, so its
// form is protected by a double-submit token in a short-lived cookie
// (login CSRF would sign a victim into the attacker's account).
func (c *Console) loginForm(w http.ResponseWriter, r *http.Request) {
	token := randomToken()
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: token, Path: Prefix + "/login", MaxAge: 600,
		HttpOnly: true, Secure: c.secure(r), SameSite: http.SameSiteStrictMode})
	v := view{Title: "Sign in", S: c.sessionOf(r), Data: loginData{Token: token, Next: safeNext(r.URL.Query().Get("next"))}}
	if err := c.render(w, http.StatusOK, "login", v); err != nil {
		c.errorPage(w, r, nil, err)
	}
}

func (c *Console) login(w http.ResponseWriter, r *http.Request) {
	ck, _ := r.Cookie(loginCookie)
	want := ""
	if ck != nil {
		want = ck.Value
	}
	// Signing in takes no file: its form, multipart or not, is held to
	// maxFormBytes in memory, so that nobody without a key can make the
	// gateway read (or spool to disk) an upload.
	err := c.checkForm(w, r, want, maxFormBytes, maxFormBytes)
	defer removeUploads(r)
	if err != nil {
		c.noteFailure(r.Context(), slog.LevelWarn, "console sign-in refused", "reason", err.Message)
		c.errorPage(w, r, nil, err)
		return
	}
	next := safeNext(r.PostFormValue("next"))
	p, ok := c.cfg.Authenticate(strings.TrimSpace(r.PostFormValue("key")))
	if !ok {
		// The login CSRF token is a double submit a script can forge, so
		// failed sign-ins are paced across all callers; keys that work
		// are checked first and never held up by it.
		if !c.noteFailure(r.Context(), slog.LevelInfo, "console sign-in failed", "remote", r.RemoteAddr) {
			secs := max(1, int(math.Ceil(1/c.cfg.FailedSignInRate)))
			c.errorPage(w, r, nil, &api.Error{Code: api.CodeRateLimited, RetryAfter: secs,
				Message: fmt.Sprintf("too many failed sign-ins; wait %d s and try again", secs)})
			return
		}
		c.loginPage(w, r, http.StatusUnauthorized, next, "That key is not valid.")
		return
	}
	// The key's own rate limit applies to signing in, as to its API calls.
	if err := c.admit(p); err != nil {
		c.errorPage(w, r, nil, err)
		return
	}
	if !p.canUseConsole() {
		c.noteFailure(r.Context(), slog.LevelInfo, "console sign-in refused: the key has no console role", "user", p.Name, "roles", p.Roles)
		c.loginPage(w, r, http.StatusForbidden, next, fmt.Sprintf(
			"This key's roles (%s) open no console page: signing in needs the moderator, localization or admin role.",
			strings.Join(p.Roles, ", ")))
		return
	}
	// A new id at every sign-in: a session id planted before sign-in
	// (session fixation) never becomes an authenticated one.
	if old, err := r.Cookie(sessionCookie); err == nil {
		c.sessions.delete(old.Value)
	}
	id, _ := c.sessions.create(p)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: Prefix, MaxAge: int(c.cfg.SessionTTL.Seconds()),
		HttpOnly: true, Secure: c.secure(r), SameSite: http.SameSiteStrictMode})
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Path: Prefix + "/login", MaxAge: -1,
		HttpOnly: true, Secure: c.secure(r), SameSite: http.SameSiteStrictMode})
	c.log.Info("console sign-in", "user", p.Name, "roles", p.Roles)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// loginPage shows the sign-in form again with a message, under a fresh
// double-submit token.
func (c *Console) loginPage(w http.ResponseWriter, r *http.Request, status int, next, msg string) {
	token := randomToken()
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: token, Path: Prefix + "/login", MaxAge: 600,
		HttpOnly: true, Secure: c.secure(r), SameSite: http.SameSiteStrictMode})
	v := view{Title: "Sign in", Data: loginData{Token: token, Next: next, Error: msg}}
	if err := c.render(w, status, "login", v); err != nil {
		c.errorPage(w, r, nil, err)
	}
}

// noteFailure counts a refused sign-in against the failed sign-in pace
// (Config.FailedSignInRate) and logs it while within the pace, with the
// number of lines left out since the last one ("suppressed"). It reports
// whether the attempt was within the pace.
func (c *Console) noteFailure(ctx context.Context, level slog.Level, msg string, args ...any) bool {
	if !c.failures.AllowN(c.cfg.Now(), 1) {
		c.suppressed.Add(1)
		return false
	}
	if n := c.suppressed.Swap(0); n > 0 {
		args = append(args, "suppressed", n)
	}
	c.log.Log(ctx, level, msg, args...)
	return true
}

func (c *Console) logout(w http.ResponseWriter, r *http.Request, s *Session) error {
	if ck, err := r.Cookie(sessionCookie); err == nil {
		c.sessions.delete(ck.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: Prefix, MaxAge: -1,
		HttpOnly: true, Secure: c.secure(r), SameSite: http.SameSiteStrictMode})
	c.log.Info("console sign-out", "user", s.Principal.Name)
	http.Redirect(w, r, Prefix+"/login", http.StatusSeeOther)
	return nil
}
