package gateway_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/svcmain"
)

const (
	modKey       = "moderator-key-0123456789"
	tenantModKey = "tenant-moderator-key-0123"
)

// withModeration starts the real moderation service on the gateway's NATS
// connection (for compatGatewayWith's before), stopped with the test.
func withModeration(t *testing.T) func(*nats.Conn) {
	return func(c *nats.Conn) {
		stop, err := moderation.Start(context.Background(), svcmain.Deps{NC: c, Env: config.NewReader(config.Map(nil)), Log: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = stop() })
	}
}

// TestModerationRoutes runs the moderation routes against the real
// moderation service: roles, the actor taken from the key, and bad input
// answered with 4xx in the one error shape.
func TestModerationRoutes(t *testing.T) {
	var nc *nats.Conn
	env := compatGatewayWith(t, "app:client:"+clientKey+",mia:moderator:"+modKey+",tina@other:moderator:"+tenantModKey, gateway.Config{}, func(c *nats.Conn) {
		nc = c
		withModeration(t)(c)
	})
	f := &api.FlaggedView{MessageID: "m1", Text: "you are shit", View: api.View{
		Text: "eres malo", Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: "es",
		Safety: &api.SafetyResponse{Source: api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}},
			Policy: &api.PolicyDecision{Action: api.PolicyFlag}},
	}}
	if err := (client.Moderation{NC: nc}).Flagged(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	mod := http.Header{"Authorization": {"Bearer " + modKey}}
	cases := env.url + "/v1/moderation/cases"
	var list api.CaseListResponse
	pollModeration(t, func() bool {
		r := send(t, "GET", cases, "", "", mod)
		if r.status != http.StatusOK {
			t.Fatalf("list: %d %s", r.status, r.body)
		}
		r.decode(t, &list)
		return list.Total == 1
	})
	caseURL := cases + "/" + f.CaseID()

	// An empty body sent chunked (no Content-Length: net/http sends a body
	// of unknown length so) is no body: the claim takes the default lease.
	req, _ := http.NewRequest("POST", caseURL+"/claim", io.MultiReader())
	for k, v := range mod {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	r := response{status: res.StatusCode, header: res.Header, body: raw}
	var c api.Case
	r.decode(t, &c)
	if r.status != http.StatusOK || c.Claim == nil || c.Claim.Holder != "mia" {
		t.Fatalf("claim: %d %s", r.status, r.body)
	}
	r = send(t, "POST", caseURL+"/decide", "", `{"action":"hide","reason":"abuse"}`, mod)
	r.decode(t, &c)
	if r.status != http.StatusOK || c.Status != api.CaseDecided || c.Decision.Actor != "mia" {
		t.Fatalf("decide: %d %s", r.status, r.body)
	}
	r = send(t, "GET", env.url+"/v1/moderation/audit?case_id="+f.CaseID(), "", "", mod)
	var audit api.AuditListResponse
	r.decode(t, &audit)
	if r.status != http.StatusOK || len(audit.Entries) != 3 || audit.Entries[2].Decision != api.ActionHide {
		t.Fatalf("audit: %d %s", r.status, r.body)
	}

	other := http.Header{"Authorization": {"Bearer " + tenantModKey}}
	r = send(t, "GET", cases, "", "", other)
	r.decode(t, &list)
	if r.status != http.StatusOK || list.Total != 0 {
		t.Fatalf("another tenant's moderator lists: %d %s", r.status, r.body)
	}

	tests := []struct {
		name, method, url, body string
		header                  http.Header
		status                  int
		code                    api.Code
	}{
		{"no key", "GET", cases, "", nil, http.StatusUnauthorized, api.CodeUnauthorized},
		{"client key", "GET", cases, "", http.Header{"Authorization": {"Bearer " + clientKey}}, http.StatusForbidden, api.CodeForbidden},
		{"bad status", "GET", cases + "?status=lost", "", mod, http.StatusBadRequest, api.CodeInvalidArgument},
		{"bad limit", "GET", cases + "?limit=-3", "", mod, http.StatusBadRequest, api.CodeInvalidArgument},
		{"limit 0", "GET", cases + "?limit=0", "", mod, http.StatusBadRequest, api.CodeInvalidArgument},
		{"unknown category", "GET", cases + "?category=bogus", "", mod, http.StatusBadRequest, api.CodeInvalidArgument},
		{"bad action filter", "GET", cases + "?action=hide", "", mod, http.StatusBadRequest, api.CodeInvalidArgument},
		{"decide, unknown field", "POST", caseURL + "/decide", `{"action":"hide","reasn":"abuse"}`, mod, http.StatusBadRequest, api.CodeInvalidJSON},
		{"note, unknown field", "POST", caseURL + "/notes", `{"txt":"fine"}`, mod, http.StatusBadRequest, api.CodeInvalidJSON},
		{"reopen, unknown field", "POST", caseURL + "/reopen", `{"reason":"x","revison":3}`, mod, http.StatusBadRequest, api.CodeInvalidJSON},
		{"bad age", "GET", cases + "?max_age=yesterday", "", mod, http.StatusBadRequest, api.CodeInvalidArgument},
		{"unknown case", "GET", cases + "/c000", "", mod, http.StatusNotFound, api.CodeNotFound},
		{"bad case id", "GET", cases + "/a.b", "", mod, http.StatusBadRequest, api.CodeInvalidArgument},
		{"decided case", "POST", caseURL + "/claim", "", mod, http.StatusConflict, api.CodeConflict},
		{"decide without body", "POST", caseURL + "/decide", "", mod, http.StatusBadRequest, api.CodeInvalidJSON},
		{"note not json", "POST", caseURL + "/notes", "{", mod, http.StatusBadRequest, api.CodeInvalidJSON},
		{"other tenant gets", "GET", caseURL, "", other, http.StatusNotFound, api.CodeNotFound},
		{"other tenant claims", "POST", caseURL + "/claim", "", other, http.StatusNotFound, api.CodeNotFound},
		{"other tenant reads the audit log", "GET", env.url + "/v1/moderation/audit?case_id=" + f.CaseID(), "", other, http.StatusNotFound, api.CodeNotFound},
		{"other tenant reads all the audit log", "GET", env.url + "/v1/moderation/audit", "", other, http.StatusForbidden, api.CodeForbidden},
		{"bad audit after", "GET", env.url + "/v1/moderation/audit?after=x", "", mod, http.StatusBadRequest, api.CodeInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, tt.method, tt.url, "", tt.body, tt.header)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if got := r.apiError(t); got != tt.code {
				t.Fatalf("code %q, want %q", got, tt.code)
			}
		})
	}

	// An unknown field is refused with the field it likely meant, as
	// chat message writes are: a misspelt field would otherwise change
	// nothing, silently.
	r = send(t, "POST", caseURL+"/decide", "", `{"action":"hide","reasn":"abuse"}`, mod)
	if !strings.Contains(string(r.body), "reasn") || !strings.Contains(strings.ReplaceAll(string(r.body), "reasn", ""), "reason") {
		t.Fatalf("decide with an unknown field: %d %s", r.status, r.body)
	}

	// A refusal of the audit log's case names the query parameter the
	// caller sent, case_id, not the service's own "id".
	for _, id := range []string{f.CaseID(), "c000", "a.b"} {
		r := send(t, "GET", env.url+"/v1/moderation/audit?case_id="+id, "", "", other)
		var body api.ErrorBody
		r.decode(t, &body)
		if body.Error.Field != "case_id" {
			t.Errorf("audit of case %q: %d, field %q, want case_id: %s", id, r.status, body.Error.Field, r.body)
		}
	}
}

// pollModeration polls cond until it holds (no fixed sleeps).
func pollModeration(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the case")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
