package deploy_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/deploy/cluster"
	"github.com/parley-chat/parley/deploy/loadgen"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestNATSPermissionsPaths runs every service as its own NATS user with
// deploy/natsperm's permissions (one process each, on the 3 nodes of
// deploy/nats/nats.conf) and drives over the gateway's HTTP API the paths
// the failover test does not take: SSE views with pre-translation and
// presence, feedback on a running experiment (with translate's guard
// reading its events every second), a glossary import and export too large
// to travel inline (the transfer object store), a moderator's correction
// (which moderation turns into a translation override), the cache
// invalidation, and the operator's log-level broadcast. Then no process's
// log, nor any node's, may report a permissions violation: the table was
// derived by reading code, and a subject it misses fails only the path
// that needs it.
func TestNATSPermissionsPaths(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 3-node cluster and 8 processes: not in -short")
	}
	ctx := t.Context()
	root, dir, natsServer, _ := buildCluster(t, true)
	model := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}, Translator: func(r fakellm.Request) (string, error) {
		return loadgen.FakeTranslation(loadgen.Corpus, r.Data()), nil
	}})
	// A bootstrap key with every role: the management routes need one.
	const key = "permcheck-0123456789abcdef0123456789abcdef"
	replicas := map[string]int{}
	for _, s := range cluster.Services {
		replicas[s] = 1
	}
	c, err := cluster.Start(ctx, cluster.Config{
		Dir: dir, Bin: dir, NATSServer: natsServer, Replicas: replicas,
		NATSConf: filepath.Join(root, "deploy", "nats", "nats.conf"),
		Env: map[string]string{
			"OLLAMA_MODEL":     "qwen2.5:3b",
			"OLLAMA_HOST":      model.URL(),
			"TRANSLATE_CHAIN":  "ollama",
			"DETECT_LANGUAGES": "en,es,fr,de",
			"GLOSSARY_DIR":     filepath.Join(root, "glossaries"),
			"GATEWAY_TIMEOUT":  "20s",
			// The guard reads the experiments' events and feedback (and
			// stops an arm in the experiments bucket) every second.
			"EXPERIMENT_GUARD_INTERVAL": "1s",
			"LOG_LEVEL":                 "info",
		},
		ServiceEnv: map[string]map[string]string{"gateway": {"PARLEY_API_KEYS": "permcheck:admin+moderator+localization+client:" + key}},
		Log:        slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	nc, err := nats.Connect(c.NATSURL(), c.ConnectOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	gw := c.Gateways()[0]

	var lastRequestID string
	call := func(t *testing.T, method, path, contentType, body string, want ...int) string {
		t.Helper()
		rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(rctx, method, gw+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if body != "" {
			req.Header.Set("Content-Type", contentType)
		}
		req.Header.Set("Authorization", "Bearer "+key)
		// Feedback names the view it rates by its request id.
		lastRequestID = "permcheck-" + strconv.Itoa(int(time.Now().UnixNano()%1e9))
		req.Header.Set("X-Request-Id", lastRequestID)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if !slices.Contains(want, res.StatusCode) {
			t.Errorf("%s %s: %d %.300s, want %v", method, path, res.StatusCode, b, want)
		}
		return string(b)
	}

	// An experiment, as `experiments put` (the operator) writes it.
	exps, err := experiment.Open(ctx, nc, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer exps.Close()
	if _, err := exps.Put(ctx, experiment.Experiment{Name: "permcheck", Status: "running", Control: "a",
		Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}, Targets: []string{"es"},
		Guardrails: experiment.Guardrails{MinSamples: 1, MaxLatencyIncrease: 0.01}}); err != nil {
		t.Fatalf("put experiment: %v", err)
	}

	t.Run("views and feedback", func(t *testing.T) {
		for _, user := range []string{"u1", "u2", "u3", "u4"} {
			body := call(t, "POST", "/v1/translate", "application/json",
				`{"text":"Hello, how are you today?","source":"en","target":"es","conversation_id":"perm","user_id":"`+user+`"}`, 200)
			var v struct {
				api.View
				RequestID string `json:"request_id"`
			}
			_ = json.Unmarshal([]byte(body), &v)
			fb := map[string]any{"request_id": lastRequestID, "original": "Hello, how are you today?", "translation": v.Text, "rating": 4, "source_lang": "en",
				"target_lang": "es", "conversation_id": "perm", "user_id": user}
			if v.Experiment != nil {
				fb["experiment"], fb["arm"] = v.Experiment.Experiment, v.Experiment.Arm
			}
			b, _ := json.Marshal(fb)
			call(t, "POST", "/v1/feedback", "application/json", string(b), 200, 201, 202)
		}
		call(t, "POST", "/v1/detect", "application/json", `{"text":"Hello, how are you today?"}`, 200)
		call(t, "GET", "/v1/languages", "", "", 200)
	})

	t.Run("SSE views with pre-translation", func(t *testing.T) {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(sctx, "GET", gw+"/v1/conversations/permsse/events?locale=es", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != 200 {
			b, _ := io.ReadAll(res.Body)
			t.Fatalf("events: %d %s", res.StatusCode, b)
		}
		got := make(chan string, 1)
		var (
			mu   sync.Mutex
			seen strings.Builder
		)
		go func() {
			sc := bufio.NewScanner(res.Body)
			for sc.Scan() {
				if strings.Contains(sc.Text(), "Hola") {
					got <- sc.Text()
					return
				}
				mu.Lock()
				if seen.Len() < 2000 {
					seen.WriteString(sc.Text() + "\n")
				}
				mu.Unlock()
			}
		}()
		// The reader's locale reaches the messages service (presence)
		// before the post, so that it pre-translates.
		time.Sleep(time.Second)
		call(t, "POST", "/v1/messages", "application/json",
			`{"conversation":"permsse","author":"ana","text":"Hello, how are you today?","source":"en"}`, 200, 201, 202)
		select {
		case line := <-got:
			t.Logf("event: %.200s", line)
		case <-sctx.Done():
			mu.Lock()
			t.Errorf("no view in Spanish on the event stream: %s", seen.String())
			mu.Unlock()
		}
		call(t, "GET", "/v1/conversations/permsse/messages?locale=es", "", "", 200)
	})

	t.Run("large glossary through the transfer store", func(t *testing.T) {
		var csv strings.Builder
		csv.WriteString("en,es\n")
		for i := 0; csv.Len() <= 2*api.MaxInlineTransferBytes; i++ {
			fmt.Fprintf(&csv, "parley term number %06d,término de parley número %06d\n", i, i)
		}
		call(t, "POST", "/v1/glossaries/permbig/import?format=csv", "text/csv", csv.String(), 200, 201)
		if out := call(t, "GET", "/v1/glossaries/permbig/export?format=csv", "", "", 200); len(out) <= api.MaxInlineTransferBytes {
			t.Errorf("export of %d bytes: not through the transfer store", len(out))
		}
	})

	t.Run("moderator's correction", func(t *testing.T) {
		f := &api.FlaggedView{MessageID: "perm-1", ConversationID: "perm", Text: "Hello, how are you today?",
			View: api.View{Text: "Hola, ¿cómo estás hoy?", SourceLanguage: "en", TargetLanguage: "es", Status: api.StatusTranslated}}
		if err := (client.Moderation{NC: nc}).Flagged(ctx, f); err != nil {
			t.Fatal(err)
		}
		id := f.CaseID()
		deadline := time.Now().Add(20 * time.Second)
		for {
			if _, err := (client.Moderation{NC: nc}).Get(ctx, api.CaseGetRequest{ID: id}); err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("case %s never made", id)
			}
			time.Sleep(200 * time.Millisecond)
		}
		call(t, "GET", "/v1/moderation/cases", "", "", 200)
		call(t, "POST", "/v1/moderation/cases/"+id+"/claim", "application/json", `{}`, 200)
		call(t, "POST", "/v1/moderation/cases/"+id+"/notes", "application/json", `{"text":"checked"}`, 200)
		call(t, "POST", "/v1/moderation/cases/"+id+"/decide", "application/json",
			`{"action":"correct","correction":"Hola, ¿qué tal estás hoy?"}`, 200)
		call(t, "GET", "/v1/moderation/audit", "", "", 200)
		// The override serves the correction.
		deadline = time.Now().Add(10 * time.Second)
		for {
			body := call(t, "POST", "/v1/translate", "application/json",
				`{"text":"Hello, how are you today?","source":"en","target":"es"}`, 200)
			if strings.Contains(body, "qué tal") {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("the correction is not served: %s", body)
				break
			}
			time.Sleep(300 * time.Millisecond)
		}
		call(t, "POST", "/v1/cache/invalidate", "application/json", `{"conversation_id":"perm"}`, 200, 202, 204)
	})

	t.Run("access request export", func(t *testing.T) {
		// The messages of the SSE path, the cases (moderation's export
		// endpoint) and the feedback stream, read as the gateway.
		body := call(t, "GET", "/v1/admin/export?author=ana", "", "", 200)
		if !strings.Contains(body, "permsse") {
			t.Errorf("export without ana's message: %.300s", body)
		}
	})

	t.Run("log level broadcast", func(t *testing.T) {
		inbox := nats.NewInbox()
		replies, err := nc.SubscribeSync(inbox)
		if err != nil {
			t.Fatal(err)
		}
		if err := nc.Flush(); err != nil {
			t.Fatal(err)
		}
		defer replies.Unsubscribe()
		if err := nc.PublishRequest("parley.ops.v1.loglevel.all", inbox, []byte("info")); err != nil {
			t.Fatal(err)
		}
		n := 0
		for ; n < len(c.All()); n++ {
			if _, err := replies.NextMsg(5 * time.Second); err != nil {
				break
			}
		}
		if n != len(c.All()) {
			t.Errorf("%d of %d processes answered the log level broadcast", n, len(c.All()))
		}
	})

	// Guard rounds over the events and feedback above.
	time.Sleep(3 * time.Second)
	for _, p := range c.All() {
		for _, line := range strings.Split(p.Log(), "\n") {
			if strings.Contains(strings.ToLower(line), "permissions violation") {
				t.Errorf("%s-%d: %.400s", p.Service, p.Index, line)
			}
		}
	}
	for i := range c.Nodes() {
		for _, line := range strings.Split(c.Node(i).Log(), "\n") {
			if strings.Contains(line, "Violation") {
				t.Errorf("nats-%d: %.400s", i+1, line)
			}
		}
	}
}
