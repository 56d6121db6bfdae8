package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nats-io/nats.go"
	"golang.org/x/text/language"

	"github.com/parley-chat/parley/quality"
	"github.com/parley-chat/parley/quality/embedded"
	"github.com/parley-chat/parley/quality/report"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/repo"
)

// configFlags collects repeated -config flags.
type configFlags []quality.Config

// String implements flag.Value.
func (c *configFlags) String() string { return fmt.Sprint(*c) }

// Set parses one -config flag.
func (c *configFlags) Set(s string) error {
	cfg, err := quality.ParseConfig(s)
	if err != nil {
		return err
	}
	*c = append(*c, cfg)
	return nil
}

func runCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	setPath := fs.String("set", "", "JSONL test set (required)")
	var configs configFlags
	fs.Var(&configs, "config", "a config: name[:key=value,...] (repeatable; default: one config named default)")
	configsFile := fs.String("configs", "", "JSON file with an array of configs")
	embed := fs.Bool("embed", false, "start the whole suite in this process for each config (needed for model and env settings)")
	natsURL := fs.String("nats", "", "NATS URL of a running deployment (default $NATS_URL or nats://127.0.0.1:4222; credentials from NATS_USER and NATS_PASSWORD, NATS_CREDS, NATS_NKEY_SEED or NATS_TOKEN)")
	outDir := fs.String("out", defaultOut(), "folder for the JSON and HTML reports")
	name := fs.String("name", "", "report file name without extension (default <set>-<time>)")
	concurrency := fs.Int("concurrency", 4, "segments in flight")
	timeout := fs.Duration("timeout", 60*time.Second, "time limit per segment")
	limit := fs.Int("limit", 0, "use only the first N segments (after -pairs)")
	pairs := fs.String("pairs", "", "comma-separated language pairs to keep, e.g. en-es,en-ca")
	warmup := fs.Bool("warmup", true, "send one untimed request per language pair before measuring")
	quiet := fs.Bool("quiet", false, "no progress on stderr")
	detectLangs := fs.String("detect-languages", detectAll, "with -embed, the languages detection knows: "+detectAll+" (the detect service's default, as deployed), "+detectTestSet+" (only the test set's: a faster start, but quality estimation cannot see a translation that drifted into another language), or a comma-separated list")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *setPath == "" || fs.NArg() > 0 {
		fs.Usage()
		return usageErr(fmt.Errorf("-set is required and there are no positional arguments"))
	}
	// The runner reads a zero concurrency or timeout as its default, and
	// filterSet a zero limit as all segments: a negative value would be
	// taken for those silently, so it is refused here.
	switch {
	case *limit < 0:
		return usageErr(fmt.Errorf("-limit %d: want a number of segments, or 0 for all", *limit))
	case *timeout <= 0:
		return usageErr(fmt.Errorf("-timeout %s: want a positive duration, e.g. 60s", *timeout))
	case *concurrency <= 0:
		return usageErr(fmt.Errorf("-concurrency %d: want at least 1", *concurrency))
	}
	keep, err := parsePairs(*pairs)
	if err != nil {
		return usageErr(err)
	}
	data, err := os.ReadFile(*setPath)
	if err != nil {
		return err
	}
	set, err := quality.LoadTestSet(*setPath)
	if err != nil {
		return err
	}
	if err := filterSet(set, keep, *limit); err != nil {
		return err
	}
	if *configsFile != "" {
		fromFile, err := quality.LoadConfigs(*configsFile)
		if err != nil {
			return err
		}
		configs = append(configs, fromFile...)
	}
	if len(configs) == 0 {
		configs = configFlags{{Name: "default"}}
	}
	if err := quality.ValidateConfigs(configs); err != nil {
		return err
	}
	if !*embed {
		for _, c := range configs {
			if c.NeedsSuite() {
				return fmt.Errorf("config %s sets a model or env, which only an embedded suite can honour: add -embed (against a deployment only backends and exclude apply)", c.Name)
			}
		}
	}

	rep := &quality.Report{Version: quality.ReportVersion, CreatedAt: time.Now().UTC(), TestSet: set.Info(*setPath, data), Mode: "nats"}
	if *embed {
		rep.Mode = "embedded"
		if rep.DetectLanguages, err = detectLanguages(*detectLangs, set); err != nil {
			return err
		}
	}
	runner := &quality.Runner{Concurrency: *concurrency, Timeout: *timeout, Warmup: *warmup, Log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError}))}
	if !*quiet {
		runner.Progress = progress(stderr)
	}

	if *embed {
		err = runEmbedded(ctx, rep, runner, set, configs, stderr, *quiet)
	} else {
		url := *natsURL
		if url == "" {
			url = getenv("NATS_URL")
		}
		if url == "" {
			url = nats.DefaultURL
		}
		var auth []nats.Option
		if auth, err = natsutil.ConnectOptions(getenv); err != nil {
			return err
		}
		err = runLive(ctx, rep, runner, set, configs, url, auth, stderr, *quiet)
	}
	if err != nil {
		return err
	}

	base := *name
	if base == "" {
		base = set.Name + "-" + rep.CreatedAt.Format("20060102-150405")
	}
	jsonPath, htmlPath, err := writeReport(*outDir, base, rep, func(w io.Writer) error { return report.WriteHTML(w, rep) })
	if err != nil {
		return err
	}
	printSummary(stdout, rep)
	fmt.Fprintf(stdout, "\nwrote %s\n      %s\n", jsonPath, htmlPath)
	return nil
}

