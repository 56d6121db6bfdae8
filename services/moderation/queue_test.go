package moderation_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/api"
)

// flagOpenCases makes n open cases (messages q0..q<n-1>, one a minute
// apart) and waits until the queue lists them.
func (h *harness) flagOpenCases(t *testing.T, n int) []string {
	t.Helper()
	ctx := ctxT(t)
	ids := make([]string, n)
	for i := range n {
		f := flagged(fmt.Sprintf("q%d", i), "es", "you are shit", "eres malo")
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
		ids[i] = f.CaseID()
		h.clk.Add(time.Minute)
	}
	waitFor(t, "the cases", func() bool { return h.total(t, api.CaseListRequest{Status: api.CaseOpen}) == n })
	return ids
}

// decide claims case req.ID for req.Actor and decides it as req says.
func (h *harness) decide(t *testing.T, req api.CaseDecideRequest) *api.Case {
	t.Helper()
	ctx := ctxT(t)
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: req.ID, Actor: req.Actor}); err != nil {
		t.Fatalf("claim %s: %v", req.ID, err)
	}
	c, err := h.mod.Decide(ctx, req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Action, req.ID, err)
	}
	return c
}

func summaryIDs(res *api.CaseListResponse) []string {
	var ids []string
	for _, c := range res.Cases {
		ids = append(ids, c.ID)
	}
	return ids
}

// TestCursorPagingSkipsNothing: 68 open cases, a page of 50; a colleague
// decides 10 of that page. The next page by cursor holds the 18 cases
// after the page, all still open; by offset it would start 10 cases too
// far (it is kept for compatibility).
func TestCursorPagingSkipsNothing(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	ids := h.flagOpenCases(t, 68)
	page1, err := h.mod.List(ctx, api.CaseListRequest{Status: api.CaseOpen, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(summaryIDs(page1), ids[:50]) || page1.NextAfter == "" || page1.NextOffset != 50 || page1.PrevBefore != "" {
		t.Fatalf("page 1: %d cases, next_after %q, next_offset %d, prev_before %q", len(page1.Cases), page1.NextAfter, page1.NextOffset, page1.PrevBefore)
	}
	for _, id := range ids[20:30] {
		h.decide(t, api.CaseDecideRequest{ID: id, Actor: "bob", Action: api.ActionApprove})
	}
	waitFor(t, "the decisions", func() bool { return h.total(t, api.CaseListRequest{Status: api.CaseOpen}) == 58 })

	page2, err := h.mod.List(ctx, api.CaseListRequest{Status: api.CaseOpen, Limit: 50, After: page1.NextAfter})
	if err != nil {
		t.Fatal(err)
	}
	if got := summaryIDs(page2); !slices.Equal(got, ids[50:]) || page2.Total != 58 || page2.NextAfter != "" || page2.NextOffset != 0 {
		t.Fatalf("page 2 by cursor: %d cases (%v), total %d, next_after %q", len(got), got, page2.Total, page2.NextAfter)
	}
	byOffset, err := h.mod.List(ctx, api.CaseListRequest{Status: api.CaseOpen, Limit: 50, Offset: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(byOffset.Cases) != 8 {
		t.Fatalf("page 2 by offset: %d cases; the compatibility behaviour changed", len(byOffset.Cases))
	}
	// Back from page 2: the 50 open cases before it, in order.
	back, err := h.mod.List(ctx, api.CaseListRequest{Status: api.CaseOpen, Limit: 50, Before: page2.PrevBefore})
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Concat(ids[:20], ids[30:50])
	if got := summaryIDs(back); !slices.Equal(got, want) || back.PrevBefore != "" || back.NextAfter == "" {
		t.Fatalf("page before page 2: %v (prev_before %q), want %v", got, back.PrevBefore, want)
	}
}

// TestCursorPagingOfEverySort: in every sort order, following next_after
// lists every case once, in the order of one whole page, and ids_only
// pages carry the cursors too.
func TestCursorPagingOfEverySort(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	ctx2 := ctxT(t)
	for i := range 23 {
		f := flagged(fmt.Sprintf("s%d", i), "es", "you are shit", "eres malo")
		f.View.Safety.Source.Severity = []string{api.SeverityLow, api.SeverityMedium, api.SeverityHigh}[i%3]
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
		if i%4 != 0 { // some share a creation time: the id orders them
			h.clk.Add(time.Second)
		}
	}
	waitFor(t, "the cases", func() bool { return h.total(t, api.CaseListRequest{}) == 23 })
	for _, sort := range []string{api.SortOldest, api.SortNewest, api.SortSeverity} {
		for _, idsOnly := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s ids_only=%v", sort, idsOnly), func(t *testing.T) {
				whole, err := h.mod.List(ctx2, api.CaseListRequest{Sort: sort, Limit: 100, IDsOnly: true})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				req := api.CaseListRequest{Sort: sort, Limit: 5, IDsOnly: idsOnly}
				for pages := 0; ; pages++ {
					res, err := h.mod.List(ctx2, req)
					if err != nil {
						t.Fatal(err)
					}
					if idsOnly {
						got = append(got, res.IDs...)
					} else {
						got = append(got, summaryIDs(res)...)
					}
					if res.NextAfter == "" || pages > 10 {
						break
					}
					req.After = res.NextAfter
				}
				if !slices.Equal(got, whole.IDs) {
					t.Fatalf("paged %v,\nwant   %v", got, whole.IDs)
				}
			})
		}
	}
}

func TestCursorErrors(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	h.flagOpenCases(t, 3)
	res, err := h.mod.List(ctx, api.CaseListRequest{Limit: 1})
	if err != nil || res.NextAfter == "" {
		t.Fatalf("first page: %+v %v", res, err)
	}
	tests := []struct {
		name  string
		req   api.CaseListRequest
		field string
		says  string
	}{
		{"not base64", api.CaseListRequest{After: "%%%"}, "after", "not a cursor"},
		{"not a cursor", api.CaseListRequest{After: "aGVsbG8"}, "after", "not a cursor"},
		{"bad before", api.CaseListRequest{Before: "aGVsbG8"}, "before", "not a cursor"},
		{"another sort", api.CaseListRequest{After: res.NextAfter, Sort: api.SortNewest}, "after", "sorted by oldest"},
		{"cursor and offset", api.CaseListRequest{After: res.NextAfter, Offset: 2}, "after", "one of after, before and offset"},
		{"both cursors", api.CaseListRequest{After: res.NextAfter, Before: res.NextAfter}, "after", "one of after, before and offset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.mod.List(ctx, tt.req)
			ae := api.AsError(err)
			if err == nil || ae.Code != api.CodeInvalidArgument || ae.Field != tt.field || !strings.Contains(ae.Message, tt.says) {
				t.Fatalf("list %+v: %v, want a 400 on %s saying %q", tt.req, err, tt.field, tt.says)
			}
		})
	}
}

