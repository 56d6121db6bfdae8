package apertium

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestModeLanguages(t *testing.T) {
	tests := []struct {
		mode, source, target string
		ok                   bool
	}{
		{"eng-spa", "en", "es", true},
		{"spa-eng", "es", "en", true},
		{"eng-cat", "en", "ca", true},
		{"cat-eng", "ca", "en", true},
		{"fr-es", "fr", "es", true},
		{"es-fr", "es", "fr", true},
		{"es-pt", "es", "pt", true},
		{"pt-es", "pt", "es", true},
		{"es-pt_BR", "es", "pt-BR", true},
		{"spa-eng_US", "es", "en-US", true},
		{"oci-cat", "oc", "ca", true},
		{"eng-cat_valencia", "", "", false},
		{"eng-cat_valencia_uni", "", "", false},
		{"eng-cat_iec2017", "", "", false},
		{"cat_valencia-eng", "", "", false},
		{"eco-es-fr", "", "", false},
		{"eng", "", "", false},
		{"eng-eng", "", "", false},
		{"xx1-spa", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			src, tgt, ok := modeLanguages(tt.mode)
			if src != tt.source || tgt != tt.target || ok != tt.ok {
				t.Errorf("modeLanguages(%q) = %q, %q, %v; want %q, %q, %v", tt.mode, src, tgt, ok, tt.source, tt.target, tt.ok)
			}
		})
	}
}

func TestRequestLanguages(t *testing.T) {
	tests := []struct {
		source, target        string
		src, tgt, tgtRegional string
		ok                    bool
	}{
		{"en", "es", "en", "es", "", true},
		{"en-GB", "es-419", "en", "es", "es-419", true},
		{"es", "pt-BR", "es", "pt", "pt-BR", true},
		{"es", "pt_BR", "es", "pt", "pt-BR", true},
		{"spa", "eng", "es", "en", "", true},
		{"es", "en-US", "es", "en", "en-US", true},
		{"not a tag", "es", "", "", "", false},
		{"en", "", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.source+">"+tt.target, func(t *testing.T) {
			src, tgt, reg, ok := requestLanguages(tt.source, tt.target)
			if src != tt.src || tgt != tt.tgt || reg != tt.tgtRegional || ok != tt.ok {
				t.Errorf("requestLanguages(%q, %q) = %q, %q, %q, %v; want %q, %q, %q, %v",
					tt.source, tt.target, src, tgt, reg, ok, tt.src, tt.tgt, tt.tgtRegional, tt.ok)
			}
		})
	}
}

