package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

const testKey = "lena-key-0123456789"

// server runs the glossary service and the gateway; it returns the URL.
func server(t *testing.T) string {
	t.Helper()
	s := natstest.RunServer(t)
	stop, err := glossary.Start(context.Background(), svcmain.Deps{
		NC:  natstest.Conn(t, s),
		Env: config.NewReader(config.Map(map[string]string{"GLOSSARY_SYNC": "false"})),
		Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	keys, _ := gateway.ParseKeys("lena:localization:" + testKey)
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Keys: keys, Timeout: 20 * time.Second}, natstest.Conn(t, s), reg, reg, slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

// run runs `parley glossary args...` and returns its status and output.
func run(t *testing.T, url, key string, args ...string) (int, string) {
	t.Helper()
	env := map[string]string{"PARLEY_URL": url, "PARLEY_API_KEY": key}
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := runGlossary(ctx, args, func(k string) string { return env[k] }, &out, &errOut)
	return code, out.String() + errOut.String()
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGlossaryCLI(t *testing.T) {
	url := server(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"product.csv": "en,es,de,dnt,note\nParley,Parley,Parley,true,Product name\nthread,hilo,Thread,,\n",
		"replies.tsv": "sign in\tiniciar sesión\npassword\tcontraseña\nlog in\tiniciar sesión\n",
		"replies.json": `{"name": "Replies", "mode": "one-way", "source": "en", "target": "es",
			"scope": {"kind": "tenant", "tenant": "acme"}, "priority": 3}`,
	})

	if code, out := run(t, url, testKey, "validate", dir); code != 0 || !strings.Contains(out, "product.csv: ok (2 entries") {
		t.Fatalf("validate: %d\n%s", code, out)
	}
	if code, out := run(t, url, "", "push", dir); code != 2 || !strings.Contains(out, "unauthorized") {
		t.Fatalf("push without a key: %d\n%s", code, out)
	}
	if code, out := run(t, url, testKey, "diff", dir); code != 1 || !strings.Contains(out, "product: new glossary (2 entries)") {
		t.Fatalf("diff before push: %d\n%s", code, out)
	}
	// Flags may follow the paths.
	if code, out := run(t, url, testKey, "push", dir, "--dry-run"); code != 0 || !strings.Contains(out, "product: would create it; would change entries: +2 ~0 -0") {
		t.Fatalf("dry-run push: %d\n%s", code, out)
	}
	code, out := run(t, url, testKey, "push", "--message", "first push", dir)
	if code != 0 || !strings.Contains(out, "product: version 2") || !strings.Contains(out, "replies: version 2") {
		t.Fatalf("push: %d\n%s", code, out)
	}
	if code, out := run(t, url, testKey, "push", dir); code != 0 || strings.Count(out, "up to date") != 2 {
		t.Fatalf("second push: %d\n%s", code, out)
	}
	// A dry run with nothing to push says so (not "would change: unchanged").
	if code, out := run(t, url, testKey, "push", dir, "--dry-run"); code != 0 || strings.Count(out, "up to date, nothing would change") != 2 || strings.Contains(out, "unchanged") {
		t.Fatalf("dry-run push when up to date: %d\n%s", code, out)
	}
	if code, out := run(t, url, testKey, "diff", dir); code != 0 || strings.Count(out, "up to date") != 2 {
		t.Fatalf("diff after push: %d\n%s", code, out)
	}

	// An edit shows in diff, then push makes a version of it.
	writeFiles(t, dir, map[string]string{"product.csv": "en,es,de,dnt,note\nParley,Parley,Parley,true,Product name\nthread,hebra,Thread,,\nchannel,canal,Kanal,,\n"})
	code, out = run(t, url, testKey, "diff", filepath.Join(dir, "product.csv"))
	if code != 1 || !strings.Contains(out, "+1 ~1 -0") || !strings.Contains(out, "es=hebra") {
		t.Fatalf("diff after an edit: %d\n%s", code, out)
	}
	if code, out := run(t, url, testKey, "push", dir); code != 0 || !strings.Contains(out, "product: version 3 (+1 ~1 -0)") {
		t.Fatalf("push of the edit: %d\n%s", code, out)
	}

	// Pull into an empty folder, then that folder is up to date.
	pulled := t.TempDir()
	if code, out := run(t, url, testKey, "pull", "--dir", pulled); code != 0 || !strings.Contains(out, "replies: version 2") {
		t.Fatalf("pull: %d\n%s", code, out)
	}
	settings, err := os.ReadFile(filepath.Join(pulled, "replies.json"))
	if err != nil || !strings.Contains(string(settings), `"one-way"`) || !strings.Contains(string(settings), `"acme"`) {
		t.Fatalf("pulled settings: %s %v", settings, err)
	}
	if _, err := os.Stat(filepath.Join(pulled, "product.json")); !os.IsNotExist(err) {
		t.Errorf("settings written for a glossary with default settings: %v", err)
	}
	if code, out := run(t, url, testKey, "diff", pulled); code != 0 {
		t.Fatalf("diff of the pulled folder: %d\n%s", code, out)
	}
	// Pulling into the git folder keeps each file's format.
	if code, out := run(t, url, testKey, "pull", "replies", "--dir", dir); code != 0 {
		t.Fatalf("pull one: %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "replies.tsv")); err != nil {
		t.Errorf("pull changed the format: %v", err)
	}
	if code, out := run(t, url, testKey, "validate", "--remote", dir); code != 0 || !strings.Contains(out, "server: valid=true, unchanged") {
		t.Fatalf("validate --remote: %d\n%s", code, out)
	}
	// A glossary the server does not have is a problem found (1), not a
	// usage or connection error (2); nothing is written for it.
	empty := t.TempDir()
	if code, out := run(t, url, testKey, "pull", "--dir", empty, "nosuch"); code != 1 || !strings.Contains(out, "nosuch: no such glossary") {
		t.Errorf("pull of a missing glossary: %d\n%s", code, out)
	}
	if des, _ := os.ReadDir(empty); len(des) != 0 {
		t.Errorf("pull of a missing glossary wrote %v", des)
	}
	if code, out := run(t, "http://127.0.0.1:1", testKey, "pull", "--dir", empty, "replies"); code != 2 {
		t.Errorf("pull from an unreachable server: %d\n%s", code, out)
	}
	// A dry run names the settings it would change.
	writeFiles(t, pulled, map[string]string{"replies.json": strings.Replace(string(settings), `"priority": 3`, `"priority": 4`, 1)})
	if code, out := run(t, url, testKey, "push", "--dry-run", pulled); code != 0 || !strings.Contains(out, `replies: would set priority "3" → "4"`) || !strings.Contains(out, "product: up to date, nothing would change") {
		t.Errorf("dry run of a settings change: %d\n%s", code, out)
	}
}

func TestGlossaryCLIProblems(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"bad.csv": "en,es\nthread,hilo\nThread,hebra\n"})
	code, out := run(t, "http://127.0.0.1:1", testKey, "validate", dir)
	if code != 1 || !strings.Contains(out, "bad.csv:3: error: conflict:") {
		t.Fatalf("validate of a bad file: %d\n%s", code, out)
	}
	if code, out := run(t, "http://127.0.0.1:1", testKey, "push", dir); code != 1 || !strings.Contains(out, "nothing pushed") {
		t.Fatalf("push of a bad file: %d\n%s", code, out)
	}
	if code, _ := run(t, "", "", "frobnicate"); code != 2 {
		t.Errorf("unknown command: %d", code)
	}
	if code, _ := run(t, "", ""); code != 2 {
		t.Errorf("no command: %d", code)
	}
	if code, out := run(t, "http://127.0.0.1:1", testKey, "diff", filepath.Join(dir, "missing.csv")); code != 2 || !strings.Contains(out, "no such file") {
		t.Errorf("missing file: %d %s", code, out)
	}
}
