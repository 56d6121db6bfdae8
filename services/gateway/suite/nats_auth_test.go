package suite_test

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/gateway/suite"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/devcert"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
)

// authSuiteVars is a light suite: no model, few languages, on a free NATS
// port (the default, 4222, may be taken on the machine).
func authSuiteVars(t *testing.T) map[string]string {
	_, natsPort, _ := net.SplitHostPort(freeAddr(t))
	return map[string]string{
		"PARLEY_NATS_PORT": natsPort,
		"PARLEY_STATE_DIR": t.TempDir(),
		"GATEWAY_ADDR":     freeAddr(t),
		"TRANSLATE_CHAIN":  "apertium",
		"GLOSSARY_DIR":     t.TempDir(),
		"DETECT_LANGUAGES": "en,es",
		"LOG_LEVEL":        "error",
	}
}

// checkServices connects to url as opts say and checks that every
// service answers there.
func checkServices(t *testing.T, url string, opts ...nats.Option) {
	t.Helper()
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		t.Fatalf("connect with credentials: %v", err)
	}
	defer nc.Close()
	names := pingAll(t, nc)
	for _, want := range api.Services {
		if !names[want] {
			t.Errorf("%s did not answer $SRV.PING (got %v)", want, names)
		}
	}
}

// TestEmbeddedNATSPassword: with PARLEY_NATS_PASSWORD set, the embedded
// server of `make run` refuses clients without it, while every component
// of the suite connects with it; an operator's tool gets in with
// NATS_USER=parley and NATS_PASSWORD.
func TestEmbeddedNATSPassword(t *testing.T) {
	const password = "embedded-s3cret"
	vars := authSuiteVars(t)
	natsAddr := freeAddr(t)
	_, natsPort, _ := net.SplitHostPort(natsAddr)
	vars["PARLEY_NATS_PORT"] = natsPort
	vars["PARLEY_NATS_PASSWORD"] = password
	out, _ := runSuite(t, vars)

	url := "nats://" + natsAddr
	if nc, err := nats.Connect(url, nats.Timeout(2*time.Second)); err == nil {
		nc.Close()
		t.Fatal("the embedded server took a client without the password")
	}
	opts, err := natsutil.ConnectOptions(func(k string) string {
		return map[string]string{"NATS_USER": "parley", "NATS_PASSWORD": password}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	checkServices(t, url, opts...)
	if s := out.String(); !strings.Contains(s, "user parley with PARLEY_NATS_PASSWORD") || strings.Contains(s, password) {
		t.Errorf("the summary should say a password is required, without showing it:\n%s", s)
	}
}

// TestExternalNATSCredentials: against an external server that requires
// a password (NATS_URL), the suite connects with NATS_USER and
// NATS_PASSWORD.
func TestExternalNATSCredentials(t *testing.T) {
	const password = "external-s3cret"
	// An external server's limits are its operator's: the suite does not
	// fit its streams' bounds to them as it does for the embedded server,
	// and nats-server's default would not hold the default bounds (about
	// 7.3 GiB) on a small CI disk.
	ns, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: t.TempDir(), Password: password, MaxFileStore: natstest.MaxFileStore})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ns.Shutdown()
		ns.WaitForShutdown()
	})
	vars := authSuiteVars(t)
	vars["NATS_URL"] = ns.ClientURL()
	vars["NATS_USER"] = "parley"
	vars["NATS_PASSWORD"] = password
	runSuite(t, vars)
	checkServices(t, ns.ClientURL(), nats.UserInfo("parley", password))

	// Without them the suite does not start, and says why.
	delete(vars, "NATS_PASSWORD")
	err = suite.Run(t.Context(), func(k string) string { return vars[k] }, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "NATS_USER is set without NATS_PASSWORD") {
		t.Fatalf("suite.Run without NATS_PASSWORD: %v", err)
	}
}

