package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/parley-chat/parley/quality"
	"github.com/parley-chat/parley/quality/metrics"
	"github.com/parley-chat/parley/quality/report"
)

func compareCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	samples := fs.Int("samples", metrics.DefaultSamples, "bootstrap resamples")
	seed := fs.Uint64("seed", metrics.DefaultSeed, "random seed of the resampling")
	outDir := fs.String("out", defaultOut(), "folder for the JSON and HTML comparison")
	name := fs.String("name", "", "file name without extension (default compare-<baseline>-<system>)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return usageErr(fmt.Errorf("compare needs two runs: BASELINE SYSTEM (report.json or report.json#config)"))
	}
	// metrics.BootstrapOptions reads 0 as its default: a -samples or -seed
	// of 0 (or fewer resamples than 1) would be replaced silently, and the
	// comparison would not be the one asked for.
	switch {
	case *samples <= 0:
		return usageErr(fmt.Errorf("-samples %d: want a positive number of resamples, e.g. %d", *samples, metrics.DefaultSamples))
	case *seed == 0:
		return usageErr(fmt.Errorf("-seed 0: want a positive seed, e.g. %d (0 stands for the default)", metrics.DefaultSeed))
	}
	baseName, base, err := loadRun(fs.Arg(0))
	if err != nil {
		return err
	}
	sysName, sys, err := loadRun(fs.Arg(1))
	if err != nil {
		return err
	}
	if baseName == sysName {
		// Two reports of the same config (before and after a change): name
		// the runs by their files.
		baseName, sysName = fs.Arg(0), fs.Arg(1)
	}
	c, err := quality.Compare(baseName, base, sysName, sys, metrics.BootstrapOptions{Samples: *samples, Seed: *seed})
	if err != nil {
		return err
	}
	fileBase := *name
	if fileBase == "" {
		b, s := baseName, sysName
		if b == fs.Arg(0) && s == fs.Arg(1) {
			// Named by their files: the files' base names, without
			// folders or ".json" (compare-seed-seed2, not
			// compare-quality_reports_seed.json-...).
			b, s = fileLabel(fs.Arg(0), false), fileLabel(fs.Arg(1), false)
			if b == s {
				b, s = fileLabel(fs.Arg(0), true), fileLabel(fs.Arg(1), true)
			}
		}
		fileBase = "compare-" + safeName(b) + "-" + safeName(s)
	}
	jsonPath, htmlPath, err := writeReport(*outDir, fileBase, c, func(w io.Writer) error { return report.WriteComparisonHTML(w, c) })
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s (system) against %s (baseline), %d paired segments\n\n", sysName, baseName, c.Segments)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "metric\tbaseline\tsystem\tdelta\tp-value\tsystem 95% CI\t")
	for _, m := range c.Metrics {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%+.2f\t%.4f\t%.2f ± %.2f\t\n", m.Metric, m.Baseline, m.System, m.Delta, m.PValue, m.SystemSample.Mean, m.SystemSample.CI)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "\nsentence chrF: %d wins, %d losses, %d ties\n", c.Wins, c.Losses, c.Ties)
	for _, m := range c.Metrics {
		fmt.Fprintf(stdout, "%s|%s\n", m.Metric, m.Signature)
	}
	fmt.Fprintf(stdout, "\nwrote %s\n      %s\n", jsonPath, htmlPath)
	return nil
}

// loadRun reads "file.json" or "file.json#config" and returns the run
// with its config name.
func loadRun(arg string) (string, *quality.Run, error) {
	path, cfg, _ := strings.Cut(arg, "#")
	rep, err := quality.ReadReport(path)
	if err != nil {
		return "", nil, err
	}
	run, err := rep.Find(cfg)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", path, err)
	}
	return run.Config.Name, run, nil
}

// fileLabel names a run argument ("reports/seed.json#cfg") by its file:
// "seed-cfg"; withDir puts the folder's name first ("reports-seed-cfg"),
// for two files of the same name.
func fileLabel(arg string, withDir bool) string {
	path, cfg, _ := strings.Cut(arg, "#")
	label := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if withDir {
		label = filepath.Base(filepath.Dir(path)) + "-" + label
	}
	if cfg != "" {
		label += "-" + cfg
	}
	return label
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, s)
}
