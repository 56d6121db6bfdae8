package natsutil_test

import (
	"crypto/tls"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/devcert"
	"github.com/parley-chat/parley/shared/natsutil"
)

// testPKI is a throwaway CA with a server certificate for loopback, a
// client certificate, and a second CA that signed neither.
type testPKI struct {
	ca, other *devcert.CA
	server    devcert.Pair
	client    devcert.Pair
	dir       string
}

func newPKI(t *testing.T) *testPKI {
	t.Helper()
	dir := t.TempDir()
	ca, err := devcert.NewCA(dir, "parley-test")
	if err != nil {
		t.Fatal(err)
	}
	other, err := devcert.NewCA(dir, "other")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := ca.Server("nats", "127.0.0.1", "localhost")
	if err != nil {
		t.Fatal(err)
	}
	cli, err := ca.Client("parley")
	if err != nil {
		t.Fatal(err)
	}
	return &testPKI{ca: ca, other: other, server: srv, client: cli, dir: dir}
}

// tlsServer starts a nats-server that takes clients over TLS only, with
// what mod adds (client verification, a password, handshake first).
func (p *testPKI) tlsServer(t *testing.T, verify bool, mod func(*server.Options)) *server.Server {
	t.Helper()
	tc, err := server.GenTLSConfig(&server.TLSConfigOpts{
		CertFile: p.server.CertFile, KeyFile: p.server.KeyFile, CaFile: p.ca.CertFile, Verify: verify,
	})
	if err != nil {
		t.Fatal(err)
	}
	opts := &server.Options{TLS: true, TLSConfig: tc, TLSVerify: verify, TLSTimeout: 2}
	if mod != nil {
		mod(opts)
	}
	return runAuthServer(t, opts)
}

// TestTLSOptionsAgainstServer: each way of setting TLS in the environment
// connects to the server it fits and is refused by the one it does not,
// and none falls back to plaintext.
func TestTLSOptionsAgainstServer(t *testing.T) {
	p := newPKI(t)
	plain := runAuthServer(t, &server.Options{})
	tlsOnly := p.tlsServer(t, false, nil)
	verifying := p.tlsServer(t, true, nil)
	withPassword := p.tlsServer(t, false, func(o *server.Options) { o.Username, o.Password = natsutil.User, "s3cret-pw" })
	first := p.tlsServer(t, false, func(o *server.Options) { o.TLSHandshakeFirst = true })
	otherName, err := p.ca.Server("elsewhere", "nats.example.net")
	if err != nil {
		t.Fatal(err)
	}
	wrongName := runAuthServer(t, &server.Options{TLS: true, TLSTimeout: 2, TLSConfig: mustTLS(t, otherName)})

	tests := []struct {
		name    string
		server  *server.Server
		env     map[string]string
		wantErr string // "" connects
	}{
		{"ca", tlsOnly, map[string]string{"NATS_CA": p.ca.CertFile}, ""},
		{"no ca: the server's certificate is not trusted", tlsOnly, nil, "certificate signed by unknown authority"},
		{"another ca", tlsOnly, map[string]string{"NATS_CA": p.other.CertFile}, "certificate signed by unknown authority"},
		{"a name the certificate is not for", wrongName, map[string]string{"NATS_CA": p.ca.CertFile}, "127.0.0.1"},
		{"ca against a plaintext server: no fallback", plain, map[string]string{"NATS_CA": p.ca.CertFile}, "secure connection not available"},
		{"client certificate", verifying, map[string]string{"NATS_CA": p.ca.CertFile, "NATS_CERT": p.client.CertFile, "NATS_KEY": p.client.KeyFile}, ""},
		{"no client certificate where one is required", verifying, map[string]string{"NATS_CA": p.ca.CertFile}, "tls"},
		{"tls and a password", withPassword, map[string]string{"NATS_CA": p.ca.CertFile, "NATS_USER": natsutil.User, "NATS_PASSWORD": "s3cret-pw"}, ""},
		{"tls and a wrong password", withPassword, map[string]string{"NATS_CA": p.ca.CertFile, "NATS_USER": natsutil.User, "NATS_PASSWORD": "guess"}, "authorization violation"},
		{"handshake first", first, map[string]string{"NATS_CA": p.ca.CertFile, "NATS_TLS_FIRST": "true"}, ""},
		{"handshake first off", tlsOnly, map[string]string{"NATS_CA": p.ca.CertFile, "NATS_TLS_FIRST": "false"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := natsutil.ConnectOptions(mapEnv(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			opts = append(opts, nats.Timeout(2*time.Second), nats.NoReconnect())
			// The URL as an operator writes it: nats://, which nats.go
			// upgrades to TLS when the server requires it.
			nc, err := nats.Connect(tt.server.ClientURL(), opts...)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("with %v: %v", keys(tt.env), err)
				}
				if _, err := nc.TLSConnectionState(); err != nil {
					t.Errorf("not a TLS connection: %v", err)
				}
				nc.Close()
				return
			}
			if err == nil {
				nc.Close()
				t.Fatalf("with %v: connected, want an error with %q", keys(tt.env), tt.wantErr)
			}
			if !strings.Contains(strings.ToLower(err.Error()), tt.wantErr) {
				t.Fatalf("with %v: %v, want an error with %q", keys(tt.env), err, tt.wantErr)
			}
		})
	}
}

