package gateway

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/services/gateway/console"
	"github.com/parley-chat/parley/shared/client"
)

// registerConsole mounts the web console (package console) at /console.
// The console is HTML for people, signs in with the same API keys as the
// JSON API and keeps its own sessions; its routes are not part of the
// OpenAPI document.
func (s *Server) registerConsole(e *echo.Echo) {
	con := console.New(console.Config{
		Authenticate: func(key string) (console.Principal, bool) {
			p := s.keys.Lookup(key)
			if p == nil {
				return console.Principal{}, false
			}
			cp := console.Principal{Name: p.Name, Tenant: p.Tenant, KeyID: p.KeyID}
			for _, r := range p.Roles {
				cp.Roles = append(cp.Roles, string(r))
			}
			return cp, true
		},
		Active:     s.consoleKeyActive,
		Glossary:   client.Glossary{NC: s.nc},
		Moderation: client.Moderation{NC: s.nc},
		Log:        s.log.With("component", "console"),
	})
	h := echo.WrapHandler(con)
	e.GET(console.Prefix, h)
	e.GET(console.Prefix+"/*", h)
	e.POST(console.Prefix+"/*", h)
}

// consoleKeyActive reports whether the key of a console session still
// works: a revoked managed key ends its sessions at the next request.
// Keys of PARLEY_API_KEYS only change with a restart, which ends every
// session anyway.
func (s *Server) consoleKeyActive(p console.Principal) bool {
	st := s.keys.Store()
	if st == nil || p.KeyID == "" || strings.HasPrefix(p.KeyID, "env-") {
		return true
	}
	for _, rec := range st.List() {
		if rec.ID == p.KeyID {
			return !rec.Revoked()
		}
	}
	return false
}
