package moderation_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/services/moderation/jsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// overrides records the corrections sent to translate.
type overrides struct {
	mu   sync.Mutex
	reqs []api.TranslateOverrideRequest
}

func (o *overrides) Override(_ context.Context, req api.TranslateOverrideRequest) (*api.TranslateOverrideResponse, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.reqs = append(o.reqs, req)
	return &api.TranslateOverrideResponse{Key: "o.test"}, nil
}

func (o *overrides) sent() []api.TranslateOverrideRequest {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.reqs)
}

// harness is a moderation service on an embedded NATS server, with a test
// clock and a recording translate override.
type harness struct {
	nc  *nats.Conn
	mod client.Moderation
	clk *clock
	ov  *overrides
	svc *moderation.Service
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessWith(t, nil)
}

// newHarnessWith is newHarness with the service's store wrapped by wrap
// (nil: as it is), to inject failures.
func newHarnessWith(t *testing.T, wrap func(moderation.Store) moderation.Store) *harness {
	t.Helper()
	ns := natstest.RunServer(t)
	nc := natstest.Conn(t, ns)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	store, err := jsstore.Open(ctx, nc, jsstore.Config{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(store.Close)
	h := &harness{nc: nc, mod: client.Moderation{NC: nc}, clk: &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}, ov: &overrides{}}
	var st moderation.Store = store
	if wrap != nil {
		st = wrap(store)
	}
	h.svc, err = moderation.New(moderation.Config{Store: st, Overrides: h.ov, Now: h.clk.Now, Lease: 5 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := service.New(nc, service.Config{Name: api.ServiceModeration, Version: moderation.Version}, moderation.Endpoints(h.svc, 2), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop() })
	cons, err := store.Consume("test", func(ctx context.Context, f *api.FlaggedView) error {
		_, err := h.svc.Intake(ctx, f)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cons.Stop)
	return h
}

// flagged is a flagged view of a profane message translated into target.
func flagged(msg, target, text, translation string) *api.FlaggedView {
	return &api.FlaggedView{
		Tenant: "acme", ConversationID: "conv-1", MessageID: msg, Text: text, Formality: api.FormalityInformal,
		View: api.View{
			Text: translation, Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: target, Backend: "ollama",
			Safety: &api.SafetyResponse{
				Source: api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity},
					Spans: []api.Span{{Start: 8, End: 12, Text: "shit", Category: api.CategoryProfanity, Severity: api.SeverityMedium}}},
				Translation: &api.Verdict{Safe: true, Severity: api.SeverityNone},
				Delta:       &api.SafetyDelta{Laundered: true, LaunderedCategories: []string{api.CategoryProfanity}},
				Policy:      &api.PolicyDecision{Tenant: "acme", Action: api.PolicyFlag, Reasons: []string{"laundered"}},
			},
		},
	}
}

// waitFor polls cond until it holds (no fixed sleeps: machines are noisy).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func ctxT(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// total lists cases matching req and returns how many matched.
func (h *harness) total(t *testing.T, req api.CaseListRequest) int {
	t.Helper()
	res, err := h.mod.List(ctxT(t), req)
	if err != nil {
		t.Fatalf("list %+v: %v", req, err)
	}
	return res.Total
}

func (h *harness) audit(t *testing.T, caseID string) []api.AuditEntry {
	t.Helper()
	res, err := h.mod.Audit(ctxT(t), api.AuditListRequest{CaseID: caseID})
	if err != nil {
		t.Fatalf("audit: %v", err)
	}
	return res.Entries
}

func actions(entries []api.AuditEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Action+":"+e.Actor)
	}
	return out
}

func code(err error) api.Code {
	if err == nil {
		return ""
	}
	return api.ErrorCode(err)
}

