package apertium

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// mode is one translation direction: a mode file from the modes directory,
// parsed into the commands of its pipeline.
type mode struct {
	name     string     // "eng-spa", "es-pt_BR"
	source   string     // BCP 47 base language: "en"
	target   string     // BCP 47, with a region for regional modes: "pt-BR"
	commands [][]string // argv per stage, null-flush flag added
	// wordBound says that the pipeline carries word-bound blanks
	// (withWordBound), so that markup can move with its words.
	wordBound bool
}

// modeLanguages maps a mode name to BCP 47 source and target. Apertium
// names modes with ISO 639-1 or 639-3 codes ("fr-es", "eng-spa") and marks
// variants with an underscore ("es-pt_BR", "eng-cat_valencia",
// "spa-eng_US"). A variant is served only when it is a region of the
// target, which BCP 47 can express ("pt-BR"); orthographic or dialect
// variants ("valencia", "iec2017") and source variants are skipped, and so
// are names that are not a plain pair ("eco-es-fr").
func modeLanguages(name string) (source, target string, ok bool) {
	parts := strings.Split(name, "-")
	if len(parts) != 2 || strings.Contains(parts[0], "_") {
		return "", "", false
	}
	src, err := language.ParseBase(parts[0])
	if err != nil {
		return "", "", false
	}
	tgtCode, variant, hasVariant := strings.Cut(parts[1], "_")
	tgt, err := language.ParseBase(tgtCode)
	if err != nil || src == tgt {
		return "", "", false
	}
	if !hasVariant {
		return src.String(), tgt.String(), true
	}
	region, err := language.ParseRegion(variant)
	if err != nil {
		return "", "", false
	}
	tag, err := language.Compose(tgt, region)
	if err != nil {
		return "", "", false
	}
	return src.String(), tag.String(), true
}

// requestLanguages normalises a request's languages to the keys modes are
// indexed by: the source's base language, and the target's base language
// plus, when it has one, the target with its region ("pt", "pt-BR").
func requestLanguages(source, target string) (src, tgtBase, tgtRegional string, ok bool) {
	s, err := language.Parse(strings.ReplaceAll(source, "_", "-"))
	if err != nil {
		return "", "", "", false
	}
	t, err := language.Parse(strings.ReplaceAll(target, "_", "-"))
	if err != nil {
		return "", "", "", false
	}
	sb, sconf := s.Base()
	tb, tconf := t.Base()
	if sconf == language.No || tconf == language.No {
		return "", "", "", false
	}
	// Region only when the tag names one explicitly: "pt" must not turn
	// into "pt-BR" through likely-subtag guessing.
	if r, conf := t.Region(); conf == language.Exact {
		if tag, err := language.Compose(tb, r); err == nil {
			tgtRegional = tag.String()
		}
	}
	return sb.String(), tb.String(), tgtRegional, true
}

// iso3 is the ISO 639-3 code of a BCP 47 base language, the form most
// Apertium pairs use in their names; the engine logs it next to mode names
// so that operators can grep for the package to install.
func iso3(tag string) string {
	b, err := language.ParseBase(tag)
	if err != nil {
		return tag
	}
	return b.ISO3()
}

// genMark stands for $1 while a mode file is parsed: the command that
// holds it is the generator.
const genMark = "\x00gen"

// parseModeFile reads a mode file: a shell pipeline in which $1 is the
// generator's mark option and $2 the tagger's extra option, as
// /usr/bin/apertium runs it. The engine keeps unknown-word marks (-g, as
// "apertium" does without -u) so that it can count them, and passes no
// extra tagger option. gen is the index of the generator's command (the
// one with $1), -1 when there is none.
func parseModeFile(path string) (cmds [][]string, gen int, err error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, -1, err
	}
	cmds, err = parsePipeline(string(src), map[string]string{"1": genMark, "2": ""})
	if err != nil {
		return nil, -1, fmt.Errorf("mode %s: %w", filepath.Base(path), err)
	}
	gen = -1
	for i, c := range cmds {
		for j, a := range c {
			if strings.Contains(a, genMark) {
				c[j], gen = strings.ReplaceAll(a, genMark, "-g"), i
			}
		}
		cmds[i] = withNullFlush(c)
	}
	return cmds, gen, nil
}

// The programs that carry word-bound blanks through a pipeline, as
// /usr/bin/apertium runs a mode (apertium-wblank-mode, apertium 3.8):
// attach after the analyser spreads each word-bound blank over the words
// it encloses, detach before the generator closes each one after its word.
const (
	wblankAttach = "apertium-wblank-attach"
	wblankDetach = "apertium-wblank-detach"
)

