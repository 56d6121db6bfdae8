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