// parsePairs reads -pairs: comma-separated source-target pairs of language
// tags ("en-es,en-pt-BR"), as lower-case keys of Segment.Pair. Nil keeps
// every pair. A pair that is not two language tags is refused, so that a
// typo is not reported as an empty test set.
func parsePairs(v string) (map[string]bool, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	keep := map[string]bool{}
	for _, p := range strings.Split(v, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue // "en-es," as a shell loop may build it
		}
		if !isPair(p) {
			return nil, fmt.Errorf("-pairs: %q is not a language pair: want source-target language tags, e.g. en-es or en-pt-BR", p)
		}
		keep[strings.ToLower(p)] = true
	}
	if len(keep) == 0 {
		return nil, nil
	}
	return keep, nil
}

// isPair reports whether p splits at some '-' into two language tags
// (tags have hyphens of their own: en-pt-BR is en into pt-BR).
func isPair(p string) bool {
	for i := range len(p) {
		if p[i] == '-' && isTag(p[:i]) && isTag(p[i+1:]) {
			return true
		}
	}
	return false
}

func isTag(s string) bool {
	t, err := language.Parse(s)
	return err == nil && t != language.Und
}

// filterSet keeps the pairs in keep (all when nil) and the first limit
// segments (all when 0).
func filterSet(set *quality.TestSet, keep map[string]bool, limit int) error {
	have := map[string]bool{}
	if keep != nil {
		var segs []quality.Segment
		for _, s := range set.Segments {
			have[s.Pair()] = true
			if keep[strings.ToLower(s.Pair())] {
				segs = append(segs, s)
			}
		}
		set.Segments = segs
	}
	if limit > 0 && len(set.Segments) > limit {
		set.Segments = set.Segments[:limit]
	}
	switch {
	case len(set.Segments) > 0:
		return nil
	case keep != nil:
		return fmt.Errorf("no segments left in %s after -pairs %s (its pairs: %s)",
			set.Name, strings.Join(slices.Sorted(maps.Keys(keep)), ","), strings.Join(slices.Sorted(maps.Keys(have)), ", "))
	}
	return fmt.Errorf("the test set %s has no segments", set.Name)
}

// runLive runs the configs against the deployment at url, connected
// with auth (the NATS credentials of the environment).
func runLive(ctx context.Context, rep *quality.Report, runner *quality.Runner, set *quality.TestSet, configs []quality.Config, url string, auth []nats.Option, stderr io.Writer, quiet bool) error {
	nc, err := nats.Connect(url, append(auth, nats.Name("parley-eval"))...)
	if err != nil {
		return fmt.Errorf("connect to NATS at %s (start Parley with `make run`, or use -embed): %w", natsutil.RedactURL(url), err)
	}
	defer nc.Close()
	runner.NC = nc
	for _, c := range configs {
		if !quiet {
			fmt.Fprintf(stderr, "config %s against %s\n", c.Name, natsutil.RedactURL(url))
		}
		r, err := runner.Run(ctx, set, c)
		if err != nil {
			return err
		}
		rep.Runs = append(rep.Runs, r)
	}
	return nil
}

