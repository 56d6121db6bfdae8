package glossary_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/svcmain"
)

// start runs the service on an embedded NATS server and returns a client
// on a second connection, as a gateway would have.
func start(t *testing.T, env map[string]string) client.Glossary {
	t.Helper()
	s := natstest.RunServer(t)
	deps := svcmain.Deps{
		NC:  natstest.Conn(t, s),
		Env: config.NewReader(config.Map(env)),
		Log: slog.New(slog.DiscardHandler),
	}
	stop, err := glossary.Start(context.Background(), deps)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return client.Glossary{NC: natstest.Conn(t, s)}
}

func ctx(t *testing.T) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestServiceEndToEnd(t *testing.T) {
	c := start(t, map[string]string{"GLOSSARY_DIR": filepath.Join("..", "..", "glossaries"), "GLOSSARY_WORKERS": "2"})

	list, err := c.List(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]api.GlossaryInfo{}
	for _, g := range list.Glossaries {
		ids[g.ID] = g
	}
	if p, ok := ids["parley-product"]; !ok || p.Source != "en" || p.Entries == 0 {
		t.Fatalf("list = %+v", list.Glossaries)
	}

	text := "Parley tip: reply in the thread or send a direct message."
	prep, err := c.Prepare(ctx(t), api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es", Glossary: "parley-product"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range prep.Matches {
		if text[m.Start:m.End] != m.Source {
			t.Errorf("offsets of %+v do not point at its source", m)
		}
		got[m.Source] = m.Target
	}
	want := map[string]string{"Parley": "", "thread": "hilo", "direct message": "mensaje directo"}
	if len(got) != len(want) {
		t.Fatalf("matches = %+v, want %v", prep.Matches, want)
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("match %q -> %q, want %q", k, g, v)
		}
	}
	if len(prep.Protect) != 1 || prep.Protect[0] != "Parley" {
		t.Errorf("protect = %q", prep.Protect)
	}

	rep, err := c.Verify(ctx(t), api.GlossaryVerifyRequest{
		Source:      text,
		Translation: "Consejo de Parley: responde en el hilo o envía un mensaje privado.",
		Target:      "es",
		Matches:     prep.Matches,
	})
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]string{}
	for _, r := range rep.Terms {
		statuses[r.Source] = r.Status
	}
	if statuses["Parley"] != api.TermProtected || statuses["thread"] != api.TermApplied || statuses["direct message"] != api.TermMissing {
		t.Errorf("report = %+v", rep.Terms)
	}
	if rep.Compliance < 0.66 || rep.Compliance > 0.67 {
		t.Errorf("compliance = %v, want 2/3", rep.Compliance)
	}
}

func TestServiceErrors(t *testing.T) {
	c := start(t, map[string]string{"GLOSSARY_DIR": filepath.Join("..", "..", "glossaries")})
	tests := []struct {
		name string
		call func() error
		code api.Code
	}{
		{"unknown glossary", func() error {
			_, err := c.Prepare(ctx(t), api.GlossaryPrepareRequest{Text: "hi", Source: "en", Target: "es", Glossary: "missing"})
			return err
		}, api.CodeNotFound},
		{"bad language", func() error {
			_, err := c.Prepare(ctx(t), api.GlossaryPrepareRequest{Text: "hi", Source: "en", Target: "not a tag"})
			return err
		}, api.CodeInvalidLanguage},
		{"empty text", func() error {
			_, err := c.Prepare(ctx(t), api.GlossaryPrepareRequest{Source: "en", Target: "es"})
			return err
		}, api.CodeEmptyText},
		{"verify without translation", func() error {
			_, err := c.Verify(ctx(t), api.GlossaryVerifyRequest{Target: "es"})
			return err
		}, api.CodeEmptyText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var e *api.Error
			if !errors.As(err, &e) || e.Code != tt.code {
				t.Fatalf("err = %v, want code %s", err, tt.code)
			}
		})
	}
}