func TestParsePipeline(t *testing.T) {
	params := map[string]string{"1": "-g", "2": ""}
	tests := []struct {
		name string
		src  string
		want [][]string
		err  bool
	}{
		{
			name: "apertium mode",
			src:  "lt-proc '/d/eng-spa.automorf.bin' | apertium-tagger -g $2 '/d/eng-spa.prob' | lt-proc $1 '/d/eng-spa.autogen.bin'\n",
			want: [][]string{
				{"lt-proc", "/d/eng-spa.automorf.bin"},
				{"apertium-tagger", "-g", "/d/eng-spa.prob"},
				{"lt-proc", "-g", "/d/eng-spa.autogen.bin"},
			},
		},
		{name: "double quotes and spaces", src: `cg-proc -w "/my dir/x.bin"|lt-proc -b /d/y.bin`, want: [][]string{{"cg-proc", "-w", "/my dir/x.bin"}, {"lt-proc", "-b", "/d/y.bin"}}},
		{name: "empty quoted word kept", src: `prog '' x`, want: [][]string{{"prog", "", "x"}}},
		{name: "backslash escape", src: `prog a\ b`, want: [][]string{{"prog", "a b"}}},
		{name: "line continuation", src: "prog a \\\n | other", want: [][]string{{"prog", "a"}, {"other"}}},
		{name: "dollar in single quotes is literal", src: `prog '$1'`, want: [][]string{{"prog", "$1"}}},
		{name: "dollar in double quotes expands", src: `prog "$1"`, want: [][]string{{"prog", "-g"}}},
		{name: "redirection refused", src: `prog > out`, err: true},
		{name: "sequence refused", src: `prog; rm -rf x`, err: true},
		{name: "unknown parameter refused", src: `prog $3`, err: true},
		{name: "empty command refused", src: `prog || other`, err: true},
		{name: "unterminated quote refused", src: `prog 'x`, err: true},
		{name: "empty refused", src: "  \n", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parsePipeline(tt.src, params)
			if tt.err {
				if err == nil || !errors.Is(err, errShellSyntax) {
					t.Fatalf("parsePipeline(%q) = %q, %v; want a shell syntax error", tt.src, got, err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parsePipeline(%q) = %q, %v; want %q", tt.src, got, err, tt.want)
			}
		})
	}
}

func TestWithNullFlush(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"lt-proc", "-b", "x.bin"}, []string{"lt-proc", "-z", "-b", "x.bin"}},
		{[]string{"apertium-pretransfer"}, []string{"apertium-pretransfer", "-z"}},
		{[]string{"lt-proc", "-z", "x.bin"}, []string{"lt-proc", "-z", "x.bin"}},
	}
	for _, tt := range tests {
		if got := withNullFlush(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("withNullFlush(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// writeModes creates a modes directory with the given files.
func writeModes(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestNewDiscoversModes(t *testing.T) {
	// "cat" stands in for the Apertium programs: discovery only needs them
	// on PATH, and nothing is started until a request comes.
	dir := writeModes(t, map[string]string{
		"eng-spa.mode":          "cat '/x' | cat $1",
		"spa-eng.mode":          "cat",
		"es-pt_BR.mode":         "cat",
		"eng-cat_valencia.mode": "cat",
		"eco-es-fr.mode":        "cat",
		"fr-es.mode":            "no-such-apertium-program /x",
		"cat-eng.mode":          "cat > /tmp/x",
		"README":                "not a mode",
	})
	e, err := New(Config{ModesDir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if got, want := e.Modes(), []string{"eng-spa", "es-pt_BR", "spa-eng"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Modes() = %q, want %q", got, want)
	}
	supports := []struct {
		source, target string
		want           bool
	}{
		{"en", "es", true},
		{"en-GB", "es-MX", true},
		{"es", "en", true},
		{"es", "pt-BR", true},
		{"es", "pt", false},   // a plain target never picks a regional mode
		{"en", "pt-BR", true}, // through es (eng-spa, es-pt_BR)
		{"en", "ca", false},
		{"fr", "es", false},
		{"xx", "es", false},
		// A change of script is no pair of Apertium's, nor is a round
		// trip through a pivot (es → en → es).
		{"es", "es", false},
		{"zh-Hans", "zh-Hant", false},
		{"sr-Cyrl", "sr-Latn", false},
	}
	for _, s := range supports {
		if got := e.Supports(s.source, s.target); got != s.want {
			t.Errorf("Supports(%q, %q) = %v, want %v", s.source, s.target, got, s.want)
		}
	}
	info := e.Info(t.Context())
	wantPairs := []api.LanguagePair{{Source: "en", Target: "es"}, {Source: "en", Target: "pt-BR", Via: "es"}, {Source: "es", Target: "en"}, {Source: "es", Target: "pt-BR"}}
	if info.Name != "apertium" || !info.Available || !reflect.DeepEqual(info.Pairs, wantPairs) {
		t.Errorf("Info() = %+v, want pairs %v", info, wantPairs)
	}
	// The word-bound blank programs go after the analyser and before the
	// generator (the command with $1), where apertium-wblank-mode puts
	// them, when they are installed.
	want := [][]string{{"cat", "-z", "/x"}, {"cat", "-z", "-g"}}
	_, errAttach := exec.LookPath(wblankAttach)
	_, errDetach := exec.LookPath(wblankDetach)
	wordBound := errAttach == nil && errDetach == nil
	if wordBound {
		want = [][]string{{"cat", "-z", "/x"}, {wblankAttach, "-z"}, {wblankDetach, "-z"}, {"cat", "-z", "-g"}}
	}
	if m, _ := e.resolve("en", "es"); !reflect.DeepEqual(m.commands, want) || m.wordBound != wordBound {
		t.Errorf("eng-spa commands = %q, word-bound %v; want %q, %v", m.commands, m.wordBound, want, wordBound)
	}
	// Without a generator there is nowhere to close word-bound blanks.
	if m, _ := e.resolve("es", "en"); m.wordBound || len(m.commands) != 1 {
		t.Errorf("spa-eng commands = %q, word-bound %v; want one command, none", m.commands, m.wordBound)
	}
}

func TestNewErrors(t *testing.T) {
	dir := writeModes(t, map[string]string{
		"eng-spa.mode":          "cat",
		"fr-es.mode":            "no-such-apertium-program /x",
		"eng-cat_valencia.mode": "cat",
	})
	empty := t.TempDir()
	tests := []struct {
		name         string
		cfg          Config
		notInstalled bool
	}{
		{"missing directory", Config{ModesDir: filepath.Join(empty, "nope")}, true},
		{"no modes", Config{ModesDir: empty}, true},
		{"requested mode absent", Config{ModesDir: dir, Pairs: []string{"eng-spa", "deu-eng"}}, true},
		{"requested mode's programs absent", Config{ModesDir: dir, Pairs: []string{"fr-es"}}, true},
		{"requested mode not servable", Config{ModesDir: dir, Pairs: []string{"eng-cat_valencia"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := New(tt.cfg, nil)
			if err == nil {
				e.Close()
				t.Fatal("New succeeded, want an error")
			}
			if got := errors.Is(err, ErrNotInstalled); got != tt.notInstalled {
				t.Errorf("errors.Is(%v, ErrNotInstalled) = %v, want %v", err, got, tt.notInstalled)
			}
		})
	}
	e, err := New(Config{ModesDir: dir, Pairs: []string{"eng-spa"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if got := strings.Join(e.Modes(), ","); got != "eng-spa" {
		t.Errorf("Modes() = %s, want eng-spa", got)
	}
}
