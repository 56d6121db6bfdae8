package deploy_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"gopkg.in/yaml.v3"

	"github.com/parley-chat/parley/deploy/cluster"
	"github.com/parley-chat/parley/deploy/loadgen"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/fakellm"
)

// envInt reads a test knob from the environment.
func envInt(t *testing.T, key string, def int) int {
	t.Helper()
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive integer", key, v)
	}
	return n
}

// slowOnce is the fake model of one translate replica: instant for the
// load, but a text marked SLOW holds its first request until released, so
// that a test can kill the replica while it is mid-request.
type slowOnce struct {
	replica int
	started chan<- int
	release <-chan struct{}
	seen    *seenTexts
}

// seenTexts is shared by the fakes: a text is slow only the first time any
// replica asks for it.
type seenTexts struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (s *slowOnce) translate(r fakellm.Request) (string, error) {
	data := r.Data()
	if strings.Contains(data, "SLOW") {
		s.seen.mu.Lock()
		first := !s.seen.seen[data]
		s.seen.seen[data] = true
		s.seen.mu.Unlock()
		if first {
			s.started <- s.replica
			<-s.release
		}
		return "Lento: " + strings.ReplaceAll(data, "Please answer slowly", "Por favor responde despacio"), nil
	}
	return loadgen.FakeTranslation(loadgen.Corpus, data), nil
}

// harness is a running cluster with its fake models and a NATS connection
// for the test.
type harness struct {
	c       *cluster.Cluster
	nc      *nats.Conn
	js      jetstream.JetStream
	fakes   []*fakellm.Server
	started chan int
	release chan struct{}
}

// buildCluster builds nats-server and the services into a new directory
// (dir, cluster.Config's Dir and Bin) and returns the services built. The
// pipeline's own services must build, and with all every service; a new
// service still being written is otherwise left out with a note.
func buildCluster(tb testing.TB, all bool) (root, dir, natsServer string, built []string) {
	tb.Helper()
	root = repoRoot(tb)
	dir = tb.TempDir()
	natsServer, err := cluster.BuildNATS(tb.Context(), filepath.Join(root, "deploy"), dir)
	if err != nil {
		tb.Fatal(err)
	}
	built, failed, err := cluster.Build(tb.Context(), root, dir, cluster.Services)
	if err != nil {
		tb.Fatal(err)
	}
	for name, err := range failed {
		if all || slices.Contains(api.Services, name) || name == "gateway" {
			tb.Fatalf("build %s: %v", name, err)
		}
		tb.Logf("left out %s, which does not build: %v", name, err)
	}
	return root, dir, natsServer, built
}

func startHarness(t *testing.T) *harness {
	t.Helper()
	ctx := t.Context()
	root, dir, natsServer, built := buildCluster(t, false)
	t.Logf("built %v", built)
	h := &harness{started: make(chan int, 4), release: make(chan struct{})}
	seen := &seenTexts{seen: map[string]bool{}}
	for i := range 2 {
		s := &slowOnce{replica: i, started: h.started, release: h.release, seen: seen}
		h.fakes = append(h.fakes, fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}, Translator: s.translate}))
	}
	// Released before the fakes close, so no handler is left hanging.
	t.Cleanup(func() {
		select {
		case <-h.release:
		default:
			close(h.release)
		}
	})
	c, err := cluster.Start(ctx, cluster.Config{
		Dir:        dir,
		Bin:        dir,
		NATSServer: natsServer,
		NATSConf:   filepath.Join(root, "deploy", "nats", "nats.conf"),
		Env: map[string]string{
			"OLLAMA_MODEL":     "qwen2.5:3b",
			"TRANSLATE_CHAIN":  "ollama",
			"DETECT_LANGUAGES": "en,es,fr,de",
			"DETECT_PRELOAD":   "true",
			"GLOSSARY_DIR":     filepath.Join(root, "glossaries"),
			// The writer checks that every acknowledged version is kept:
			// no retention prunes them while it runs (it makes hundreds).
			"GLOSSARY_KEEP_VERSIONS": "0",
			// Long enough for a busy 2-core machine; the client hedges a
			// lost request after half of it.
			"GATEWAY_TIMEOUT": "20s",
			// A killed replica's claim on a translation (cross-replica
			// coalescing) expires after this; the survivor then translates.
			"TRANSLATE_CLAIM_TTL": "2s",
		},
		ReplicaEnv: func(svc string, i int) map[string]string {
			// Each replica of each LLM user has its own fake model, so the
			// test knows which translate replica holds a request.
			return map[string]string{"OLLAMA_HOST": h.fakes[i%2].URL()}
		},
		BeforeServices: createUnreplicated,
		Log:            slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	h.c = c
	nc, err := nats.Connect(c.NATSURL(), append(c.ConnectOptions(), nats.MaxReconnects(-1), nats.ReconnectWait(100*time.Millisecond))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	h.nc = nc
	if h.js, err = jetstream.New(nc); err != nil {
		t.Fatal(err)
	}
	return h
}

// unreplicated are buckets and streams as an operator's first steps leave
// them on a new cluster: `parley keys create`, `parley registry` and
// `experiments put` run without PARLEY_JS_REPLICAS (as the README's quick
// start shows), and a translate replica started without it, create them
// with one replica, before the services start with PARLEY_JS_REPLICAS=3.
var unreplicated = []string{"parley_api_keys", "parley-flags", "parley-registry", "parley-experiments",
	"parley_translate_cache", "parley_translate_overrides", "parley_translate_config"}

// createUnreplicated creates unreplicated (and the experiments' events
// stream) with one replica; the services must raise each one to 3, which
// checkReplicas then asserts, as it does for what they create themselves.
func createUnreplicated(nc *nats.Conn) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	for _, b := range unreplicated {
		if _, err := js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: b, Replicas: 1}); err != nil {
			return fmt.Errorf("create %s: %w", b, err)
		}
	}
	_, err = experiment.EnsureStream(ctx, js, 1)
	return err
}

