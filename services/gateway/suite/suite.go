// Package suite runs all of Parley in one process: an embedded nats-server
// with JetStream (unless NATS_URL names an external one), every micro
// service, and the HTTP gateway. It is what `make run` starts; the same
// Start functions run each service as its own process (see deploy/).
package suite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"go.opentelemetry.io/otel"

	"github.com/parley-chat/parley/services/detect"
	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/services/quality"
	"github.com/parley-chat/parley/services/safety"
	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/logging"
	"github.com/parley-chat/parley/shared/memlimit"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
	"github.com/parley-chat/parley/shared/telemetry"
)

// component is one part started in order and stopped in reverse.
type component struct {
	name  string
	start svcmain.StartFunc
	// listen, instead of start, also returns the address the part
	// listens on (the gateway's, for the banner).
	listen func(context.Context, svcmain.Deps) (func() error, net.Addr, error)
}

// components lists what the suite starts, gateway last so that it only
// takes traffic once the services answer.
var components = []component{
	{name: "detect", start: detect.Start},
	{name: "glossary", start: glossary.Start},
	{name: "translate", start: translate.Start},
	{name: "quality", start: quality.Start},
	{name: "safety", start: safety.Start},
	{name: "moderation", start: moderation.Start},
	{name: "messages", start: messages.Start},
	{name: "gateway", listen: gateway.StartListening},
}

