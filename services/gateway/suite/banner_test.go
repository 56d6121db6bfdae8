package suite_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway/suite"
)

// TestSummaryPrintsTheBoundAddress: with GATEWAY_ADDR=127.0.0.1:0 the
// start-up summary prints the URL the gateway answers at, with the port
// the system chose, not "http://127.0.0.1:0".
func TestSummaryPrintsTheBoundAddress(t *testing.T) {
	vars := authSuiteVars(t)
	vars["GATEWAY_ADDR"] = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- suite.Run(ctx, func(k string) string { return vars[k] }, out) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("suite.Run: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("suite did not stop within 30s")
		}
	})
	line := regexp.MustCompile(`(?m)^gateway +(\S+)$`)
	var base string
	waitFor(t, 60*time.Second, func() error {
		select {
		case err := <-done:
			done <- err
			t.Fatalf("suite exited early: %v\n%s", err, out.String())
		default:
		}
		m := line.FindStringSubmatch(out.String())
		if m == nil {
			return errors.New("no gateway line in the summary yet")
		}
		base = m[1]
		return nil
	})
	if !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("summary prints %q, want http://127.0.0.1:<the bound port>\n%s", base, out.String())
	}
	res, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatalf("the printed URL does not answer: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s/healthz: %d", base, res.StatusCode)
	}
}