// TestEmbeddedNATSStaysOnLoopback: without a password the embedded server
// does not listen beyond loopback, where anyone on the network could
// read every message and write the API keys.
func TestEmbeddedNATSStaysOnLoopback(t *testing.T) {
	vars := authSuiteVars(t)
	_, natsPort, _ := net.SplitHostPort(freeAddr(t))
	vars["PARLEY_NATS_PORT"] = natsPort
	vars["PARLEY_NATS_HOST"] = "0.0.0.0"
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	err := suite.Run(ctx, func(k string) string { return vars[k] }, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "PARLEY_NATS_PASSWORD") {
		t.Fatalf("suite.Run on 0.0.0.0 without a password: %v, want a refusal naming PARLEY_NATS_PASSWORD", err)
	}
	// Not the hint of a port in use, which it began with.
	if msg := err.Error(); !strings.HasPrefix(msg, "PARLEY_NATS_HOST=0.0.0.0: ") || strings.Contains(msg, "PARLEY_NATS_PORT or NATS_URL") {
		t.Errorf("error %q: want it to begin with PARLEY_NATS_HOST=0.0.0.0, without the port hint", msg)
	}
}

// TestEmbeddedNATSTLS: with PARLEY_NATS_TLS_CERT and _KEY the embedded
// server takes network clients over TLS only, and a tool that trusts the
// CA (NATS_CA) gets in, while the suite's own components connect
// in-process; half a pair, or a file it cannot use, stops the start with
// the variables' names.
func TestEmbeddedNATSTLS(t *testing.T) {
	const password = "embedded-tls-s3cret"
	ca, err := devcert.NewCA(t.TempDir(), "parley-test")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := ca.Server("nats", "127.0.0.1", "localhost")
	if err != nil {
		t.Fatal(err)
	}
	vars := authSuiteVars(t)
	natsAddr := freeAddr(t)
	_, natsPort, _ := net.SplitHostPort(natsAddr)
	vars["PARLEY_NATS_PORT"] = natsPort
	vars["PARLEY_NATS_PASSWORD"] = password
	vars["PARLEY_NATS_TLS_CERT"], vars["PARLEY_NATS_TLS_KEY"] = srv.CertFile, srv.KeyFile
	out, _ := runSuite(t, vars)

	url := "tls://" + natsAddr
	// With the password but without the CA: the server's certificate is
	// not trusted, and nothing goes in clear.
	// The timeout only bounds a failure: the handshake must fail on the
	// certificate, not run out of time on a loaded machine.
	if nc, err := nats.Connect("nats://"+natsAddr, nats.UserInfo("parley", password), nats.Timeout(10*time.Second), nats.NoReconnect()); err == nil {
		nc.Close()
		t.Fatal("a client that does not trust the CA connected")
	} else if !strings.Contains(err.Error(), "certificate signed by unknown authority") {
		t.Errorf("a client without the CA: %v, want an unknown authority", err)
	}
	opts, err := natsutil.ConnectOptions(func(k string) string {
		return map[string]string{"NATS_USER": "parley", "NATS_PASSWORD": password, "NATS_CA": ca.CertFile}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	checkServices(t, url, opts...)
	if s := out.String(); !strings.Contains(s, "NATS      tls://") || !strings.Contains(s, ", TLS)") {
		t.Errorf("the summary should show the tls:// URL and TLS:\n%s", s)
	}

	for _, tt := range []struct {
		name string
		set  map[string]string
		want string
	}{
		{"cert without key", map[string]string{"PARLEY_NATS_TLS_CERT": srv.CertFile}, "PARLEY_NATS_TLS_CERT is set without PARLEY_NATS_TLS_KEY"},
		{"key without cert", map[string]string{"PARLEY_NATS_TLS_KEY": srv.KeyFile}, "PARLEY_NATS_TLS_KEY is set without PARLEY_NATS_TLS_CERT"},
		{"client ca alone", map[string]string{"PARLEY_NATS_TLS_CLIENT_CA": ca.CertFile}, "PARLEY_NATS_TLS_CLIENT_CA is set without"},
		{"missing key file", map[string]string{"PARLEY_NATS_TLS_CERT": srv.CertFile, "PARLEY_NATS_TLS_KEY": "/nonexistent/nats.key"}, "PARLEY_NATS_TLS_CERT, PARLEY_NATS_TLS_KEY or PARLEY_NATS_TLS_CLIENT_CA: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			vars := authSuiteVars(t)
			_, port, _ := net.SplitHostPort(freeAddr(t))
			vars["PARLEY_NATS_PORT"] = port
			for k, v := range tt.set {
				vars[k] = v
			}
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			err := suite.Run(ctx, func(k string) string { return vars[k] }, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("suite.Run: %v, want an error with %q", err, tt.want)
			}
		})
	}
}
