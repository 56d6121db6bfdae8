package gateway_test

import (
	"context"
	"net/http"
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
		modKey   = "moderator-key-0123456789"
		adminKey = "admin-key-0123456789"
	)
	fake := &fakeInvalidate{}
	env := compatGatewayWith(t, "app:client:"+clientKey+",mia:moderator:"+modKey+",root:admin:"+adminKey,
		gateway.Config{}, func(nc *nats.Conn) { fake.start(t, nc) })
	bearer := func(k string) http.Header { return http.Header{"Authorization": {"Bearer " + k}} }
	tests := []struct {
		name       string
		header     http.Header
		body       string
		wantStatus int
		wantCode   api.Code
		want       *api.TranslateInvalidateRequest
	}{
		{name: "message, moderator", header: bearer(modKey), body: `{"conversation_id":"c1","message_id":"m1"}`, wantStatus: 200,
			want: &api.TranslateInvalidateRequest{ConversationID: "c1", MessageID: "m1"}},
		{name: "conversation, admin", header: bearer(adminKey), body: `{"conversation_id":"c1"}`, wantStatus: 200,
			want: &api.TranslateInvalidateRequest{ConversationID: "c1"}},
		{name: "client role refused", header: bearer(clientKey), body: `{"conversation_id":"c1"}`, wantStatus: 403, wantCode: api.CodeForbidden},
		{name: "no key", body: `{"conversation_id":"c1"}`, wantStatus: 401, wantCode: api.CodeUnauthorized},
		{name: "nothing named", header: bearer(modKey), body: `{}`, wantStatus: 400, wantCode: api.CodeInvalidArgument},
		{name: "space in an id", header: bearer(modKey), body: `{"conversation_id":"c 1"}`, wantStatus: 400, wantCode: api.CodeInvalidArgument},
		{name: "not JSON", header: bearer(modKey), body: `conversation`, wantStatus: 400, wantCode: api.CodeInvalidJSON},
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
				if eb.Error.Code != tt.wantCode {
					t.Errorf("code %q, want %q", eb.Error.Code, tt.wantCode)
				}
				if len(got) != before {
					t.Errorf("a refused request reached the translate service: %+v", got[before:])
				}
				return
			}
			var resp api.TranslateInvalidateResponse
			r.decode(t, &resp)
			if resp.Deleted != 3 || len(got) != before+1 || got[before] != *tt.want {
				t.Errorf("resp %+v, translate asked %+v", resp, got[before:])
			}
		})
	}
}
