package gateway

import (
	"context"
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
			// The session remembers which secret signed in (its digest,
			// as the key store keeps it), so that a rotation retiring
			// that secret ends the session too.
			cp := console.Principal{Name: p.Name, Tenant: p.Tenant, KeyID: p.KeyID, Secret: digest(key)}
			for _, r := range p.Roles {
				cp.Roles = append(cp.Roles, string(r))
			}
			return cp, true
		},
		Active:     s.consoleKeyActive,
		Admit:      s.consoleAdmit,
		Glossary:   client.Glossary{NC: s.nc},
		Moderation: client.Moderation{NC: s.nc},
		Readers:    s.consoleReaders,
		Context:    s.conversationBefore,
		// The API's cap, so that every export imports through the console too.
		MaxUploadBytes: MaxGlossaryTBXImportBytes,
		Log:            s.log.With("component", "console"),
	})
	h := echo.WrapHandler(con)
	e.GET(console.Prefix, h)
	e.GET(console.Prefix+"/*", h)
	e.POST(console.Prefix+"/*", h)
}

// consoleReaders tells the console's case page what readers of a stored
// message are served: the flagged-message setting the messages service
// wrote into the chat stream (MESSAGES_FLAGGED) and the decisions
// recorded about the message, as this gateway renders views with them.
func (s *Server) consoleReaders(ctx context.Context, tenant, id string) (console.Readers, error) {
	st, err := s.messages(ctx)
	if err != nil {
		return console.Readers{}, err
	}
	mod, _ := st.moderated.Get(tenant, id)
	return console.Readers{Flagged: st.log.Settings().Flagged, Moderation: mod}, nil
}

// consoleKeyActive reports whether the secret a console session signed in
// with still authenticates: a revoked managed key ends its sessions at the
// next request, and so does a rotation once the old secret stops working
// (at once, or when its grace period ends). Keys of PARLEY_API_KEYS only
// change with a restart, which ends every session anyway.
func (s *Server) consoleKeyActive(p console.Principal) bool {
	return s.keyActive(p.KeyID, p.Secret)
}

// keyActive reports whether the secret of key id whose digest is secret
// still authenticates (consoleKeyActive; an open event stream asks it
// before its events). A look-up in the key store's cache: cheap enough
// for every event.
func (s *Server) keyActive(id, secret string) bool {
	st := s.keys.Store()
	if st == nil || id == "" || strings.HasPrefix(id, "env-") {
		return true
	}
	return st.SecretActive(id, secret)
}

// consoleAdmit applies the key's rate limit to a console sign-in and to
// every request of a console session: the same token bucket as the key's
// API calls, so the console is no way around the limit.
func (s *Server) consoleAdmit(p console.Principal) error {
	gp := &Principal{Name: p.Name, Tenant: p.Tenant, KeyID: p.KeyID}
	if rec, ok := s.keys.Store().Record(p.KeyID); ok {
		gp.Limits = rec.Limits
	}
	return s.rateLimit(gp)
}
