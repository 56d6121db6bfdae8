package cluster

import (
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/devcert"
	"github.com/parley-chat/parley/shared/natsutil"
)

// tlsFiles are the certificates of a cluster run with TLS: a throwaway
// CA, one certificate for every node (loopback names; a node presents it
// on the routes it opens as on those it accepts) and one for the
// services when the nodes verify clients.
type tlsFiles struct {
	ca     string
	node   devcert.Pair
	client devcert.Pair
	// opts are the client files as nats.go options (tlsOptions).
	opts []nats.Option
}

// The variables deploy/nats/nats-tls.conf reads its certificate files
// from, as deploy/compose.tls.yaml gives them.
const (
	EnvTLSCert = "PARLEY_NATS_TLS_CERT"
	EnvTLSKey  = "PARLEY_NATS_TLS_KEY"
	EnvTLSCA   = "PARLEY_NATS_TLS_CA"
)

// makeTLS makes the CA and certificates when Config.TLS is set, in
// Dir/tls.
func (c *Cluster) makeTLS() error {
	if !c.cfg.TLS {
		if c.cfg.TLSVerifyClients {
			return errors.New("cluster: TLSVerifyClients without TLS")
		}
		return nil
	}
	dir := filepath.Join(c.cfg.Dir, "tls")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	ca, err := devcert.NewCA(dir, "parley-cluster-"+c.id)
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	f := &tlsFiles{ca: ca.CertFile}
	// The nodes listen on 127.0.0.1, and the route URLs name them so:
	// clients and peers check the certificate against that address.
	if f.node, err = ca.Server("nats-node", "127.0.0.1", "localhost"); err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	if c.cfg.TLSVerifyClients {
		if f.client, err = ca.Client("parley-services"); err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
	}
	c.tls = f
	// Read and checked once, as a service reads its NATS_CA at start.
	env := c.tlsEnv()
	if f.opts, err = natsutil.TLSOptions(func(k string) string { return env[k] }); err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	return nil
}

// withTLSEnv adds the certificate variables nats-tls.conf reads to a
// node's environment.
func (c *Cluster) withTLSEnv(env map[string]string) map[string]string {
	if c.tls != nil {
		env[EnvTLSCert], env[EnvTLSKey], env[EnvTLSCA] = c.tls.node.CertFile, c.tls.node.KeyFile, c.tls.ca
	}
	return env
}

// tlsBlocks writes the client and route tls blocks of a node's config
// from the shipped config's (opts), with this cluster's files; both empty
// without TLS. A config without them is refused with TLS set, as one with
// them is without it (its variables are then missing).
func (c *Cluster) tlsBlocks(opts *server.Options) (client, route string, err error) {
	if c.tls == nil {
		return "", "", nil
	}
	if opts.TLSConfig == nil || opts.Cluster.TLSConfig == nil {
		return "", "", errors.New("TLS is set, but the config has no tls block for clients and routes (run deploy/nats/nats-tls.conf)")
	}
	block := func(indent string, verify bool, timeout float64) string {
		return fmt.Sprintf("%[1]stls {\n%[1]s  cert_file: %[2]q\n%[1]s  key_file: %[3]q\n%[1]s  ca_file: %[4]q\n%[1]s  verify: %[5]t\n%[1]s  timeout: %[6]g\n%[1]s}\n",
			indent, c.tls.node.CertFile, c.tls.node.KeyFile, c.tls.ca, verify, timeout)
	}
	return block("", opts.TLSVerify || c.cfg.TLSVerifyClients, opts.TLSTimeout),
		block("  ", opts.Cluster.TLSConfig.ClientAuth == tls.RequireAndVerifyClientCert, opts.Cluster.TLSTimeout), nil
}

// scheme is how the nodes' client URLs begin: tls:// with TLS, so that
// a client that cannot do it fails rather than trying plaintext.
func (c *Cluster) scheme() string {
	if c.tls != nil {
		return "tls://"
	}
	return "nats://"
}

// tlsEnv is what a service process needs to connect over TLS: the CA,
// and the client certificate when the nodes verify clients.
func (c *Cluster) tlsEnv() map[string]string {
	if c.tls == nil {
		return nil
	}
	env := map[string]string{natsutil.EnvCA: c.tls.ca}
	if c.tls.client.CertFile != "" {
		env[natsutil.EnvCert], env[natsutil.EnvKey] = c.tls.client.CertFile, c.tls.client.KeyFile
	}
	return env
}

// tlsOptions are tlsEnv as nats.go options, for the harness's own
// connections and the tests' (clipped: a caller's append copies).
func (c *Cluster) tlsOptions() []nats.Option {
	if c.tls == nil {
		return nil
	}
	return slices.Clip(c.tls.opts)
}

// CAFile is the CA that signed the nodes' certificates ("" without TLS),
// for clients of the cluster beside the services (NATS_CA).
func (c *Cluster) CAFile() string {
	if c.tls == nil {
		return ""
	}
	return c.tls.ca
}

// ClientCert is the client certificate and key the services present
// when the nodes verify clients ("" otherwise).
func (c *Cluster) ClientCert() (certFile, keyFile string) {
	if c.tls == nil {
		return "", ""
	}
	return c.tls.client.CertFile, c.tls.client.KeyFile
}