// failingAppends is a store whose audit appends fail while fail is set.
type failingAppends struct {
	moderation.Store
	fail atomic.Bool
}

func (f *failingAppends) Append(ctx context.Context, entries ...api.AuditEntry) error {
	if f.fail.Load() {
		return errors.New("injected: audit stream unavailable")
	}
	return f.Store.Append(ctx, entries...)
}

// TestDecisionCompletesItsAuditEntry: a decision stored while its audit
// entry could not be appended is answered 503 (nothing reaches readers,
// who get decisions from the audit stream); sent again by the same
// moderator it succeeds and appends the missing entry, once. Another
// moderator's decision is still refused.
func TestDecisionCompletesItsAuditEntry(t *testing.T) {
	var st *failingAppends
	h := newHarnessWith(t, func(s moderation.Store) moderation.Store {
		st = &failingAppends{Store: s}
		return st
	})
	ctx := ctxT(t)
	f := flagged("m1", "es", "you are shit", "eres malo")
	if _, err := h.svc.Intake(ctx, f); err != nil {
		t.Fatal(err)
	}
	id := f.CaseID()
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "alice"}); err != nil {
		t.Fatal(err)
	}
	st.fail.Store(true)
	_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionHide})
	if code(err) != api.CodeUnavailable || !strings.Contains(api.AsError(err).Message, "send the same decision again") {
		t.Fatalf("decide with the audit down: %v, want 503 saying to send it again", err)
	}
	decides := func() int {
		n := 0
		for _, e := range h.audit(t, id) {
			if e.Action == api.AuditDecide && e.Decision == api.ActionHide && e.Actor == "alice" {
				n++
			}
		}
		return n
	}
	if n := decides(); n != 0 {
		t.Fatalf("%d decide entries after the failed append", n)
	}
	if _, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionHide}); code(err) != api.CodeUnavailable {
		t.Fatalf("retry with the audit still down: %v, want 503", err)
	}
	st.fail.Store(false)

	if _, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "bob", Action: api.ActionApprove}); code(err) != api.CodeConflict {
		t.Fatalf("another moderator's decision: %v, want 409", err)
	}
	for range 2 {
		c, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionHide})
		if err != nil || c.Status != api.CaseDecided || c.Decision.Action != api.ActionHide {
			t.Fatalf("retry: %+v %v", c, err)
		}
		if n := decides(); n != 1 {
			t.Fatalf("%d decide entries after the retry, want 1", n)
		}
	}
	// The entry is the decision: its time and the case revision.
	c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range h.audit(t, id) {
		if e.Action == api.AuditDecide && (!e.At.Equal(c.Decision.At) || e.Revision != c.Revision) {
			t.Fatalf("entry %+v of decision %+v at revision %d", e, c.Decision, c.Revision)
		}
	}
}

