package natsutil_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"

	"github.com/parley-chat/parley/shared/natsutil"
)

// runAuthServer starts a nats-server on a loopback port that requires
// what opts say, and stops it when the test ends.
func runAuthServer(t *testing.T, opts *server.Options) *server.Server {
	t.Helper()
	opts.Host, opts.Port, opts.NoLog, opts.NoSigs = "127.0.0.1", -1, true, true
	s, err := server.NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("server not ready")
	}
	t.Cleanup(s.Shutdown)
	return s
}

// writeFile writes a secret file the way an operator would keep it.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// userSeed makes a user NKey and returns its seed and public key.
func userSeed(t *testing.T) (seed []byte, pub string) {
	t.Helper()
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	if seed, err = kp.Seed(); err != nil {
		t.Fatal(err)
	}
	if pub, err = kp.PublicKey(); err != nil {
		t.Fatal(err)
	}
	return seed, pub
}

// operatorServer is a server in operator (JWT) mode that trusts one
// account, and a .creds file of a user of that account.
func operatorServer(t *testing.T) (*server.Server, string) {
	t.Helper()
	okp, _ := nkeys.CreateOperator()
	opub, _ := okp.PublicKey()
	oc := jwt.NewOperatorClaims(opub)
	ojwt, err := oc.Encode(okp)
	if err != nil {
		t.Fatal(err)
	}
	op, err := jwt.DecodeOperatorClaims(ojwt)
	if err != nil {
		t.Fatal(err)
	}
	akp, _ := nkeys.CreateAccount()
	apub, _ := akp.PublicKey()
	ajwt, err := jwt.NewAccountClaims(apub).Encode(okp)
	if err != nil {
		t.Fatal(err)
	}
	ukp, _ := nkeys.CreateUser()
	upub, _ := ukp.PublicKey()
	uc := jwt.NewUserClaims(upub)
	uc.IssuerAccount = apub
	ujwt, err := uc.Encode(akp)
	if err != nil {
		t.Fatal(err)
	}
	useed, _ := ukp.Seed()
	creds, err := jwt.FormatUserConfig(ujwt, useed)
	if err != nil {
		t.Fatal(err)
	}
	resolver := &server.MemAccResolver{}
	if err := resolver.Store(apub, ajwt); err != nil {
		t.Fatal(err)
	}
	s := runAuthServer(t, &server.Options{TrustedOperators: []*jwt.OperatorClaims{op}, AccountResolver: resolver})
	return s, writeFile(t, "parley.creds", string(creds))
}

// TestConnectOptionsAgainstSecuredServer: a server that requires
// credentials refuses a client without them, and accepts one that
// ConnectOptions authenticates from the environment, in each way it
// reads.
func TestConnectOptionsAgainstSecuredServer(t *testing.T) {
	seed, pub := userSeed(t)
	otherSeed, _ := userSeed(t)
	credsServer, credsFile := operatorServer(t)
	tests := []struct {
		name   string
		server *server.Server
		env    map[string]string
		wrong  map[string]string // the same way with a bad secret
	}{
		{
			name:   "user and password",
			server: runAuthServer(t, &server.Options{Username: natsutil.User, Password: "s3cret-pw"}),
			env:    map[string]string{"NATS_USER": natsutil.User, "NATS_PASSWORD": "s3cret-pw"},
			wrong:  map[string]string{"NATS_USER": natsutil.User, "NATS_PASSWORD": "guess"},
		},
		{
			// A Secret made with --from-file ends in a newline, which the
			// server's config parser drops from $PARLEY_NATS_PASSWORD.
			name:   "password with a trailing newline",
			server: runAuthServer(t, &server.Options{Username: natsutil.User, Password: "s3cret-pw"}),
			env:    map[string]string{"NATS_USER": natsutil.User, "NATS_PASSWORD": "s3cret-pw\n"},
		},
		{
			name: "users of an authorization block",
			server: runAuthServer(t, &server.Options{Users: []*server.User{
				{Username: "ops", Password: "ops-pw"}, {Username: natsutil.User, Password: "parley-pw"},
			}}),
			env:   map[string]string{"NATS_USER": natsutil.User, "NATS_PASSWORD": "parley-pw"},
			wrong: map[string]string{"NATS_USER": natsutil.User, "NATS_PASSWORD": "ops-pw"},
		},
		{
			name:   "token",
			server: runAuthServer(t, &server.Options{Authorization: "t0ken"}),
			env:    map[string]string{"NATS_TOKEN": "t0ken"},
			wrong:  map[string]string{"NATS_TOKEN": "other"},
		},
		{
			name:   "nkey seed file",
			server: runAuthServer(t, &server.Options{Nkeys: []*server.NkeyUser{{Nkey: pub}}}),
			env:    map[string]string{"NATS_NKEY_SEED": writeFile(t, "user.nk", string(seed)+"\n")},
			wrong:  map[string]string{"NATS_NKEY_SEED": writeFile(t, "other.nk", string(otherSeed))},
		},
		{
			name:   "creds file",
			server: credsServer,
			env:    map[string]string{"NATS_CREDS": credsFile},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := tt.server.ClientURL()
			if nc, err := nats.Connect(url, nats.Timeout(2*time.Second)); err == nil {
				nc.Close()
				t.Fatal("the server took a connection without credentials")
			}
			opts, err := natsutil.ConnectOptions(mapEnv(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			nc, err := natsutil.Connect(url, nil, t.Name(), nil, opts...)
			if err != nil {
				t.Fatalf("with %v: %v", keys(tt.env), err)
			}
			// The server knows the connection: a request round-trips.
			if err := nc.Flush(); err != nil {
				t.Fatal(err)
			}
			nc.Close()
			if tt.wrong == nil {
				return
			}
			opts, err = natsutil.ConnectOptions(mapEnv(tt.wrong))
			if err != nil {
				t.Fatal(err)
			}
			if nc, err := nats.Connect(url, append(opts, nats.Timeout(2*time.Second))...); err == nil {
				nc.Close()
				t.Fatal("the server took a wrong secret")
			}
		})
	}
}

// TestEmbeddedPassword: an embedded server given a password refuses
// clients without it and takes the suite's in-process connections with
// it, and one without a password does not listen beyond loopback.
func TestEmbeddedPassword(t *testing.T) {
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: t.TempDir(), Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	if nc, err := nats.Connect(s.ClientURL(), nats.Timeout(2*time.Second)); err == nil {
		nc.Close()
		t.Fatal("the embedded server took a connection without the password")
	}
	nc, err := natsutil.Connect("", s, "parley", nil, nats.UserInfo(natsutil.User, "pw"))
	if err != nil {
		t.Fatal(err)
	}
	nc.Close()

	// A user without a password configures no authentication (the suite
	// passes its user whether PARLEY_NATS_PASSWORD is set or not).
	open, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: t.TempDir(), User: natsutil.User})
	if err != nil {
		t.Fatal(err)
	}
	if nc, err := nats.Connect(open.ClientURL(), nats.Timeout(2*time.Second)); err != nil {
		t.Errorf("no password: a client without credentials was refused: %v", err)
	} else {
		nc.Close()
	}
	open.Shutdown()

	for _, host := range []string{"0.0.0.0", "::", "192.0.2.1"} {
		_, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Host: host, Port: -1, StoreDir: t.TempDir()})
		if err == nil || !strings.Contains(err.Error(), "PARLEY_NATS_PASSWORD") {
			t.Errorf("host %s without a password: %v, want a refusal naming PARLEY_NATS_PASSWORD", host, err)
		}
	}
	for _, host := range []string{"127.0.0.1", "localhost", "::1"} {
		s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Host: host, Port: -1, StoreDir: t.TempDir()})
		if err != nil {
			t.Errorf("host %s: %v", host, err)
			continue
		}
		s.Shutdown()
	}
}

