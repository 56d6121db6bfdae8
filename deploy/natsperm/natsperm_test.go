package natsperm_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nats.go/micro"

	"github.com/parley-chat/parley/deploy/natsperm"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

const password = "0123456789abcdef0123"

// startServer runs a real nats-server with JetStream and the users of
// natsperm.Conf, every one with password.
func startServer(t *testing.T) *server.Server {
	t.Helper()
	dir := t.TempDir()
	for _, u := range natsperm.Users() {
		t.Setenv(u.PasswordVar, password)
	}
	conf := filepath.Join(dir, "nats.conf")
	data := "listen: 127.0.0.1:-1\njetstream {store_dir: " + `"` + filepath.Join(dir, "js") + `"` + "}\n" + natsperm.Conf()
	if err := os.WriteFile(conf, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	opts, err := server.ProcessConfigFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	opts.NoSigs, opts.NoLog = true, true
	s, err := server.NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server not ready")
	}
	t.Cleanup(s.Shutdown)
	return s
}

// conn connects as user, with its inbox prefix as shared/svcmain sets it,
// and returns the async errors the connection reports.
func conn(t *testing.T, s *server.Server, user string) (*nats.Conn, <-chan error) {
	t.Helper()
	errs := make(chan error, 16)
	nc, err := nats.Connect(s.ClientURL(), nats.UserInfo(user, password),
		nats.CustomInboxPrefix(natsutil.InboxPrefix(user)),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			select {
			case errs <- err:
			default:
			}
		}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc, errs
}

// violation waits for the permissions violation on subject.
func violation(t *testing.T, errs <-chan error, subject string) {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case err := <-errs:
			if errors.Is(err, nats.ErrPermissionViolation) && strings.Contains(err.Error(), `"`+subject+`"`) {
				return
			}
		case <-timeout:
			t.Fatalf("no permissions violation for %s", subject)
		}
	}
}

// TestRefused checks, on a real nats-server, that a service's user is
// refused where it has no business, and that the server says so to the
// connection (its async error handler) rather than leaving a timeout.
func TestRefused(t *testing.T) {
	s := startServer(t)
	op, _ := conn(t, s, natsperm.Operator)
	ojs, err := jetstream.New(op)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	for _, b := range []string{"parley_glossaries", "parley_translate_cache", "parley_api_keys"} {
		kv, err := ojs.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: b})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := kv.Put(ctx, "k", []byte("secret")); err != nil {
			t.Fatal(err)
		}
	}

	kvGet := func(bucket string) func(nc *nats.Conn) error {
		return func(nc *nats.Conn) error {
			js, _ := jetstream.New(nc)
			ctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			kv, err := js.KeyValue(ctx, bucket)
			if err != nil {
				return err
			}
			_, err = kv.Get(ctx, "k")
			return err
		}
	}
	subscribe := func(subject string) func(nc *nats.Conn) error {
		return func(nc *nats.Conn) error {
			_, err := nc.Subscribe(subject, func(*nats.Msg) {})
			if err == nil {
				err = nc.Flush()
			}
			return err
		}
	}
	publish := func(subject string) func(nc *nats.Conn) error {
		return func(nc *nats.Conn) error {
			ctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			_, err := nc.RequestWithContext(ctx, subject, []byte("{}"))
			return err
		}
	}
	for _, tc := range []struct {
		name, svc, subject string
		do                 func(*nats.Conn) error
	}{
		{"translate reads chat", "translate", "parley.chat.v1.>", subscribe("parley.chat.v1.>")},
		{"translate reads the glossaries", "translate", "$JS.API.STREAM.INFO.KV_parley_glossaries", kvGet("parley_glossaries")},
		{"translate reads others' replies", "translate", "_INBOX.>", subscribe("_INBOX.>")},
		{"translate reads the gateway's replies", "translate", "_INBOX.parley-gateway.>", subscribe("_INBOX.parley-gateway.>")},
		{"translate edits glossaries", "translate", api.SubjectGlossaryCreate, publish(api.SubjectGlossaryCreate)},
		{"gateway reads the translation cache", "gateway", "$JS.API.STREAM.INFO.KV_parley_translate_cache", kvGet("parley_translate_cache")},
		{"gateway serves translations", "gateway", "parley.translate.v1.>", subscribe("parley.translate.v1.>")},
		{"detect reads API keys", "detect", "$JS.API.STREAM.INFO.KV_parley_api_keys", kvGet("parley_api_keys")},
		{"safety writes flags", "safety", "$KV.parley-flags.x", func(nc *nats.Conn) error { return nc.Publish("$KV.parley-flags.x", nil) }},
		// The gateway reads flags and experiments; operators edit them.
		{"gateway writes flags", "gateway", "$KV.parley-flags.no_llm", func(nc *nats.Conn) error { return nc.Publish("$KV.parley-flags.no_llm", nil) }},
		{"gateway writes experiments", "gateway", "$KV.parley-experiments.e1", func(nc *nats.Conn) error { return nc.Publish("$KV.parley-experiments.e1", nil) }},
		{"gateway purges flags", "gateway", "$JS.API.STREAM.PURGE.KV_parley-flags", publish("$JS.API.STREAM.PURGE.KV_parley-flags")},
		// Experiment events by type: exposures are translate's.
		{"gateway publishes exposures", "gateway", "parley.experiment.events.exposure.e1", publish("parley.experiment.events.exposure.e1")},
		{"translate publishes outcomes", "translate", "parley.experiment.events.outcome.e1", publish("parley.experiment.events.outcome.e1")},
		{"gateway deletes feedback", "gateway", "$JS.API.STREAM.MSG.DELETE.PARLEY_FEEDBACK", publish("$JS.API.STREAM.MSG.DELETE.PARLEY_FEEDBACK")},
		{"gateway deletes chat messages", "gateway", "$JS.API.STREAM.MSG.DELETE.PARLEY_CHAT", publish("$JS.API.STREAM.MSG.DELETE.PARLEY_CHAT")},
		{"messages purges chat", "messages", "$JS.API.STREAM.PURGE.PARLEY_CHAT", publish("$JS.API.STREAM.PURGE.PARLEY_CHAT")},
		{"glossary deletes glossary records", "glossary", "$JS.API.STREAM.MSG.DELETE.KV_parley_glossaries", publish("$JS.API.STREAM.MSG.DELETE.KV_parley_glossaries")},
		{"quality reads views", "quality", api.SubjectViewsPrefix + ">", subscribe(api.SubjectViewsPrefix + ">")},
		{"messages stops the log level of all", "messages", "parley.ops.v1.loglevel.all", publish("parley.ops.v1.loglevel.all")},
		{"glossary reads the system account", "glossary", "$SYS.>", subscribe("$SYS.>")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nc, errs := conn(t, s, natsperm.UserName(tc.svc))
			_ = tc.do(nc)
			violation(t, errs, tc.subject)
		})
	}
}