// slowReads is a store whose reads take a while to come back, as they do
// from a clustered JetStream (a replica away): writers that read the same
// revision collide on their writes.
type slowReads struct {
	moderation.Store
	delay time.Duration
}

func (s slowReads) Get(ctx context.Context, id string) (*api.Case, error) {
	c, err := s.Store.Get(ctx, id)
	time.Sleep(s.delay)
	return c, err
}

// TestConcurrentNotes: two moderators post 30 notes at once on one case;
// every note lands (the writes that collide back off and try again).
func TestConcurrentNotes(t *testing.T) {
	h := newHarnessWith(t, func(s moderation.Store) moderation.Store { return slowReads{Store: s, delay: 2 * time.Millisecond} })
	ctx := ctxT(t)
	f := flagged("m1", "es", "you are shit", "eres malo")
	if _, err := h.svc.Intake(ctx, f); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 30)
	for i := range 30 {
		actor := []string{"alice", "bob"}[i%2]
		wg.Go(func() {
			if _, err := h.svc.Note(ctx, api.CaseNoteRequest{ID: f.CaseID(), Actor: actor, Text: fmt.Sprintf("note %d", i)}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("note: %v", err)
	}
	c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: f.CaseID()})
	if err != nil || len(c.Notes) != 30 {
		t.Fatalf("case has %d notes (%v), want 30", len(c.Notes), err)
	}
}

// TestHideClosesTheMessagesOtherCases: a message unsafe in its source is
// a case in each of 8 reader locales; hiding it in one closes the other 7,
// each with a close entry naming the decision, also the one another
// moderator holds. Another message's cases stay open.
func TestHideClosesTheMessagesOtherCases(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	locales := []string{"es", "de", "fr", "it", "pt", "ja", "ar", "ru"}
	var ids []string
	for _, l := range locales {
		f := flagged("m1", l, "you are shit", "translated")
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, f.CaseID())
	}
	edit := flagged("m1", "es", "you are a piece of shit", "eres un pedazo de mierda")
	edit.MessageRevision = 2
	other := flagged("m2", "es", "you are shit", "eres malo")
	for _, f := range []*api.FlaggedView{edit, other} {
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the cases", func() bool { return h.total(t, api.CaseListRequest{}) == 10 })
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: ids[3], Actor: "bob"}); err != nil {
		t.Fatal(err)
	}
	h.decide(t, api.CaseDecideRequest{ID: ids[0], Actor: "alice", Action: api.ActionHide})

	waitFor(t, "the other cases closed", func() bool {
		return h.total(t, api.CaseListRequest{Status: api.CaseDecided}) == 9
	})
	for _, id := range append(ids[1:], edit.CaseID()) {
		c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id})
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != api.CaseDecided || c.ClosedBy != ids[0] || c.Decision == nil || c.Decision.Action != api.ActionHide || c.Decision.Actor != "alice" || c.Claim != nil {
			t.Fatalf("case %s: %+v", id, c)
		}
		audit := h.audit(t, id)
		last := audit[len(audit)-1]
		if last.Action != api.AuditClose || last.Decision != api.ActionHide || last.ClosedBy != ids[0] || last.Actor != "alice" ||
			!strings.Contains(last.Note, "hide decision of alice on case "+ids[0]) {
			t.Fatalf("case %s's last entry: %+v", id, last)
		}
	}
	if c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: other.CaseID()}); err != nil || c.Status != api.CaseOpen {
		t.Fatalf("another message's case: %+v %v", c, err)
	}
	// Bob, who held one of them, is told it is decided.
	if _, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: ids[3], Actor: "bob", Action: api.ActionApprove}); code(err) != api.CodeConflict {
		t.Fatalf("bob decides a closed case: %v, want 409", err)
	}
}

