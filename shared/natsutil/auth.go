package natsutil

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/nats-io/nats.go"
)

// The variables a NATS client takes its credentials from: the names the
// nats CLI and most NATS tooling read, so that one environment serves
// Parley's processes and the tools an operator runs beside them.
const (
	// EnvCreds is a .creds file (a user JWT and its NKey seed).
	EnvCreds = "NATS_CREDS"
	// EnvNkeySeed is a file holding a user NKey seed (SU...).
	EnvNkeySeed = "NATS_NKEY_SEED"
	// EnvUser and EnvPassword are a user and its password.
	EnvUser     = "NATS_USER"
	EnvPassword = "NATS_PASSWORD"
	// EnvToken is an authorization token.
	EnvToken = "NATS_TOKEN"
)

// User is the NATS user Parley's processes connect as where Parley
// configures the server: deploy/nats/nats.conf, the Helm values of
// deploy/k8s and the embedded server when PARLEY_NATS_PASSWORD is set.
const User = "parley"

// ConnectOptions returns the nats.go options that authenticate a
// connection the way getenv says, and its TLS settings (TLSOptions:
// NATS_CA, NATS_CERT/NATS_KEY, NATS_TLS_FIRST), which go with any of
// the ways. It authenticates in one of four ways:
//
//   - NATS_CREDS: a .creds file (nats.UserCredentials);
//   - NATS_NKEY_SEED: a file with a user NKey seed (nats.NkeyOptionFromSeed);
//   - NATS_USER and NATS_PASSWORD, both;
//   - NATS_TOKEN.
//
// None set gives no option: a server without authentication (the
// embedded one of `make run`), or a NATS_URL that carries user:password@
// or token@ itself, which nats.go reads and prefers to any option. More
// than one way set is an error rather than a guess at which one the
// operator meant, and so is half a user/password pair: a Secret that
// lost one key must fail the process at start, not leave it retrying a
// connection the server refuses. Errors name variables, never values.
func ConnectOptions(getenv func(string) string) ([]nats.Option, error) {
	tlsOpts, err := TLSOptions(getenv)
	if err != nil {
		return nil, err
	}
	auth, err := authOptions(getenv)
	if err != nil {
		return nil, err
	}
	return append(tlsOpts, auth...), nil
}

// authOptions is ConnectOptions' credentials part.
func authOptions(getenv func(string) string) ([]nats.Option, error) {
	creds := getenv(EnvCreds)
	seed := getenv(EnvNkeySeed)
	user := getenv(EnvUser)
	// A Secret made from a file often ends in a newline, which the
	// server's config parser drops from a $VARIABLE: the client must
	// send the same secret.
	pass := strings.TrimRight(getenv(EnvPassword), "\r\n")
	token := strings.TrimRight(getenv(EnvToken), "\r\n")

	var ways []string
	if creds != "" {
		ways = append(ways, EnvCreds)
	}
	if seed != "" {
		ways = append(ways, EnvNkeySeed)
	}
	if user != "" || pass != "" {
		ways = append(ways, EnvUser+"/"+EnvPassword)
	}
	if token != "" {
		ways = append(ways, EnvToken)
	}
	switch {
	case len(ways) == 0:
		return nil, nil
	case len(ways) > 1:
		return nil, fmt.Errorf("nats credentials: %s are all set: set one way only", strings.Join(ways, ", "))
	}
	switch {
	case creds != "":
		// nats.go reads the file at each (re)connect: checked here too,
		// so that a wrong path fails the start with its name.
		if err := readable(creds); err != nil {
			return nil, fmt.Errorf("nats credentials: %s: %w", EnvCreds, err)
		}
		return []nats.Option{nats.UserCredentials(creds)}, nil
	case seed != "":
		opt, err := nats.NkeyOptionFromSeed(seed)
		if err != nil {
			return nil, fmt.Errorf("nats credentials: %s: %w", EnvNkeySeed, err)
		}
		return []nats.Option{opt}, nil
	case token != "":
		return []nats.Option{nats.Token(token)}, nil
	case user == "":
		return nil, fmt.Errorf("nats credentials: %s is set without %s", EnvPassword, EnvUser)
	case pass == "":
		return nil, fmt.Errorf("nats credentials: %s is set without %s", EnvUser, EnvPassword)
	}
	return []nats.Option{nats.UserInfo(user, pass)}, nil
}

func readable(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return f.Close()
}

// RedactURL hides the credentials of a NATS URL, or of a comma-separated
// list of them, for messages and logs: a password becomes "xxxxx", and so
// does a user without one (nats.go sends that as a token).
func RedactURL(s string) string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if !strings.Contains(p, "@") {
			continue
		}
		u, err := url.Parse(p)
		if err != nil || u.User == nil {
			// Unparsable, but it may hold a secret: keep only the host.
			parts[i] = "xxxxx@" + p[strings.LastIndex(p, "@")+1:]
			continue
		}
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		} else {
			u.User = url.User("xxxxx")
		}
		parts[i] = u.String()
	}
	return strings.Join(parts, ",")
}

// IsLoopback reports whether host (a name or an address) only listens on
// this machine.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// errOpenEmbedded is RunEmbedded's refusal to listen beyond loopback
// without a password.
// ErrOpenEmbedded is it, for callers that word their own error (errors.Is).
var ErrOpenEmbedded = errOpenEmbedded

var errOpenEmbedded = errors.New("an embedded NATS server without a password listens on loopback only (127.0.0.1): set a password (PARLEY_NATS_PASSWORD), or require client certificates (PARLEY_NATS_TLS_CLIENT_CA), to listen elsewhere")
