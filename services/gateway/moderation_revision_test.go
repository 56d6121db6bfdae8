package gateway_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// TestModerationRevisionAndReopen: a read's ETag is the case revision; an
// action conditional on it (the body's revision: 409, If-Match: 412) is
// refused once the case changed, and nothing is written; a decided case
// is reopened (audited) and decided again.
func TestModerationRevisionAndReopen(t *testing.T) {
	var nc *nats.Conn
	env := compatGatewayWith(t, "mia:moderator:"+modKey, gateway.Config{}, func(c *nats.Conn) {
		nc = c
		withModeration(t)(c)
	})
	f := &api.FlaggedView{MessageID: "m1", Text: "you are shit", View: api.View{
		Text: "eres malo", Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: "es",
		Safety: &api.SafetyResponse{Source: api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}},
			Policy: &api.PolicyDecision{Action: api.PolicyFlag}},
	}}
	mc := client.Moderation{NC: nc}
	if err := mc.Flagged(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	mod := http.Header{"Authorization": {"Bearer " + modKey}}
	caseURL := env.url + "/v1/moderation/cases/" + f.CaseID()
	var c api.Case
	pollModeration(t, func() bool { return send(t, "GET", caseURL, "", "", mod).status == http.StatusOK })
	r := send(t, "GET", caseURL, "", "", mod)
	r.decode(t, &c)
	etag := r.header.Get("ETag")
	if etag != strconv.Quote(fmt.Sprint(c.Revision)) {
		t.Fatalf("ETag %q of revision %d", etag, c.Revision)
	}
	r = send(t, "POST", caseURL+"/claim", "", fmt.Sprintf(`{"revision":%d}`, c.Revision), mod)
	r.decode(t, &c)
	if r.status != http.StatusOK || r.header.Get("ETag") != strconv.Quote(fmt.Sprint(c.Revision)) {
		t.Fatalf("claim: %d %s", r.status, r.body)
	}
	current := c.Revision
	// A colleague's note makes the revision the claim returned stale.
	if _, err := mc.Note(context.Background(), api.CaseNoteRequest{ID: f.CaseID(), Actor: "bob", Text: "do NOT approve"}); err != nil {
		t.Fatal(err)
	}
	ifMatch := func(v string) http.Header {
		h := mod.Clone()
		h.Set("If-Match", v)
		return h
	}
	stale := fmt.Sprint(current)
	tests := []struct {
		name, path, body string
		header           http.Header
		status           int
		code             api.Code
	}{
		{"decide, stale body revision", "/decide", `{"action":"approve","revision":` + stale + `}`, mod, http.StatusConflict, api.CodeConflict},
		{"decide, stale If-Match", "/decide", `{"action":"approve"}`, ifMatch(strconv.Quote(stale)), http.StatusPreconditionFailed, api.CodePreconditionFailed},
		{"note, stale If-Match", "/notes", `{"text":"fine"}`, ifMatch(strconv.Quote(stale)), http.StatusPreconditionFailed, api.CodePreconditionFailed},
		{"release, stale body revision", "/release", `{"revision":` + stale + `}`, mod, http.StatusConflict, api.CodeConflict},
		{"claim, weak If-Match", "/claim", "", ifMatch(`W/"` + stale + `"`), http.StatusPreconditionFailed, api.CodePreconditionFailed},
		{"claim, If-Match not a tag", "/claim", "", ifMatch(stale), http.StatusBadRequest, api.CodeInvalidArgument},
		{"decide, If-Match and body disagree", "/decide", `{"action":"approve","revision":1}`, ifMatch(`"2"`), http.StatusBadRequest, api.CodeInvalidArgument},
		{"reopen an undecided case", "/reopen", "", mod, http.StatusConflict, api.CodeConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", caseURL+tt.path, "", tt.body, tt.header)
			if r.status != tt.status || r.apiError(t) != tt.code {
				t.Fatalf("status %d, want %d %s: %s", r.status, tt.status, tt.code, r.body)
			}
		})
	}
	got, err := mc.Get(context.Background(), api.CaseGetRequest{ID: f.CaseID()})
	if err != nil || got.Status != api.CaseClaimed || got.Decision != nil || len(got.Notes) != 1 {
		t.Fatalf("refused actions changed the case: %+v %v", got, err)
	}

	// On the current revision, through If-Match: decide, then reopen and
	// decide again.
	r = send(t, "POST", caseURL+"/decide", "", `{"action":"approve"}`, ifMatch(strconv.Quote(fmt.Sprint(got.Revision))))
	r.decode(t, &c)
	if r.status != http.StatusOK || c.Status != api.CaseDecided {
		t.Fatalf("decide: %d %s", r.status, r.body)
	}
	r = send(t, "POST", caseURL+"/reopen", "", fmt.Sprintf(`{"reason":"missed a threat","revision":%d}`, c.Revision), mod)
	r.decode(t, &c)
	if r.status != http.StatusOK || c.Status != api.CaseOpen || c.Decision == nil || c.Decision.Action != api.ActionApprove {
		t.Fatalf("reopen: %d %s", r.status, r.body)
	}
	r = send(t, "POST", caseURL+"/claim", "", "", mod)
	if r.status != http.StatusOK {
		t.Fatalf("claim a reopened case: %d %s", r.status, r.body)
	}
	r = send(t, "POST", caseURL+"/decide", "", `{"action":"hide"}`, mod)
	r.decode(t, &c)
	if r.status != http.StatusOK || c.Decision.Action != api.ActionHide {
		t.Fatalf("decide again: %d %s", r.status, r.body)
	}
	var audit api.AuditListResponse
	send(t, "GET", env.url+"/v1/moderation/audit?case_id="+f.CaseID(), "", "", mod).decode(t, &audit)
	var actions []string
	for _, e := range audit.Entries {
		actions = append(actions, e.Action+":"+e.Actor)
	}
	if want := "[create:system claim:mia note:bob decide:mia reopen:mia claim:mia decide:mia]"; fmt.Sprint(actions) != want {
		t.Fatalf("audit %v, want %s", actions, want)
	}
}