// TestApproveOfTheSourceClosesItsOtherLocales: approving a case flagged
// for its source approves that text in the message's other locales (a
// decide entry each, naming the case, since readers get approvals per
// locale); a locale flagged for what its translation added, an escalated
// case and a case of another revision stay in the queue.
func TestApproveOfTheSourceClosesItsOtherLocales(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	var same []string
	for _, l := range []string{"es", "de", "fr"} {
		f := flagged("m1", l, "you are shit", "translated")
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
		same = append(same, f.CaseID())
	}
	added := flagged("m1", "it", "you are shit", "sei una merda schifosa")
	added.View.Safety.Delta = &api.SafetyDelta{Added: true, AddedCategories: []string{api.CategoryHate}}
	added.View.Safety.Policy.FlaggedBy = []string{api.FlagAdded}
	escalated := flagged("m1", "pt", "you are shit", "traduzido")
	edit := flagged("m1", "ja", "you are shit!", "翻訳")
	edit.MessageRevision = 2
	for _, f := range []*api.FlaggedView{added, escalated, edit} {
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the cases", func() bool { return h.total(t, api.CaseListRequest{}) == 6 })
	h.decide(t, api.CaseDecideRequest{ID: escalated.CaseID(), Actor: "carol", Action: api.ActionEscalate})

	h.decide(t, api.CaseDecideRequest{ID: same[0], Actor: "alice", Action: api.ActionApprove})
	waitFor(t, "the other locales approved", func() bool { return h.total(t, api.CaseListRequest{Status: api.CaseDecided}) == 3 })
	for _, id := range same[1:] {
		c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id})
		if err != nil {
			t.Fatal(err)
		}
		audit := h.audit(t, id)
		last := audit[len(audit)-1]
		if c.ClosedBy != same[0] || c.Decision.Action != api.ActionApprove || last.Action != api.AuditDecide || last.Decision != api.ActionApprove ||
			last.ClosedBy != same[0] || !strings.Contains(last.Note, "approve decision of alice") {
			t.Fatalf("case %s: %+v, last entry %+v", id, c, last)
		}
	}
	for id, status := range map[string]string{added.CaseID(): api.CaseOpen, escalated.CaseID(): api.CaseEscalated, edit.CaseID(): api.CaseOpen} {
		if c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id}); err != nil || c.Status != status {
			t.Errorf("case %s: %+v %v, want %s", id, c, err, status)
		}
	}
}

// TestIntakeOfStoredMessages: a case of a stored message carries its
// author; a flagged view that serves a moderator's correction makes no
// case (the correction would come back as a case of its own).
func TestIntakeOfStoredMessages(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	f := flagged("m1", "es", "you are shit", "eres malo")
	f.Author = "u-17"
	if created, err := h.svc.Intake(ctx, f); err != nil || !created {
		t.Fatalf("intake: %v %v", created, err)
	}
	c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: f.CaseID()})
	if err != nil || c.Author != "u-17" {
		t.Fatalf("case: %+v %v", c, err)
	}
	waitFor(t, "the case", func() bool { return h.total(t, api.CaseListRequest{}) == 1 })
	res, err := h.mod.List(ctx, api.CaseListRequest{})
	if err != nil || res.Cases[0].Author != "u-17" {
		t.Fatalf("list: %+v %v", res, err)
	}

	corrected := flagged("", "es", "you are shit", "eres una persona horrible")
	corrected.View.Backend, corrected.View.Cache = "moderator", api.CacheOverride
	if created, err := h.svc.Intake(ctx, corrected); err != nil || created {
		t.Fatalf("intake of a correction: created %v, %v", created, err)
	}
	if _, err := h.mod.Get(ctx, api.CaseGetRequest{ID: corrected.CaseID()}); code(err) != api.CodeNotFound {
		t.Fatalf("a case of the correction: %v", err)
	}
}
