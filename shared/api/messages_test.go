package api_test

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestChatSubjects: a tenant's events of a conversation have a subject of
// their own, which reads back as the conversation and the tenant; the
// legacy form reads as the conversation alone; anything else is no chat
// subject.
func TestChatSubjects(t *testing.T) {
	tests := []struct {
		name, subject string
		conv, tenant  string
		tenanted, ok  bool
	}{
		{"tenant", api.TenantChatSubject("acme", "general"), "general", "acme", true, true},
		{"no tenant", api.TenantChatSubject("", "general"), "general", "", true, true},
		{"tenant with dots and spaces", api.TenantChatSubject("a.b c/é", "c1"), "c1", "a.b c/é", true, true},
		{"legacy", api.ChatSubject("general"), "general", "", false, true},
		{"literal tenant form", "parley.chat.v1.general.messages.tYWNtZQ", "general", "acme", true, true},
		{"non-canonical token", "parley.chat.v1.general.messages.tYWNtZR", "", "", false, false},
		{"token without t", "parley.chat.v1.general.messages.YWNtZQ", "", "", false, false},
		{"not base64", "parley.chat.v1.general.messages.t!!", "", "", false, false},
		{"extra token", "parley.chat.v1.general.messages.tYWNtZQ.x", "", "", false, false},
		{"views", "parley.views.v1.general.es", "", "", false, false},
		{"no conversation", "parley.chat.v1..messages", "", "", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conv, tenant, tenanted, ok := api.ParseChatSubject(tc.subject)
			if conv != tc.conv || tenant != tc.tenant || tenanted != tc.tenanted || ok != tc.ok {
				t.Fatalf("ParseChatSubject(%q) = %q, %q, %v, %v; want %q, %q, %v, %v",
					tc.subject, conv, tenant, tenanted, ok, tc.conv, tc.tenant, tc.tenanted, tc.ok)
			}
		})
	}
	if got := api.TenantChatSubject("acme", "general"); got != "parley.chat.v1.general.messages.tYWNtZQ" {
		t.Fatalf("acme's subject %q", got)
	}
	if got := api.TenantChatSubject("", "general"); got != "parley.chat.v1.general.messages.t" {
		t.Fatalf("the tenant-less subject %q", got)
	}
}

// TestViewsSubject: each tenant's views of a conversation's locale have a
// subject of their own, so a reader's subscription gets its tenant's
// views only; none is a chat subject.
func TestViewsSubject(t *testing.T) {
	subjects := map[string]string{}
	for _, tenant := range []string{"", "acme", "globex", "a.b c/é"} {
		s := api.ViewsSubject(tenant, "general", "es")
		if prev, dup := subjects[s]; dup {
			t.Fatalf("tenants %q and %q share %q", prev, tenant, s)
		}
		subjects[s] = tenant
		if strings.Count(s, ".") != 5 || strings.ContainsAny(s, " */>") {
			t.Errorf("tenant %q: subject %q is not five tokens of plain characters", tenant, s)
		}
		if _, _, _, ok := api.ParseChatSubject(s); ok {
			t.Errorf("views subject %q reads as a chat subject", s)
		}
	}
	if got := api.ViewsSubject("acme", "general", "pt-BR"); got != "parley.views.v1.general.pt-BR.tYWNtZQ" {
		t.Fatalf("acme's views subject %q", got)
	}
}
