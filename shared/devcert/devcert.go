// Package devcert makes a throwaway certificate authority and the
// certificates it signs, as PEM files: for tests and for the loopback
// cluster of deploy/cluster, which run NATS with TLS without an operator's
// PKI. It is no substitute for one: keys live on disk unencrypted and the
// CA is made anew each time (docs/deploy.md, "NATS TLS", says how to make
// real ones).
package devcert

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// CA is a certificate authority that signs leaf certificates.
type CA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	// CertFile is the CA certificate (PEM), what clients and servers are
	// given to verify each other (NATS_CA, ca_file).
	CertFile string
	dir      string
}

// Pair is a leaf certificate and its key, as files.
type Pair struct{ CertFile, KeyFile string }

// validity is how long certificates are valid: long enough for any test
// or soak, short enough that a leaked one soon expires.
const validity = 48 * time.Hour

// NewCA makes a CA named name and writes its certificate into dir.
func NewCA(dir, name string) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("devcert: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Minute),
		NotAfter:              time.Now().Add(validity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("devcert: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("devcert: %w", err)
	}
	ca := &CA{cert: cert, key: key, dir: dir, CertFile: filepath.Join(dir, name+"-ca.crt")}
	if err := writePEM(ca.CertFile, "CERTIFICATE", der, 0o644); err != nil {
		return nil, err
	}
	return ca, nil
}

// Server signs a certificate for a server reachable at hosts (names or IP
// addresses), written as dir/<name>.crt and .key. It may also act as a
// client: NATS nodes present the same certificate on the routes they
// open as on those they accept.
func (ca *CA) Server(name string, hosts ...string) (Pair, error) {
	tmpl := ca.leaf(name, x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth)
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	return ca.sign(name, tmpl)
}

// Client signs a client certificate for name (its subject's common name).
func (ca *CA) Client(name string) (Pair, error) {
	return ca.sign(name, ca.leaf(name, x509.ExtKeyUsageClientAuth))
}

// ClientValid is Client with the given validity period: an expired or
// not yet valid certificate, for tests of what refuses one.
func (ca *CA) ClientValid(name string, notBefore, notAfter time.Time) (Pair, error) {
	tmpl := ca.leaf(name, x509.ExtKeyUsageClientAuth)
	tmpl.NotBefore, tmpl.NotAfter = notBefore, notAfter
	return ca.sign(name, tmpl)
}

func (ca *CA) leaf(name string, usage ...x509.ExtKeyUsage) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Minute),
		NotAfter:     time.Now().Add(validity),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  usage,
	}
}

func (ca *CA) sign(name string, tmpl *x509.Certificate) (Pair, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return Pair{}, fmt.Errorf("devcert: %w", err)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return Pair{}, fmt.Errorf("devcert: %s: %w", name, err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return Pair{}, fmt.Errorf("devcert: %w", err)
	}
	p := Pair{CertFile: filepath.Join(ca.dir, name+".crt"), KeyFile: filepath.Join(ca.dir, name+".key")}
	if err := writePEM(p.CertFile, "CERTIFICATE", der, 0o644); err != nil {
		return Pair{}, err
	}
	// The key is a secret: readable by its owner only.
	if err := writePEM(p.KeyFile, "PRIVATE KEY", kder, 0o600); err != nil {
		return Pair{}, err
	}
	return p, nil
}

func writePEM(path, typ string, der []byte, mode os.FileMode) error {
	data := pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
	if err := os.WriteFile(path, data, mode); err != nil {
		return fmt.Errorf("devcert: %w", err)
	}
	return nil
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		// crypto/rand does not fail on supported platforms (Go 1.24+).
		panic(err)
	}
	return n
}