func mustTLS(t *testing.T, p devcert.Pair) *tls.Config {
	t.Helper()
	tc, err := server.GenTLSConfig(&server.TLSConfigOpts{CertFile: p.CertFile, KeyFile: p.KeyFile})
	if err != nil {
		t.Fatal(err)
	}
	return tc
}

// TestTLSOptionsRefuses: what cannot work fails at start, with the
// variable's name and never the file's content.
func TestTLSOptionsRefuses(t *testing.T) {
	p := newPKI(t)
	keyPEM, err := os.ReadFile(p.client.KeyFile)
	if err != nil {
		t.Fatal(err)
	}
	certPEM, err := os.ReadFile(p.client.CertFile)
	if err != nil {
		t.Fatal(err)
	}
	other, err := p.ca.Client("other")
	if err != nil {
		t.Fatal(err)
	}
	garbage := writeFile(t, "garbage.pem", "not a certificate at all")
	truncated := writeFile(t, "truncated.pem", string(certPEM[:len(certPEM)/2])+"\n-----END CERTIFICATE-----\n")
	unreadable := filepath.Join(t.TempDir(), "unreadable.pem")
	if err := os.WriteFile(unreadable, certPEM, 0o000); err != nil {
		t.Fatal(err)
	}
	expired := expiredCert(t, p)
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"cert without key", map[string]string{"NATS_CERT": p.client.CertFile}, "NATS_CERT is set without NATS_KEY"},
		{"key without cert", map[string]string{"NATS_KEY": p.client.KeyFile}, "NATS_KEY is set without NATS_CERT"},
		{"missing ca", map[string]string{"NATS_CA": "/nonexistent/ca.crt"}, "NATS_CA: open /nonexistent/ca.crt"},
		{"ca not pem", map[string]string{"NATS_CA": garbage}, "NATS_CA: not PEM"},
		{"ca holding a key", map[string]string{"NATS_CA": p.client.KeyFile}, "NATS_CA: holds a PRIVATE KEY block"},
		{"ca truncated", map[string]string{"NATS_CA": truncated}, "NATS_CA: "},
		{"missing cert", map[string]string{"NATS_CERT": "/nonexistent/c.crt", "NATS_KEY": p.client.KeyFile}, "NATS_CERT: open /nonexistent/c.crt"},
		{"missing key", map[string]string{"NATS_CERT": p.client.CertFile, "NATS_KEY": "/nonexistent/c.key"}, "NATS_KEY: open /nonexistent/c.key"},
		{"cert not pem", map[string]string{"NATS_CERT": garbage, "NATS_KEY": p.client.KeyFile}, "NATS_CERT: not PEM"},
		{"key not pem", map[string]string{"NATS_CERT": p.client.CertFile, "NATS_KEY": garbage}, "NATS_KEY: not PEM"},
		{"key of another certificate", map[string]string{"NATS_CERT": p.client.CertFile, "NATS_KEY": other.KeyFile}, "NATS_CERT/NATS_KEY: tls: private key does not match public key"},
		{"cert and key swapped", map[string]string{"NATS_CERT": p.client.KeyFile, "NATS_KEY": p.client.CertFile}, "NATS_CERT/NATS_KEY"},
		{"expired cert", map[string]string{"NATS_CERT": expired.CertFile, "NATS_KEY": expired.KeyFile}, "NATS_CERT: the certificate expired"},
		{"tls first not a bool", map[string]string{"NATS_TLS_FIRST": "maybe"}, `NATS_TLS_FIRST="maybe": want true or false`},
		{"tls fine, credentials not", map[string]string{"NATS_CA": p.ca.CertFile, "NATS_USER": "parley"}, "NATS_USER is set without NATS_PASSWORD"},
	}
	if os.Geteuid() != 0 {
		// root reads any file.
		tests = append(tests, struct {
			name string
			env  map[string]string
			want string
		}{"unreadable ca", map[string]string{"NATS_CA": unreadable}, "NATS_CA: open " + unreadable + ": permission denied"})
	}
	secret := strings.Split(string(keyPEM), "\n")[1] // a line of the key's base64
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := natsutil.ConnectOptions(mapEnv(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ConnectOptions(%v) = %d options, %v; want an error with %q", keys(tt.env), len(opts), err, tt.want)
			}
			if strings.Contains(err.Error(), secret[:20]) || strings.Contains(err.Error(), "BEGIN") {
				t.Errorf("the error shows a file's content: %v", err)
			}
		})
	}
	// None set: no options, as before TLS.
	if opts, err := natsutil.TLSOptions(mapEnv(nil)); err != nil || len(opts) != 0 {
		t.Errorf("no TLS variables: %d options, %v; want none", len(opts), err)
	}
}

