// Package natsutil connects to NATS, or embeds a nats-server with JetStream
// in the process for the all-in-one command and for tests.
package natsutil

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/config"
)

// EmbedConfig configures an embedded server.
type EmbedConfig struct {
	// Host and Port where clients connect; Port -1 picks a free port.
	Host string
	Port int
	// StoreDir holds JetStream state; required.
	StoreDir string
	// ServerName identifies the node (and its JetStream domain member).
	ServerName string
	// MaxPayload overrides the 1 MiB default when > 0.
	MaxPayload int32
	// MaxFileStore is JetStream's file store limit (max_file_store), when
	// > 0: past it writes are refused at once ("insufficient resources")
	// rather than run the disk full (storage.go). 0 keeps nats-server's
	// default, 75% of the space free at start.
	MaxFileStore int64
	// Password, when set, is required of every client, with User (default
	// natsutil.User); in-process connections too. Without it the server
	// takes anyone who reaches it, so it may only listen on loopback.
	User, Password string
	// TLSCert and TLSKey (PEM files, both or neither) make the server
	// take clients over TLS only: its URL becomes tls://. The suite's
	// in-process connections (Connect with the server) stay plain, as
	// they never touch a network.
	TLSCert, TLSKey string
	// TLSClientCA, with TLSCert, also requires of every client over the
	// network a certificate signed by one of its CAs (PEM bundle).
	// Clients are then authenticated without a password, so the server
	// may listen beyond loopback without one.
	TLSClientCA string
	// JetStreamKey, when set, encrypts the JetStream file store at rest
	// with JetStreamCipher ("chachapoly", the default, or "aes":
	// ParseCipher). At least MinJetStreamKeyLen characters; never logged.
	// A store written with a key opens only with it: RunEmbedded refuses
	// to start on one its key (or its lack of one) does not open.
	JetStreamKey, JetStreamCipher string
	Logger                        *slog.Logger
}

