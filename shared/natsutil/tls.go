package natsutil

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
)

// The variables a NATS client takes its TLS settings from: the names the
// nats CLI reads (--tlsca, --tlscert, --tlskey), so that one environment
// serves Parley's processes and the tools run beside them.
const (
	// EnvCA is a PEM bundle of the CAs that sign the servers'
	// certificates. Set, the client requires TLS and verifies the
	// server's certificate and name against it.
	EnvCA = "NATS_CA"
	// EnvCert and EnvKey are a client certificate and its key (PEM), for
	// servers that verify clients (tls { verify: true }); both or neither.
	EnvCert = "NATS_CERT"
	EnvKey  = "NATS_KEY"
	// EnvTLSFirst makes the client start TLS before the server's INFO
	// (the server needs handshake_first), which saves a round trip and
	// lets a TLS-terminating proxy sit in front of the server.
	EnvTLSFirst = "NATS_TLS_FIRST"
)

// TLSOptions returns the nats.go options that set up TLS the way getenv
// says (NATS_CA, NATS_CERT/NATS_KEY, NATS_TLS_FIRST; none set: none).
// A tls:// URL in NATS_URL needs none of them against a server whose
// certificate the system's roots verify: nats.go requires TLS for it.
//
// Any of them set requires TLS of the server: nats.go refuses a server
// that offers none rather than sending the password in clear. The files
// are read and parsed here so that a wrong path, half a cert/key pair or
// a bad PEM fails the process at start with the variable's name (never
// the file's content), not as a connection retried forever. nats.go
// reads them again at each (re)connect, so renewed files replaced in
// place are picked up without a restart.
func TLSOptions(getenv func(string) string) ([]nats.Option, error) {
	ca, cert, key := getenv(EnvCA), getenv(EnvCert), getenv(EnvKey)
	var opts []nats.Option
	if ca != "" {
		if err := checkCA(ca); err != nil {
			return nil, fmt.Errorf("nats tls: %s: %w", EnvCA, err)
		}
		opts = append(opts, nats.RootCAs(ca))
	}
	switch {
	case cert != "" && key == "":
		return nil, fmt.Errorf("nats tls: %s is set without %s", EnvCert, EnvKey)
	case key != "" && cert == "":
		return nil, fmt.Errorf("nats tls: %s is set without %s", EnvKey, EnvCert)
	case cert != "":
		if err := checkPair(cert, key, time.Now()); err != nil {
			return nil, fmt.Errorf("nats tls: %w", err)
		}
		opts = append(opts, nats.ClientCert(cert, key))
	}
	if v := getenv(EnvTLSFirst); v != "" {
		first, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("nats tls: %s=%q: want true or false", EnvTLSFirst, v)
		}
		if first {
			opts = append(opts, nats.TLSHandshakeFirst())
		}
	}
	return opts, nil
}

// checkCA reads a CA bundle and checks it holds certificates and nothing
// else: a key or a truncated block there is a mistake that would
// otherwise show up only as "unknown authority" at each connect.
func checkCA(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	n := 0
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			if strings.TrimSpace(string(rest)) != "" {
				return errors.New("not PEM: want one or more CERTIFICATE blocks")
			}
			break
		}
		if block.Type != "CERTIFICATE" {
			return fmt.Errorf("holds a %s block: want CERTIFICATE blocks only", block.Type)
		}
		if _, err := x509.ParseCertificate(block.Bytes); err != nil {
			return fmt.Errorf("certificate %d: %w", n+1, err)
		}
		n++
	}
	if n == 0 {
		return errors.New("no certificate in the file")
	}
	return nil
}

// checkPair reads a client certificate and its key, checks they belong
// together and that the certificate is valid at now. Each file is read
// alone first so that the error names the variable of the one at fault.
func checkPair(certFile, keyFile string, now time.Time) error {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return fmt.Errorf("%s: %w", EnvCert, err)
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return fmt.Errorf("%s: %w", EnvKey, err)
	}
	if b, _ := pem.Decode(certPEM); b == nil {
		return fmt.Errorf("%s: not PEM", EnvCert)
	}
	if b, _ := pem.Decode(keyPEM); b == nil {
		return fmt.Errorf("%s: not PEM", EnvKey)
	}
	// crypto/tls's errors describe the blocks, never their bytes.
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return fmt.Errorf("%s/%s: %w", EnvCert, EnvKey, err)
	}
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		return fmt.Errorf("%s: %w", EnvCert, err)
	}
	if now.After(leaf.NotAfter) {
		return fmt.Errorf("%s: the certificate expired at %s", EnvCert, leaf.NotAfter.UTC().Format(time.RFC3339))
	}
	if now.Before(leaf.NotBefore) {
		return fmt.Errorf("%s: the certificate is not valid before %s", EnvCert, leaf.NotBefore.UTC().Format(time.RFC3339))
	}
	return nil
}
