package gateway_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

// An erasure (DELETE /v1/conversations/{id}, POST /v1/admin/erase) takes
// the admin role, deletes the caller's tenant's messages as placeholders
// without author, answers counts, is idempotent, and leaves the chat
// stream without the erased messages' posts.
func TestEraseConversationAndAuthor(t *testing.T) {
	keys, err := gateway.ParseKeys(roleKeySpecTest)
	if err != nil {
		t.Fatal(err)
	}
	e := startChatWith(t, nil, gateway.Config{Keys: keys})
	post := func(conv, author, text string) api.Message {
		t.Helper()
		return decodeAs[api.Message](t, do(t, "POST", e.url+"/v1/messages",
			`{"conversation":"`+conv+`","author":"`+author+`","text":"`+text+`"}`, bearer(roleClientKey)...), http.StatusCreated)
	}
	p1 := post("c2", "Maria Garcia", "write to maria.garcia@example.org")
	post("c2", "Bob", "hello")
	other := post("c3", "Maria Garcia", "hello from maria")
	kept := post("c3", "Bob", "hello from bob")

	tests := []struct {
		name, method, path, body, key string
		status                        int
		want                          gateway.EraseResponse
	}{
		{"client key refused", "DELETE", "/v1/conversations/c2", "", roleClientKey, http.StatusForbidden, gateway.EraseResponse{}},
		{"bad id", "DELETE", "/v1/conversations/bad.id", "", roleAdminKey, http.StatusBadRequest, gateway.EraseResponse{}},
		{"conversation", "DELETE", "/v1/conversations/c2", "", roleAdminKey, http.StatusOK, gateway.EraseResponse{Conversation: "c2", Erased: 2}},
		{"conversation again", "DELETE", "/v1/conversations/c2", "", roleAdminKey, http.StatusOK, gateway.EraseResponse{Conversation: "c2", AlreadyErased: 2}},
		{"author", "POST", "/v1/admin/erase", `{"author":"Maria Garcia"}`, roleAdminKey, http.StatusOK, gateway.EraseResponse{Author: "Maria Garcia", Erased: 1}},
		{"author again", "POST", "/v1/admin/erase", `{"author":"Maria Garcia"}`, roleAdminKey, http.StatusOK, gateway.EraseResponse{Author: "Maria Garcia"}},
		{"no author", "POST", "/v1/admin/erase", `{"author":""}`, roleAdminKey, http.StatusBadRequest, gateway.EraseResponse{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.method, e.url+tt.path, tt.body, bearer(tt.key)...)
			if tt.status != http.StatusOK {
				if eb := decodeAs[api.ErrorBody](t, r, tt.status); eb.Error.Code == "" {
					t.Fatalf("no error code: %s", r.body)
				}
				return
			}
			if got := decodeAs[gateway.EraseResponse](t, r, http.StatusOK); got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	for _, id := range []string{p1.ID, other.ID} {
		m := decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+id+"?locale=en", "", bearer(roleClientKey)...), http.StatusOK)
		if m.Author != "" || m.Text != "" {
			t.Fatalf("erased message %s: %+v", id, m)
		}
	}
	if m := decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+kept.ID+"?locale=en", "", bearer(roleClientKey)...), http.StatusOK); m.Author != "Bob" {
		t.Fatalf("another author's message: %+v", m)
	}
	// The messages service erases the posts from the stream.
	js, err := jetstream.New(e.nc)
	if err != nil {
		t.Fatal(err)
	}
	st, err := js.Stream(context.Background(), api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		found := false
		info, err := st.Info(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for seq := uint64(1); seq <= info.State.LastSeq; seq++ {
			if m, err := st.GetMsg(context.Background(), seq); err == nil && strings.Contains(string(m.Data), "maria") {
				found = true
			}
		}
		if !found {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the stream still holds an erased message's text")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// An erasure by an admin key without a tenant is about the tenant it
// names (the body's tenant or ?tenant=); naming none, it is about the
// messages posted without a tenant, and is refused with a 400 naming the
// tenants when other tenants' messages match, rather than answering
// erased 0. A tenant's admin may name only its own tenant.
func TestEraseNamesTheTenant(t *testing.T) {
	const (
		opsKey       = "erase-ops-admin-0123456789"
		acmeAdminKey = "erase-acme-admin-0123456789"
		acmeAppKey   = "erase-acme-client-0123456789"
		plainAppKey  = "erase-plain-client-0123456789"
	)
	keys, err := gateway.ParseKeys("ops:admin:" + opsKey + ",adm@acme:admin:" + acmeAdminKey + ",app@acme:client:" + acmeAppKey + ",plain:client:" + plainAppKey)
	if err != nil {
		t.Fatal(err)
	}
	e := startChatWith(t, nil, gateway.Config{Keys: keys})
	post := func(key, conv, author string) {
		t.Helper()
		decodeAs[api.Message](t, do(t, "POST", e.url+"/v1/messages",
			`{"conversation":"`+conv+`","author":"`+author+`","text":"hello"}`, bearer(key)...), http.StatusCreated)
	}
	post(acmeAppKey, "er1", "bob")
	post(acmeAppKey, "er1", "bob")
	post(acmeAppKey, "er2", "bob")
	post(plainAppKey, "er3", "carol")

	tests := []struct {
		name, method, path, body, key string
		status                        int
		wantCode                      api.Code
		want                          gateway.EraseResponse
	}{
		{"author in another tenant, none named", "POST", "/v1/admin/erase", `{"author":"bob"}`, opsKey, http.StatusBadRequest, api.CodeInvalidArgument, gateway.EraseResponse{}},
		{"conversation of another tenant, none named", "DELETE", "/v1/conversations/er1", "", opsKey, http.StatusBadRequest, api.CodeInvalidArgument, gateway.EraseResponse{}},
		{"bad tenant", "POST", "/v1/admin/erase", `{"author":"bob","tenant":"a b"}`, opsKey, http.StatusBadRequest, api.CodeInvalidArgument, gateway.EraseResponse{}},
		{"body and query disagree", "POST", "/v1/admin/erase?tenant=other", `{"author":"bob","tenant":"acme"}`, opsKey, http.StatusBadRequest, api.CodeInvalidArgument, gateway.EraseResponse{}},
		{"tenant admin names another", "DELETE", "/v1/conversations/er1?tenant=other", "", acmeAdminKey, http.StatusForbidden, api.CodeForbidden, gateway.EraseResponse{}},
		{"conversation, tenant named", "DELETE", "/v1/conversations/er1?tenant=acme", "", opsKey, http.StatusOK, "", gateway.EraseResponse{Conversation: "er1", Tenant: "acme", Erased: 2}},
		{"author, tenant in the body", "POST", "/v1/admin/erase", `{"author":"bob","tenant":"acme"}`, opsKey, http.StatusOK, "", gateway.EraseResponse{Author: "bob", Tenant: "acme", Erased: 1}},
		{"tenant admin, its own tenant", "POST", "/v1/admin/erase?tenant=acme", `{"author":"bob"}`, acmeAdminKey, http.StatusOK, "", gateway.EraseResponse{Author: "bob", Tenant: "acme"}},
		// An erased message keeps no author: nothing of bob's is left.
		{"erased, none named", "POST", "/v1/admin/erase", `{"author":"bob"}`, opsKey, http.StatusOK, "", gateway.EraseResponse{Author: "bob"}},
		{"messages without a tenant", "POST", "/v1/admin/erase", `{"author":"carol"}`, opsKey, http.StatusOK, "", gateway.EraseResponse{Author: "carol", Erased: 1}},
		{"no tenant named empty", "DELETE", "/v1/conversations/er3?tenant=", "", opsKey, http.StatusOK, "", gateway.EraseResponse{Conversation: "er3", AlreadyErased: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.method, e.url+tt.path, tt.body, bearer(tt.key)...)
			if tt.status != http.StatusOK {
				if eb := decodeAs[api.ErrorBody](t, r, tt.status); eb.Error.Code != tt.wantCode {
					t.Fatalf("error %+v, want code %s", eb.Error, tt.wantCode)
				}
				return
			}
			if got := decodeAs[gateway.EraseResponse](t, r, http.StatusOK); got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	post(acmeAppKey, "er4", "dave")
	r := do(t, "POST", e.url+"/v1/admin/erase", `{"author":"dave"}`, bearer(opsKey)...)
	if eb := decodeAs[api.ErrorBody](t, r, http.StatusBadRequest); !strings.Contains(eb.Error.Message, "erasure needs a tenant") || !strings.Contains(eb.Error.Message, "acme") {
		t.Fatalf("error %+v", eb.Error)
	}
}
