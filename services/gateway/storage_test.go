package gateway_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natsutil"
)

// TestPostWhenChatStoreFull: a post the full chat stream refuses is
// answered at once, 503 with a Retry-After, saying the store is full (a
// full disk made every post wait 15 s for a 504), and /readyz says so
// (it stayed "ready"); once there is room again, posts are stored and
// /readyz is back to ok.
func TestPostWhenChatStoreFull(t *testing.T) {
	e := startChat(t, map[string]string{"MESSAGES_MAX_BYTES": strconv.Itoa(1 << 20)})
	ready := func(query string) (int, gateway.ReadyStatus) {
		t.Helper()
		r := do(t, "GET", e.url+"/readyz"+query, "")
		var st gateway.ReadyStatus
		if err := json.Unmarshal(r.body, &st); err != nil {
			t.Fatalf("readyz %s: %v", r.body, err)
		}
		return r.status, st
	}
	if _, st := ready(""); st.Storage != "ok" {
		t.Fatalf("storage %q before any write", st.Storage)
	}
	body := func(i int) string {
		return fmt.Sprintf(`{"conversation":"room-%d","author":"ana","text":%q}`, i%20, strings.Repeat("x", 8000))
	}
	var refused httpResult
	var took time.Duration
	for i := 0; ; i++ {
		if i == 1000 {
			t.Fatal("1000 posts of 8000 characters stored in a 1 MiB stream")
		}
		start := time.Now()
		r := do(t, "POST", e.url+"/v1/messages", body(i))
		if r.status != http.StatusCreated {
			refused, took = r, time.Since(start)
			break
		}
	}
	eb := decodeAs[api.ErrorBody](t, refused, http.StatusServiceUnavailable)
	if eb.Error.Code != api.CodeUnavailable || !strings.Contains(eb.Error.Message, "the message store is full") ||
		refused.header.Get("Retry-After") != strconv.Itoa(natsutil.StorageRetryAfter) {
		t.Fatalf("refusal %s, Retry-After %q", refused.body, refused.header.Get("Retry-After"))
	}
	if took > 2*time.Second {
		t.Fatalf("refused after %s; want at once", took)
	}
	code, st := ready("")
	if code != http.StatusOK || st.Status != "degraded" || st.Storage != "full" {
		t.Fatalf("readyz %d %+v; want 200, degraded, storage full", code, st)
	}
	if code, _ := ready("?all"); code != http.StatusServiceUnavailable {
		t.Fatalf("readyz?all %d with the store full", code)
	}

	// An operator makes room (retention would, in time).
	js, err := jetstream.New(e.nc)
	if err != nil {
		t.Fatal(err)
	}
	stream, err := js.Stream(t.Context(), api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Purge(t.Context(), jetstream.WithPurgeSubject(api.TenantChatSubject("", "room-0"))); err != nil {
		t.Fatal(err)
	}
	decodeAs[api.Message](t, do(t, "POST", e.url+"/v1/messages", body(1000)), http.StatusCreated)
	if _, st := ready(""); st.Storage != "ok" {
		t.Fatalf("storage %q after a post was stored", st.Storage)
	}
}

// TestFeedbackWhenStreamFull: feedback the full feedback stream refuses is
// a 503 with the Retry-After of every write refused for room, not one
// that invites a retry every second; the gateway created the stream with
// its configured bound (EXPERIMENTS_FEEDBACK_MAX_BYTES).
func TestFeedbackWhenStreamFull(t *testing.T) {
	env := compatGatewayWith(t, "app:client:"+clientKey, gateway.Config{FeedbackMaxBytes: 8 << 10}, nil)
	js, err := jetstream.New(env.nc)
	if err != nil {
		t.Fatal(err)
	}
	st, err := js.Stream(t.Context(), experiment.FeedbackStream)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.CachedInfo().Config.MaxBytes; got != 8<<10 {
		t.Fatalf("feedback stream bound %d, want 8 KiB", got)
	}
	body, _ := json.Marshal(api.FeedbackRequest{Kind: api.FeedbackBadTranslation, Original: strings.Repeat("x", 1000),
		Translation: strings.Repeat("y", 1000), TargetLang: "es"})
	header := http.Header{"Authorization": {"Bearer " + clientKey}}
	for i := range 10 {
		r := send(t, "POST", env.url+"/v1/feedback", jsonType, string(body), header)
		if r.status == http.StatusOK {
			continue
		}
		var eb api.ErrorBody
		if err := json.Unmarshal(r.body, &eb); err != nil || r.status != http.StatusServiceUnavailable || eb.Error.Code != api.CodeUnavailable ||
			!strings.Contains(eb.Error.Message, "full") || r.header.Get("Retry-After") != strconv.Itoa(natsutil.StorageRetryAfter) {
			t.Fatalf("post %d: %d, Retry-After %q: %s", i, r.status, r.header.Get("Retry-After"), r.body)
		}
		return
	}
	t.Fatal("10 feedback events of 2 KB stored in an 8 KiB stream")
}
