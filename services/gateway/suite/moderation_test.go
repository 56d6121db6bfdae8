package suite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway/suite"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// Keys of the moderation test: a chat client and two moderators.
const (
	modClientKey = "client-key-0123456789"
	modAliceKey  = "alice-key-0123456789"
	modBobKey    = "bob-key-01234567890"
)

// runSuite starts the whole suite (suite.Run, as `make run` does) with vars,
// waits until /readyz?all answers 200 and returns its output and the function
// that stops it. stop runs at cleanup too and may be called earlier, so
// that a test can restart the suite on the same state.
func runSuite(t *testing.T, vars map[string]string) (out *syncBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- suite.Run(ctx, func(k string) string { return vars[k] }, out) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("suite.Run: %v\n%s", err, out.String())
			}
		case <-time.After(30 * time.Second):
			t.Error("suite did not stop within 30s")
		}
	}
	t.Cleanup(stop)
	waitFor(t, 60*time.Second, func() error {
		select {
		case err := <-done:
			// Run has returned: nothing is left to stop, and stop would
			// wait 30s for an answer already taken.
			stopped = true
			t.Fatalf("suite exited early: %v\n%s", err, out.String())
		default:
		}
		res, err := http.Get("http://" + vars["GATEWAY_ADDR"] + "/readyz?all")
		if err != nil {
			return err
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			return fmt.Errorf("readyz %d", res.StatusCode)
		}
		return nil
	})
	return out, stop
}

// call sends a JSON request with a key and decodes a 2xx answer into out;
// it returns the status.
func modCall(t *testing.T, method, url, key, body string, out any) int {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = bytes.NewBufferString(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode < 300 && out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", method, url, data, err)
		}
	}
	if res.StatusCode >= 300 {
		var eb api.ErrorBody
		if err := json.Unmarshal(data, &eb); err != nil || eb.Error.Code == "" {
			t.Fatalf("%s %s: %d without the JSON error shape: %s", method, url, res.StatusCode, data)
		}
	}
	return res.StatusCode
}

