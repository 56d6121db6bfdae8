// Package svcmain is the shared body of every service's thin main: read the
// environment, build the logger, connect to NATS_URL, start the service,
// serve /metrics, /healthz and /readyz when METRICS_ADDR is set (a process
// that cannot bind it does not start), and on
// SIGINT or SIGTERM stop the service (which drains it) and drain the
// connection.
package svcmain

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/logging"
	"github.com/parley-chat/parley/shared/memlimit"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/telemetry"
)

// Deps is what a service needs from its process.
type Deps struct {
	NC      *nats.Conn
	Env     *config.Reader
	Metrics *service.Metrics
	// Registry is where a service registers metrics of its own; the process
	// serves it on /metrics.
	Registry *prometheus.Registry
	Log      *slog.Logger
	// Readiness takes checks for the process's /readyz, next to its NATS
	// connection: a service that runs but cannot serve well yet (language
	// models still loading) says so, and an orchestrator holds a rollout
	// until it can. Nil where no process serves probes (the all-in-one
	// command, tests): Add is then a no-op.
	Readiness *Readiness
	// TracerProvider records the spans a service starts on its own (a
	// consumer span per stream message, as service.Config's does per
	// request). Nil means the process-wide provider, which Run and the
	// all-in-one command install.
	TracerProvider trace.TracerProvider
}

// Readiness is a set of readiness checks. It is safe for concurrent use.
type Readiness struct {
	mu     sync.Mutex
	checks []func() error
	// all are the checks of /readyz?all only (AddAll).
	all []func() error
	// handler, when set, answers /readyz instead (SetHandler).
	handler http.Handler
}

// Add adds check: while it returns an error, the process is not ready.
func (r *Readiness) Add(check func() error) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.checks = append(r.checks, check)
}

// AddAll adds check to /readyz?all only: a condition a whole deployment
// waits for (the gateway's pings of every service) that is no reason to
// take this replica out of a load balancer. Both of the gateway's
// readiness endpoints run it with ?all, so they agree.
func (r *Readiness) AddAll(check func() error) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.all = append(r.all, check)
}

// SetHandler has the process's /readyz answered by h rather than with
// the plain-text "ok" or failing check: a service whose own API port
// answers /readyz (the gateway, in JSON with every service's state)
// answers the same on METRICS_ADDR. h then decides readiness on its own
// (NATS, the checks, ?all); it should consult Err and ErrAll.
func (r *Readiness) SetHandler(h http.Handler) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handler = h
}

// Handler is the handler of SetHandler, nil when none was set.
func (r *Readiness) Handler() http.Handler {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.handler
}

// Err returns the first failing check's error, nil when all pass. The
// checks of AddAll are not run (ErrAll runs them).
func (r *Readiness) Err() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	checks := r.checks
	r.mu.Unlock()
	return firstErr(checks)
}

// ErrAll is Err, then the checks of AddAll: the answer of /readyz?all.
func (r *Readiness) ErrAll() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	checks := append(append([]func() error{}, r.checks...), r.all...)
	r.mu.Unlock()
	return firstErr(checks)
}