// Run starts the suite, prints what it started to out, and blocks until ctx
// is done; then it stops everything in reverse order.
func Run(ctx context.Context, getenv config.Env, out io.Writer) error {
	env := config.NewReader(getenv)
	log, level, err := logging.New(os.Stderr, env.String("LOG_LEVEL", "info"), env.String("LOG_FORMAT", "text"))
	if err != nil {
		return err
	}
	// As svcmain does for a service process: records logged with a
	// request's context carry its trace id, spans go to the OTLP collector
	// when one is configured, and the level can be changed at run time.
	log = slog.New(telemetry.LogHandler(log.Handler()))
	memlimit.Apply(log, getenv)
	tp, shutdownTraces, err := telemetry.Setup(ctx, env, "suite", log)
	if err != nil {
		return err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := shutdownTraces(sctx); err != nil {
			log.Warn("flush traces", "err", err)
		}
	}()
	otel.SetTracerProvider(tp)
	natsURL := env.String("NATS_URL", "")
	stateDir := env.String("PARLEY_STATE_DIR", ".state")
	natsHost := env.String("PARLEY_NATS_HOST", "127.0.0.1")
	// A port that is no TCP port is refused by name: nats-server reads 0
	// as its default port and -1 as any free one, neither of which the
	// suite prints or a separate service could find.
	natsPort := env.IntRange("PARLEY_NATS_PORT", 4222, 1, 65535)
	// The embedded server takes anyone on loopback (one user's machine)
	// unless PARLEY_NATS_PASSWORD is set: then it requires user parley
	// with it, and may listen beyond loopback (PARLEY_NATS_HOST).
	natsPassword := env.String("PARLEY_NATS_PASSWORD", "")
	// With a certificate and key the embedded server takes network
	// clients over TLS only (its URL becomes tls://), so that listening
	// beyond loopback need not send passwords and chat text in clear;
	// with a client CA it requires client certificates too. The suite's
	// own connections stay in-process and need none.
	natsTLS := natsutil.EmbedConfig{
		TLSCert:     env.String("PARLEY_NATS_TLS_CERT", ""),
		TLSKey:      env.String("PARLEY_NATS_TLS_KEY", ""),
		TLSClientCA: env.String("PARLEY_NATS_TLS_CLIENT_CA", ""),
	}
	// Encryption at rest of the embedded server's file store: off
	// without a key. The key is a secret: it goes to nats-server and
	// into no log line, error or summary.
	jsKey := env.String("PARLEY_JS_KEY", "")
	jsCipher := env.String("PARLEY_JS_CIPHER", natsutil.Ciphers[0])
	// The embedded server's file store limit (storage.go); 0: derived.
	maxStore := int64(env.IntMin("PARLEY_JS_MAX_FILE_STORE", 0, minBound))
	replicas := natsutil.JetStreamReplicas(env)
	if err := env.Err(); err != nil {
		return err
	}
	if natsURL == "" && replicas > 1 {
		// Refused here rather than by JetStream, service by service (a
		// glossary store that cannot open, streams used at one replica
		// with a warning): one node holds one replica, whatever is asked.
		return fmt.Errorf("PARLEY_JS_REPLICAS=%d needs a NATS cluster; the embedded server has one node: unset it, or set NATS_URL to a cluster (docs/deploy.md)", replicas)
	}

	var (
		ns   *server.Server
		auth []nats.Option
	)
	if err := checkEmbedEncryption(natsURL, jsKey, jsCipher); err != nil {
		return err
	}
	if natsURL == "" {
		if err := checkEmbedTLS(natsTLS); err != nil {
			return err
		}
		// One suite per state directory, checked before the store opens
		// (statelock_unix.go). Released after the server's shutdown: the
		// defers run in reverse.
		unlock, lerr := lockStateDir(stateDir)
		if lerr != nil {
			return lerr
		}
		defer unlock()
		storeDir := filepath.Join(stateDir, "nats")
		configured := maxStore > 0
		if !configured {
			maxStore = natsutil.DefaultMaxFileStore(storeDir)
		}
		ns, err = natsutil.RunEmbedded(natsutil.EmbedConfig{
			Host: natsHost, Port: natsPort, ServerName: "parley",
			StoreDir: storeDir, Logger: log.With("component", "nats"),
			User: natsutil.User, Password: natsPassword, MaxFileStore: maxStore,
			TLSCert: natsTLS.TLSCert, TLSKey: natsTLS.TLSKey, TLSClientCA: natsTLS.TLSClientCA,
			JetStreamKey: jsKey, JetStreamCipher: jsCipher,
		})
		if err != nil {
			if errors.Is(err, natsutil.ErrOpenEmbedded) {
				// Not a port in use: the hint below would mislead.
				return fmt.Errorf("PARLEY_NATS_HOST=%s: %w", natsHost, err)
			}
			if errors.Is(err, natsutil.ErrJetStreamKey) {
				// A store the key does not open: not a port in use.
				return fmt.Errorf("PARLEY_JS_KEY: %w", err)
			}
			if errors.Is(err, natsutil.ErrEmbedTLS) {
				return fmt.Errorf("PARLEY_NATS_TLS_CERT, PARLEY_NATS_TLS_KEY or PARLEY_NATS_TLS_CLIENT_CA: %w", err)
			}
			return fmt.Errorf("embedded nats on %s:%d (set PARLEY_NATS_PORT or NATS_URL): %w", natsHost, natsPort, err)
		}
		defer func() {
			ns.Shutdown()
			ns.WaitForShutdown()
		}()
		natsURL = ns.ClientURL()
		if natsTLS.TLSCert == "" && !natsutil.IsLoopback(natsHost) {
			log.Warn("the embedded NATS server listens beyond loopback without TLS: passwords and chat text cross the network in clear (set PARLEY_NATS_TLS_CERT and PARLEY_NATS_TLS_KEY)", "host", natsHost)
		}
		fmt.Fprintln(out, storeSummary(storeDir, maxStore, configured))
		if natsPassword != "" {
			auth = []nats.Option{nats.UserInfo(natsutil.User, natsPassword)}
		}
	} else if auth, err = natsutil.ConnectOptions(getenv); err != nil {
		return err
	}

	opsNC, err := natsutil.Connect(natsURL, ns, "parley-suite", log, auth...)
	if err != nil {
		return err
	}
	defer opsNC.Close()
	if ns != nil {
		// Bounds the environment does not set fit the embedded store.
		js, err := jetstream.New(opsNC)
		if err != nil {
			return fmt.Errorf("jetstream: %w", err)
		}
		fctx, cancel := context.WithTimeout(ctx, fitTimeout)
		warnReservations(fctx, ns, js, getenv, log)
		fitted, err := fitBounds(fctx, js, getenv, maxStore)
		cancel()
		if err != nil {
			return fmt.Errorf("fit the stream bounds to the JetStream store: %w", err)
		}
		env = config.NewReader(fitted)
	}
	// Every component logs at the one level: .gateway, .translate and the
	// others reach it as they would reach each service's own process.
	names := make([]string, len(components))
	for i, c := range components {
		names[i] = c.name
	}
	stopLevel, err := logging.ServeLevel(opsNC, "suite", level, log, names...)
	if err != nil {
		return err
	}
	defer func() { _ = stopLevel() }()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// As a service process reports them (svcmain.Run), on the suite's own
	// connection.
	reg.MustRegister(svcmain.NATSMetrics(opsNC)...)
	metrics := service.NewMetrics(reg)

	type running struct {
		name string
		stop func() error
		nc   *nats.Conn
	}
	var started []running
	defer func() {
		for i := len(started) - 1; i >= 0; i-- {
			r := started[i]
			if err := r.stop(); err != nil {
				log.Warn("stop", "component", r.name, "err", err)
			}
			if err := r.nc.Drain(); err != nil {
				log.Warn("drain", "component", r.name, "err", err)
			}
		}
	}()
	// Each component has its own connection, as separate processes would:
	// a slow consumer on one cannot stall another.
	// One set of readiness checks for the process: the gateway's /readyz
	// waits for those of the services beside it (detect's models).
	ready := &svcmain.Readiness{}
	// gatewayAddr is where the gateway listens, as bound (GATEWAY_ADDR
	// ":0" gets a port only then).
	var gatewayAddr net.Addr
	if ns != nil {
		ready.Add(writeErrors(ns))
	}
	for _, c := range components {
		clog := log.With("svc", c.name)
		nc, err := natsutil.Connect(natsURL, ns, "parley-"+c.name, clog, auth...)
		if err != nil {
			return err
		}
		t0 := time.Now()
		deps := svcmain.Deps{NC: nc, Env: env, Metrics: metrics, Registry: reg, Log: clog, Readiness: ready}
		var stop func() error
		if c.listen != nil {
			stop, gatewayAddr, err = c.listen(ctx, deps)
		} else {
			stop, err = c.start(ctx, deps)
		}
		if err == nil {
			err = env.Err()
		}
		if err != nil {
			nc.Close()
			return fmt.Errorf("start %s: %w", c.name, err)
		}
		started = append(started, running{c.name, stop, nc})
		fmt.Fprintf(out, "  %-10s started in %s\n", c.name, time.Since(t0).Round(time.Millisecond))
	}
	printSummary(ctx, out, natsURL, ns != nil, natsPassword != "", natsTLS, encryption(jsKey, jsCipher), gatewayAddr, started[0].nc)
	<-ctx.Done()
	fmt.Fprintln(out, "shutting down")
	return nil
}

