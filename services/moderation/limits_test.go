package moderation_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/api"
)

// longText is a message of api.MaxTextRunes characters, most of them four
// bytes long: the largest text a case carries on each side.
func longText(prefix string) string {
	return prefix + strings.Repeat("😀", api.MaxTextRunes-len([]rune(prefix)))
}

// TestListOfLargeCases: a page of cases carrying whole 10,000-character
// messages is cut short of one NATS message instead of being an answer
// NATS cannot carry, says where to go on, and the pages together list
// every case once; previews and ids make small pages of the same cases.
func TestListOfLargeCases(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	var want []string
	for i := range 6 {
		for _, target := range []string{"es", "fr", "de"} {
			f := flagged(fmt.Sprintf("m%d", i), target, longText("you are shit "), longText("eres una mierda "))
			if _, err := h.svc.Intake(ctx, f); err != nil {
				t.Fatal(err)
			}
			want = append(want, f.CaseID())
		}
	}
	slices.Sort(want)

	tests := []struct {
		name      string
		req       api.CaseListRequest
		wantPages int // 0: more than one
	}{
		{"whole texts page by size", api.CaseListRequest{}, 0},
		{"whole texts at the largest limit", api.CaseListRequest{Limit: moderation.MaxListLimit}, 0},
		{"previews fit one page", api.CaseListRequest{Preview: 80}, 1},
		{"ids fit one page", api.CaseListRequest{IDsOnly: true}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			pages := 0
			req := tt.req
			for {
				res, err := h.mod.List(ctx, req)
				if err != nil {
					t.Fatalf("page %d: %v", pages+1, err)
				}
				pages++
				if res.Total != len(want) {
					t.Fatalf("total %d, want %d", res.Total, len(want))
				}
				got = append(got, res.IDs...)
				for _, c := range res.Cases {
					got = append(got, c.ID)
					if tt.req.Preview > 0 {
						if n := len([]rune(c.Original)); n != tt.req.Preview+1 || !strings.HasSuffix(c.Original, "…") || !strings.HasPrefix(c.Original, "you are shit ") {
							t.Fatalf("preview of %d characters: %.40q", n, c.Original)
						}
					} else if c.Original != longText("you are shit ") {
						t.Fatalf("a summary lost its text: %.40q", c.Original)
					}
				}
				if res.NextOffset == 0 {
					break
				}
				if res.NextOffset != req.Offset+len(res.Cases)+len(res.IDs) {
					t.Fatalf("next_offset %d after a page of %d at %d", res.NextOffset, len(res.Cases)+len(res.IDs), req.Offset)
				}
				req.Offset = res.NextOffset
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("pages listed %d cases, want each of the %d once", len(got), len(want))
			}
			if (tt.wantPages == 0 && pages < 2) || (tt.wantPages > 0 && pages != tt.wantPages) {
				t.Fatalf("%d pages, want %d (0: more than one)", pages, tt.wantPages)
			}
		})
	}

	t.Run("bad preview", func(t *testing.T) {
		for _, n := range []int{-1, api.MaxTextRunes + 1} {
			if _, err := h.mod.List(ctx, api.CaseListRequest{Preview: n}); code(err) != api.CodeInvalidArgument {
				t.Fatalf("preview %d: %v, want invalid_argument", n, err)
			}
		}
	})
}

// TestNotesStayWithinTheCase: notes of the longest kind fill a case's
// notes budget and then get a 409 that names the limit, never the 503 of
// a case record too large to store; the case stays readable and shorter
// notes still fit.
func TestNotesStayWithinTheCase(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	f := flagged("m1", "es", longText("you are shit "), longText("eres una mierda "))
	if _, err := h.svc.Intake(ctx, f); err != nil {
		t.Fatal(err)
	}
	id := f.CaseID()
	long := strings.Repeat("😀", moderation.MaxNoteRunes)
	added := 0
	for ; added < moderation.MaxNotes; added++ {
		_, err := h.mod.Note(ctx, api.CaseNoteRequest{ID: id, Actor: "alice", Text: long})
		if err == nil {
			continue
		}
		if code(err) != api.CodeConflict || !strings.Contains(err.Error(), fmt.Sprint(moderation.MaxNotesBytes)) {
			t.Fatalf("note %d: %v, want a conflict naming the %d-byte limit", added+1, err, moderation.MaxNotesBytes)
		}
		break
	}
	if added == moderation.MaxNotes || added == 0 {
		t.Fatalf("%d notes of %d characters fit, want the byte budget to stop them first", added, moderation.MaxNoteRunes)
	}
	tests := []struct {
		name string
		text string
		want api.Code
	}{
		{"another long note", long, api.CodeConflict},
		{"a short note", "checked the translation", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := h.mod.Note(ctx, api.CaseNoteRequest{ID: id, Actor: "bob", Text: tt.text}); code(err) != tt.want {
				t.Fatalf("note: %v, want %q", err, tt.want)
			}
		})
	}
	c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id})
	if err != nil {
		t.Fatalf("case after the notes: %v", err)
	}
	if len(c.Notes) != added+1 {
		t.Fatalf("case has %d notes, want %d", len(c.Notes), added+1)
	}
}

