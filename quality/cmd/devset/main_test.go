package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/quality"
	"github.com/parley-chat/parley/quality/gettext"
)

// writeCatalog lays out <dir>/<lang>/LC_MESSAGES/<domain>.mo.
func writeCatalog(t *testing.T, dir, lang, domain string, msgs []gettext.Message) {
	t.Helper()
	p := filepath.Join(dir, lang, "LC_MESSAGES", domain+".mo")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, gettext.Encode("Content-Type: text/plain; charset=UTF-8\n", msgs), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	writeCatalog(t, dir, "es", "demo", []gettext.Message{
		{ID: "cannot open the file for reading", Translations: []string{"no se puede abrir el fichero para leer"}},
		{ID: "the operation was cancelled by the user", Translations: []string{"el usuario canceló la operación"}},
	})
	writeCatalog(t, dir, "pt_BR", "demo", []gettext.Message{
		{ID: "cannot open the file for reading", Translations: []string{"não é possível abrir o arquivo para leitura"}},
	})
	out := filepath.Join(dir, "out", "dev.jsonl")
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"-locales", dir, "-domains", "demo,absent", "-targets", "es,pt-BR,fr", "-o", out}, &bytes.Buffer{}, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	set, err := quality.LoadTestSet(out)
	if err != nil {
		t.Fatal(err)
	}
	info := set.Info("", nil)
	if info.Pairs["en-es"] != 2 || info.Pairs["en-pt-BR"] != 1 || len(info.Pairs) != 2 {
		t.Errorf("pairs %v", info.Pairs)
	}
	if !strings.Contains(stderr.String(), "skip fr/demo: no catalog") {
		t.Errorf("stderr does not report the missing catalog:\n%s", stderr.String())
	}

	if err := run(context.Background(), []string{"-locales", t.TempDir()}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error("no catalogs: want an error")
	}
	if err := run(context.Background(), []string{"-targets", "not a tag!"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error("bad language: want an error")
	}
}

// TestHelpExitsZero: `devset -h` (docs/evaluation.md tells users to run
// it) prints the flags and exits 0; a bad flag exits 2.
func TestHelpExitsZero(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-h"}, 0, "-per-pair"},
		{[]string{"-help"}, 0, "-per-pair"},
		{[]string{"--bogus"}, 2, "flag provided but not defined"},
	} {
		var out, errOut bytes.Buffer
		code := exitStatus(run(context.Background(), tt.args, &out, &errOut), &errOut)
		if code != tt.code || !strings.Contains(errOut.String(), tt.want) || strings.Contains(errOut.String(), "help requested") {
			t.Errorf("%v: exit %d, want %d; stderr %q", tt.args, code, tt.code, errOut.String())
		}
	}
}
