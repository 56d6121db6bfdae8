package deploy_test

import (
	"bytes"
	"crypto/tls"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/deploy/cluster"
	"github.com/parley-chat/parley/shared/devcert"
	"github.com/parley-chat/parley/shared/fakellm"
)

// processNodeConf parses a node config with nats-server's own parser, as
// node nats-1 would with the secrets and certificate files set.
func processNodeConf(t *testing.T, path string, certs map[string]string) *server.Options {
	t.Helper()
	for k, v := range cluster.NodeEnv("nats-1", userPasswords("4c1e0f6a9b2d3e8f7a6b5c4d3e2f1a0b"), "0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b") {
		t.Setenv(k, v)
	}
	for k, v := range certs {
		t.Setenv(k, v)
	}
	opts, err := server.ProcessConfigFile(path)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return opts
}

// TestTLSConfMatchesNATSConf: deploy/nats/nats-tls.conf is nats.conf
// (which it includes) with TLS on the client port and mutual TLS on the
// routes. nats-server replaces a block given twice, so the TLS config
// repeats nats.conf's cluster block: this fails when the two drift apart.
func TestTLSConfMatchesNATSConf(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "deploy", "nats")
	ca, err := devcert.NewCA(t.TempDir(), "parley-test")
	if err != nil {
		t.Fatal(err)
	}
	node, err := ca.Server("nats-node", "nats-1", "nats-2", "nats-3")
	if err != nil {
		t.Fatal(err)
	}
	certs := map[string]string{cluster.EnvTLSCert: node.CertFile, cluster.EnvTLSKey: node.KeyFile, cluster.EnvTLSCA: ca.CertFile}
	plain := processNodeConf(t, filepath.Join(dir, "nats.conf"), nil)
	withTLS := processNodeConf(t, filepath.Join(dir, "nats-tls.conf"), certs)

	if plain.TLSConfig != nil || plain.Cluster.TLSConfig != nil {
		t.Error("nats.conf has TLS: it is the plaintext config, nats-tls.conf the TLS one")
	}
	// Both blocks load the node's certificate from the variables' files.
	want, err := tls.LoadX509KeyPair(node.CertFile, node.KeyFile)
	if err != nil {
		t.Fatal(err)
	}
	for what, tc := range map[string]*tls.Config{"client": withTLS.TLSConfig, "route": withTLS.Cluster.TLSConfig} {
		if tc == nil || len(tc.Certificates) != 1 || !bytes.Equal(tc.Certificates[0].Certificate[0], want.Certificate[0]) || tc.ClientCAs == nil {
			t.Errorf("nats-tls.conf %s tls: want the certificate of %s and %s, and the CA of %s", what, cluster.EnvTLSCert, cluster.EnvTLSKey, cluster.EnvTLSCA)
		}
	}
	if withTLS.TLSConfig != nil && withTLS.TLSConfig.ClientAuth != tls.NoClientCert {
		t.Errorf("client TLS verifies client certificates (%v): clients authenticate with passwords, and have no certificates in compose or k8s", withTLS.TLSConfig.ClientAuth)
	}
	if c := withTLS.Cluster.TLSConfig; c == nil || c.ClientAuth != tls.RequireAndVerifyClientCert {
		t.Error("routes: want mutual TLS (tls { verify: true } in the cluster block)")
	}

	// The rest is nats.conf's: the cluster block field by field, and what
	// the include brings.
	p, q := plain.Cluster, withTLS.Cluster
	same := []struct {
		what       string
		got, want  any
		equalSlice bool
	}{
		{"cluster name", q.Name, p.Name, false},
		{"cluster listen", q.Host + ":" + itoa(int32(q.Port)), p.Host + ":" + itoa(int32(p.Port)), false},
		{"route user", q.Username, p.Username, false},
		{"route password", q.Password, p.Password, false},
		{"connect_retries", q.ConnectRetries, p.ConnectRetries, false},
		{"server_name", withTLS.ServerName, plain.ServerName, false},
		{"max_payload", withTLS.MaxPayload, plain.MaxPayload, false},
		{"max_file_store", withTLS.JetStreamMaxStore, plain.JetStreamMaxStore, false},
		{"users", len(withTLS.Users), len(plain.Users), false},
	}
	for _, s := range same {
		if s.got != s.want {
			t.Errorf("%s: nats-tls.conf %v, nats.conf %v", s.what, s.got, s.want)
		}
	}
	var pr, qr []string
	for _, u := range plain.Routes {
		pr = append(pr, u.String())
	}
	for _, u := range withTLS.Routes {
		qr = append(qr, u.String())
	}
	if !slices.Equal(pr, qr) {
		t.Errorf("routes differ: nats-tls.conf %v, nats.conf %v", qr, pr)
	}
	for i := range plain.Users {
		if i < len(withTLS.Users) && (plain.Users[i].Username != withTLS.Users[i].Username || plain.Users[i].Password != withTLS.Users[i].Password) {
			t.Errorf("user %d: nats-tls.conf %s, nats.conf %s", i, withTLS.Users[i].Username, plain.Users[i].Username)
		}
	}
}