// TestAuditOfLargeEntries: long notes stay in their cases, out of the
// audit log (its entries give their length and digest), so the whole log
// of 41 entries is one small page (jsstore's tests page large entries by
// size); the newest page of a case shows its decision and counts the
// entries it leaves out.
func TestAuditOfLargeEntries(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	long := strings.Repeat("😀", moderation.MaxNoteRunes)
	var ids []string
	for i := range 3 {
		f := flagged(fmt.Sprintf("m%d", i), "es", "you are shit", "eres malo")
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, f.CaseID())
		for range 12 {
			if _, err := h.mod.Note(ctx, api.CaseNoteRequest{ID: f.CaseID(), Actor: "alice", Text: long}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: ids[0], Actor: "alice"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: ids[0], Actor: "alice", Action: api.ActionApprove}); err != nil {
		t.Fatal(err)
	}

	t.Run("the whole log keeps no note text", func(t *testing.T) {
		const want = 3*13 + 2 // create and 12 notes each, claim, decide
		req := api.AuditListRequest{Limit: 1000}
		seen, pages := map[uint64]bool{}, 0
		for {
			res, err := h.mod.Audit(ctx, req)
			if err != nil {
				t.Fatalf("page %d: %v", pages+1, err)
			}
			pages++
			for _, e := range res.Entries {
				if seen[e.Seq] || e.Seq <= req.After {
					t.Fatalf("entry %d twice or out of order", e.Seq)
				}
				seen[e.Seq] = true
				if e.Action == api.AuditNote && (e.Note != "" || e.TextChars != moderation.MaxNoteRunes || len(e.TextSHA256) != 64) {
					t.Fatalf("note entry %+v: want no text, its length and digest", e)
				}
			}
			if !res.More {
				break
			}
			req.After = res.NextAfter
		}
		if len(seen) != want || pages != 1 {
			t.Fatalf("%d entries in %d pages, want %d in one", len(seen), pages, want)
		}
	})

	tests := []struct {
		name      string
		req       api.AuditListRequest
		wantLast  string
		wantOlder int
	}{
		{"newest of a case end with its decision", api.AuditListRequest{CaseID: ids[0], Limit: 5, Newest: true}, api.AuditDecide, 15 - 5},
		{"oldest of a case are its creation and first notes", api.AuditListRequest{CaseID: ids[0], Limit: 5}, api.AuditNote, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := h.mod.Audit(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Entries) != 5 || res.Entries[4].Action != tt.wantLast || res.Older != tt.wantOlder {
				t.Fatalf("entries %v, older %d; want 5 ending with %s, %d older", actions(res.Entries), res.Older, tt.wantLast, tt.wantOlder)
			}
		})
	}
}

// TestPreviewKeepsGraphemes: a queue preview is cut between user-perceived
// characters, never inside a ZWJ emoji sequence, between a letter and its
// accent or between the two halves of a flag.
func TestPreviewKeepsGraphemes(t *testing.T) {
	const (
		family = "\U0001F468\u200D\U0001F469\u200D\U0001F467" // 5 code points
		flag   = "\U0001F1EB\U0001F1F7"
	)
	pad := strings.Repeat("a", 79)
	tests := []struct {
		name, text, want string
	}{
		{"ZWJ family", pad[:78] + family + " shit", pad[:78] + "…"},
		{"combining accent", pad[:79] + "e\u0301 shit", pad[:79] + "…"},
		{"flag", pad[:79] + flag + " shit", pad[:79] + "…"},
	}
	h := newHarness(t)
	ctx := ctxT(t)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := flagged(fmt.Sprintf("g%d", i), "es", tt.text, tt.text)
			if _, err := h.svc.Intake(ctx, f); err != nil {
				t.Fatal(err)
			}
			res, err := h.mod.List(ctx, api.CaseListRequest{Preview: 80, Limit: moderation.MaxListLimit})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range res.Cases {
				if c.ID == f.CaseID() {
					if c.Original != tt.want || c.Translation != tt.want {
						t.Fatalf("preview %+q / %+q, want %+q", c.Original, c.Translation, tt.want)
					}
					return
				}
			}
			t.Fatalf("case %s not listed", f.CaseID())
		})
	}
}
