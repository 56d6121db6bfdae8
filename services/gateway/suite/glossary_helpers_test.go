package suite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// suiteGlossary is a glossary client on the suite's NATS server, for
// tests that set glossaries up without the HTTP API's keys and roles.
type suiteGlossary struct {
	t   *testing.T
	ctx context.Context // the test's calls on nc: three minutes in all
	nc  *nats.Conn
	gc  client.Glossary
}

func newSuiteGlossary(t *testing.T, natsAddr string) *suiteGlossary {
	t.Helper()
	nc, err := nats.Connect("nats://" + natsAddr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	// A bound on the whole test's calls, which waits of 30 s each share
	// (a minute could run out on a loaded machine before the last call).
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	t.Cleanup(cancel)
	return &suiteGlossary{t: t, ctx: ctx, nc: nc, gc: client.Glossary{NC: nc}}
}

// create makes an en-es glossary of the scope kind with entries, by the
// author "lena".
func (g *suiteGlossary) create(id, scope string, entries ...api.GlossaryEntry) {
	g.t.Helper()
	if _, err := g.gc.Create(g.ctx, api.GlossaryCreateRequest{Author: "lena", Glossary: api.Glossary{
		ID: id, Languages: []string{"en", "es"}, Scope: api.GlossaryScope{Kind: scope}, Entries: entries,
	}}); err != nil {
		g.t.Fatal(err)
	}
}

// prepared waits until the glossary service finds at least matches terms
// for req (a new glossary reaches the set in use within moments), and
// returns that answer.
func (g *suiteGlossary) prepared(req api.GlossaryPrepareRequest, matches int) *api.GlossaryPrepareResponse {
	g.t.Helper()
	var prep *api.GlossaryPrepareResponse
	waitFor(g.t, 30*time.Second, func() error {
		var err error
		if prep, err = g.gc.Prepare(g.ctx, req); err != nil {
			return err
		}
		if len(prep.Matches) < matches {
			return fmt.Errorf("%d matches yet", len(prep.Matches))
		}
		return nil
	})
	return prep
}

// meetingEntry is en "meeting" → es "junta", with "reunión" forbidden.
var meetingEntry = api.GlossaryEntry{ID: "meeting", Terms: []api.GlossaryTerm{
	{Language: "en", Text: "meeting"}, {Language: "es", Text: "junta", Forbidden: []string{"reunión"}},
}}
