package gateway_test

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/service"
)

// fakeInvalidate answers api.SubjectTranslateInvalidate as the translate
// service would, recording what it was asked.
type fakeInvalidate struct {
	mu  sync.Mutex
	got []api.TranslateInvalidateRequest
}

func (f *fakeInvalidate) start(t *testing.T, nc *nats.Conn) {
	t.Helper()
	srv, err := service.New(nc, service.Config{Name: "parley-translate-cache", Version: "0.0.1"}, []service.Endpoint{{
		Name: "cache-invalidate", Subject: api.SubjectTranslateInvalidate,
		Handler: service.JSON(func(_ context.Context, req *api.TranslateInvalidateRequest) (any, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.got = append(f.got, *req)
			return api.TranslateInvalidateResponse{Deleted: 3}, nil
		}),
	}}, service.NewMetrics(prometheus.NewRegistry()), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop() })
}

func (f *fakeInvalidate) requests() []api.TranslateInvalidateRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]api.TranslateInvalidateRequest(nil), f.got...)
}

func TestCacheInvalidateRoute(t *testing.T) {
	const (
		modKey        = "moderator-key-0123456789"
		adminKey      = "admin-key-0123456789"
		acmeModKey    = "acme-moderator-key-0123456789"
		acmeClientKey = "acme-client-key-0123456789"
		otherKey      = "globex-client-key-0123456789"
	)
	fake := &fakeInvalidate{}
	env := compatGatewayWith(t, "app:client:"+clientKey+",mia:moderator:"+modKey+",root:admin:"+adminKey+
		",acme-mod@acme:moderator:"+acmeModKey+",acme-app@acme:client:"+acmeClientKey+",globex-app@globex:client:"+otherKey,
		gateway.Config{}, func(nc *nats.Conn) { fake.start(t, nc) })
	bearer := func(k string) http.Header { return http.Header{"Authorization": {"Bearer " + k}} }
	// Messages of two tenants and of none; "shared" holds both tenants'.
	for _, m := range []struct{ key, conv, id string }{
		{acmeClientKey, "acme-room", "a1"}, {acmeClientKey, "acme-room", "a2"},
		{otherKey, "xss", "x1"},
		{acmeClientKey, "shared", "sh1"}, {otherKey, "shared", "sh2"}, // s<digits> is reserved
		{clientKey, "open-room", "o1"},
	} {
		r := send(t, "POST", env.url+"/v1/messages", jsonType, `{"conversation":"`+m.conv+`","id":"`+m.id+`","text":"hello"}`, bearer(m.key))
		if r.status != http.StatusCreated {
			t.Fatalf("post %s: %d %s", m.id, r.status, r.body)
		}
	}
	type inv = api.TranslateInvalidateRequest
	tests := []struct {
		name       string
		header     http.Header
		body       string
		wantStatus int
		wantCode   api.Code
		wantField  string
		want       []inv
	}{
		{name: "message, moderator", header: bearer(modKey), body: `{"conversation_id":"c1","message_id":"m1"}`, wantStatus: 200,
			want: []inv{{ConversationID: "c1", MessageID: "m1"}}},
		{name: "conversation, admin", header: bearer(adminKey), body: `{"conversation_id":"c1"}`, wantStatus: 200,
			want: []inv{{ConversationID: "c1"}}},
		// The translate cache indexes by tenant: a key without one
		// reaches the translations of requests without a tenant and of
		// every tenant whose stored messages the ids name.
		{name: "a tenant's message, moderator without a tenant", header: bearer(modKey), body: `{"conversation_id":"xss","message_id":"x1"}`, wantStatus: 200,
			want: []inv{{ConversationID: "xss", MessageID: "x1"}, {ConversationID: "xss", MessageID: "x1", Tenant: "globex"}}},
		{name: "a tenant-less message, moderator without a tenant", header: bearer(modKey), body: `{"conversation_id":"open-room","message_id":"o1"}`, wantStatus: 200,
			want: []inv{{ConversationID: "open-room", MessageID: "o1"}}},
		{name: "a shared conversation, admin", header: bearer(adminKey), body: `{"conversation_id":"shared"}`, wantStatus: 200,
			want: []inv{{ConversationID: "shared"}, {ConversationID: "shared", Tenant: "acme"}, {ConversationID: "shared", Tenant: "globex"}}},
		{name: "one message of a shared conversation, admin", header: bearer(adminKey), body: `{"conversation_id":"shared","message_id":"sh2"}`, wantStatus: 200,
			want: []inv{{ConversationID: "shared", MessageID: "sh2"}, {ConversationID: "shared", MessageID: "sh2", Tenant: "globex"}}},
		{name: "a tenant named, moderator without a tenant", header: bearer(modKey), body: `{"conversation_id":"c1","message_id":"m1","tenant":"acme"}`, wantStatus: 200,
			want: []inv{{ConversationID: "c1", MessageID: "m1", Tenant: "acme"}}},
		{name: "space in a tenant", header: bearer(modKey), body: `{"conversation_id":"c1","tenant":"a b"}`, wantStatus: 400, wantCode: api.CodeInvalidArgument, wantField: "tenant"},
		{name: "client role refused", header: bearer(clientKey), body: `{"conversation_id":"c1"}`, wantStatus: 403, wantCode: api.CodeForbidden},
		{name: "no key", body: `{"conversation_id":"c1"}`, wantStatus: 401, wantCode: api.CodeUnauthorized},
		{name: "nothing named", header: bearer(modKey), body: `{}`, wantStatus: 400, wantCode: api.CodeInvalidArgument, wantField: "conversation_id"},
		{name: "message without its conversation", header: bearer(modKey), body: `{"message_id":"x1"}`, wantStatus: 400, wantCode: api.CodeInvalidArgument, wantField: "conversation_id"},
		{name: "space in an id", header: bearer(modKey), body: `{"conversation_id":"c 1"}`, wantStatus: 400, wantCode: api.CodeInvalidArgument, wantField: "conversation_id"},
		{name: "space in a message id", header: bearer(modKey), body: `{"conversation_id":"c1","message_id":"m 1"}`, wantStatus: 400, wantCode: api.CodeInvalidArgument, wantField: "message_id"},
		{name: "not JSON", header: bearer(modKey), body: `conversation`, wantStatus: 400, wantCode: api.CodeInvalidJSON},
		{name: "tenant: own message", header: bearer(acmeModKey), body: `{"conversation_id":"acme-room","message_id":"a1"}`, wantStatus: 200,
			want: []inv{{ConversationID: "acme-room", MessageID: "a1", Tenant: "acme"}}},
		{name: "tenant: own message, own tenant named", header: bearer(acmeModKey), body: `{"conversation_id":"acme-room","message_id":"a1","tenant":"acme"}`, wantStatus: 200,
			want: []inv{{ConversationID: "acme-room", MessageID: "a1", Tenant: "acme"}}},
		{name: "tenant: another tenant named", header: bearer(acmeModKey), body: `{"conversation_id":"xss","tenant":"globex"}`, wantStatus: 403, wantCode: api.CodeForbidden, wantField: "tenant"},
		{name: "tenant: own conversation", header: bearer(acmeModKey), body: `{"conversation_id":"acme-room"}`, wantStatus: 200,
			want: []inv{{ConversationID: "acme-room", Tenant: "acme"}}},
		// The tenant's index of the conversation holds its translations
		// only: one request, and globex's sh2 keeps its own.
		{name: "tenant: shared conversation, own messages only", header: bearer(acmeModKey), body: `{"conversation_id":"shared"}`, wantStatus: 200,
			want: []inv{{ConversationID: "shared", Tenant: "acme"}}},
		{name: "tenant: another tenant's message", header: bearer(acmeModKey), body: `{"conversation_id":"xss","message_id":"x1"}`, wantStatus: 404, wantCode: api.CodeNotFound, wantField: "message_id"},
		{name: "tenant: another tenant's message in a shared conversation", header: bearer(acmeModKey), body: `{"conversation_id":"shared","message_id":"sh2"}`, wantStatus: 404, wantCode: api.CodeNotFound, wantField: "message_id"},
		{name: "tenant: own message in the wrong conversation", header: bearer(acmeModKey), body: `{"conversation_id":"xss","message_id":"a1"}`, wantStatus: 404, wantCode: api.CodeNotFound, wantField: "message_id"},
		{name: "tenant: another tenant's conversation", header: bearer(acmeModKey), body: `{"conversation_id":"xss"}`, wantStatus: 404, wantCode: api.CodeNotFound, wantField: "conversation_id"},
		{name: "tenant: a message without a tenant", header: bearer(acmeModKey), body: `{"conversation_id":"open-room","message_id":"o1"}`, wantStatus: 404, wantCode: api.CodeNotFound, wantField: "message_id"},
		{name: "tenant: ids no stored message has", header: bearer(acmeModKey), body: `{"conversation_id":"c1","message_id":"m1"}`, wantStatus: 404, wantCode: api.CodeNotFound, wantField: "message_id"},
		{name: "tenant: a conversation with no message", header: bearer(acmeModKey), body: `{"conversation_id":"c1"}`, wantStatus: 404, wantCode: api.CodeNotFound, wantField: "conversation_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(fake.requests())
			r := send(t, "POST", env.url+"/v1/cache/invalidate", jsonType, tt.body, tt.header)
			if r.status != tt.wantStatus {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			got := fake.requests()
			if tt.want == nil {
				var eb api.ErrorBody
				r.decode(t, &eb)
				if eb.Error.Code != tt.wantCode || eb.Error.Field != tt.wantField {
					t.Errorf("code %q field %q, want %q %q", eb.Error.Code, eb.Error.Field, tt.wantCode, tt.wantField)
				}
				if len(got) != before {
					t.Errorf("a refused request reached the translate service: %+v", got[before:])
				}
				return
			}
			var resp api.TranslateInvalidateResponse
			r.decode(t, &resp)
			if resp.Deleted != 3*len(tt.want) || !slices.Equal(got[before:], tt.want) {
				t.Errorf("resp %+v, translate asked %+v, want %+v", resp, got[before:], tt.want)
			}
		})
	}
}