func TestIntakeMakesOneCasePerMessageAndLocale(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	f := flagged("m1", "es", "you are shit", "eres malo")
	for range 3 { // the same view flagged three times (three readers)
		if err := h.mod.Flagged(ctx, f); err != nil {
			t.Fatalf("publish: %v", err)
		}
	}
	if err := h.mod.Flagged(ctx, flagged("m1", "de", "you are shit", "du bist schlecht")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "two cases", func() bool { return h.total(t, api.CaseListRequest{}) == 2 })
	// A copy arriving after the JetStream duplicate window is still one case.
	if created, err := h.svc.Intake(ctx, f); err != nil || created {
		t.Fatalf("intake of a known view: created=%v err=%v", created, err)
	}
	if n := h.total(t, api.CaseListRequest{}); n != 2 {
		t.Fatalf("cases = %d, want 2", n)
	}
	c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: f.CaseID()})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != api.CaseOpen || c.Original != "you are shit" || c.Translation != "eres malo" || c.SourceLanguage != "en" ||
		c.TargetLanguage != "es" || c.Severity != api.SeverityMedium || !slices.Equal(c.Categories, []string{api.CategoryProfanity}) ||
		c.Safety == nil || c.Safety.Translation == nil || !c.Safety.Delta.Laundered {
		t.Fatalf("case = %+v", c)
	}
	if got := actions(h.audit(t, c.ID)); !slices.Equal(got, []string{"create:system"}) {
		t.Fatalf("audit = %v", got)
	}

	// The author edits m1 into something flagged again: a text no
	// moderator saw, so a case of its own, with the revision it is about;
	// the earlier revision's case stays as it was.
	edit := flagged("m1", "es", "you are a piece of shit", "eres un pedazo de mierda")
	edit.MessageRevision = 2
	if err := h.mod.Flagged(ctx, edit); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a case of the edit", func() bool { return h.total(t, api.CaseListRequest{}) == 3 })
	ec, err := h.mod.Get(ctx, api.CaseGetRequest{ID: edit.CaseID()})
	if err != nil {
		t.Fatal(err)
	}
	if ec.ID == c.ID || ec.MessageID != "m1" || ec.MessageRevision != 2 || ec.Original != edit.Text || ec.Status != api.CaseOpen {
		t.Fatalf("case of the edit = %+v", ec)
	}
	if again, err := h.mod.Get(ctx, api.CaseGetRequest{ID: c.ID}); err != nil || again.Original != c.Original || again.MessageRevision != 0 {
		t.Fatalf("case of revision 1 = %+v (%v)", again, err)
	}
	// The queue tells the two cases of m1 apart by the revision.
	res, err := h.mod.List(ctx, api.CaseListRequest{Sort: api.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	revisions := map[string]int{}
	for _, s := range res.Cases {
		revisions[s.ID] = s.MessageRevision
	}
	if revisions[c.ID] != 0 || revisions[ec.ID] != 2 {
		t.Fatalf("listed revisions = %v", revisions)
	}
}

func TestClaimLease(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	f := flagged("m1", "es", "you are shit", "eres malo")
	if _, err := h.svc.Intake(ctx, f); err != nil {
		t.Fatal(err)
	}
	id := f.CaseID()
	c, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "alice"})
	if err != nil {
		t.Fatalf("alice claims: %v", err)
	}
	if c.Status != api.CaseClaimed || c.Claim.Holder != "alice" || !c.Claim.ExpiresAt.Equal(h.clk.Now().Add(5*time.Minute)) {
		t.Fatalf("claimed case = %+v %+v", c, c.Claim)
	}
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "bob"}); code(err) != api.CodeConflict {
		t.Fatalf("bob claims a held case: %v, want conflict", err)
	}
	if _, err := h.mod.Release(ctx, api.CaseReleaseRequest{ID: id, Actor: "bob"}); code(err) != api.CodeConflict {
		t.Fatalf("bob releases alice's claim: %v, want conflict", err)
	}
	if _, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "bob", Action: api.ActionApprove}); code(err) != api.CodeConflict {
		t.Fatalf("bob decides alice's case: %v, want conflict", err)
	}
	if n := h.total(t, api.CaseListRequest{Status: api.CaseClaimed, Holder: "alice"}); n != 1 {
		t.Fatalf("alice's claimed cases = %d", n)
	}

	h.clk.Add(5 * time.Minute) // alice's lease runs out
	if n := h.total(t, api.CaseListRequest{Status: api.CaseOpen}); n != 1 {
		t.Fatalf("open cases after the lease = %d, want 1", n)
	}
	got, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id})
	if err != nil || got.Status != api.CaseOpen || got.Claim != nil {
		t.Fatalf("case after the lease: %+v, %v", got, err)
	}
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "bob", Lease: "1m"}); err != nil {
		t.Fatalf("bob claims after the lease: %v", err)
	}
	if _, err := h.mod.Release(ctx, api.CaseReleaseRequest{ID: id, Actor: "bob"}); err != nil {
		t.Fatalf("bob releases: %v", err)
	}
	want := []string{"create:system", "claim:alice", "expire:system", "claim:bob", "release:bob"}
	if got := actions(h.audit(t, id)); !slices.Equal(got, want) {
		t.Fatalf("audit = %v, want %v", got, want)
	}

	// The reaper records lapsed leases that nobody touched.
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "carol"}); err != nil {
		t.Fatal(err)
	}
	if n, err := h.svc.ExpireLeases(ctx); err != nil || n != 0 {
		t.Fatalf("expire before the lease ends: %d, %v", n, err)
	}
	h.clk.Add(6 * time.Minute)
	if n, err := h.svc.ExpireLeases(ctx); err != nil || n != 1 {
		t.Fatalf("expire after the lease: %d, %v", n, err)
	}
	entries := h.audit(t, id)
	if last := entries[len(entries)-1]; last.Action != api.AuditExpire || last.Seq == 0 || last.Revision == 0 {
		t.Fatalf("last audit entry = %+v", last)
	}
}

