package gateway_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// patchMessage sends PATCH /v1/messages/{id} and returns the status and
// the message answered (zero unless 200).
func patchMessage(t *testing.T, e *chatEnv, id, body string, header ...string) (int, api.Message, string) {
	t.Helper()
	r := do(t, "PATCH", e.url+"/v1/messages/"+id, body, header...)
	var m api.Message
	if r.status == http.StatusOK {
		if err := json.Unmarshal(r.body, &m); err != nil {
			t.Fatalf("decode %s: %v", r.body, err)
		}
	}
	return r.status, m, string(r.body)
}

// TestMessageEditsConcurrent: parallel edits of one message are each
// applied to the state they were built from (none overwrites a change it
// did not see), and each answer is the message as its own edit left it.
func TestMessageEditsConcurrent(t *testing.T) {
	e := startChat(t, nil)

	t.Run("each answer shows its own text", func(t *testing.T) {
		m := postMessage(t, e, "edits", "ana", "hello")
		const n = 8
		var wg sync.WaitGroup
		type answer struct {
			status int
			m      api.Message
			body   string
		}
		answers := make([]answer, n)
		for i := range n {
			wg.Go(func() {
				status, got, body := patchMessage(t, e, m.ID, fmt.Sprintf(`{"text":"edit %d"}`, i))
				answers[i] = answer{status, got, body}
			})
		}
		wg.Wait()
		revs := map[int]bool{}
		for i, a := range answers {
			if a.status != http.StatusOK {
				t.Fatalf("edit %d: %d %s", i, a.status, a.body)
			}
			if want := fmt.Sprintf("edit %d", i); a.m.Text != want {
				t.Errorf("edit %d answered %q (revision %d)", i, a.m.Text, a.m.Revision)
			}
			if revs[a.m.Revision] {
				t.Errorf("two answers at revision %d", a.m.Revision)
			}
			revs[a.m.Revision] = true
		}
		// Every accepted edit is a revision: none was lost.
		for r := 2; r <= n+1; r++ {
			if !revs[r] {
				t.Errorf("no answer at revision %d: %v", r, revs)
			}
		}
	})

	t.Run("text and source edits both stay", func(t *testing.T) {
		for round := range 10 {
			m := postMessage(t, e, "edits", "ana", "hello")
			var wg sync.WaitGroup
			var text, source api.Message
			var st1, st2 int
			var b1, b2 string
			wg.Go(func() { st1, text, b1 = patchMessage(t, e, m.ID, `{"text":"hello again"}`) })
			wg.Go(func() { st2, source, b2 = patchMessage(t, e, m.ID, `{"source":"es"}`) })
			wg.Wait()
			if st1 != http.StatusOK || st2 != http.StatusOK {
				t.Fatalf("round %d: %d %s / %d %s", round, st1, b1, st2, b2)
			}
			if text.Text != "hello again" || source.Source != "es" {
				t.Fatalf("round %d: answers %+v / %+v", round, text, source)
			}
			last := text
			if source.Revision > last.Revision {
				last = source
			}
			if last.Revision != 3 || last.Text != "hello again" || last.Source != "es" {
				t.Fatalf("round %d: the later edit left %+v: a change was lost", round, last)
			}
		}
	})

	t.Run("conditional edits", func(t *testing.T) {
		m := postMessage(t, e, "edits", "ana", "hello")
		if st, got, body := patchMessage(t, e, m.ID, `{"text":"one"}`, "If-Match", `"1"`); st != 200 || got.Revision != 2 {
			t.Fatalf("If-Match \"1\": %d %s", st, body)
		}
		for _, tt := range []struct {
			body   string
			header []string
			status int
			field  string
			says   string
		}{
			{`{"text":"two"}`, []string{"If-Match", `"1"`}, http.StatusPreconditionFailed, "revision", "another edit came first"},
			{`{"text":"two","revision":1}`, nil, http.StatusPreconditionFailed, "revision", ""},
			// Ahead of the message: no edit came first, the client is wrong.
			{`{"text":"two"}`, []string{"If-Match", `"9"`}, http.StatusPreconditionFailed, "revision", "does not exist yet"},
			{`{"text":"two"}`, []string{"If-Match", `W/"2"`}, http.StatusPreconditionFailed, "If-Match", ""},
			// A message's reads send no ETag: the error names the revision.
			{`{"text":"two"}`, []string{"If-Match", `abc`}, http.StatusBadRequest, "If-Match", "message revision"},
			{`{"text":"two","revision":3}`, []string{"If-Match", `"2"`}, http.StatusBadRequest, "revision", ""},
			{`{"text":"two","revision":2}`, []string{"If-Match", `"2"`}, http.StatusOK, "", ""},
		} {
			st, _, body := patchMessage(t, e, m.ID, tt.body, tt.header...)
			if st != tt.status || tt.field != "" && !strings.Contains(body, `"field":"`+tt.field+`"`) || !strings.Contains(body, tt.says) {
				t.Errorf("%s %v: %d %s, want %d on %s saying %q", tt.body, tt.header, st, body, tt.status, tt.field, tt.says)
			}
		}
	})

	t.Run("source alone", func(t *testing.T) {
		m := postMessage(t, e, "edits", "ana", "hello")
		st, got, body := patchMessage(t, e, m.ID, `{"source":"en"}`)
		if st != 200 || got.Text != "hello" || got.Source != "en" || got.Revision != 2 {
			t.Fatalf("%d %s", st, body)
		}
		if st, _, body := patchMessage(t, e, m.ID, `{}`); st != http.StatusBadRequest {
			t.Fatalf("an empty edit: %d %s", st, body)
		}
	})
}
