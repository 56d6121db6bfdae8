package jsstore

import (
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestDeleteOf reads deletes off the chat stream's subjects as the
// messages service does: the tenant of a tenant subject, the event's on a
// legacy subject; anything but a delete with an id is skipped.
func TestDeleteOf(t *testing.T) {
	tests := []struct {
		name, subject, data string
		want                MessageDelete
		ok                  bool
	}{
		{"tenant subject", api.TenantChatSubject("acme", "c1"), `{"op":"delete","id":"p3","tenant":"other"}`, MessageDelete{"acme", "c1", "p3"}, true},
		{"no tenant", api.TenantChatSubject("", "c1"), `{"op":"delete","id":"p3"}`, MessageDelete{"", "c1", "p3"}, true},
		{"legacy subject", api.ChatSubject("c1"), `{"op":"delete","id":"p3","tenant":"acme"}`, MessageDelete{"acme", "c1", "p3"}, true},
		{"post", api.TenantChatSubject("acme", "c1"), `{"id":"p3","text":"hi"}`, MessageDelete{}, false},
		{"edit", api.TenantChatSubject("acme", "c1"), `{"op":"edit","id":"p3","text":"hi"}`, MessageDelete{}, false},
		{"no id", api.TenantChatSubject("acme", "c1"), `{"op":"delete"}`, MessageDelete{}, false},
		{"not JSON", api.TenantChatSubject("acme", "c1"), `delete p3`, MessageDelete{}, false},
		{"not a chat subject", "parley.views.v1.c1.es.t", `{"op":"delete","id":"p3"}`, MessageDelete{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := deleteOf(tt.subject, []byte(tt.data))
			if got != tt.want || ok != tt.ok {
				t.Fatalf("deleteOf = %+v, %v; want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
