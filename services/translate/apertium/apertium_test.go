package apertium

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
)

const skipMessage = "Apertium is not installed (apt-get install apertium apertium-eng-spa apertium-eng-cat apertium-fr-es apertium-es-pt); skipping tests that run the real engine"

// newEngine starts an engine on the system's modes, skipping the test when
// Apertium or one of the wanted modes is missing.
// testTimeout replaces the 5 s production default in tests: a cold start of
// many pipelines at once on a loaded 2-core CI machine can take longer, and
// the tests about timeouts set their own short ones.
const testTimeout = 2 * time.Minute

func newEngine(tb testing.TB, cfg Config, modes ...string) *Engine {
	tb.Helper()
	if !Available() {
		tb.Skip(skipMessage)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = testTimeout
	}
	e, err := New(cfg, nil)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	tb.Cleanup(func() { e.Close() })
	have := map[string]bool{}
	for _, m := range e.Modes() {
		have[m] = true
	}
	for _, m := range modes {
		if !have[m] {
			tb.Skipf("Apertium mode %s is not installed; skipping", m)
		}
	}
	return e
}

// checkFixThroughApertium translates text from source to target with e
// (the chat fixes on) and plain (off): want must be a whole word or
// phrase of e's translation and not of plain's, or the fix is no longer
// needed.
// It returns both translations for the caller's own checks.
func checkFixThroughApertium(t *testing.T, e, plain *Engine, source, target, text, want string) (got, before Translation) {
	t.Helper()
	got, before = translateBoth(t, e, plain, scannedRequest(text, source, target, ""))
	if !containsWord(got.Text, want) {
		t.Errorf("%s>%s %q = %q, want %q in it", source, target, text, got.Text, want)
	}
	if containsWord(before.Text, want) {
		t.Errorf("%s>%s %q without the fixes = %q: is the fix still needed?", source, target, text, before.Text)
	}
	return got, before
}

