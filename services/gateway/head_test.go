package gateway_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway"
)

// TestHeadAnswersLikeGet: HEAD on a GET route gets the GET's status and
// headers and no body; on a route without GET it is 405, as GET would be.
func TestHeadAnswersLikeGet(t *testing.T) {
	ts := newBareGateway(t, gateway.Config{ReadyTimeout: 200 * time.Millisecond})
	for _, tc := range []struct {
		path  string
		want  int
		ctype string
	}{
		{"/healthz", 200, ""},
		{"/readyz", 200, "application/json"},     // degraded: no service runs
		{"/readyz?all", 503, "application/json"}, // which ?all refuses
		{"/metrics", 200, "text/plain"},
		{"/openapi.json", 200, "application/json"},
		{"/console/login", 200, "text/html"},
		{"/console/glossaries", http.StatusSeeOther, ""}, // to the sign-in page
		{"/", 200, "text/html"},
		{"/nowhere", 404, "application/json"},
		{"/v1/translate", 405, "application/json"},
		{"/v1/messages/m1?locale=%zz", 400, "application/json"},
	} {
		req, _ := http.NewRequest(http.MethodHead, ts.URL+tc.path, nil)
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatalf("HEAD %s: %v", tc.path, err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tc.want || len(raw) != 0 || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.ctype) {
			t.Errorf("HEAD %s = %d %q with %d body bytes, want %d %q and none", tc.path, res.StatusCode, res.Header.Get("Content-Type"), len(raw), tc.want, tc.ctype)
		}
	}
}

// TestAllowNamesHead: wherever Allow names GET it names HEAD, which
// every GET route answers; a path without GET is not offered HEAD.
func TestAllowNamesHead(t *testing.T) {
	ts := newBareGateway(t, gateway.Config{ReadyTimeout: 200 * time.Millisecond})
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodOptions, "/healthz", 204, "OPTIONS, GET, HEAD"},
		{http.MethodDelete, "/healthz", 405, "OPTIONS, GET, HEAD"},
		{http.MethodPost, "/openapi.json", 405, "OPTIONS, GET, HEAD"},
		{http.MethodOptions, "/v1/translate", 204, "OPTIONS, POST"},
		{http.MethodHead, "/v1/translate", 405, "OPTIONS, POST"},      // runs as GET, which it has not
		{http.MethodOptions, "/languages", 204, "GET, HEAD, OPTIONS"}, // the LibreTranslate preflight
	} {
		req, _ := http.NewRequest(tc.method, ts.URL+tc.path, nil)
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.method, tc.path, err)
		}
		res.Body.Close()
		if res.StatusCode != tc.status || res.Header.Get("Allow") != tc.allow {
			t.Errorf("%s %s = %d with Allow %q, want %d with %q", tc.method, tc.path, res.StatusCode, res.Header.Get("Allow"), tc.status, tc.allow)
		}
	}
}

// TestHeadOfAnEventStreamReturns: the stream's handler would wait for
// events; HEAD gets its headers and the request ends.
func TestHeadOfAnEventStreamReturns(t *testing.T) {
	e := startChat(t, nil)
	req, _ := http.NewRequest(http.MethodHead, e.url+"/v1/conversations/live/events?locale=es", nil)
	c := http.Client{Timeout: 10 * time.Second}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("HEAD of the event stream: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("HEAD of the event stream: %d %v", res.StatusCode, res.Header)
	}
}
