//go:build unix

package suite_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway/suite"
)

// TestSecondSuiteOnOneStateDir: a second suite on the state directory of
// a running one (other ports) stops at once, naming the running one's
// process, without opening the store; once the first has stopped, the
// directory is free again.
func TestSecondSuiteOnOneStateDir(t *testing.T) {
	vars := authSuiteVars(t)
	_, natsPort, _ := net.SplitHostPort(freeAddr(t))
	vars["PARLEY_NATS_PORT"] = natsPort
	_, stop := runSuite(t, vars)

	second := map[string]string{}
	for k, v := range vars {
		second[k] = v
	}
	second["GATEWAY_ADDR"] = freeAddr(t)
	_, natsPort2, _ := net.SplitHostPort(freeAddr(t))
	second["PARLEY_NATS_PORT"] = natsPort2
	run := func() (time.Duration, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		t0 := time.Now()
		err := suite.Run(ctx, func(k string) string { return second[k] }, io.Discard)
		return time.Since(t0), err
	}
	took, err := run()
	if err == nil {
		t.Fatal("a second suite ran on the state directory of a running one")
	}
	want := fmt.Sprintf("PARLEY_STATE_DIR=%s is in use by process %d", vars["PARLEY_STATE_DIR"], os.Getpid())
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), filepath.Join(vars["PARLEY_STATE_DIR"], "parley.lock")) {
		t.Errorf("error %q, want it to say %q and name the lock file", err, want)
	}
	if took > 2*time.Second {
		t.Errorf("the second suite took %s to fail, want at once", took)
	}

	// The lock goes with the suite that held it.
	stop()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- suite.Run(ctx, func(k string) string { return second[k] }, io.Discard) }()
	waitFor(t, 60*time.Second, func() error {
		select {
		case err := <-done:
			t.Fatalf("the suite did not start once the state directory was free: %v", err)
		default:
		}
		c, err := net.Dial("tcp", second["GATEWAY_ADDR"])
		if err != nil {
			return err
		}
		return c.Close()
	})
	cancel()
	if err := <-done; err != nil {
		t.Errorf("suite.Run: %v", err)
	}
}