func printSummary(ctx context.Context, out io.Writer, natsURL string, embedded, password bool, natsTLS natsutil.EmbedConfig, encryption string, gatewayAddr net.Addr, nc *nats.Conn) {
	kind := "external"
	switch {
	case embedded && password:
		kind = "embedded, JetStream on, user " + natsutil.User + " with PARLEY_NATS_PASSWORD"
	case embedded:
		kind = "embedded, JetStream on"
	}
	switch {
	case embedded && natsTLS.TLSClientCA != "":
		kind += ", TLS with client certificates"
	case embedded && natsTLS.TLSCert != "":
		kind += ", TLS"
	}
	if embedded && encryption != "" {
		kind += ", store encrypted with " + encryption
	}
	fmt.Fprintf(out, "NATS      %s (%s)\n", natsutil.RedactURL(natsURL), kind)
	fmt.Fprintf(out, "gateway   %s\n", baseURL(gatewayAddr))
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	langs, err := client.Translate{NC: nc}.Languages(ctx)
	if err != nil {
		fmt.Fprintf(out, "backends  unknown: %v\n", err)
		return
	}
	for _, b := range langs.Backends {
		state := "available"
		if !b.Available {
			state = "not available"
		}
		detail := ""
		switch {
		case len(b.Pairs) > 0:
			detail = strconv.Itoa(len(b.Pairs)) + " pairs"
		case len(b.Languages) > 0:
			detail = strconv.Itoa(len(b.Languages)) + " languages"
		}
		fmt.Fprintf(out, "backend   %-9s %-14s %s %s\n", b.Name, state, b.Model, detail)
	}
}

