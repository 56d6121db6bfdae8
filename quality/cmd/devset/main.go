// Command devset builds a dev set (JSONL) from the human translations in
// the gettext catalogs installed under /usr/share/locale: for each domain
// (package) and target language, every usable message becomes a segment
// whose source is the English msgid and whose reference is the msgstr.
//
//	devset -domains coreutils,tar -targets es,fr,de,pt -per-pair 200 -o testsets/dev.jsonl
//
// Nothing is downloaded: the catalogs come with the Debian packages
// installed on the machine (coreutils, tar, grep, sed ...).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/parley-chat/parley/quality"
	"github.com/parley-chat/parley/quality/gettext"
	"github.com/parley-chat/parley/shared/api"
)

func main() {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	code := exitStatus(run(ctx, os.Args[1:], os.Stdout, os.Stderr), os.Stderr)
	cancel()
	os.Exit(code)
}

// exitStatus reports err and returns the exit status: 0 for success and
// for -h (the flag package printed the usage that was asked for), 2 for
// any failure.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "devset:", err)
	return 2
}

// Defaults: GNU packages present on a Debian base system, and the
// languages Parley's LLM and Apertium rungs serve.
const (
	defaultDomains = "coreutils,tar,grep,sed,findutils,diffutils,wget,bash"
	defaultTargets = "es,fr,de,pt,ca"
)

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("devset", flag.ContinueOnError)
	fs.SetOutput(stderr)
	locales := fs.String("locales", "/usr/share/locale", "folder with <lang>/LC_MESSAGES/<domain>.mo catalogs")
	domains := fs.String("domains", defaultDomains, "comma-separated gettext domains (packages)")
	targets := fs.String("targets", defaultTargets, "comma-separated target languages (BCP 47)")
	source := fs.String("source", "en", "language of the msgids")
	perPair := fs.Int("per-pair", 200, "at most this many segments per language pair (0: all)")
	out := fs.String("o", "-", "output JSONL file, - for stdout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %v", fs.Args())
	}
	var parts [][]quality.Segment
	found := 0
	for _, t := range splitList(*targets) {
		tag, err := api.ParseLanguage("targets", t)
		if err != nil {
			return err
		}
		for _, d := range splitList(*domains) {
			if err := ctx.Err(); err != nil {
				return err
			}
			path, ok := catalogPath(*locales, tag.String(), d)
			if !ok {
				fmt.Fprintf(stderr, "skip %s/%s: no catalog\n", tag, d)
				continue
			}
			cat, err := gettext.ReadFile(path)
			if err != nil {
				fmt.Fprintf(stderr, "skip %s: %v\n", path, err)
				continue
			}
			found++
			segs := quality.CatalogSegments(d, tag.String(), cat, quality.DevSetOptions{SourceLang: *source})
			fmt.Fprintf(stderr, "%-4s %-10s %5d messages, %4d usable (%s)\n", tag, d, len(cat.Messages), len(segs), path)
			parts = append(parts, segs)
		}
	}
	if found == 0 {
		return fmt.Errorf("no catalogs found under %s for %s", *locales, *targets)
	}
	segs := quality.BuildDevSet(parts, *perPair)
	w := stdout
	if *out != "-" {
		if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
			return err
		}
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := quality.WriteTestSet(w, segs); err != nil {
		return err
	}
	pairs := map[string]int{}
	for _, s := range segs {
		pairs[s.Pair()]++
	}
	fmt.Fprintf(stderr, "wrote %d segments %v to %s\n", len(segs), pairs, *out)
	return nil
}

// catalogPath finds <locales>/<lang>/LC_MESSAGES/<domain>.mo, trying the
// gettext spelling of the tag (pt_BR) and then its base language.
func catalogPath(locales, tag, domain string) (string, bool) {
	cands := []string{strings.ReplaceAll(tag, "-", "_")}
	if base := api.Base(tag); base != cands[0] {
		cands = append(cands, base)
	}
	for _, c := range cands {
		p := filepath.Join(locales, c, "LC_MESSAGES", domain+".mo")
		if _, err := os.Stat(p); err == nil {
			return p, true
		}
	}
	return "", false
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