func TestConcurrentClaimsOneWins(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	f := flagged("m1", "es", "you are shit", "eres malo")
	if _, err := h.svc.Intake(ctx, f); err != nil {
		t.Fatal(err)
	}
	actors := []string{"a", "b", "c", "d", "e", "f"}
	errs := make([]error, len(actors))
	var wg sync.WaitGroup
	for i, a := range actors {
		wg.Go(func() { _, errs[i] = h.mod.Claim(ctx, api.CaseClaimRequest{ID: f.CaseID(), Actor: a}) })
	}
	wg.Wait()
	won := 0
	for i, err := range errs {
		switch code(err) {
		case "":
			won++
		case api.CodeConflict:
		default:
			t.Errorf("claim by %s: %v", actors[i], err)
		}
	}
	if won != 1 {
		t.Fatalf("%d claims won, want 1 (%v)", won, errs)
	}
}

func TestDecide(t *testing.T) {
	tests := []struct {
		name       string
		req        api.CaseDecideRequest
		wantStatus string
	}{
		{"approve", api.CaseDecideRequest{Action: api.ActionApprove, Reason: "fine in context"}, api.CaseDecided},
		{"hide", api.CaseDecideRequest{Action: api.ActionHide}, api.CaseDecided},
		{"escalate", api.CaseDecideRequest{Action: api.ActionEscalate, Reason: "legal should look"}, api.CaseEscalated},
		{"correct", api.CaseDecideRequest{Action: api.ActionCorrect, Correction: "eres una mierda"}, api.CaseDecided},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			ctx := ctxT(t)
			f := flagged("m1", "es", "you are shit", "eres malo")
			if _, err := h.svc.Intake(ctx, f); err != nil {
				t.Fatal(err)
			}
			req := tt.req
			req.ID, req.Actor = f.CaseID(), "alice"
			if _, err := h.mod.Decide(ctx, req); code(err) != api.CodeConflict {
				t.Fatalf("decide without a claim: %v, want conflict", err)
			}
			if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: req.ID, Actor: "alice"}); err != nil {
				t.Fatal(err)
			}
			c, err := h.mod.Decide(ctx, req)
			if err != nil {
				t.Fatalf("decide: %v", err)
			}
			if c.Status != tt.wantStatus || c.Claim != nil || c.Decision == nil || c.Decision.Action != tt.req.Action || c.Decision.Actor != "alice" {
				t.Fatalf("decided case: %+v, decision %+v", c, c.Decision)
			}
			entries := h.audit(t, req.ID)
			last := entries[len(entries)-1]
			// The correction's text stays out of the append-only log: the
			// entry identifies it by length and digest.
			wantChars, wantSum := 0, ""
			if tt.req.Correction != "" {
				sum := sha256.Sum256([]byte(tt.req.Correction))
				wantChars, wantSum = utf8.RuneCountInString(tt.req.Correction), hex.EncodeToString(sum[:])
			}
			if last.Action != api.AuditDecide || last.Decision != tt.req.Action || last.Actor != "alice" || last.Correction != "" ||
				last.TextChars != wantChars || last.TextSHA256 != wantSum {
				t.Fatalf("audit entry = %+v", last)
			}
			ov := h.ov.sent()
			if tt.req.Action != api.ActionCorrect {
				if len(ov) != 0 {
					t.Fatalf("overrides sent for %s: %+v", tt.name, ov)
				}
			} else {
				want := api.TranslateOverrideRequest{
					Request: api.TranslateRequest{Text: "you are shit", Source: "en", Target: "es", Formality: api.FormalityInformal,
						ConversationID: "conv-1", MessageID: "m1"},
					Translation: "eres una mierda", Moderator: "alice",
				}
				if len(ov) != 1 || ov[0].Request.Text != want.Request.Text || ov[0].Request.Source != want.Request.Source ||
					ov[0].Request.Target != want.Request.Target || ov[0].Request.Formality != want.Request.Formality ||
					ov[0].Translation != want.Translation || ov[0].Moderator != want.Moderator {
					t.Fatalf("overrides = %+v, want %+v", ov, want)
				}
				if c.Correction != "eres una mierda" || c.Decision.OverrideKey != "o.test" {
					t.Fatalf("corrected case: %+v", c)
				}
			}
			if tt.wantStatus == api.CaseEscalated {
				// An escalated case goes back to the queue for someone else.
				c, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: req.ID, Actor: "senior"})
				if err != nil || !c.Escalated {
					t.Fatalf("claim an escalated case: %+v, %v", c, err)
				}
				return
			}
			if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: req.ID, Actor: "alice"}); code(err) != api.CodeConflict {
				t.Fatalf("claim a decided case: %v, want conflict", err)
			}
			// Notes are still welcome on a decided case.
			c, err = h.mod.Note(ctx, api.CaseNoteRequest{ID: req.ID, Actor: "bob", Text: "agreed"})
			if err != nil || len(c.Notes) != 1 || c.Notes[0].Author != "bob" {
				t.Fatalf("note: %+v, %v", c, err)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	f := flagged("m1", "es", "you are shit", "eres malo")
	if _, err := h.svc.Intake(ctx, f); err != nil {
		t.Fatal(err)
	}
	id := f.CaseID()
	tests := []struct {
		name string
		call func() error
		want api.Code
	}{
		{"get unknown", func() error { _, err := h.mod.Get(ctx, api.CaseGetRequest{ID: "nope"}); return err }, api.CodeNotFound},
		{"get bad id", func() error { _, err := h.mod.Get(ctx, api.CaseGetRequest{ID: "a.*"}); return err }, api.CodeInvalidArgument},
		{"get empty id", func() error { _, err := h.mod.Get(ctx, api.CaseGetRequest{}); return err }, api.CodeInvalidArgument},
		{"claim no actor", func() error { _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: " "}); return err }, api.CodeInvalidArgument},
		{"claim bad lease", func() error {
			_, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "a", Lease: "forever"})
			return err
		}, api.CodeInvalidArgument},
		{"claim too short a lease", func() error {
			_, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "a", Lease: "500ms"})
			return err
		}, api.CodeInvalidArgument},
		{"claim too long a lease", func() error {
			_, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "a", Lease: "48h"})
			return err
		}, api.CodeInvalidArgument},
		{"claim unknown", func() error { _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: "nope", Actor: "a"}); return err }, api.CodeNotFound},
		{"release unclaimed", func() error { _, err := h.mod.Release(ctx, api.CaseReleaseRequest{ID: id, Actor: "a"}); return err }, api.CodeConflict},
		{"decide bad action", func() error {
			_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "a", Action: "delete"})
			return err
		}, api.CodeInvalidArgument},
		{"correct without text", func() error {
			_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "a", Action: api.ActionCorrect})
			return err
		}, api.CodeEmptyText},
		{"correct with a bidi override", func() error {
			_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "a", Action: api.ActionCorrect, Correction: "du \u202etoidi\u202c"})
			if api.AsError(err).Field != "correction" {
				return api.Errorf(api.CodeInternal, "refused on %q, not the correction: %v", api.AsError(err).Field, err)
			}
			return err
		}, api.CodeInvalidArgument},
		{"approve with a correction", func() error {
			_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "a", Action: api.ActionApprove, Correction: "x"})
			return err
		}, api.CodeInvalidArgument},
		{"correct an untranslated view", func() error {
			u := flagged("m2", "es", "vete a la mierda", "vete a la mierda")
			u.View.SourceLanguage, u.View.Status = "es", api.StatusOriginal
			if _, err := h.svc.Intake(ctx, u); err != nil {
				return err
			}
			if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: u.CaseID(), Actor: "a"}); err != nil {
				return err
			}
			_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: u.CaseID(), Actor: "a", Action: api.ActionCorrect, Correction: "vete"})
			return err
		}, api.CodeInvalidArgument},
		{"empty note", func() error { _, err := h.mod.Note(ctx, api.CaseNoteRequest{ID: id, Actor: "a"}); return err }, api.CodeEmptyText},
		{"bad status", func() error { _, err := h.mod.List(ctx, api.CaseListRequest{Status: "gone"}); return err }, api.CodeInvalidArgument},
		{"bad status among several", func() error { _, err := h.mod.List(ctx, api.CaseListRequest{Status: "open,gone"}); return err }, api.CodeInvalidArgument},
		{"bad severity", func() error { _, err := h.mod.List(ctx, api.CaseListRequest{Severity: "extreme"}); return err }, api.CodeInvalidArgument},
		{"bad locale", func() error { _, err := h.mod.List(ctx, api.CaseListRequest{Locale: "not a tag"}); return err }, api.CodeInvalidLanguage},
		{"bad age", func() error { _, err := h.mod.List(ctx, api.CaseListRequest{MaxAge: "-1h"}); return err }, api.CodeInvalidArgument},
		{"bad sort", func() error { _, err := h.mod.List(ctx, api.CaseListRequest{Sort: "random"}); return err }, api.CodeInvalidArgument},
		{"bad limit", func() error { _, err := h.mod.List(ctx, api.CaseListRequest{Limit: 100000}); return err }, api.CodeInvalidArgument},
		{"bad audit limit", func() error { _, err := h.mod.Audit(ctx, api.AuditListRequest{Limit: -1}); return err }, api.CodeInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := code(tt.call()); got != tt.want {
				t.Fatalf("code = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestListFilters(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	mk := func(msg, target string, sev string, cat string) *api.FlaggedView {
		f := flagged(msg, target, "text of "+msg, "translation of "+msg)
		f.View.Safety.Source.Severity = sev
		f.View.Safety.Source.Categories = []string{cat}
		return f
	}
	views := []*api.FlaggedView{
		mk("old", "es", api.SeverityLow, api.CategoryProfanity),
		mk("mid", "pt-BR", api.SeverityHigh, api.CategoryHate),
		mk("new", "de", api.SeverityMedium, api.CategoryProfanity),
	}
	for _, f := range views {
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
		h.clk.Add(time.Hour)
	}
	// Now: 3h after "old", 2h after "mid", 1h after "new".
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: views[2].CaseID(), Actor: "alice"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  api.CaseListRequest
		want []string // message ids in order
	}{
		{"all oldest first", api.CaseListRequest{}, []string{"old", "mid", "new"}},
		{"newest first", api.CaseListRequest{Sort: api.SortNewest}, []string{"new", "mid", "old"}},
		{"by severity", api.CaseListRequest{Sort: api.SortSeverity}, []string{"mid", "new", "old"}},
		{"open", api.CaseListRequest{Status: api.CaseOpen}, []string{"old", "mid"}},
		{"claimed", api.CaseListRequest{Status: api.CaseClaimed}, []string{"new"}},
		{"several statuses", api.CaseListRequest{Status: "claimed, open"}, []string{"old", "mid", "new"}},
		{"waiting for a moderator", api.CaseListRequest{Status: "open,escalated"}, []string{"old", "mid"}},
		{"holder", api.CaseListRequest{Holder: "alice"}, []string{"new"}},
		{"locale base matches region", api.CaseListRequest{Locale: "pt"}, []string{"mid"}},
		{"locale matches the source too", api.CaseListRequest{Locale: "en"}, []string{"old", "mid", "new"}},
		{"category", api.CaseListRequest{Category: api.CategoryProfanity}, []string{"old", "new"}},
		{"min severity", api.CaseListRequest{Severity: api.SeverityMedium}, []string{"mid", "new"}},
		{"max age", api.CaseListRequest{MaxAge: "150m"}, []string{"mid", "new"}},
		{"min age", api.CaseListRequest{MinAge: "2h"}, []string{"old", "mid"}},
		{"tenant", api.CaseListRequest{Tenant: "other"}, nil},
		{"page", api.CaseListRequest{Limit: 1, Offset: 1}, []string{"mid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := h.mod.List(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range res.Cases {
				got = append(got, c.MessageID)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRestart runs the service through Start, as a process would: a case
// made and decided before a restart is there after it, with its audit
// entries, and the audit stream refuses deletes.
func TestRestart(t *testing.T) {
	ns := natstest.RunServer(t)
	reg := prometheus.NewRegistry()
	start := func(t *testing.T, ns *server.Server) func() error {
		t.Helper()
		stop, err := moderation.Start(context.Background(), svcmain.Deps{
			NC: natstest.Conn(t, ns), Env: config.NewReader(config.Map(map[string]string{"MODERATION_LEASE": "2m"})),
			Registry: reg,
		})
		if err != nil {
			t.Fatalf("start: %v", err)
		}
		return stop
	}
	nc := natstest.Conn(t, ns)
	mod := client.Moderation{NC: nc}
	ctx := ctxT(t)

	// A view flagged while moderation has never run waits in the stream.
	f := flagged("m1", "es", "you are shit", "eres malo")
	if err := mod.Flagged(ctx, f); err != nil {
		t.Fatalf("publish before the service exists: %v", err)
	}
	stop := start(t, ns)
	waitFor(t, "the case", func() bool { _, err := mod.Get(ctx, api.CaseGetRequest{ID: f.CaseID()}); return err == nil })
	c, err := mod.Claim(ctx, api.CaseClaimRequest{ID: f.CaseID(), Actor: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	if d := c.Claim.ExpiresAt.Sub(c.Claim.ClaimedAt); d != 2*time.Minute {
		t.Fatalf("lease = %s, want MODERATION_LEASE", d)
	}
	if _, err := mod.Note(ctx, api.CaseNoteRequest{ID: f.CaseID(), Actor: "alice", Text: "checking"}); err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}

	// Flagged while the service is down.
	f2 := flagged("m2", "es", "shit happens", "pasa")
	if err := mod.Flagged(ctx, f2); err != nil {
		t.Fatal(err)
	}
	stop = start(t, ns)
	defer func() { _ = stop() }()
	got, err := mod.Get(ctx, api.CaseGetRequest{ID: f.CaseID()})
	if err != nil {
		t.Fatalf("case after restart: %v", err)
	}
	if got.Status != api.CaseClaimed || got.Claim.Holder != "alice" || len(got.Notes) != 1 {
		t.Fatalf("case after restart: %+v", got)
	}
	waitFor(t, "the case flagged while down", func() bool { _, err := mod.Get(ctx, api.CaseGetRequest{ID: f2.CaseID()}); return err == nil })
	if _, err := mod.Claim(ctx, api.CaseClaimRequest{ID: f.CaseID(), Actor: "bob"}); code(err) != api.CodeConflict {
		t.Fatalf("bob claims alice's case after restart: %v, want conflict", err)
	}
	res, err := mod.Audit(ctx, api.AuditListRequest{CaseID: f.CaseID()})
	if err != nil {
		t.Fatal(err)
	}
	if got := actions(res.Entries); !slices.Equal(got, []string{"create:system", "claim:alice", "note:alice"}) {
		t.Fatalf("audit after restart = %v", got)
	}

	// The queue metrics see both cases, one of them claimed.
	if got := gauge(t, reg, "parley_moderation_cases", api.CaseClaimed); got != 1 {
		t.Fatalf("claimed cases metric = %v, want 1", got)
	}
	if got := gauge(t, reg, "parley_moderation_cases", api.CaseOpen); got != 1 {
		t.Fatalf("open cases metric = %v, want 1", got)
	}

	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	audit, err := js.Stream(ctx, api.StreamModerationAudit)
	if err != nil {
		t.Fatal(err)
	}
	if err := audit.DeleteMsg(ctx, res.Entries[0].Seq); err == nil {
		t.Fatal("deleted an audit entry")
	}
	if err := audit.Purge(ctx); err == nil {
		t.Fatal("purged the audit stream")
	}
	info, err := audit.Info(ctx)
	if err != nil || info.Config.Storage != jetstream.FileStorage {
		t.Fatalf("audit stream: %+v, %v", info, err)
	}
}

// gauge reads one gauge (with a status label value, or none) from reg.
func gauge(t *testing.T, reg *prometheus.Registry, name, status string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "status" && l.GetValue() == status {
					return m.GetGauge().GetValue()
				}
			}
		}
	}
	t.Fatalf("no %s{status=%q}", name, status)
	return 0
}