func TestStartDirectories(t *testing.T) {
	t.Run("explicit missing directory fails", func(t *testing.T) {
		s := natstest.RunServer(t)
		_, err := glossary.Start(context.Background(), svcmain.Deps{
			NC:  natstest.Conn(t, s),
			Env: config.NewReader(config.Map(map[string]string{"GLOSSARY_DIR": filepath.Join(t.TempDir(), "nope")})),
		})
		if err == nil {
			t.Fatal("Start succeeded with a missing GLOSSARY_DIR")
		}
	})
	t.Run("default missing directory serves nothing", func(t *testing.T) {
		t.Chdir(t.TempDir())
		c := start(t, nil)
		list, err := c.List(ctx(t))
		if err != nil {
			t.Fatal(err)
		}
		if len(list.Glossaries) != 0 {
			t.Errorf("list = %+v", list)
		}
	})
	t.Run("bad worker count", func(t *testing.T) {
		s := natstest.RunServer(t)
		_, err := glossary.Start(context.Background(), svcmain.Deps{
			NC:  natstest.Conn(t, s),
			Env: config.NewReader(config.Map(map[string]string{"GLOSSARY_WORKERS": "many"})),
		})
		if err == nil {
			t.Fatal("Start accepted GLOSSARY_WORKERS=many")
		}
	})
}

// replica starts one more glossary service on the server of an existing
// one, as a second process would.
func replica(t *testing.T, s *server.Server, env map[string]string) client.Glossary {
	t.Helper()
	stop, err := glossary.Start(context.Background(), svcmain.Deps{
		NC: natstest.Conn(t, s), Env: config.NewReader(config.Map(env)), Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = stop() })
	return client.Glossary{NC: natstest.Conn(t, s)}
}

func TestManagementOverNATS(t *testing.T) {
	s := natstest.RunServer(t)
	dir := filepath.Join("..", "..", "glossaries")
	c := replica(t, s, map[string]string{"GLOSSARY_DIR": dir})
	info, err := c.Get(ctx(t), api.GlossaryGetRequest{ID: "parley-product"})
	if err != nil || info.Version != 1 || info.UpdatedBy != glossary.SyncAuthor {
		t.Fatalf("synced glossary = %+v %v", info, err)
	}
	// A second replica starting on the same store syncs nothing new.
	c2 := replica(t, s, map[string]string{"GLOSSARY_DIR": dir})
	vs, err := c2.Versions(ctx(t), api.GlossaryVersionsRequest{ID: "parley-product"})
	if err != nil || len(vs.Versions) != 1 {
		t.Fatalf("versions after a second start = %+v %v", vs, err)
	}

	// A change through one replica reaches the other (KV watch).
	text := "Open the thread"
	if _, err := c.PutEntry(ctx(t), api.GlossaryEntryPutRequest{ID: "parley-product", Author: "ana",
		Entry: api.GlossaryEntry{ID: "thread-x", Terms: []api.GlossaryTerm{{Language: "en", Text: "Open the thread"}, {Language: "es", Text: "Abre el hilo"}}}}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		// Ask every replica: requests are spread over the queue group.
		found := 0
		for range 6 {
			prep, err := c2.Prepare(ctx(t), api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es", Glossary: "parley-product"})
			if err != nil {
				t.Fatal(err)
			}
			if len(prep.Matches) == 1 && prep.Matches[0].Target == "Abre el hilo" && prep.Glossaries[0].Version == 2 {
				found++
			}
		}
		if found == 6 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the change did not reach every replica")
		}
		time.Sleep(5 * time.Millisecond)
	}

	diff, err := c.Diff(ctx(t), api.GlossaryDiffRequest{ID: "parley-product", From: 1})
	if err != nil || diff.AddedCount != 1 || diff.To != 2 {
		t.Fatalf("diff = %+v %v", diff, err)
	}
	rb, err := c.Rollback(ctx(t), api.GlossaryRollbackRequest{ID: "parley-product", Author: "ana", Version: 1})
	if err != nil || rb.Change.Version != 3 {
		t.Fatalf("rollback = %+v %v", rb, err)
	}
	_, err = c.Create(ctx(t), api.GlossaryCreateRequest{Author: "ana", Glossary: api.Glossary{ID: "parley-product"}})
	if api.ErrorCode(err) != api.CodeConflict {
		t.Errorf("create over an existing glossary: %v", err)
	}
}