func firstErr(checks []func() error) error {
	for _, c := range checks {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}

// StartFunc starts one service and returns the function that stops it.
type StartFunc func(ctx context.Context, d Deps) (stop func() error, err error)

// Main runs one service as its own process and exits with its status.
// Arguments are not settings: -h prints the usage, anything else is a
// usage error (Args).
func Main(name string, start StartFunc) {
	if code, ok := Args(name, os.Args[1:], os.Stdout, os.Stderr); !ok {
		os.Exit(code)
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	if err := Run(ctx, name, os.Getenv, start); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

// Run is Main without the process: it returns when ctx is done.
func Run(ctx context.Context, name string, getenv config.Env, start StartFunc) error {
	env := config.NewReader(getenv)
	log, level, err := logging.New(os.Stderr, env.String("LOG_LEVEL", "info"), env.String("LOG_FORMAT", "json"))
	if err != nil {
		return err
	}
	// Records logged with a request's context carry its trace id.
	log = slog.New(telemetry.LogHandler(log.Handler())).With("svc", name)
	// This is the process: in a container, its heap stays under the
	// container's memory limit by collecting more often, not by the
	// kernel's OOM kill.
	memlimit.Apply(log, getenv)
	tp, shutdownTraces, err := telemetry.Setup(ctx, env, name, log)
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
	// This is the process: its tracer provider is the one service.New
	// falls back to when a service's Config names none.
	otel.SetTracerProvider(tp)
	url := env.String("NATS_URL", nats.DefaultURL)
	metricsAddr := env.String("METRICS_ADDR", "")
	if err := env.Err(); err != nil {
		return err
	}
	// NATS_CREDS, NATS_NKEY_SEED, NATS_USER/NATS_PASSWORD or NATS_TOKEN
	// (or user:password@ in NATS_URL): a secured server refuses the rest.
	auth, err := natsutil.ConnectOptions(getenv)
	if err != nil {
		return err
	}
	// Replies come to _INBOX.<NATS_USER>: a service's user may read its
	// own replies only (deploy/natsperm).
	auth = append(auth, natsutil.InboxOptions(getenv)...)
	// A process started before NATS answers (a StatefulSet still forming,
	// compose's nodes starting beside it) keeps trying rather than exit
	// with "no servers available for connection" and crash-loop: it is
	// alive (/healthz) and not ready (/readyz) until connected, and the
	// service starts, JetStream setup and all, once it is.
	auth = append(auth, nats.RetryOnFailedConnect(true))
	nc, err := natsutil.Connect(url, nil, "parley-"+name, log, auth...)
	if err != nil {
		return err
	}
	defer nc.Close()

	// Bind the probe address before anything starts: a busy port fails the
	// process at once, rather than leaving it running without the health
	// endpoints an orchestrator and Prometheus need.
	var ln net.Listener
	if metricsAddr != "" {
		if ln, err = net.Listen("tcp", metricsAddr); err != nil {
			return fmt.Errorf("METRICS_ADDR: %w", err)
		}
		defer ln.Close() // no-op once the server has closed it
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(NATSMetrics(nc)...)
	ready := &Readiness{}
	// started is set once start has returned: /readyz answers 503 before
	// (waiting for NATS, or the service starting).
	var started atomic.Bool
	var hs *http.Server
	if ln != nil {
		mux := http.NewServeMux()
		mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
		// Probes for orchestrators (deploy/k8s): alive while the process
		// serves, ready while its NATS connection is up (nats.go keeps
		// reconnecting on its own, so a lost connection is no reason to
		// restart the process) and the service's own checks pass.
		mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
		mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
			if !started.Load() {
				msg := "starting"
				if !nc.IsConnected() {
					msg = "waiting for nats: " + nc.Status().String()
				}
				http.Error(w, msg, http.StatusServiceUnavailable)
				return
			}
			if h := ready.Handler(); h != nil {
				h.ServeHTTP(w, r)
				return
			}
			if !nc.IsConnected() {
				http.Error(w, "nats "+nc.Status().String(), http.StatusServiceUnavailable)
				return
			}
			check := ready.Err
			if r.URL.Query().Has("all") {
				check = ready.ErrAll
			}
			if err := check(); err != nil {
				http.Error(w, err.Error(), http.StatusServiceUnavailable)
				return
			}
			_, _ = w.Write([]byte("ok\n"))
		})
		hs = &http.Server{Addr: metricsAddr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		go func() {
			if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("metrics server", "err", err)
			}
		}()
	}
	shutdownProbes := func() {
		if hs != nil {
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_ = hs.Shutdown(sctx)
			cancel()
		}
	}
	// The probes answer from here on: whatever ends Run shuts them down
	// (a second Shutdown, after the one before stop below, returns at once).
	defer shutdownProbes()
	if err := waitConnected(ctx, nc, natsutil.RedactURL(url), log, 15*time.Second); err != nil {
		return err
	}
	if ctx.Err() != nil {
		// Stopped before NATS answered: nothing started.
		return nil
	}
	stopLevel, err := logging.ServeLevel(nc, name, level, log)
	if err != nil {
		return err
	}
	defer func() { _ = stopLevel() }()
	stop, err := start(ctx, Deps{NC: nc, Env: env, Metrics: service.NewMetrics(reg), Registry: reg, Log: log, Readiness: ready})
	if err != nil {
		return fmt.Errorf("start %s: %w", name, err)
	}
	if err := env.Err(); err != nil {
		_ = stop()
		return err
	}
	started.Store(true)
	log.Info("service started", "nats", nc.ConnectedUrlRedacted(), "metrics", metricsAddr)
	<-ctx.Done()
	log.Info("shutting down")
	shutdownProbes()
	err = stop()
	if derr := nc.Drain(); derr != nil && err == nil {
		err = fmt.Errorf("drain: %w", derr)
	}
	return err
}

// waitConnected waits until nc (connecting with RetryOnFailedConnect) is
// connected, logging every interval of every while it waits, so that an operator sees
// why a process is not ready. It returns nil when ctx ends first, and an
// error when the connection closes (nats.go gives up on a server that
// refuses the credentials twice in a row: a misconfiguration, not a
// server still starting).
func waitConnected(ctx context.Context, nc *nats.Conn, url string, log *slog.Logger, every time.Duration) error {
	if nc.IsConnected() {
		return nil
	}
	start := time.Now()
	log.Warn("waiting for NATS: not ready until connected", "url", url)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	next := start.Add(every)
	for {
		select {
		case <-ctx.Done():
			return nil
		case now := <-tick.C:
			switch {
			case nc.IsConnected():
				log.Info("nats connected", "url", nc.ConnectedUrlRedacted(), "waited", now.Sub(start).Round(time.Millisecond).String())
				return nil
			case nc.IsClosed():
				return fmt.Errorf("connect to nats at %s: %w", url, cmp.Or(nc.LastError(), nats.ErrConnectionClosed))
			case now.After(next):
				next = now.Add(every)
				attrs := []any{"url", url, "waited", now.Sub(start).Round(time.Second).String()}
				if err := nc.LastError(); err != nil {
					attrs = append(attrs, "err", err)
				}
				log.Warn("still waiting for NATS", attrs...)
			}
		}
	}
}