// TestModerationEndToEnd: a flagged view becomes a case; one moderator
// claims it and another cannot; a correction is what readers get from then
// on; the audit log has every action; and after a restart of everything
// on the same state the case, the log and the correction are still there.
func TestModerationEndToEnd(t *testing.T) {
	const (
		text       = "you are a piece of shit"
		correction = "eres una persona horrible"
	)
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"qwen2.5:3b"},
		Translator: fakellm.Dictionary(map[string]string{text: "eres un pedazo de mierda"}),
	})
	vars, gwAddr, _ := suiteVars(t, ollama, map[string]string{
		"PARLEY_API_KEYS": "app:client:" + modClientKey + ",alice:moderator:" + modAliceKey + ",bob:moderator:" + modBobKey,
	})
	_, stop := runSuite(t, vars)
	gw := "http://" + gwAddr
	body := fmt.Sprintf(`{"text":%q,"source":"en","target":"es","conversation_id":"room-1","message_id":"m-42"}`, text)

	var v api.View
	if st := modCall(t, "POST", gw+"/v1/translate", modClientKey, body, &v); st != 200 {
		t.Fatalf("translate: %d", st)
	}
	if v.Safety == nil || v.Safety.Policy == nil || v.Safety.Policy.Action != api.PolicyFlag {
		t.Fatalf("the view is not flagged: %+v", v.Safety)
	}

	var list api.CaseListResponse
	if st := modCall(t, "GET", gw+"/v1/moderation/cases", modClientKey, "", nil); st != http.StatusForbidden {
		t.Fatalf("a client key lists cases: %d", st)
	}
	waitFor(t, 30*time.Second, func() error {
		if st := modCall(t, "GET", gw+"/v1/moderation/cases?status=open&locale=es&category=profanity", modAliceKey, "", &list); st != 200 || list.Total != 1 {
			return fmt.Errorf("status %d, %d cases", st, list.Total)
		}
		return nil
	})
	id := list.Cases[0].ID
	caseURL := gw + "/v1/moderation/cases/" + id

	var c api.Case
	if st := modCall(t, "GET", caseURL, modAliceKey, "", &c); st != 200 {
		t.Fatalf("get: %d", st)
	}
	if c.Original != text || c.Translation != "eres un pedazo de mierda" || c.SourceLanguage != "en" || c.TargetLanguage != "es" ||
		c.Safety == nil || c.Safety.Translation == nil || (c.Quality == nil) != (v.Quality == nil) || c.MessageID != "" || c.ConversationID != "" {
		// The ids a client sends with its own text are not the stored
		// message's: the case is of the text, and no decision on it
		// reaches message m-42.
		t.Fatalf("case: %+v", c)
	}
	if st := modCall(t, "POST", caseURL+"/claim", modAliceKey, `{"lease":"10m"}`, &c); st != 200 || c.Claim == nil || c.Claim.Holder != "alice" {
		t.Fatalf("alice claims: %d %+v", st, c.Claim)
	}
	if st := modCall(t, "POST", caseURL+"/claim", modBobKey, "", nil); st != http.StatusConflict {
		t.Fatalf("bob claims alice's case: %d, want 409", st)
	}
	for _, bad := range []struct{ path, body string }{
		{"/decide", `{"action":"delete"}`},
		{"/decide", `{"action":"correct"}`},
		{"/decide", `not json`},
		{"/claim", `{"lease":"a week"}`},
		{"/notes", `{"text":""}`},
	} {
		if st := modCall(t, "POST", caseURL+bad.path, modAliceKey, bad.body, nil); st != http.StatusBadRequest {
			t.Errorf("POST %s %s: %d, want 400", bad.path, bad.body, st)
		}
	}
	if st := modCall(t, "GET", gw+"/v1/moderation/cases/nope", modAliceKey, "", nil); st != http.StatusNotFound {
		t.Errorf("unknown case: %d, want 404", st)
	}
	if st := modCall(t, "POST", caseURL+"/notes", modBobKey, `{"text":"the source is worse than the translation"}`, &c); st != 200 {
		t.Fatalf("note: %d", st)
	}
	if st := modCall(t, "POST", caseURL+"/decide", modAliceKey, fmt.Sprintf(`{"action":"correct","correction":%q,"reason":"keep the insult, drop the profanity"}`, correction), &c); st != 200 {
		t.Fatalf("correct: %d", st)
	}
	if c.Status != api.CaseDecided || c.Correction != correction {
		t.Fatalf("corrected case: %+v", c)
	}

	// Readers now get the correction for that message and locale.
	if st := modCall(t, "POST", gw+"/v1/translate", modClientKey, body, &v); st != 200 || v.Text != correction || v.Cache != api.CacheOverride {
		t.Fatalf("translate after the correction: %d %q (cache %q)", st, v.Text, v.Cache)
	}

	wantAudit := []string{"create:system", "claim:alice", "note:bob", "decide:alice"}
	checkAudit := func() {
		t.Helper()
		var audit api.AuditListResponse
		if st := modCall(t, "GET", gw+"/v1/moderation/audit?case_id="+id, modAliceKey, "", &audit); st != 200 {
			t.Fatalf("audit: %d", st)
		}
		var got []string
		for _, e := range audit.Entries {
			got = append(got, e.Action+":"+e.Actor)
		}
		if !slices.Equal(got, wantAudit) {
			t.Fatalf("audit = %v, want %v", got, wantAudit)
		}
	}
	checkAudit()

	// Restart everything on the same state: nothing is lost.
	stop()
	runSuite(t, vars)
	if st := modCall(t, "GET", caseURL, modBobKey, "", &c); st != 200 || c.Status != api.CaseDecided || c.Correction != correction || len(c.Notes) != 1 {
		t.Fatalf("case after restart: %d %+v", st, c)
	}
	checkAudit()
	if st := modCall(t, "POST", gw+"/v1/translate", modClientKey, body, &v); st != 200 || v.Text != correction {
		t.Fatalf("translate after restart: %d %q", st, v.Text)
	}
}