// withWordBound inserts the word-bound blank programs into cmds, whose
// generator is cmds[gen], where apertium-wblank-mode puts them. Without
// them (an Apertium older than 3.8, or a mode without a generator) the
// pipeline is left as it is and ok is false: lt-proc then refuses
// word-bound blanks, and markup goes in as superblanks.
func withWordBound(cmds [][]string, gen int) (out [][]string, ok bool) {
	if gen < 1 {
		return cmds, false
	}
	for _, p := range []string{wblankAttach, wblankDetach} {
		if _, err := exec.LookPath(p); err != nil {
			return cmds, false
		}
	}
	out = make([][]string, 0, len(cmds)+2)
	out = append(out, cmds[0], []string{wblankAttach, "-z"})
	out = append(out, cmds[1:gen]...)
	out = append(out, []string{wblankDetach, "-z"})
	return append(out, cmds[gen:]...), true
}

// withNullFlush inserts -z after the program name: in null-flush mode a
// tool flushes its output and writes a NUL whenever it reads one, which is
// what lets one long-lived pipeline serve request after request.
func withNullFlush(argv []string) []string {
	for _, a := range argv[1:] {
		if a == "-z" || a == "--null-flush" {
			return argv
		}
	}
	out := make([]string, 0, len(argv)+1)
	out = append(out, argv[0], "-z")
	return append(out, argv[1:]...)
}

// errShellSyntax reports shell syntax that a mode file should not need and
// that this small parser therefore refuses rather than misreads.
var errShellSyntax = errors.New("unsupported shell syntax")

// parsePipeline splits the pipeline src into commands and words the way
// sh would for the subset that mode files use: words, single and double
// quotes, backslash escapes, positional parameters and '|'.
func parsePipeline(src string, params map[string]string) ([][]string, error) {
	var (
		cmds    [][]string
		cmd     []string
		word    strings.Builder
		inWord  bool // something (even an empty quote) started a word
		quoted  bool // part of the word was quoted, so it survives empty
		single  bool
		double  bool
		rs      = []rune(strings.TrimSpace(src))
		endWord = func() {
			if inWord && (word.Len() > 0 || quoted) {
				cmd = append(cmd, word.String())
			}
			word.Reset()
			inWord, quoted = false, false
		}
	)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case single:
			if r == '\'' {
				single = false
			} else {
				word.WriteRune(r)
			}
		case r == '\\' && i+1 < len(rs):
			i++
			if rs[i] != '\n' { // a backslash-newline is a line continuation
				word.WriteRune(rs[i])
				inWord = true
			}
		case r == '$':
			if i+1 >= len(rs) {
				return nil, fmt.Errorf("%w: trailing $", errShellSyntax)
			}
			v, ok := params[string(rs[i+1])]
			if !ok {
				return nil, fmt.Errorf("%w: $%c", errShellSyntax, rs[i+1])
			}
			i++
			word.WriteString(v)
			inWord = true
		case double:
			if r == '"' {
				double = false
			} else {
				word.WriteRune(r)
			}
		case r == '\'':
			single, inWord, quoted = true, true, true
		case r == '"':
			double, inWord, quoted = true, true, true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			endWord()
		case r == '|':
			endWord()
			if len(cmd) == 0 {
				return nil, fmt.Errorf("%w: empty command", errShellSyntax)
			}
			cmds = append(cmds, cmd)
			cmd = nil
		case strings.ContainsRune(";&<>`(){}*?#", r):
			return nil, fmt.Errorf("%w: %q", errShellSyntax, r)
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if single || double {
		return nil, fmt.Errorf("%w: unterminated quote", errShellSyntax)
	}
	endWord()
	if len(cmd) == 0 {
		return nil, fmt.Errorf("%w: empty command", errShellSyntax)
	}
	return append(cmds, cmd), nil
}

// discoverModes reads every usable mode in dir. Modes whose names do not
// map to a language pair, whose files do not parse, or whose programs are
// not installed are left out; skipped says why, per mode name.
func discoverModes(dir string) (modes []*mode, skipped map[string]string, err error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.mode"))
	if err != nil {
		return nil, nil, err
	}
	skipped = map[string]string{}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".mode")
		src, tgt, ok := modeLanguages(name)
		if !ok {
			skipped[name] = "not a language pair, or a variant that is not a region"
			continue
		}
		cmds, gen, err := parseModeFile(path)
		if err != nil {
			skipped[name] = err.Error()
			continue
		}
		if missing := missingPrograms(cmds); len(missing) > 0 {
			skipped[name] = "programs not installed: " + strings.Join(missing, ", ")
			continue
		}
		cmds, wordBound := withWordBound(cmds, gen)
		modes = append(modes, &mode{name: name, source: src, target: tgt, commands: cmds, wordBound: wordBound})
	}
	sort.Slice(modes, func(i, j int) bool { return modes[i].name < modes[j].name })
	return modes, skipped, nil
}

// missingPrograms lists the programs of cmds that are not on PATH.
func missingPrograms(cmds [][]string) []string {
	var missing []string
	for _, c := range cmds {
		if _, err := exec.LookPath(c[0]); err != nil {
			missing = append(missing, c[0])
		}
	}
	return missing
}