// expiredCert is a client certificate of p's CA that expired yesterday.
func expiredCert(t *testing.T, p *testPKI) devcert.Pair {
	t.Helper()
	pair, err := p.ca.ClientValid("expired", time.Now().Add(-72*time.Hour), time.Now().Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return pair
}

// TestEmbeddedTLS: an embedded server given a certificate takes network
// clients over TLS only, the suite's in-process connections without it,
// and with a client CA requires client certificates, which then stand in
// for a password beyond loopback.
func TestEmbeddedTLS(t *testing.T) {
	p := newPKI(t)
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: t.TempDir(), TLSCert: p.server.CertFile, TLSKey: p.server.KeyFile})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	if !strings.HasPrefix(s.ClientURL(), "tls://") {
		t.Errorf("ClientURL = %s, want tls://", s.ClientURL())
	}
	if nc, err := nats.Connect(s.ClientURL(), nats.Timeout(2*time.Second), nats.NoReconnect()); err == nil {
		nc.Close()
		t.Fatal("a client that does not trust the CA connected")
	}
	opts, err := natsutil.ConnectOptions(mapEnv(map[string]string{"NATS_CA": p.ca.CertFile}))
	if err != nil {
		t.Fatal(err)
	}
	nc, err := natsutil.Connect(s.ClientURL(), nil, "tool", nil, opts...)
	if err != nil {
		t.Fatalf("with NATS_CA: %v", err)
	}
	if _, err := nc.TLSConnectionState(); err != nil {
		t.Errorf("a network client is not on TLS: %v", err)
	}
	nc.Close()
	// The suite's own connections: in-process, no TLS options.
	in, err := natsutil.Connect("", s, "suite", nil)
	if err != nil {
		t.Fatalf("in-process connection to a TLS server: %v", err)
	}
	if err := in.Flush(); err != nil {
		t.Fatal(err)
	}
	in.Close()

	// Client certificates required: no password needed beyond loopback.
	mtls, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Host: "0.0.0.0", Port: -1, StoreDir: t.TempDir(),
		TLSCert: p.server.CertFile, TLSKey: p.server.KeyFile, TLSClientCA: p.ca.CertFile})
	if err != nil {
		t.Fatalf("client certificates required, 0.0.0.0: %v", err)
	}
	t.Cleanup(mtls.Shutdown)
	url := "tls://127.0.0.1:" + strings.TrimPrefix(mtls.ClientURL()[strings.LastIndex(mtls.ClientURL(), ":"):], ":")
	if nc, err := natsutil.Connect(url, nil, "tool", nil, append(opts, nats.NoReconnect())...); err == nil {
		nc.Close()
		t.Fatal("a client without a certificate connected to a server that requires one")
	}
	certOpts, err := natsutil.ConnectOptions(mapEnv(map[string]string{"NATS_CA": p.ca.CertFile, "NATS_CERT": p.client.CertFile, "NATS_KEY": p.client.KeyFile}))
	if err != nil {
		t.Fatal(err)
	}
	if nc, err := natsutil.Connect(url, nil, "tool", nil, certOpts...); err != nil {
		t.Fatalf("with a client certificate: %v", err)
	} else {
		nc.Close()
	}
	if in, err := natsutil.Connect("", mtls, "suite", nil); err != nil {
		t.Fatalf("in-process connection to a server that requires client certificates: %v", err)
	} else {
		in.Close()
	}

	for _, tt := range []struct {
		name string
		cfg  natsutil.EmbedConfig
		want string
	}{
		{"cert without key", natsutil.EmbedConfig{TLSCert: p.server.CertFile}, "a TLS certificate without its key"},
		{"key without cert", natsutil.EmbedConfig{TLSKey: p.server.KeyFile}, "a TLS key without its certificate"},
		{"client ca alone", natsutil.EmbedConfig{TLSClientCA: p.ca.CertFile}, "a client CA without a server certificate"},
		{"missing cert", natsutil.EmbedConfig{TLSCert: "/nonexistent/s.crt", TLSKey: p.server.KeyFile}, "/nonexistent/s.crt"},
		{"tls alone beyond loopback", natsutil.EmbedConfig{Host: "0.0.0.0", TLSCert: p.server.CertFile, TLSKey: p.server.KeyFile}, "PARLEY_NATS_PASSWORD"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Port, tt.cfg.StoreDir = -1, t.TempDir()
			s, err := natsutil.RunEmbedded(tt.cfg)
			if err == nil {
				s.Shutdown()
				t.Fatalf("started; want an error with %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("%v; want an error with %q", err, tt.want)
			}
		})
	}
}