// baseURL is the URL a browser on this machine reaches the gateway at,
// from the address it bound: the port the system chose for GATEWAY_ADDR
// ":0", and for an address of every interface (":8080", "0.0.0.0:8080",
// "[::]:8080") the loopback one, since "http://:8080" and
// "http://0.0.0.0:8080" are no URL to open.
func baseURL(addr net.Addr) string {
	if addr == nil {
		return "unknown"
	}
	ta, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String()
	}
	host := ta.IP.String()
	switch {
	case ta.IP == nil || ta.IP.IsUnspecified():
		host = "localhost"
	case ta.Zone != "":
		host += "%" + ta.Zone
	}
	return (&url.URL{Scheme: "http", Host: net.JoinHostPort(host, strconv.Itoa(ta.Port))}).String()
}

// checkEmbedTLS refuses half a certificate/key pair and a client CA
// without them, in the variables' names, before anything starts.
func checkEmbedTLS(c natsutil.EmbedConfig) error {
	switch {
	case c.TLSCert != "" && c.TLSKey == "":
		return errors.New("PARLEY_NATS_TLS_CERT is set without PARLEY_NATS_TLS_KEY")
	case c.TLSKey != "" && c.TLSCert == "":
		return errors.New("PARLEY_NATS_TLS_KEY is set without PARLEY_NATS_TLS_CERT")
	case c.TLSClientCA != "" && c.TLSCert == "":
		return errors.New("PARLEY_NATS_TLS_CLIENT_CA is set without PARLEY_NATS_TLS_CERT and PARLEY_NATS_TLS_KEY")
	}
	return nil
}

// checkEmbedEncryption refuses, in the variables' names and before
// anything starts, a JetStream key too short, a cipher nats-server does not
// have, and a key with NATS_URL: the embedded server, whose store it
// encrypts, does not start then, and an external server's store is
// encrypted by its own configuration (jetstream { key }), so the data
// would be stored in clear while the operator believes otherwise.
func checkEmbedEncryption(natsURL, key, cipher string) error {
	if _, err := natsutil.ParseCipher(cipher); err != nil {
		return fmt.Errorf("PARLEY_JS_CIPHER: %w", err)
	}
	if err := natsutil.CheckJetStreamKey(key); err != nil {
		return fmt.Errorf("PARLEY_JS_KEY: %w", err)
	}
	if key != "" && natsURL != "" {
		return errors.New("PARLEY_JS_KEY encrypts the embedded NATS server's store, which does not start with NATS_URL set: unset it, and set the key in that server's configuration (jetstream { cipher, key }: docs/privacy.md)")
	}
	return nil
}

// encryption names the cipher of the embedded server's store for the
// summary: "" when it is not encrypted. Never the key.
func encryption(key, cipher string) string {
	if key == "" {
		return ""
	}
	c, err := natsutil.ParseCipher(cipher)
	if err != nil {
		return ""
	}
	return c.String()
}