// TestModerationCorrectionsAreTenantScoped: a correction made on one
// tenant's case is served to that tenant's readers only. Another tenant
// translating the same text gets the machine's translation, also after
// its own case of that text is approved, and so does a key without a
// tenant.
func TestModerationCorrectionsAreTenantScoped(t *testing.T) {
	const (
		text       = "shut up you stupid asshole"
		machine    = "cállate, estúpido imbécil"
		correction = "Cállate, eres un tonto y visita la tienda de ACME hoy"
		acmeApp    = "acme-client-0123456789"
		acmeMod    = "acme-moderator-0123456789"
		globexApp  = "globex-client-0123456789"
		globexMod  = "globex-moderator-0123456789"
	)
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"qwen2.5:3b"},
		Translator: fakellm.Dictionary(map[string]string{text: machine}),
	})
	vars, gwAddr, _ := suiteVars(t, ollama, map[string]string{
		"PARLEY_API_KEYS": "app:client:" + modClientKey + ",acme-app@acme:client:" + acmeApp + ",acme-mod@acme:moderator:" + acmeMod +
			",globex-app@globex:client:" + globexApp + ",globex-mod@globex:moderator:" + globexMod,
	})
	runSuite(t, vars)
	gw := "http://" + gwAddr
	body := fmt.Sprintf(`{"text":%q,"source":"en","target":"es"}`, text)
	translate := func(key string) api.View {
		t.Helper()
		var v api.View
		if st := modCall(t, "POST", gw+"/v1/translate", key, body, &v); st != 200 {
			t.Fatalf("translate: %d", st)
		}
		return v
	}
	// Both tenants' views are flagged: each tenant has its case.
	for _, key := range []string{acmeApp, globexApp} {
		if v := translate(key); v.Text != machine || v.Safety == nil || v.Safety.Policy == nil || v.Safety.Policy.Action != api.PolicyFlag {
			t.Fatalf("view before any decision: %q %+v", v.Text, v.Safety)
		}
	}
	caseOf := func(modKey string) string {
		t.Helper()
		var id string
		waitFor(t, 30*time.Second, func() error {
			var list api.CaseListResponse
			if st := modCall(t, "GET", gw+"/v1/moderation/cases?status=open&locale=es", modKey, "", &list); st != 200 || list.Total != 1 {
				return fmt.Errorf("status %d, %d cases", st, list.Total)
			}
			id = list.Cases[0].ID
			return nil
		})
		return id
	}
	decide := func(modKey, id, body string) {
		t.Helper()
		url := gw + "/v1/moderation/cases/" + id
		if st := modCall(t, "POST", url+"/claim", modKey, "", nil); st != 200 {
			t.Fatalf("claim %s: %d", id, st)
		}
		if st := modCall(t, "POST", url+"/decide", modKey, body, nil); st != 200 {
			t.Fatalf("decide %s on %s: %d", body, id, st)
		}
	}
	acmeCase, globexCase := caseOf(acmeMod), caseOf(globexMod)
	if acmeCase == globexCase {
		t.Fatalf("both tenants share case %s", acmeCase)
	}
	decide(acmeMod, acmeCase, fmt.Sprintf(`{"action":"correct","correction":%q}`, correction))

	tests := []struct {
		name, key string
		corrected bool
	}{
		{"acme", acmeApp, true},
		{"globex", globexApp, false},
		{"no tenant", modClientKey, false},
	}
	check := func() {
		t.Helper()
		for _, tt := range tests {
			v := translate(tt.key)
			got := v.Text == correction || v.Cache == api.CacheOverride || v.Backend == "moderator"
			if got != tt.corrected {
				t.Errorf("%s reads %q (backend %s, cache %q); acme's correction served: %v, want %v", tt.name, v.Text, v.Backend, v.Cache, got, tt.corrected)
			}
		}
	}
	check()
	// globex's own case, approved, serves globex its own view.
	decide(globexMod, globexCase, `{"action":"approve"}`)
	check()
}