func TestConnectOptionsRefuses(t *testing.T) {
	seed := writeFile(t, "bad.nk", "not a seed")
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"NATS_USER": "parley"}, "NATS_USER is set without NATS_PASSWORD"},
		{map[string]string{"NATS_PASSWORD": "pw-s3cret"}, "NATS_PASSWORD is set without NATS_USER"},
		{map[string]string{"NATS_TOKEN": "tok-s3cret", "NATS_USER": "u", "NATS_PASSWORD": "pw-s3cret"}, "NATS_USER/NATS_PASSWORD, NATS_TOKEN are all set"},
		{map[string]string{"NATS_CREDS": "/a.creds", "NATS_NKEY_SEED": "/b.nk"}, "NATS_CREDS, NATS_NKEY_SEED are all set"},
		{map[string]string{"NATS_CREDS": "/nonexistent/parley.creds"}, "NATS_CREDS: open /nonexistent/parley.creds"},
		{map[string]string{"NATS_NKEY_SEED": "/nonexistent/user.nk"}, "NATS_NKEY_SEED"},
		{map[string]string{"NATS_NKEY_SEED": seed}, "NATS_NKEY_SEED"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			opts, err := natsutil.ConnectOptions(mapEnv(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ConnectOptions(%v) = %d options, %v; want an error with %q", keys(tt.env), len(opts), err, tt.want)
			}
			for k, v := range tt.env {
				if strings.HasPrefix(k, "NATS_PASSWORD") || k == "NATS_TOKEN" {
					if strings.Contains(err.Error(), v) {
						t.Errorf("the error shows the secret of %s: %v", k, err)
					}
				}
			}
		})
	}
	if opts, err := natsutil.ConnectOptions(mapEnv(nil)); err != nil || len(opts) != 0 {
		t.Errorf("no credentials: %d options, %v; want none", len(opts), err)
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"nats://127.0.0.1:4222", "nats://127.0.0.1:4222"},
		{"nats://parley:s3cret@nats-1:4222", "nats://parley:xxxxx@nats-1:4222"},
		{"nats://t0ken@nats-1:4222", "nats://xxxxx@nats-1:4222"},
		{"nats://a:pw@n1:4222,nats://a:pw@n2:4222", "nats://a:xxxxx@n1:4222,nats://a:xxxxx@n2:4222"},
		{"nats://a:p%zz@n1:4222", "xxxxx@n1:4222"},
	}
	for _, tt := range tests {
		if got := natsutil.RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestConnectErrorRedacts: a connection that fails does not put the
// password of the URL in the error (which processes log and print).
func TestConnectErrorRedacts(t *testing.T) {
	s := runAuthServer(t, &server.Options{Username: natsutil.User, Password: "right"})
	u := strings.Replace(s.ClientURL(), "nats://", "nats://parley:wrong-s3cret@", 1)
	nc, err := natsutil.Connect(u, nil, t.Name(), nil)
	if err == nil {
		nc.Close()
		t.Fatal("connected with a wrong password")
	}
	if strings.Contains(err.Error(), "wrong-s3cret") {
		t.Fatalf("error shows the password: %v", err)
	}
	// And user:password@ in the URL is a way of its own, which nats.go reads.
	u = strings.Replace(s.ClientURL(), "nats://", "nats://parley:right@", 1)
	if nc, err = natsutil.Connect(u, nil, t.Name(), nil); err != nil {
		t.Fatalf("user:password@ in the URL: %v", natsutil.RedactURL(err.Error()))
	}
	nc.Close()
}

func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
