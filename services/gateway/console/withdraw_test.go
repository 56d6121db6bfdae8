package console_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestWithdrawInTheConsole: a corrected case offers "Withdraw
// correction"; withdrawing tells the translate cache to remove the
// override, the case keeps no copy of it, and the button is gone.
func TestWithdrawInTheConsole(t *testing.T) {
	f := newFixture(t)
	// The translate service's override endpoint, recording each request.
	var (
		mu   sync.Mutex
		reqs []api.TranslateOverrideRequest
	)
	nc := natstest.Conn(t, f.nats)
	sub, err := nc.Subscribe(api.SubjectTranslateOverride, func(m *nats.Msg) {
		var req api.TranslateOverrideRequest
		_ = json.Unmarshal(m.Data, &req)
		mu.Lock()
		reqs = append(reqs, req)
		mu.Unlock()
		_ = m.Respond([]byte(`{"key":"o.test","removed":` + map[bool]string{true: "true", false: "false"}[req.Translation == ""] + `}`))
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sub.Unsubscribe() })
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}

	id := f.flag(t, caseView("m1", "en", "es", "call me at 555-123-9999 you shit", "llámame al 555-123-9999 mierda"))
	u := f.user(t)
	u.signIn(modKey)
	path := "/console/moderation/cases/" + id
	u.get(path)
	if p := u.post(path+"/decide", url.Values{"decision": {"correct"}, "correction": {"llámame al 555-123-9999"}}); p.status != http.StatusSeeOther {
		t.Fatalf("correct: %d %s", p.status, p.body)
	}
	if p := u.get(path); !hasID(p.body, "withdraw") {
		t.Fatalf("corrected case page without withdraw: %s", p.body)
	}
	if p := u.post(path+"/withdraw", url.Values{"reason": {"personal data"}}); p.status != http.StatusSeeOther || !strings.HasSuffix(p.header.Get("Location"), "?done=withdraw") {
		t.Fatalf("withdraw: %d %s", p.status, p.body)
	}
	p := u.get(path + "?done=withdraw")
	if !strings.Contains(p.body, "Correction withdrawn") || hasID(p.body, "withdraw") || hasID(p.body, "correction") {
		t.Fatalf("page after the withdrawal: %s", p.body)
	}
	c, err := f.mod.Get(t.Context(), api.CaseGetRequest{ID: id})
	if err != nil || c.Correction != "" || c.Decision.Correction != "" {
		t.Fatalf("case after the withdrawal: %+v %v", c, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reqs) != 2 || reqs[1].Translation != "" || reqs[1].Moderator != reqs[0].Moderator || reqs[1].Request.Text != reqs[0].Request.Text {
		t.Fatalf("override requests %+v, want a correction and its removal", reqs)
	}
	if p := u.post(path+"/withdraw", url.Values{}); p.status != http.StatusConflict {
		t.Fatalf("withdraw again: %d", p.status)
	}
}