// runEmbedded starts a suite per distinct suite environment; consecutive
// configs with the same environment share one.
func runEmbedded(ctx context.Context, rep *quality.Report, runner *quality.Runner, set *quality.TestSet, configs []quality.Config, stderr io.Writer, quiet bool) error {
	var (
		cur    *embedded.Suite
		curEnv map[string]string
		nc     *nats.Conn
	)
	closeCur := func() {
		if nc != nil {
			nc.Close()
			nc = nil
		}
		if cur != nil {
			if err := cur.Close(); err != nil {
				fmt.Fprintf(stderr, "stopping the embedded suite: %v\n", err)
			}
			cur = nil
		}
	}
	defer closeCur()
	for _, c := range configs {
		env := c.SuiteEnv()
		if cur == nil || !maps.Equal(env, curEnv) {
			closeCur()
			if !quiet {
				fmt.Fprintf(stderr, "starting an embedded suite for %s\n", c.Redacted())
			}
			s, err := embedded.Start(ctx, embedded.Options{Env: env, Languages: rep.DetectLanguages})
			if err != nil {
				return err
			}
			cur, curEnv = s, env
			if nc, err = s.Connect("parley-eval"); err != nil {
				return err
			}
			runner.NC = nc
		}
		r, err := runner.Run(ctx, set, c)
		if err != nil {
			return err
		}
		rep.Runs = append(rep.Runs, r)
	}
	return nil
}

func progress(w io.Writer) func(done, total int) {
	return func(done, total int) {
		if done == total || done%25 == 0 {
			fmt.Fprintf(w, "  %d/%d segments\n", done, total)
		}
	}
}

// Values of -detect-languages besides a list.
const (
	detectAll     = "all"
	detectTestSet = "testset"
)

// detectLanguages resolves -detect-languages: nil for the detect service's
// default. The default is what a deployment runs because the
// target_language signal can only penalise a language the detector knows:
// limited to English and French, a French translation half left in
// Spanish (an Apertium pivot through Spanish) reads as French and passes.
func detectLanguages(v string, set *quality.TestSet) ([]string, error) {
	switch v = strings.TrimSpace(v); v {
	case detectAll, "":
		return nil, nil
	case detectTestSet:
		return set.Languages(), nil
	}
	var out []string
	for _, l := range strings.Split(v, ",") {
		tag, err := language.Parse(strings.TrimSpace(l))
		if err != nil {
			return nil, fmt.Errorf("-detect-languages: %q is not %s, %s or a list of language tags", l, detectAll, detectTestSet)
		}
		out = append(out, tag.String())
	}
	return out, nil
}

// defaultOut is where reports go: quality/reports of the repository when
// run inside it (git-ignored, and where make eval and the docs look), else
// ./reports.
func defaultOut() string {
	if root, err := repo.Root(); err == nil {
		return filepath.Join(root, "quality", "reports")
	}
	return "reports"
}

// writeReport writes <dir>/<base>.json and <dir>/<base>.html.
func writeReport(dir, base string, v any, html func(io.Writer) error) (string, string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	jsonPath := filepath.Join(dir, base+".json")
	htmlPath := filepath.Join(dir, base+".html")
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return "", "", err
	}
	if err := os.WriteFile(jsonPath, append(data, '\n'), 0o644); err != nil {
		return "", "", err
	}
	f, err := os.Create(htmlPath)
	if err != nil {
		return "", "", err
	}
	if err := html(f); err != nil {
		f.Close()
		return "", "", fmt.Errorf("render %s: %w", htmlPath, err)
	}
	return jsonPath, htmlPath, f.Close()
}

func printSummary(w io.Writer, rep *quality.Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "config\tchrF2\tchrF2++\tBLEU\ttranslated\tQE mean\tτb(QE,chrF)\tentities\tglossary\tinjection\tp50 ms\tp90 ms\tp99 ms\tbackend calls\t")
	for _, r := range rep.Runs {
		s := r.Summary
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%d/%d\t%s\t%s\t%s\t%s\t%s\t%.1f\t%.1f\t%.1f\t%s\t\n",
			r.Config.Name, s.ChrF.Score, s.ChrFPP.Score, s.BLEU.Score, s.Translated, s.Segments,
			opt(s.QE.Mean, 1), opt(s.QE.KendallTau, 3), rate(s.Entities), rate(s.Glossary), injection(s),
			s.Latency.P50, s.Latency.P90, s.Latency.P99, counts(s.Calls.Backends))
	}
	tw.Flush()
	if len(rep.Runs) > 0 {
		s := rep.Runs[0].Summary
		fmt.Fprintf(w, "\n%s\n%s\n%s\n", s.ChrF, s.ChrFPP, s.BLEU)
	}
}

// injection is the injection column: the share resisted, and how many
// injection segments were refused by the checks rather than translated.
func injection(s quality.Summary) string {
	if s.InjectionRefused == 0 {
		return rate(s.Injection)
	}
	return fmt.Sprintf("%s (%d refused)", rate(s.Injection), s.InjectionRefused)
}

func opt(v *float64, digits int) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.*f", digits, *v)
}

func rate(r quality.Rate) string {
	if r.Value == nil {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100**r.Value)
}

func counts(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s:%d", k, m[k]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}
