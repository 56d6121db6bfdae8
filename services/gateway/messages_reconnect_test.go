package gateway_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

// readStreamToEnd reads an event stream until the server ends it and
// returns the last event id it set, as EventSource keeps it: from any
// block with an id field, with data or not.
func readStreamToEnd(t *testing.T, url string) (lastID string, ids int) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("events: %d", res.StatusCode)
	}
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if id, ok := strings.CutPrefix(sc.Text(), "id: "); ok {
			lastID = id
			ids++
		}
	}
	return lastID, ids
}

// TestConversationEventsReconnectWithoutAfter: a stream opened as a chat
// client opens it (no after, nothing sent on it) gives the client an
// event id all the same, at connect and when it ends at its deadline, so
// that a message posted during EventSource's reconnect delay arrives on
// the reconnect.
func TestConversationEventsReconnectWithoutAfter(t *testing.T) {
	// The stream ends a second before the request timeout.
	e := startChatWith(t, nil, gateway.Config{Timeout: 3 * time.Second})
	const conv = "reconnect"
	url := e.url + "/v1/conversations/" + conv + "/events?locale=es"
	postMessage(t, e, conv, "ana", "hello")

	start := time.Now()
	lastID, ids := readStreamToEnd(t, url)
	if time.Since(start) > 10*time.Second {
		t.Fatalf("the stream lasted %v", time.Since(start))
	}
	if lastID == "" || ids < 2 {
		t.Fatalf("the stream sent %d ids (last %q): want one at connect and one before its end", ids, lastID)
	}
	// Posted while the client waits to reconnect.
	m := postMessage(t, e, conv, "bob", "hello again")
	es := openEvents(t, url, "Last-Event-ID", lastID)
	ev := es.next(t)
	if ev.view.ID != m.ID || ev.view.Text != "hola otra vez" || ev.id != fmt.Sprint(m.Seq) {
		t.Fatalf("first event after the reconnect: %+v (id %s), want %s", ev.view, ev.id, m.ID)
	}
}

// TestConversationEventsRefuseRevisionPastTheBucket: an event id whose
// moderation revision no decision has reached is refused (400), as a
// sequence past the chat stream is: taken as sent, it would keep every
// later decision (a hide) from the stream.
func TestConversationEventsRefuseRevisionPastTheBucket(t *testing.T) {
	e := startChat(t, nil)
	d := newDecider(t, e)
	const conv = "revs"
	url := e.url + "/v1/conversations/" + conv + "/events?locale=es"
	m := postMessage(t, e, conv, "ana", "hello")

	// No decision yet: any revision is past the bucket's end.
	r := do(t, "GET", url, "", "Last-Event-ID", fmt.Sprintf("%d.5", m.Seq))
	if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), `"after"`) {
		t.Fatalf("revision 5 of an empty bucket: %d %s", r.status, r.body)
	}

	d.decide("case-1", conv, m.ID, api.ActionHide, api.StatusHidden)
	_, rev := d.mod.Get("", m.ID)
	if rev == 0 {
		t.Fatal("no revision for the decision")
	}
	for _, tt := range []struct {
		id     string
		status int
	}{
		{fmt.Sprintf("%d.%d", m.Seq, rev), http.StatusOK},
		{fmt.Sprintf("%d.%d", m.Seq, rev+1), http.StatusBadRequest},
		{fmt.Sprintf("%d.999999", m.Seq), http.StatusBadRequest},
	} {
		for _, open := range []func() httpResult{
			func() httpResult { return do(t, "HEAD", url, "", "Last-Event-ID", tt.id) },
			func() httpResult { return do(t, "HEAD", url+"&after="+tt.id, "") },
		} {
			if r := open(); r.status != tt.status {
				t.Errorf("resume from %s: %d, want %d", tt.id, r.status, tt.status)
			}
		}
	}
	r = do(t, "GET", url+"&after="+fmt.Sprintf("%d.%d", m.Seq, rev+7), "")
	var eb api.ErrorBody
	if err := json.Unmarshal(r.body, &eb); err != nil || eb.Error.Code != api.CodeInvalidArgument || eb.Error.Field != "after" {
		t.Fatalf("%d %s", r.status, r.body)
	}
}
