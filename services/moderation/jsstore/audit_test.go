package jsstore_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/moderation/jsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

// seqs are the sequences of entries.
func seqs(entries []api.AuditEntry) []uint64 {
	out := []uint64{}
	for _, e := range entries {
		out = append(out, e.Seq)
	}
	return out
}

// openStore opens a store on a fresh embedded server; ctx ends with the
// test (at the latest after 20 s).
func openStore(t *testing.T) (context.Context, *nats.Conn, *jsstore.Store) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	nc := natstest.Conn(t, natstest.RunServer(t))
	st, err := jsstore.Open(ctx, nc, jsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return ctx, nc, st
}

// TestAuditPagesBoundedBySize: a page stops at its limit or its byte
// budget, says whether more follow, and a Newest page keeps the last
// entries and counts the ones it leaves out.
func TestAuditPagesBoundedBySize(t *testing.T) {
	ctx, _, st := openStore(t)

	// Ten notes of 4,000 four-byte characters on case "big" (about 16 KB
	// each), with entries of another case between them.
	note := strings.Repeat("😀", 4000)
	at := time.Now().UTC()
	for i := range 10 {
		if err := st.Append(ctx,
			api.AuditEntry{CaseID: "big", Action: api.AuditNote, Actor: "alice", At: at, Note: note, Revision: uint64(i + 1)},
			api.AuditEntry{CaseID: "other", Action: api.AuditNote, Actor: "bob", At: at, Note: "short", Revision: uint64(i + 1)},
		); err != nil {
			t.Fatal(err)
		}
	}
	full, err := st.Audit(ctx, api.AuditListRequest{Limit: 1000}, 1<<30)
	if err != nil || len(full.Entries) != 20 || full.More {
		t.Fatalf("whole log: %d entries, more %v, %v", len(full.Entries), full.More, err)
	}
	var big, all []uint64
	for _, e := range full.Entries {
		if e.CaseID == "big" {
			big = append(big, e.Seq)
		}
		all = append(all, e.Seq)
	}
	oneEntry, _ := json.Marshal(full.Entries[0])
	threeNotes := 3*len(oneEntry) + 100

	tests := []struct {
		name      string
		req       api.AuditListRequest
		maxBytes  int
		want      []uint64
		wantMore  bool
		wantOlder int
	}{
		{"all of a case", api.AuditListRequest{CaseID: "big", Limit: 100}, 1 << 30, big, false, 0},
		{"cut by the limit", api.AuditListRequest{CaseID: "big", Limit: 4}, 1 << 30, big[:4], true, 0},
		{"cut by the size", api.AuditListRequest{CaseID: "big", Limit: 100}, threeNotes, big[:3], true, 0},
		{"one entry even when it alone is over the budget", api.AuditListRequest{CaseID: "big", Limit: 100}, 10, big[:1], true, 0},
		{"limit on the last entry", api.AuditListRequest{CaseID: "big", After: big[5], Limit: 4}, 1 << 30, big[6:], false, 0},
		{"newest of a case by limit", api.AuditListRequest{CaseID: "big", Limit: 4, Newest: true}, 1 << 30, big[6:], false, 6},
		{"newest of a case by size", api.AuditListRequest{CaseID: "big", Limit: 100, Newest: true}, threeNotes, big[7:], false, 7},
		{"newest after a sequence", api.AuditListRequest{CaseID: "big", After: big[2], Limit: 4, Newest: true}, 1 << 30, big[6:], false, 3},
		{"newest of a short log", api.AuditListRequest{CaseID: "big", Limit: 100, Newest: true}, 1 << 30, big, false, 0},
		{"newest of the whole log", api.AuditListRequest{Limit: 5, Newest: true}, 1 << 30, all[15:], false, 15},
		{"newest of the whole log after a sequence", api.AuditListRequest{After: all[16], Limit: 5, Newest: true}, 1 << 30, all[17:], false, 0},
		{"nothing after the end", api.AuditListRequest{After: all[19], Limit: 5}, 1 << 30, []uint64{}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := st.Audit(ctx, tt.req, tt.maxBytes)
			if err != nil {
				t.Fatal(err)
			}
			if got := seqs(res.Entries); !slices.Equal(got, tt.want) {
				t.Fatalf("entries %v, want %v", got, tt.want)
			}
			if res.More != tt.wantMore || res.Older != tt.wantOlder {
				t.Fatalf("more %v older %d, want %v and %d", res.More, res.Older, tt.wantMore, tt.wantOlder)
			}
			if res.More && res.NextAfter != tt.want[len(tt.want)-1] {
				t.Fatalf("next_after %d, want the last entry's %d", res.NextAfter, tt.want[len(tt.want)-1])
			}
		})
	}

	t.Run("following next_after lists every entry once", func(t *testing.T) {
		var got []uint64
		req := api.AuditListRequest{CaseID: "big", Limit: 100}
		for range 20 {
			res, err := st.Audit(ctx, req, threeNotes)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, seqs(res.Entries)...)
			if !res.More {
				break
			}
			req.After = res.NextAfter
		}
		if !slices.Equal(got, big) {
			t.Fatalf("pages listed %v, want %v", got, big)
		}
	})
}

// TestCaseLargerThanAMessage: a case NATS cannot carry is refused as too
// large (a 413 no retry fixes), not as the store being down.
func TestCaseLargerThanAMessage(t *testing.T) {
	ctx, nc, st := openStore(t)
	huge := strings.Repeat("x", int(nc.MaxPayload()))
	if _, _, err := st.Create(ctx, &api.Case{ID: "huge", Status: api.CaseOpen, Original: huge}); api.ErrorCode(err) != api.CodeBodyTooLarge {
		t.Fatalf("create: %v, want body_too_large", err)
	}
	c := &api.Case{ID: "c1", Status: api.CaseOpen, Original: "x"}
	_, rev, err := st.Create(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Original = huge
	if _, err := st.Update(ctx, c, rev); api.ErrorCode(err) != api.CodeBodyTooLarge {
		t.Fatalf("update: %v, want body_too_large", err)
	}
	if got, err := st.Get(ctx, "c1"); err != nil || got.Original != "x" {
		t.Fatalf("the case changed: %v", err)
	}
}
