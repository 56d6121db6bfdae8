// Package embedded starts the whole Parley suite in this process (embedded
// NATS with JetStream, every service, the gateway) through the same
// suite.Run that `make run` uses, on free ports and a throw-away state
// folder, so that the evaluation harness can run a config with its own
// settings (chain, model, LLM host) without a deployment.
package embedded

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/gateway/suite"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/repo"
)

// Options configure an embedded suite.
type Options struct {
	// Env is the suite's environment (TRANSLATE_CHAIN, OLLAMA_HOST ...). It
	// overrides the defaults below, which override the process environment.
	Env map[string]string
	// Languages restricts language detection (DETECT_LANGUAGES) to the
	// languages a test set uses, which keeps lingua's load time and memory
	// low. Empty means the detect service's default.
	Languages []string
	// Output receives the suite's start-up lines (nil discards them).
	Output io.Writer
	// StartTimeout bounds the wait for every service to answer (60s).
	StartTimeout time.Duration
}

// Suite is a running embedded suite.
type Suite struct {
	// NATSURL is the embedded server's client URL.
	NATSURL string
	// Gateway is the HTTP gateway's base URL.
	Gateway string

	cancel   context.CancelFunc
	done     chan error
	stateDir string
	// password is the embedded server's: see Connect.
	password string
}

// Connect connects to the suite's NATS server, which requires a password
// of its own (a random one per suite): a run's server on loopback is
// still no place for another local user to read or write.
func (s *Suite) Connect(name string) (*nats.Conn, error) {
	return nats.Connect(s.NATSURL, nats.Name(name), nats.UserInfo(natsutil.User, s.password))
}

// Start runs the suite and returns once all five services answer
// $SRV.PING. Close stops it.
func Start(ctx context.Context, opts Options) (*Suite, error) {
	natsPort, err := freePort()
	if err != nil {
		return nil, err
	}
	gwPort, err := freePort()
	if err != nil {
		return nil, err
	}
	password := rand.Text()
	if v, ok := opts.Env["PARLEY_NATS_PASSWORD"]; ok {
		password = v // a config's own, which the suite then runs with
	}
	stateDir, err := os.MkdirTemp("", "parley-eval-")
	if err != nil {
		return nil, err
	}
	defaults := map[string]string{
		// Always the embedded server, even when the shell sets NATS_URL,
		// and with this suite's own password (not the shell's
		// PARLEY_NATS_PASSWORD, which the harness would not know).
		"NATS_URL":             "",
		"PARLEY_NATS_PASSWORD": password,
		"PARLEY_NATS_HOST":     "127.0.0.1",
		"PARLEY_NATS_PORT":     strconv.Itoa(natsPort),
		"PARLEY_STATE_DIR":     stateDir,
		"GATEWAY_ADDR":         "127.0.0.1:" + strconv.Itoa(gwPort),
		"LOG_LEVEL":            "error",
	}
	if root, err := repo.Root(); err == nil {
		if _, err := os.Stat(filepath.Join(root, "glossaries")); err == nil {
			defaults["GLOSSARY_DIR"] = filepath.Join(root, "glossaries")
		}
	}
	if len(opts.Languages) > 0 {
		defaults["DETECT_LANGUAGES"] = strings.Join(opts.Languages, ",")
	}
	getenv := func(k string) string {
		if v, ok := opts.Env[k]; ok {
			return v
		}
		if v, ok := defaults[k]; ok {
			return v
		}
		return os.Getenv(k)
	}
	out := opts.Output
	if out == nil {
		out = io.Discard
	}
	rctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s := &Suite{
		NATSURL:  "nats://127.0.0.1:" + strconv.Itoa(natsPort),
		Gateway:  "http://127.0.0.1:" + strconv.Itoa(gwPort),
		cancel:   cancel,
		done:     make(chan error, 1),
		stateDir: stateDir,
		password: password,
	}
	go func() { s.done <- suite.Run(rctx, getenv, out) }()

	timeout := opts.StartTimeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	if err := s.waitReady(ctx, timeout); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// waitReady polls until every service answers, the suite exits, or the
// timeout passes.
func (s *Suite) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var nc *nats.Conn
	defer func() {
		if nc != nil {
			nc.Close()
		}
	}()
	var last error
	for {
		select {
		case err := <-s.done:
			s.done <- err // Close reads it again
			if err == nil {
				err = errors.New("it stopped")
			}
			return fmt.Errorf("embedded suite did not start: %w", err)
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("embedded suite not ready after %s: %w", timeout, last)
		}
		if nc == nil {
			c, err := s.Connect("parley-eval-probe")
			if err == nil {
				nc = c
			}
			last = err
		}
		if nc != nil {
			last = pingAll(ctx, nc)
			if last == nil {
				// The gateway's /readyz also waits for what the services
				// finish in the background, detect's language models
				// above all: a run that starts before them measures the
				// load in its first segments' latency.
				last = gatewayReady(ctx, s.Gateway)
			}
			if last == nil {
				return nil
			}
		}
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// gatewayReady reports whether the gateway answers /readyz with 200.
func gatewayReady(ctx context.Context, base string) error {
	rctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, base+"/readyz", nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("gateway readiness: %w", err)
	}
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("gateway not ready: %s: %s", res.Status, bytes.TrimSpace(body))
	}
	return nil
}

func pingAll(ctx context.Context, nc *nats.Conn) error {
	for _, name := range api.Services {
		pctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		err := client.Ping(pctx, nc, name)
		cancel()
		if err != nil {
			return err
		}
	}
	return nil
}

// Close stops the suite, waits for it to drain, and removes its state.
func (s *Suite) Close() error {
	s.cancel()
	var err error
	select {
	case err = <-s.done:
	case <-time.After(30 * time.Second):
		err = errors.New("embedded suite did not stop within 30s")
	}
	if rerr := os.RemoveAll(s.stateDir); err == nil {
		err = rerr
	}
	return err
}

// freePort asks the kernel for an unused TCP port on the loopback
// interface.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
