package gateway_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

// A key revoked while its event stream is open is refused by the stream
// too: the stream ends with an error event (unauthorized), and the next
// message's view is not delivered.
func TestRevokedKeyEndsItsEventStream(t *testing.T) {
	e := startChatWithKeys(t, 0)
	st := openStore(t, e.nc)
	rec, key, err := st.Create(context.Background(), gateway.KeySpec{Name: "streamer", Roles: []gateway.Role{gateway.RoleClient}})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "key accepted", func() bool { return authStatus(t, e.url, key) == 200 })
	es := openEvents(t, e.url+"/v1/conversations/revoked/events?locale=es", bearer(key)...)
	first := postAs(t, e, chatPlainKey, "revoked", "hello")
	if ev := es.next(t); ev.event != "view" || ev.view.ID != first.ID {
		t.Fatalf("first event %+v, want the view of %s", ev, first.ID)
	}
	if _, err := st.Revoke(context.Background(), rec.ID); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "key refused", func() bool { return authStatus(t, e.url, key) == 401 })
	second := postAs(t, e, chatPlainKey, "revoked", "hello again")
	ev := es.next(t)
	if ev.event != "error" || !strings.Contains(ev.data, string(api.CodeUnauthorized)) {
		t.Fatalf("event after the revocation %+v, want an unauthorized error event", ev)
	}
	select {
	case ev := <-es.events:
		t.Fatalf("event after the error: %+v (the view of %s?)", ev, second.ID)
	case <-time.After(2 * time.Second):
	}
}