// checkReplicas asserts that every stream deploy/nats/jetstream.yaml lists
// (KV buckets and object stores are streams too) has one replica per node,
// and names the streams that other code created without honouring
// PARLEY_JS_REPLICAS.
func (h *harness) checkReplicas(t *testing.T) {
	t.Helper()
	var st jetStreamStatement
	if err := yaml.Unmarshal(readFile(t, "deploy/nats/jetstream.yaml"), &st); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, a := range st.Assets {
		switch a.Kind {
		case "kv":
			listed["KV_"+a.Name] = true
		case "object":
			listed["OBJ_"+a.Name] = true
		default:
			listed[a.Name] = true
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var names, unlisted []string
	for info := range h.js.ListStreams(ctx).Info() {
		name := info.Config.Name
		names = append(names, name)
		switch {
		case info.Config.Replicas == h.c.Nodes():
		case listed[name]:
			t.Errorf("stream %s has %d replicas, want %d", name, info.Config.Replicas, h.c.Nodes())
		default:
			unlisted = append(unlisted, fmt.Sprintf("%s (R%d)", name, info.Config.Replicas))
		}
	}
	slices.Sort(names)
	t.Logf("streams: %v", names)
	if len(unlisted) > 0 {
		t.Errorf("streams not replicated and not in deploy/nats/jetstream.yaml: %v", unlisted)
	}
	for name := range listed {
		if !slices.Contains(names, name) && !strings.Contains(name, "transfer") {
			t.Logf("listed stream %s was not created by this run", name)
		}
	}
}

// maxVersions is the most versions one Versions call lists.
const maxVersions = 1000

// writer makes glossary versions (and moderation cases when the moderation
// service runs) while the cluster is disturbed, and remembers each one
// the service acknowledged.
type writer struct {
	nc         *nats.Conn
	glossary   string
	moderation bool

	mu       sync.Mutex
	versions []int
	cases    []string
	failures int
}

func (w *writer) run(ctx context.Context) {
	g := client.Glossary{NC: w.nc}
	m := client.Moderation{NC: w.nc}
	for n := 0; ; n++ {
		select {
		case <-ctx.Done():
			return
		case <-time.After(100 * time.Millisecond):
		}
		if n >= maxVersions-10 {
			// Versions lists at most maxVersions: stop before.
			return
		}
		name := "failover " + strconv.Itoa(n)
		rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		res, err := g.Update(rctx, api.GlossaryUpdateRequest{ID: w.glossary, Author: "failover-test", Name: &name})
		var flaggedErr error
		var caseID string
		if w.moderation {
			f := &api.FlaggedView{MessageID: "failover-" + strconv.Itoa(n), ConversationID: "failover", Text: "bad words " + strconv.Itoa(n),
				View: api.View{Text: "malas palabras", SourceLanguage: "en", TargetLanguage: "es", Status: api.StatusTranslated}}
			caseID = f.CaseID()
			flaggedErr = m.Flagged(rctx, f)
		}
		cancel()
		w.mu.Lock()
		if err == nil && res.Change != nil {
			w.versions = append(w.versions, res.Change.Version)
		} else if err != nil {
			w.failures++
		}
		if w.moderation && flaggedErr == nil {
			w.cases = append(w.cases, caseID)
		} else if flaggedErr != nil {
			w.failures++
		}
		w.mu.Unlock()
	}
}

// check asserts that every acknowledged version and case is stored.
func (w *writer) check(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	w.mu.Lock()
	versions, cases := slices.Clone(w.versions), slices.Clone(w.cases)
	w.mu.Unlock()
	res, err := client.Glossary{NC: w.nc}.Versions(ctx, api.GlossaryVersionsRequest{ID: w.glossary, Limit: maxVersions})
	if err != nil {
		t.Fatalf("versions: %v", err)
	}
	stored := map[int]bool{}
	for _, v := range res.Versions {
		stored[v.Version] = true
	}
	lost := 0
	for _, v := range versions {
		if !stored[v] {
			lost++
			t.Errorf("glossary version %d was acknowledged but is lost", v)
		}
	}
	if len(versions) == 0 {
		t.Error("no glossary write succeeded")
	}
	// The intake is asynchronous: poll until each case is made. A
	// flagged view whose delivery (or whose nak) was lost with the node
	// is redelivered once the intake consumer's AckWait (6 s,
	// jsstore.DefaultIntakeAckWait) has passed; the cases get far more
	// in all, for a machine that is slow as well.
	cctx, ccancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer ccancel()
	for _, id := range cases {
		var err error
		for {
			if _, err = (client.Moderation{NC: w.nc}).Get(cctx, api.CaseGetRequest{ID: id}); err == nil || cctx.Err() != nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if err != nil {
			lost++
			t.Errorf("moderation case %s was acknowledged but is lost: %v", id, err)
		}
	}
	t.Logf("%d glossary versions and %d moderation cases acknowledged, %d lost (%d writes refused)", len(versions), len(cases), lost, w.failures)
}

// TestFailover runs Parley on a loopback cluster of 3 NATS nodes with
// JetStream R3 and 2 processes of every service (started over buckets a
// run without PARLEY_JS_REPLICAS left with one replica, which they must
// raise: createUnreplicated), under a steady open-loop load of views, and
// disturbs it: a NATS node stops (at most 0.1% of the
// views fail, no glossary version or moderation case is lost), a translate
// replica is killed mid-request (the request completes on the other), and
// everything restarts (the state is intact).
//
// It takes about two minutes. PARLEY_FAILOVER_RATE (views per second,
// default 20) and PARLEY_FAILOVER_SECONDS (length of the disturbed load,
// default 20) make a longer, heavier run (docs/deploy.md).
func TestFailover(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 3-node cluster and 16 processes: not in -short")
	}
	rate := envInt(t, "PARLEY_FAILOVER_RATE", 20)
	seconds := envInt(t, "PARLEY_FAILOVER_SECONDS", 20)
	h := startHarness(t)
	h.checkReplicas(t)

	// A glossary to version.
	ctx := t.Context()
	gid := "failover"
	if _, err := (client.Glossary{NC: h.nc}).Create(ctx, api.GlossaryCreateRequest{Author: "failover-test", Glossary: api.Glossary{
		ID: gid, Languages: []string{"en", "es"},
		Entries: []api.GlossaryEntry{{ID: "parley", DoNotTranslate: true, Terms: []api.GlossaryTerm{{Language: "en", Text: "Parley"}}}},
	}}); err != nil {
		t.Fatalf("create glossary: %v", err)
	}
	w := &writer{nc: h.nc, glossary: gid, moderation: len(h.c.Procs("moderation")) > 0}
	gateways := h.c.Gateways()

	t.Run("stop a NATS node under load", func(t *testing.T) {
		// The node that leads the glossary bucket's stream: the worst one
		// to lose.
		victim := 1
		if info, err := h.js.Stream(ctx, "KV_parley_glossaries"); err == nil {
			if ci := info.CachedInfo().Cluster; ci != nil && strings.HasPrefix(ci.Leader, "nats-") {
				victim, _ = strconv.Atoi(strings.TrimPrefix(ci.Leader, "nats-"))
				victim--
			}
		}
		rec := loadgen.NewRecorder()
		wctx, stopWriter := context.WithCancel(ctx)
		writerDone := make(chan struct{})
		go func() {
			defer close(writerDone)
			w.run(wctx)
		}()
		var wg sync.WaitGroup
		wg.Go(func() {
			err := loadgen.RunInto(ctx, loadgen.Config{
				Targets: gateways, Rate: float64(rate), Duration: time.Duration(seconds) * time.Second,
				Timeout: 30 * time.Second, Source: loadgen.Translations(loadgen.Corpus, true),
			}, rec)
			if err != nil {
				t.Errorf("load: %v", err)
			}
		})
		time.Sleep(time.Duration(seconds) * time.Second / 4)
		h.c.StopNode(victim)
		t.Logf("stopped nats-%d", victim+1)
		time.Sleep(time.Duration(seconds) * time.Second / 2)
		if err := h.c.StartNode(victim); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		stopWriter()
		<-writerDone
		res := rec.Snapshot()
		t.Logf("views: %d sent, %d failed %v %q, latency p50 %v p99 %v max %v", res.Sent, res.Failed, res.Errors, res.Examples, res.Latency.P50, res.Latency.P99, res.Latency.Max)
		if res.Sent == 0 || float64(res.Failed) > 0.001*float64(res.Sent) {
			t.Errorf("%d of %d views failed (%v, first of each: %q): more than 0.1%%", res.Failed, res.Sent, res.Errors, res.Examples)
		}
		w.check(t)
	})

	t.Run("kill a translate replica mid-request", func(t *testing.T) {
		rec := loadgen.NewRecorder()
		var wg sync.WaitGroup
		wg.Go(func() {
			_ = loadgen.RunInto(ctx, loadgen.Config{
				Targets: gateways, Rate: float64(rate), Duration: 10 * time.Second,
				Timeout: 30 * time.Second, Source: loadgen.Translations(loadgen.Corpus, true),
			}, rec)
		})
		type outcome struct {
			view api.View
			err  error
		}
		done := make(chan outcome, 1)
		sent := time.Now()
		go func() {
			pctx, cancel := context.WithTimeout(ctx, time.Minute)
			defer cancel()
			v, err := postView(pctx, gateways[0], `{"text":"Please answer slowly SLOW","source":"en","target":"es"}`)
			done <- outcome{v, err}
		}()
		var holder int
		select {
		case holder = <-h.started:
		case <-time.After(30 * time.Second):
			t.Fatal("the slow request never reached a model")
		}
		victim := h.c.Procs("translate")[holder]
		if err := h.c.Kill(victim); err != nil {
			t.Fatal(err)
		}
		t.Logf("killed translate-%d while it held the request", holder)
		o := <-done
		t.Logf("the request completed %s after it was sent", time.Since(sent).Round(time.Millisecond))
		if o.err != nil {
			t.Fatalf("the request did not complete on the other replica: %v", o.err)
		}
		if o.view.Status != api.StatusTranslated || !strings.HasPrefix(o.view.Text, "Lento:") {
			t.Fatalf("view %+v", o.view)
		}
		// The other replica's model answered it.
		other := h.fakes[1-holder]
		found := false
		for _, r := range other.Requests() {
			found = found || strings.Contains(r.Data(), "SLOW")
		}
		if !found {
			t.Fatal("the surviving replica's model never saw the request")
		}
		if err := h.c.Restart(ctx, victim); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		res := rec.Snapshot()
		t.Logf("views meanwhile: %d sent, %d failed %v %q, p99 %v", res.Sent, res.Failed, res.Errors, res.Examples, res.Latency.P99)
		if float64(res.Failed) > 0.001*float64(res.Sent) {
			t.Errorf("%d of %d views failed while a replica died (%v, first of each: %q)", res.Failed, res.Sent, res.Errors, res.Examples)
		}
	})

	t.Run("restart everything", func(t *testing.T) {
		before, err := (client.Glossary{NC: h.nc}).Versions(ctx, api.GlossaryVersionsRequest{ID: gid, Limit: maxVersions})
		if err != nil {
			t.Fatal(err)
		}
		if err := h.c.StopServices(); err != nil {
			t.Error(err)
		}
		h.c.StopNodes()
		if err := h.c.StartNodes(); err != nil {
			t.Fatal(err)
		}
		if err := h.c.StartServices(ctx); err != nil {
			t.Fatal(err)
		}
		after, err := (client.Glossary{NC: h.nc}).Versions(ctx, api.GlossaryVersionsRequest{ID: gid, Limit: maxVersions})
		if err != nil {
			t.Fatal(err)
		}
		if len(after.Versions) != len(before.Versions) {
			t.Fatalf("%d versions before the restart, %d after", len(before.Versions), len(after.Versions))
		}
		w.check(t)
		h.checkReplicas(t)
		v, err := postView(ctx, gateways[0], `{"text":"Hello, how are you today?","source":"en","target":"es"}`)
		if err != nil || v.Text != "Hola, ¿cómo estás hoy?" {
			t.Fatalf("view after restart: %+v, %v", v, err)
		}
	})
}

func postView(ctx context.Context, gateway, body string) (api.View, error) {
	var v api.View
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, gateway+"/v1/translate", strings.NewReader(body))
	if err != nil {
		return v, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return v, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return v, fmt.Errorf("%d %s", res.StatusCode, b)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, errors.New("bad view: " + string(b))
	}
	return v, nil
}