// Files larger than one NATS message travel through the transfer bucket.
func TestLargeImportAndExport(t *testing.T) {
	s := natstest.RunServer(t)
	c := replica(t, s, map[string]string{"GLOSSARY_SYNC": "false"})
	var b strings.Builder
	b.WriteString("en,es,note\n")
	for i := range 6000 {
		fmt.Fprintf(&b, "term %d,término %d,%s\n", i, i, strings.Repeat("n", 40))
	}
	data := []byte(b.String())
	if len(data) <= api.MaxInlineTransferBytes {
		t.Fatalf("test file of %d bytes is not large", len(data))
	}
	rep, err := c.Import(ctx(t), api.GlossaryImportRequest{ID: "big", Author: "ci", Format: "csv"}, data)
	if err != nil || rep.Entries != 6000 || rep.Change == nil {
		t.Fatalf("import = %+v %v", rep, err)
	}
	exp, err := c.Export(ctx(t), api.GlossaryExportRequest{ID: "big", Format: "csv"})
	if err != nil || !bytes.Equal(exp.Data, data) {
		t.Fatalf("export: %d bytes, %v", len(exp.Data), err)
	}
}

func TestMemoryStore(t *testing.T) {
	c := start(t, map[string]string{"GLOSSARY_STORE": "memory", "GLOSSARY_DIR": filepath.Join("..", "..", "glossaries")})
	list, err := c.List(ctx(t))
	if err != nil || len(list.Glossaries) != 3 {
		t.Fatalf("list = %+v %v", list, err)
	}
}

// TestStartStoreErrors: the error of a JetStream store that does not open
// names its cause. A file store the other streams' bounds reserve (a
// store made smaller since they were created) is not a NATS server
// without JetStream: advising GLOSSARY_STORE=memory there misled.
func TestStartStoreErrors(t *testing.T) {
	tests := []struct {
		name        string
		server      func(t *testing.T) *server.Server
		want, avoid string
	}{
		{"no JetStream", func(t *testing.T) *server.Server {
			s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true})
			if err != nil {
				t.Fatal(err)
			}
			go s.Start()
			if !s.ReadyForConnections(5 * time.Second) {
				t.Fatal("nats-server not ready")
			}
			t.Cleanup(s.Shutdown)
			return s
		}, "GLOSSARY_STORE=memory", "no room"},
		{"file store reserved by other streams", func(t *testing.T) *server.Server {
			dir := t.TempDir()
			embed := func(maxStore int64) *server.Server {
				s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Host: "127.0.0.1", Port: -1, StoreDir: dir, MaxFileStore: maxStore})
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			s := embed(40 << 20)
			js, err := jetstream.New(natstest.Conn(t, s))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := js.CreateStream(t.Context(), jetstream.StreamConfig{Name: "BIG", Subjects: []string{"big"}, MaxBytes: 38 << 20}); err != nil {
				t.Fatal(err)
			}
			s.Shutdown()
			s.WaitForShutdown()
			s = embed(4 << 20) // restarted on a smaller store
			t.Cleanup(s.Shutdown)
			return s
		}, "raise max_file_store (PARLEY_JS_MAX_FILE_STORE", "GLOSSARY_STORE=memory"},
		// Replicas one node cannot hold: the setting is the fix, not a
		// store that loses history.
		{"three replicas on one node", func(t *testing.T) *server.Server {
			return natstest.RunServer(t)
		}, "PARLEY_JS_REPLICAS=3 needs a NATS cluster of at least 3 nodes", "GLOSSARY_STORE=memory"},
		{"three glossary replicas on one node", func(t *testing.T) *server.Server {
			return natstest.RunServer(t)
		}, "GLOSSARY_REPLICAS=3 needs a NATS cluster", "GLOSSARY_STORE=memory"},
	}
	envs := map[string]map[string]string{
		"three replicas on one node":          {"PARLEY_JS_REPLICAS": "3"},
		"three glossary replicas on one node": {"GLOSSARY_REPLICAS": "3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.server(t)
			ctx, cancel := context.WithTimeout(t.Context(), 40*time.Second)
			defer cancel()
			env := map[string]string{"GLOSSARY_SYNC": "false"}
			for k, v := range envs[tc.name] {
				env[k] = v
			}
			stop, err := glossary.Start(ctx, svcmain.Deps{
				NC: natstest.Conn(t, s), Env: config.NewReader(config.Map(env)),
			})
			if err == nil {
				_ = stop()
				t.Fatal("Start succeeded")
			}
			if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.Contains(msg, tc.avoid) {
				t.Errorf("error %q: want %q, not %q", msg, tc.want, tc.avoid)
			}
		})
	}
}