// TestAllowed checks what the same users must be able to do: a micro
// service answers a request and a $SRV ping through the requester's own
// inbox, and a service uses its own bucket (put, get, watch).
func TestAllowed(t *testing.T) {
	s := startServer(t)
	ctx := t.Context()
	detect, derrs := conn(t, s, natsperm.UserName("detect"))
	svc, err := micro.AddService(detect, micro.Config{Name: api.ServiceDetect, Version: "1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Stop()
	if err := svc.AddEndpoint("detect", micro.HandlerFunc(func(r micro.Request) { _ = r.Respond([]byte("ok")) }), micro.WithEndpointSubject(api.SubjectDetect)); err != nil {
		t.Fatal(err)
	}
	// The endpoint's subscription reaches the server before the requests
	// of the other connections do (else: no responders).
	if err := detect.Flush(); err != nil {
		t.Fatal(err)
	}
	// The timeouts of what must succeed are generous: on a busy machine
	// a request (or a bucket's creation) can outlast a tight one, which
	// would read as a refusal.
	for _, caller := range []string{"gateway", "messages", "quality"} {
		nc, errs := conn(t, s, natsperm.UserName(caller))
		rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		msg, err := nc.RequestWithContext(rctx, api.SubjectDetect, nil)
		cancel()
		if err != nil || string(msg.Data) != "ok" {
			t.Errorf("%s: detect: %v %v (%v)", caller, msg, err, drain(errs))
		}
	}
	gw, gerrs := conn(t, s, natsperm.UserName("gateway"))
	// One budget for the ping and translate's bucket below.
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := gw.RequestWithContext(rctx, "$SRV.PING."+api.ServiceDetect, nil); err != nil {
		t.Errorf("gateway: ping detect: %v (%v, %v)", err, drain(gerrs), drain(derrs))
	}

	// What the gateway does publish on experiments: outcomes and repeats
	// (the pipeline) and readers' feedback, one experiment and key each.
	for _, subject := range []string{"parley.experiment.events.outcome.e1", "parley.experiment.events.repeat._", "parley.experiment.feedback.e1.0123456789abcdef"} {
		if err := gw.Publish(subject, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := gw.Flush(); err != nil {
		t.Fatal(err)
	}
	// A violation is reported after the flush's PONG at the latest.
	time.Sleep(100 * time.Millisecond)
	if err := drain(gerrs); err != nil {
		t.Errorf("gateway: experiment events and feedback: %v", err)
	}

	tr, terrs := conn(t, s, natsperm.UserName("translate"))
	js, err := jetstream.New(tr)
	if err != nil {
		t.Fatal(err)
	}
	kv, err := js.CreateKeyValue(rctx, jetstream.KeyValueConfig{Bucket: "parley_translate_cache"})
	if err != nil {
		t.Fatalf("translate: create its cache: %v (%v)", err, drain(terrs))
	}
	w, err := kv.WatchAll(rctx)
	if err != nil {
		t.Fatalf("translate: watch its cache: %v (%v)", err, drain(terrs))
	}
	defer func() { _ = w.Stop() }()
	if _, err := kv.Put(rctx, "k", []byte("v")); err != nil {
		t.Fatalf("translate: put: %v (%v)", err, drain(terrs))
	}
	if e, err := kv.Get(rctx, "k"); err != nil || string(e.Value()) != "v" {
		t.Fatalf("translate: get: %v (%v)", err, drain(terrs))
	}
	for e := range w.Updates() {
		if e != nil && e.Key() == "k" {
			break
		}
	}
	if err := drain(terrs); err != nil {
		t.Errorf("translate: %v", err)
	}
}

func drain(errs <-chan error) error {
	var all []error
	for {
		select {
		case err := <-errs:
			all = append(all, err)
		default:
			return errors.Join(all...)
		}
	}
}

// TestEveryServiceHasAUser checks the table covers deploy/cluster's
// services, each with its own password variable and Secret key.
func TestEveryServiceHasAUser(t *testing.T) {
	seen := map[string]bool{}
	for _, u := range natsperm.Users() {
		for _, v := range []string{u.Name, u.PasswordVar, u.SecretKey} {
			if seen[v] {
				t.Errorf("%s used twice", v)
			}
			seen[v] = true
		}
		if (u.Perms == nil) != (u.Name == natsperm.Operator) {
			t.Errorf("%s: permissions %v", u.Name, u.Perms)
		}
	}
	if len(natsperm.Users()) != len(natsperm.Services)+1 {
		t.Errorf("%d users for %d services", len(natsperm.Users()), len(natsperm.Services))
	}
}