// TestClusterTLS runs the cluster with TLS on the client port and the
// routes (deploy/nats/nats-tls.conf, client certificates required too),
// and every service as its own process connecting with NATS_CA, NATS_CERT
// and NATS_KEY; a view is served end to end. A client that does not trust
// the CA, or has no certificate, is refused, and says why.
func TestClusterTLS(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 3-node cluster and a process per service: not in -short")
	}
	ctx := t.Context()
	root, dir, natsServer, built := buildCluster(t, false)
	fake := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"},
		Translator: fakellm.Dictionary(map[string]string{"Good morning, friends": "Buenos días, amigos"})})
	replicas := map[string]int{}
	for _, s := range built {
		replicas[s] = 1
	}
	c, err := cluster.Start(ctx, cluster.Config{
		Dir: dir, Bin: dir, NATSServer: natsServer,
		NATSConf: filepath.Join(root, "deploy", "nats", "nats-tls.conf"),
		TLS:      true, TLSVerifyClients: true,
		Replicas: replicas,
		Env: map[string]string{
			"OLLAMA_HOST":      fake.URL(),
			"OLLAMA_MODEL":     "qwen2.5:3b",
			"TRANSLATE_CHAIN":  "ollama",
			"DETECT_LANGUAGES": "en,es",
			"GLOSSARY_DIR":     t.TempDir(),
			"GATEWAY_TIMEOUT":  "20s",
		},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	if !strings.HasPrefix(c.NATSURL(), "tls://") {
		t.Errorf("NATSURL %s: want tls://", c.NATSURL())
	}

	v, err := postView(ctx, c.Gateways()[0], `{"text":"Good morning, friends","source":"en","target":"es"}`)
	if err != nil || v.Text != "Buenos días, amigos" {
		t.Fatalf("view over a TLS cluster: %+v, %v", v, err)
	}

	// The operator's own connection is TLS, with the client certificate.
	nc, err := nats.Connect(c.NATSURL(), c.ConnectOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := nc.TLSConnectionState(); err != nil || len(st.PeerCertificates) == 0 {
		t.Errorf("the harness's connection is not TLS: %v", err)
	}
	nc.Close()

	cert, key := c.ClientCert()
	// No password: the TLS handshake, which comes first, is what fails.
	tlsOnly := func(opts ...nats.Option) []nats.Option {
		return append(opts, nats.Timeout(3*time.Second), nats.NoReconnect())
	}
	for _, tt := range []struct {
		name string
		url  string
		opts []nats.Option
		want string
	}{
		{"no CA", c.NATSURL(), tlsOnly(nats.ClientCert(cert, key)), "certificate signed by unknown authority"},
		{"plaintext URL, no CA", strings.ReplaceAll(c.NATSURL(), "tls://", "nats://"), tlsOnly(), "certificate signed by unknown authority"},
		{"CA without a client certificate", c.NATSURL(), tlsOnly(nats.RootCAs(c.CAFile())), "tls"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			nc, err := nats.Connect(tt.url, tt.opts...)
			if err == nil {
				nc.Close()
				t.Fatal("connected")
			}
			if !strings.Contains(strings.ToLower(err.Error()), tt.want) {
				t.Fatalf("%v, want an error with %q", err, tt.want)
			}
		})
	}
}