// translateBoth translates req with e (the chat fixes on) and plain
// (off).
func translateBoth(t *testing.T, e, plain *Engine, req backend.Request) (got, before Translation) {
	t.Helper()
	got, err := e.TranslateDetail(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	before, err = plain.TranslateDetail(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	return got, before
}

// cli runs the reference command line, "apertium [args] mode", on text.
func cli(tb testing.TB, text string, args ...string) string {
	tb.Helper()
	cmd := exec.Command("apertium", args...)
	cmd.Stdin = strings.NewReader(text)
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("apertium %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// cliCache remembers reference outputs: several tests ask for the same
// ones, and each costs a dozen process starts.
var cliCache sync.Map

// cachedCLI is cli with memory.
func cachedCLI(tb testing.TB, text string, args ...string) string {
	tb.Helper()
	key := strings.Join(args, " ") + "\x00" + text
	if out, ok := cliCache.Load(key); ok {
		return out.(string)
	}
	out := cli(tb, text, args...)
	cliCache.Store(key, out)
	return out
}

// expected is what the engine must return for text: the output of
// "apertium -u mode" (no unknown-word marks), with the tidying that the
// engine documents (tidyCLI), the capitals it lowers (innerCapitals) and
// what it writes for chat last (writeForChat).
func expected(tb testing.TB, mode, text string) string {
	tb.Helper()
	source, target, ok := modeLanguages(mode)
	if !ok {
		tb.Fatalf("expected: mode %s names no languages", mode)
	}
	out := innerCapitals(text, tidyCLI(text, fixedCLI(tb, mode, text)), source, target)
	return writeForChat(backend.Request{Text: text, Source: source, Target: target}, out)
}

// fixedCLI is "apertium -u mode" on text with the engine's chat fixes: the
// chat spellings of the mode's source written out (chatwords.go), and the
// mode file run with the tagger's fixes in its pipeline (fixes.go), from
// a copy of the modes directory (fixedModes).
func fixedCLI(tb testing.TB, mode, text string) string {
	tb.Helper()
	source, target, _ := modeLanguages(mode)
	marked, unmark := phrasePlaceholders(text, source, target)
	return lowerAfterFixes(unmark(cachedCLI(tb, writtenOut(marked, source), "-d", fixedModes(tb), "-u", mode)))
}

// lowerAfterFixes does for the command line's output what rebuild does
// with a superblank of the tagger's fixes that carries lowerRune (phrase):
// the command line writes the superblank's content, the mark included,
// and the word after it keeps the capital the mode gave it. The content
// is one of the fixes' texts, the longest that follows the mark.
func lowerAfterFixes(out string) string {
	var texts []string
	for _, f := range tagFixes {
		for _, s := range f.subs {
			if _, rest, ok := strings.Cut(s, "["+lowerMark); ok {
				text, _, _ := strings.Cut(rest, "]")
				texts = append(texts, text)
			}
		}
	}
	slices.SortFunc(texts, func(a, b string) int { return len(b) - len(a) })
	var b strings.Builder
	for {
		i := strings.Index(out, lowerMark)
		if i < 0 {
			b.WriteString(out)
			return strings.ReplaceAll(b.String(), fixMark, "")
		}
		b.WriteString(out[:i])
		out = out[i+len(lowerMark):]
		for _, t := range texts {
			if rest, ok := strings.CutPrefix(out, t); ok {
				b.WriteString(t)
				sp := len(rest) - len(strings.TrimLeft(rest, " "))
				b.WriteString(rest[:sp])
				rest = rest[sp:]
				end := strings.IndexAny(rest, " \n")
				if end < 0 {
					end = len(rest)
				}
				out = lowerAt(rest[:end], 0) + rest[end:]
				break
			}
		}
	}
}

// phrasePlaceholders models the set phrases (phrases.go) for the command
// line, which cannot take the superblanks the engine hands the modes:
// each goes in as a placeholder, an unknown word every mode copies
// through, and unmark puts its rendering in its place in the output.
func phrasePlaceholders(text, source, target string) (marked string, unmark func(string) string) {
	var (
		b           strings.Builder
		at          int
		marks, subs []string
	)
	for _, sp := range phrases.withPhrases(text, nil, source, target) {
		mark := fmt.Sprintf("zqphrase%c", 'a'+len(marks))
		b.WriteString(text[at:sp.start])
		b.WriteString(mark)
		marks, subs = append(marks, mark), append(subs, sp.text)
		at = sp.end
	}
	b.WriteString(text[at:])
	return b.String(), func(out string) string {
		for i, mark := range marks {
			out = regexp.MustCompile("(?i)"+mark).ReplaceAllLiteralString(out, subs[i])
		}
		return out
	}
}

// writtenOut is text with the chat spellings of source written out, as
// the engine hands it to the first mode.
func writtenOut(text, source string) string {
	stream, _ := encodeWords(text, nil, nil, chatWordsFor(source))
	out, _ := reformat(stream)
	return out
}

var fixedModesDir = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "parley-apertium-modes-")
	if err != nil {
		return "", err
	}
	if err := os.Mkdir(filepath.Join(dir, "modes"), 0o755); err != nil {
		return "", err
	}
	paths, err := filepath.Glob(filepath.Join(DefaultModesDir, "*.mode"))
	if err != nil {
		return "", err
	}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		name := strings.TrimSuffix(filepath.Base(path), ".mode")
		text := string(src)
		if source, target, ok := modeLanguages(name); ok {
			text = withFixesShell(text, source, target)
		}
		if err := os.WriteFile(filepath.Join(dir, "modes", filepath.Base(path)), []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
})

// fixedModes returns a data directory for "apertium -d" whose modes are
// the system's with the tagger's fixes (fixes.go) in their pipelines. It
// is made once per test binary and left in the temporary directory.
func fixedModes(tb testing.TB) string {
	tb.Helper()
	dir, err := fixedModesDir()
	if err != nil {
		tb.Fatalf("fixed modes: %v", err)
	}
	return dir
}

// withFixesShell inserts fixArgs, shell-quoted, after the tagger of the
// pipeline src (a mode file's text).
func withFixesShell(src, source, target string) string {
	args := fixArgs(source, target)
	if args == nil {
		return src
	}
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	stages := strings.Split(src, "|")
	for i, st := range stages {
		if f := strings.Fields(st); len(f) > 0 && filepath.Base(f[0]) == tagger {
			stages[i] = st + " | " + strings.Join(quoted, " ") + " "
			break
		}
	}
	return strings.Join(stages, "|")
}

// blankRuns are runs of horizontal blanks in command-line output.
var blankRuns = regexp.MustCompile("[ \t\u00a0]{2,}")

// tidyCLI applies to the command line's output for input what the engine
// does besides translating: tidyEdges, tidyBeforeClosers, one blank where a dropped word
// left two (the engine tells them from the input's own runs by their
// superblanks; here an input with runs of its own keeps every run), and
// the input's initial capital back.
func tidyCLI(input, out string) string {
	out = tidyBeforeClosers(input, tidyEdges(input, out))
	if !blankRuns.MatchString(input) {
		out = blankRuns.ReplaceAllStringFunc(out, func(run string) string {
			r, _ := utf8.DecodeRuneInString(run)
			return string(r)
		})
	}
	in := strings.IndexFunc(input, unicode.IsLetter)
	o := strings.IndexFunc(out, unicode.IsLetter)
	if in >= 0 && o >= 0 {
		if r, _ := utf8.DecodeRuneInString(input[in:]); unicode.IsUpper(r) {
			out = titleAt(out, o)
		}
	}
	return out
}

// markedWords counts the words that "apertium mode" marks as unknown.
func markedWords(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if strings.ContainsAny(w[:1], "*#@") {
			n++
		}
	}
	return n
}

type pairCase struct {
	mode, source, target, text string
}

// referenceCases cover the five installed packages, several sentences each,
// unknown words and multi-line text.
var referenceCases = []pairCase{
	{"eng-spa", "en", "es", "Hello, how are you?"},
	{"eng-spa", "en", "es", "The cat sat on the mat with the dog."},
	{"eng-spa", "en", "es", "I live in a small house near the river, and I walk to work every morning."},
	{"eng-spa", "en", "es", "Xyzzy plonk the house. He has a zorblax."},
	{"eng-spa", "en", "es", "I live in the house.\n\nWe are happy.\nThe cat is black.\n"},
	{"spa-eng", "es", "en", "Hola, ¿cómo estás?"},
	{"spa-eng", "es", "en", "Me gusta mucho leer libros en la biblioteca."},
	{"spa-eng", "es", "en", "El tren sale a las ocho de la mañana.\nLlegamos tarde."},
	{"eng-cat", "en", "ca", "The dog is big."},
	{"eng-cat", "en", "ca", "We will meet at the station tomorrow afternoon."},
	{"eng-cat", "en", "ca", "Good morning!\n\n\nSee you tomorrow"},
	{"fr-es", "fr", "es", "L'homme qui parle est mon ami."},
	{"fr-es", "fr", "es", "Nous allons à la plage demain. Il fait beau."},
	{"es-pt", "es", "pt", "Hola, ¿cómo estás? Me llamo Juan y vivo en Madrid."},
	{"es-pt", "es", "pt", "Los niños juegan en el parque.\n\nLa casa es blanca."},
	{"es-pt_BR", "es", "pt-BR", "Hola, ¿cómo estás? Me llamo Juan y vivo en Madrid."},
}

func TestTranslateMatchesCLI(t *testing.T) {
	e := newEngine(t, Config{})
	have := map[string]bool{}
	for _, m := range e.Modes() {
		have[m] = true
	}
	for _, c := range referenceCases {
		t.Run(c.mode+"/"+c.text, func(t *testing.T) {
			if !have[c.mode] {
				t.Skipf("Apertium mode %s is not installed; skipping", c.mode)
			}
			if !e.Supports(c.source, c.target) {
				t.Fatalf("Supports(%s, %s) = false", c.source, c.target)
			}
			got, err := e.TranslateDetail(t.Context(), backend.Request{Text: c.text, Source: c.source, Target: c.target})
			if err != nil {
				t.Fatal(err)
			}
			if want := expected(t, c.mode, c.text); got.Text != want {
				t.Errorf("Translate(%q)\n got %q\nwant %q (apertium -u %s)", c.text, got.Text, want, c.mode)
			}
			if got.Mode != c.mode {
				t.Errorf("Mode = %q, want %q", got.Mode, c.mode)
			}
			if want := markedWords(cachedCLI(t, c.text, c.mode)); got.UnknownWords != want {
				t.Errorf("UnknownWords = %d, want %d (marks in apertium %s output)", got.UnknownWords, want, c.mode)
			}
		})
	}
}

func TestTranslateBackend(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa")
	var b backend.Backend = e
	if b.Name() != "apertium" {
		t.Errorf("Name() = %q", b.Name())
	}
	res, err := b.Translate(t.Context(), backend.Request{Text: "Xyzzy plonk the house.", Source: "en", Target: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Model != "eng-spa" || strings.ContainsAny(res.Text, "*#@") || !strings.Contains(res.Text, "casa") {
		t.Errorf("Translate = %+v; want eng-spa, marks stripped, 'casa'", res)
	}
	info := b.Info(t.Context())
	if !info.Available || info.Name != "apertium" {
		t.Errorf("Info() = %+v", info)
	}
	found := false
	for _, p := range info.Pairs {
		found = found || p == api.LanguagePair{Source: "en", Target: "es"}
	}
	if !found {
		t.Errorf("Info().Pairs = %v, want en>es among them", info.Pairs)
	}
}

// TestTranslateKeepsSpace: the leading and trailing white space of a
// message (an indented Markdown code block, blank lines) comes back as
// written, as the LLM rungs give it back (llm.KeepSpace).
func TestTranslateKeepsSpace(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa")
	for _, text := range []string{"   good morning team   ", "    npm install parley\nrun this", "\n\nthe house\n\n"} {
		res, err := e.Translate(t.Context(), backend.Request{Text: text, Source: "en", Target: "es"})
		if err != nil {
			t.Fatal(err)
		}
		lead := text[:len(text)-len(strings.TrimLeftFunc(text, unicode.IsSpace))]
		trail := text[len(strings.TrimRightFunc(text, unicode.IsSpace)):]
		if !strings.HasPrefix(res.Text, lead) || !strings.HasSuffix(res.Text, trail) || strings.TrimSpace(res.Text) == "" {
			t.Errorf("Translate(%q) = %q: lost the source's leading or trailing space", text, res.Text)
		}
	}
}

func TestTranslateBadInput(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa")
	tests := []struct {
		name string
		req  backend.Request
		code api.Code
	}{
		{"empty", backend.Request{Text: "  \n", Source: "en", Target: "es"}, api.CodeEmptyText},
		{"invalid UTF-8", backend.Request{Text: "a\xffb", Source: "en", Target: "es"}, api.CodeInvalidUTF8},
		{"unsupported pair", backend.Request{Text: "Hallo", Source: "de", Target: "en"}, api.CodeUnsupportedLanguage},
		{"same language", backend.Request{Text: "Hello", Source: "en", Target: "en"}, api.CodeUnsupportedLanguage},
		{"bad tag", backend.Request{Text: "Hello", Source: "!!", Target: "es"}, api.CodeUnsupportedLanguage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Translate(t.Context(), tt.req)
			if code := api.ErrorCode(err); code != tt.code {
				t.Errorf("Translate error = %v (code %s), want code %s", err, code, tt.code)
			}
		})
	}
}

func TestSpecialCharactersRoundTrip(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "es-pt")
	tests := []struct {
		mode, source, target, text string
		verbatim                   []string
	}{
		{"eng-spa", "en", "es", `Prices: a^b $c [d] {e} /f @g <h> \i in the shop.`,
			[]string{"^b", "$c", "[d]", "{e}", "/f", "@g", "<h>", `\i`}},
		{"eng-spa", "en", "es", `The path is C:\Users\me and the regex is ^[a-z]+$ here.`,
			[]string{`C:\`, `\me`, `^[a-z]+$`}},
		{"es-pt", "es", "pt", `Escribe <b>hola</b> y {{nombre}} en la casa [ahora] \o/`,
			[]string{"<b>", "</b>", "{{", "}}", "[", "]", `\`, "/"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := e.TranslateDetail(t.Context(), backend.Request{Text: tt.text, Source: tt.source, Target: tt.target})
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range tt.verbatim {
				if !strings.Contains(got.Text, v) {
					t.Errorf("Translate(%q) = %q; lost %q", tt.text, got.Text, v)
				}
			}
			if want := expected(t, tt.mode, tt.text); got.Text != want {
				t.Errorf("Translate(%q)\n got %q\nwant %q (apertium -u %s)", tt.text, got.Text, want, tt.mode)
			}
		})
	}
	// '*', '#' and '~' are not stream syntax, but the command line loses
	// or confuses them ("#tag" comes back as "#*tag"); the engine keeps
	// them and still counts the unknown word.
	in := "Use #hashtag and *stars* and ~tilde~ in the house."
	got, err := e.TranslateDetail(t.Context(), backend.Request{Text: in, Source: "en", Target: "es"})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"#hashtag", "~tilde~", "casa"} {
		if !strings.Contains(got.Text, v) {
			t.Errorf("Translate(%q) = %q; lost %q", in, got.Text, v)
		}
	}
	if n := strings.Count(got.Text, "*"); n != 2 {
		t.Errorf("Translate(%q) = %q; want both asterisks", in, got.Text)
	}
	if got.UnknownWords < 1 {
		t.Errorf("UnknownWords = %d; want hashtag counted", got.UnknownWords)
	}
}

func TestProtectedTerms(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "eng-cat", "es-pt")
	tests := []struct {
		source, target, text string
		protect              []string
	}{
		{"en", "es", "Welcome to the Green House today.", []string{"Green House"}},
		{"en", "ca", "Open the Settings menu and choose Dark Mode.", []string{"Settings", "Dark Mode"}},
		{"en", "es", "Please send the Parley report to ops@example.com by Friday.", []string{"Parley", "ops@example.com"}},
		{"es", "pt", "El equipo de la casa blanca usa la casa blanca.", []string{"casa blanca"}},
		{"en", "es", `Run the [build] {step} and type C:\Users\*.txt in the box.`, []string{"[build] {step}", `C:\Users\*.txt`}},
		{"en", "es", "The Red Dog\nbarks at the Red Dog.", []string{"Red Dog"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			plain, err := e.Translate(t.Context(), backend.Request{Text: tt.text, Source: tt.source, Target: tt.target})
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.Translate(t.Context(), backend.Request{Text: tt.text, Source: tt.source, Target: tt.target, Protect: tt.protect})
			if err != nil {
				t.Fatal(err)
			}
			for _, term := range tt.protect {
				if want, n := strings.Count(tt.text, term), strings.Count(got.Text, term); n != want {
					t.Errorf("Translate(%q, protect %q) = %q; term appears %d times, want %d (unprotected: %q)",
						tt.text, term, got.Text, n, want, plain.Text)
				}
			}
		})
	}
	// The protection must be what keeps the term: unprotected, Apertium
	// translates it.
	plain, err := e.Translate(t.Context(), backend.Request{Text: "Welcome to the Green House today.", Source: "en", Target: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.Text, "Green House") {
		t.Errorf("unprotected translation %q kept the term; the test proves nothing", plain.Text)
	}
}

func TestConcurrentRequests(t *testing.T) {
	e := newEngine(t, Config{Procs: 2}, "eng-spa", "spa-eng", "es-pt")
	var cases []pairCase
	for _, c := range referenceCases {
		if c.mode == "eng-spa" || c.mode == "spa-eng" || c.mode == "es-pt" {
			cases = append(cases, c)
		}
	}
	want := make([]string, len(cases))
	for i, c := range cases {
		want[i] = expected(t, c.mode, c.text)
	}
	const workers, rounds = 8, 6
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				i := (w + r*workers) % len(cases)
				c := cases[i]
				got, err := e.Translate(t.Context(), backend.Request{Text: c.text, Source: c.source, Target: c.target})
				if err != nil {
					t.Errorf("worker %d: %v", w, err)
					return
				}
				if got.Text != want[i] {
					t.Errorf("worker %d: Translate(%q) = %q, want %q", w, c.text, got.Text, want[i])
				}
			}
		})
	}
	wg.Wait()
	e.mu.Lock()
	defer e.mu.Unlock()
	for name, p := range e.pools {
		if len(p.all) != 2 {
			t.Errorf("mode %s has %d pipelines, want 2", name, len(p.all))
		}
	}
}

// firstPipeline returns the first pipeline of mode, after a request has
// started it.
func firstPipeline(t *testing.T, e *Engine, mode string) *pipeline {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	p, ok := e.pools[mode]
	if !ok {
		t.Fatalf("no pool for %s", mode)
	}
	return p.all[0]
}

// mustTranslate translates text en>es and checks it against the command
// line.
func mustTranslate(t *testing.T, e *Engine, text string) {
	t.Helper()
	got, err := e.Translate(t.Context(), backend.Request{Text: text, Source: "en", Target: "es"})
	if err != nil {
		t.Fatalf("Translate(%q): %v", text, err)
	}
	if want := expected(t, "eng-spa", text); got.Text != want {
		t.Fatalf("Translate(%q) = %q, want %q", text, got.Text, want)
	}
}

// processGone reports whether pid no longer exists (it was reaped).
func processGone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// timeOut makes one request to e time out, by the caller's deadline or by
// Config.Timeout.
type timeOut func(t *testing.T, e *Engine) error

var timeOuts = []struct {
	name    string
	request timeOut
}{
	{"caller deadline", func(t *testing.T, e *Engine) error {
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		defer cancel()
		_, err := e.Translate(ctx, backend.Request{Text: "The cat is black.", Source: "en", Target: "es"})
		return err
	}},
	{"config timeout", func(t *testing.T, e *Engine) error {
		e.cfg.Timeout = 200 * time.Millisecond
		defer func() { e.cfg.Timeout = testTimeout }()
		_, err := e.Translate(t.Context(), backend.Request{Text: "The cat is black.", Source: "en", Target: "es"})
		return err
	}},
}

// stopProgram stops (SIGSTOP) a program in the middle of e's eng-spa
// pipeline, so that a request must time out however fast the machine is,
// and returns the pipeline's process ids.
func stopProgram(t *testing.T, e *Engine) (pl *pipeline, pids []int) {
	t.Helper()
	pl = firstPipeline(t, e, "eng-spa")
	pids = pl.pids()
	if err := syscall.Kill(pids[len(pids)/2], syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	return pl, pids
}

func TestTimeoutRestartsPipeline(t *testing.T) {
	drains := []struct {
		name  string
		drain time.Duration
	}{
		{"at once", -1},
		{"after the drain timeout", 300 * time.Millisecond},
	}
	for _, tt := range timeOuts {
		for _, d := range drains {
			t.Run(tt.name+"/"+d.name, func(t *testing.T) {
				e := newEngine(t, Config{Pairs: []string{"eng-spa"}, DrainTimeout: d.drain}, "eng-spa")
				mustTranslate(t, e, "Hello, how are you?")
				pl, old := stopProgram(t, e)
				if err := tt.request(t, e); !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("Translate error = %v, want a deadline error", err)
				}
				// The stopped program never answers: the pipeline is
				// restarted, at once or once the drain timeout passes.
				waitFor(t, "the abandoned pipeline's restart", func() bool {
					return e.Stats().Abandoned[AbandonRestarted] == 1
				})
				for _, pid := range old {
					if !processGone(pid) {
						t.Errorf("program %d of the timed-out pipeline is still there", pid)
					}
				}
				if n := pl.startCount(); n != 2 {
					t.Errorf("pipeline started %d times, want 2 (restarted after the timeout)", n)
				}
				if n := e.Stats().Abandoned[AbandonDrained]; n != 0 {
					t.Errorf("%d answers drained, want 0", n)
				}
				mustTranslate(t, e, "The cat sat on the mat with the dog.")
				mustTranslate(t, e, "Hello, how are you?")
			})
		}
	}
}

// TestLateAnswerIsDrained: a request that gives up while the pipeline is
// still at work (as when a cold mode loads) leaves the pipeline running;
// its answer is read and dropped, and the requests after it get their own.
func TestLateAnswerIsDrained(t *testing.T) {
	for _, tt := range timeOuts {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, Config{Pairs: []string{"eng-spa"}}, "eng-spa")
			mustTranslate(t, e, "Hello, how are you?")
			pl, pids := stopProgram(t, e)
			if err := tt.request(t, e); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Translate error = %v, want a deadline error", err)
			}
			// While the answer is owed, the pipeline serves no one: a
			// request waits for it as for a busy one.
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			_, err := e.Translate(ctx, backend.Request{Text: "Good morning.", Source: "en", Target: "es"})
			cancel()
			if err == nil || !strings.Contains(err.Error(), "waiting for a pipeline") {
				t.Errorf("request during the drain: err = %v, want one waiting for a pipeline", err)
			}
			if err := syscall.Kill(pids[len(pids)/2], syscall.SIGCONT); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the late answer drained", func() bool {
				return e.Stats().Abandoned[AbandonDrained] == 1
			})
			if n := pl.startCount(); n != 1 {
				t.Errorf("pipeline started %d times, want 1 (kept after the drain)", n)
			}
			if got := pl.pids(); !slices.Equal(got, pids) {
				t.Errorf("pids = %v, want the same programs %v", got, pids)
			}
			if n := e.Stats().Abandoned[AbandonRestarted]; n != 0 {
				t.Errorf("%d pipelines restarted, want 0", n)
			}
			mustTranslate(t, e, "The cat sat on the mat with the dog.")
			mustTranslate(t, e, "Hello, how are you?")
		})
	}
}

func TestKilledProgramRecovery(t *testing.T) {
	e := newEngine(t, Config{Pairs: []string{"eng-spa"}}, "eng-spa")
	mustTranslate(t, e, "Hello, how are you?")
	pl := firstPipeline(t, e, "eng-spa")
	tests := []struct {
		name  string
		index func(n int) int
	}{
		{"first program", func(int) int { return 0 }},
		{"middle program", func(n int) int { return n / 2 }},
		{"last program", func(n int) int { return n - 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := pl.pids()
			starts := pl.startCount()
			if err := syscall.Kill(old[tt.index(len(old))], syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			mustTranslate(t, e, "The cat sat on the mat with the dog.")
			if pl.startCount() <= starts {
				t.Errorf("pipeline was not restarted")
			}
			for _, pid := range old {
				if !processGone(pid) {
					t.Errorf("program %d of the killed pipeline is still there", pid)
				}
			}
			mustTranslate(t, e, "Hello, how are you?")
		})
	}
}

// waitFor polls cond until it holds or a generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestCloseStopsEverything(t *testing.T) {
	if !Available() {
		t.Skip(skipMessage)
	}
	baseline := runtime.NumGoroutine()
	e, err := New(Config{Procs: 2, Timeout: testTimeout}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Start a pipeline of every mode, two of them busy at once for one.
	var wg sync.WaitGroup
	for _, c := range referenceCases {
		if !e.Supports(c.source, c.target) {
			continue
		}
		wg.Go(func() {
			if _, err := e.Translate(t.Context(), backend.Request{Text: c.text, Source: c.source, Target: c.target}); err != nil {
				t.Errorf("Translate: %v", err)
			}
		})
	}
	wg.Wait()
	var pids []int
	e.mu.Lock()
	for _, p := range e.pools {
		for _, pl := range p.all {
			pids = append(pids, pl.pids()...)
		}
	}
	e.mu.Unlock()
	if len(pids) == 0 {
		t.Fatal("no programs started")
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	for _, pid := range pids {
		if !processGone(pid) {
			t.Errorf("program %d still there after Close", pid)
		}
	}
	if _, err := e.Translate(t.Context(), backend.Request{Text: "Hello", Source: "en", Target: "es"}); !errors.Is(err, ErrClosed) {
		t.Errorf("Translate after Close = %v, want ErrClosed", err)
	}
	if e.Info(t.Context()).Available {
		t.Error("Info().Available after Close")
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	waitFor(t, fmt.Sprintf("goroutines back to %d", baseline), func() bool { return runtime.NumGoroutine() <= baseline })
}

func TestCloseWithRequestsInFlight(t *testing.T) {
	e := newEngine(t, Config{Pairs: []string{"eng-spa"}, Procs: 2}, "eng-spa")
	mustTranslate(t, e, "Hello, how are you?")
	long := strings.Repeat("The cat sat on the mat with the dog, and I walk to work every morning. ", 200)
	var (
		wg       sync.WaitGroup
		answered sync.WaitGroup
	)
	answered.Add(1)
	var once sync.Once
	for range 6 {
		wg.Go(func() {
			for {
				_, err := e.Translate(t.Context(), backend.Request{Text: long, Source: "en", Target: "es"})
				if err != nil {
					if !errors.Is(err, ErrClosed) {
						t.Errorf("Translate during Close = %v, want ErrClosed", err)
					}
					return
				}
				once.Do(answered.Done)
			}
		})
	}
	answered.Wait()
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
}

func TestConfigFromEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want Config
	}{
		{"defaults", map[string]string{}, Config{ModesDir: DefaultModesDir, Timeout: 5 * time.Second, Procs: 1,
			IdleTimeout: 5 * time.Minute, DrainTimeout: 15 * time.Second, MaxPairs: DefaultMaxPairs}},
		{"set", map[string]string{
			"APERTIUM_MODES_DIR":     "/opt/modes",
			"APERTIUM_PAIRS":         "eng-spa, es-pt_BR",
			"APERTIUM_TIMEOUT":       "750ms",
			"APERTIUM_PROCS":         "3",
			"APERTIUM_PIVOT":         "false",
			"APERTIUM_IDLE_TIMEOUT":  "30s",
			"APERTIUM_DRAIN_TIMEOUT": "2s",
			"APERTIUM_MAX_PAIRS":     "6",
			"APERTIUM_CHAT_FIXES":    "false",
		}, Config{ModesDir: "/opt/modes", Pairs: []string{"eng-spa", "es-pt_BR"}, Timeout: 750 * time.Millisecond, Procs: 3, NoPivot: true,
			IdleTimeout: 30 * time.Second, DrainTimeout: 2 * time.Second, MaxPairs: 6, NoChatFixes: true}},
		// 0 is "off"; Config's 0 is "default", its negative "off".
		{"off", map[string]string{"APERTIUM_IDLE_TIMEOUT": "0", "APERTIUM_DRAIN_TIMEOUT": "0", "APERTIUM_MAX_PAIRS": "0"},
			Config{ModesDir: DefaultModesDir, Timeout: 5 * time.Second, Procs: 1, IdleTimeout: -1, DrainTimeout: -1, MaxPairs: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := config.NewReader(config.Map(tt.env))
			got := ConfigFromEnv(r)
			if err := r.Err(); err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("ConfigFromEnv = %+v, want %+v", got, tt.want)
			}
		})
	}
	for k, v := range map[string]string{"APERTIUM_PROCS": "many", "APERTIUM_IDLE_TIMEOUT": "-1s", "APERTIUM_DRAIN_TIMEOUT": "-1s", "APERTIUM_MAX_PAIRS": "-2"} {
		r := config.NewReader(config.Map(map[string]string{k: v}))
		ConfigFromEnv(r)
		if r.Err() == nil {
			t.Errorf("%s=%s accepted", k, v)
		}
	}
}

const benchText = "I live in a small house near the river, and I walk to work every morning."

// BenchmarkColdStartUnderShortBudget measures, for a fresh engine, the
// time until a mode first answers when requests come back to back, each
// with a budget shorter than the mode's cold start (docs/apertium.md,
// "Requests that give up"): baseline is one request with time to spare
// (the cold start itself); drain is the engine as it runs; restart is a
// pipeline killed with each request that gives up, as before drain, which
// gives up after coldStartCap. failed-requests counts the requests that
// timed out first.
func BenchmarkColdStartUnderShortBudget(b *testing.B) {
	const budget, coldStartCap = 150 * time.Millisecond, 5 * time.Second
	for _, bb := range []struct {
		name           string
		timeout, drain time.Duration
	}{
		{"baseline", testTimeout, 0},
		{"drain", budget, 0},
		{"restart", budget, -1},
	} {
		b.Run(bb.name, func(b *testing.B) {
			var failed, answered int
			for b.Loop() {
				e := newEngine(b, Config{Pairs: []string{"eng-spa"}, Timeout: bb.timeout, DrainTimeout: bb.drain}, "eng-spa")
				for t0 := time.Now(); time.Since(t0) < coldStartCap; failed++ {
					if _, err := e.Translate(b.Context(), backend.Request{Text: benchText, Source: "en", Target: "es"}); err == nil {
						answered++
						break
					}
				}
				e.Close()
			}
			b.ReportMetric(float64(failed)/float64(b.N), "failed-requests/op")
			b.ReportMetric(float64(answered)/float64(b.N), "answered/op")
		})
	}
}

// BenchmarkTranslate measures one message through a long-lived pipeline.
func BenchmarkTranslate(b *testing.B) {
	e := newEngine(b, Config{Pairs: []string{"eng-spa"}}, "eng-spa")
	req := backend.Request{Text: benchText, Source: "en", Target: "es"}
	if _, err := e.Translate(b.Context(), req); err != nil { // start the pipeline
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Translate(b.Context(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTranslateCLI measures the same message with one "apertium"
// process (and its dozen programs) per message, for comparison.
func BenchmarkTranslateCLI(b *testing.B) {
	if !Available() {
		b.Skip(skipMessage)
	}
	for b.Loop() {
		cli(b, benchText, "eng-spa")
	}
}

// BenchmarkTranslateParallel measures throughput with two pipelines.
func BenchmarkTranslateParallel(b *testing.B) {
	e := newEngine(b, Config{Pairs: []string{"eng-spa"}, Procs: 2}, "eng-spa")
	req := backend.Request{Text: benchText, Source: "en", Target: "es"}
	// Start both pipelines outside the timing.
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if _, err := e.Translate(b.Context(), req); err != nil {
				b.Error(err)
			}
		})
	}
	wg.Wait()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := e.Translate(b.Context(), req); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