// RunEmbedded starts nats-server in this process with JetStream enabled and
// waits until it accepts connections.
func RunEmbedded(cfg EmbedConfig) (*server.Server, error) {
	if cfg.StoreDir == "" {
		return nil, errors.New("embedded nats: StoreDir is required")
	}
	if err := CheckJetStreamKey(cfg.JetStreamKey); err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	cipher, err := ParseCipher(cfg.JetStreamCipher)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	if err := os.MkdirAll(cfg.StoreDir, 0o750); err != nil {
		return nil, fmt.Errorf("embedded nats: store dir: %w", err)
	}
	if cfg.Host == "" {
		cfg.Host = "127.0.0.1"
	}
	tlsConfig, err := embedTLS(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.Password == "" && cfg.TLSClientCA == "" && !IsLoopback(cfg.Host) {
		return nil, fmt.Errorf("embedded nats on %s: %w", cfg.Host, errOpenEmbedded)
	}
	switch {
	case cfg.Password == "":
		// No password, no authentication (loopback only, above): a
		// user alone would make nats-server refuse every client.
		cfg.User = ""
	case cfg.User == "":
		cfg.User = User
	}
	opts := &server.Options{
		ServerName: cfg.ServerName,
		Host:       cfg.Host,
		Port:       cfg.Port,
		JetStream:  true,
		StoreDir:   cfg.StoreDir,
		NoSigs:     true,
		NoLog:      cfg.Logger == nil,
		MaxPayload: cfg.MaxPayload,
		// 0 leaves nats-server's default.
		JetStreamMaxStore: cfg.MaxFileStore,
		Username:          cfg.User,
		Password:          cfg.Password,
		// Options keeps the key out of its JSON (json:"-"), and
		// nats-server logs only the cipher's name.
		JetStreamKey:    cfg.JetStreamKey,
		JetStreamCipher: cipher,
	}
	if tlsConfig != nil {
		opts.TLS, opts.TLSConfig = true, tlsConfig
		opts.TLSVerify = cfg.TLSClientCA != ""
		opts.TLSCert, opts.TLSKey, opts.TLSCaCert = cfg.TLSCert, cfg.TLSKey, cfg.TLSClientCA
	}
	s, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	if cfg.Logger != nil {
		s.SetLoggerV2(&slogAdapter{l: cfg.Logger.With("component", "nats-server")}, false, false, false)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		s.Shutdown()
		return nil, fmt.Errorf("embedded nats: not ready on %s:%d within 10s", cfg.Host, cfg.Port)
	}
	if err := checkEncryptedStreams(s, cfg.StoreDir, cfg.JetStreamKey != ""); err != nil {
		s.Shutdown()
		s.WaitForShutdown()
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	return s, nil
}

// embedTLS is the embedded server's TLS configuration (nil: none).
func embedTLS(cfg EmbedConfig) (*tls.Config, error) {
	switch {
	case cfg.TLSCert == "" && cfg.TLSKey == "":
		if cfg.TLSClientCA != "" {
			return nil, errors.New("embedded nats: a client CA without a server certificate and key")
		}
		return nil, nil
	case cfg.TLSCert == "":
		return nil, errors.New("embedded nats: a TLS key without its certificate")
	case cfg.TLSKey == "":
		return nil, errors.New("embedded nats: a TLS certificate without its key")
	}
	tc, err := server.GenTLSConfig(&server.TLSConfigOpts{
		CertFile: cfg.TLSCert, KeyFile: cfg.TLSKey,
		CaFile: cfg.TLSClientCA, Verify: cfg.TLSClientCA != "",
	})
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w: %w", ErrEmbedTLS, err)
	}
	return tc, nil
}

// ErrEmbedTLS is RunEmbedded's error for certificate files it cannot
// use, for callers that name their own variables (errors.Is).
var ErrEmbedTLS = errors.New("tls certificate, key or client CA")

// asyncErrorLevel is the level an async error is logged at. "Consumer not
// found" while the connection drains (or after it closed) is the end of a
// JetStream subscription stopped at shutdown: a KV watcher stopped while
// the connection drains deletes its ordered consumer while Drain, draining
// the same subscription, deletes it too and finds it gone. Parley's
// services stop their watchers, and wait for them, before svcmain drains
// (so this no longer happens at their stop); a caller that does not wait
// still loses nothing, since the consumer is gone either way, so that is
// no error (it printed ERROR lines between the embedded eval's configs).
// Anything else, and a consumer lost while connected, is an error.
func asyncErrorLevel(err error, ending bool) slog.Level {
	if ending && errors.Is(err, nats.ErrConsumerNotFound) {
		return slog.LevelDebug
	}
	return slog.LevelError
}

// Connect dials url (or the in-process server when s is not nil) with
// settings suited to long-running services: endless reconnects with a
// bounded buffer, and logged connection events. auth authenticates the
// connection (ConnectOptions, or the credentials of an embedded server).
func Connect(url string, s *server.Server, name string, log *slog.Logger, auth ...nats.Option) (*nats.Conn, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	opts := []nats.Option{
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250 * time.Millisecond),
		nats.ReconnectJitter(100*time.Millisecond, time.Second),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				log.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			log.Info("nats reconnected", "url", nc.ConnectedUrlRedacted())
		}),
		nats.ErrorHandler(func(nc *nats.Conn, sub *nats.Subscription, err error) {
			logAsyncError(log, nc, sub, err)
		}),
	}
	opts = append(opts, auth...)
	if s != nil {
		opts = append(opts, nats.InProcessServer(s))
		// nats:// even when the server takes network clients over TLS
		// only (ClientURL is then tls://, which would make nats.go run
		// TLS, and verify the server, over an in-memory pipe): the
		// server takes in-process clients without it.
		url = "nats://" + strings.TrimPrefix(strings.TrimPrefix(s.ClientURL(), "tls://"), "nats://")
	}
	if url == "" {
		url = nats.DefaultURL
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, fmt.Errorf("connect to nats at %s: %w", RedactURL(url), err)
	}
	return nc, nil
}

// slogAdapter routes nats-server's logger into slog.
type slogAdapter struct{ l *slog.Logger }

// Noticef logs at debug: nats-server's notices are its start-up banner and
// routine events, which would drown the suite's own summary.
func (a *slogAdapter) Noticef(f string, v ...any) { a.l.Debug(fmt.Sprintf(f, v...)) }
func (a *slogAdapter) Warnf(f string, v ...any)   { a.l.Warn(fmt.Sprintf(f, v...)) }
func (a *slogAdapter) Fatalf(f string, v ...any)  { a.l.Error(fmt.Sprintf(f, v...)) }
func (a *slogAdapter) Errorf(f string, v ...any)  { a.l.Error(fmt.Sprintf(f, v...)) }
func (a *slogAdapter) Debugf(f string, v ...any)  { a.l.Debug(fmt.Sprintf(f, v...)) }
func (a *slogAdapter) Tracef(f string, v ...any)  { a.l.Debug(fmt.Sprintf(f, v...)) }

// JetStreamReplicas is the replication factor every Parley stream, KV
// bucket and object store is created with: PARLEY_JS_REPLICAS, default 1
// (one node); 3 on a 3-node cluster (deploy/nats). Services read it here,
// in one place, so that a deployment sets it once for all of them. A value
// outside 1-MaxReplicas is reported through r.Err rather than read as 1:
// PARLEY_JS_REPLICAS=-2 is a typo, not a wish for one node.
func JetStreamReplicas(r *config.Reader) int {
	return r.IntRange("PARLEY_JS_REPLICAS", 1, 1, MaxReplicas)
}

// MaxReplicas is the most replicas JetStream gives a stream.
const MaxReplicas = 5
