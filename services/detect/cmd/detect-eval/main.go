// Command detect-eval measures the detect service's default configuration
// side by side with lingua-go used as its README suggests (all 75
// languages, high accuracy) and in low-accuracy mode, on lingua's own test
// data (single words, word pairs, sentences), and prints a markdown table:
// accuracy, precision of the non-"und" answers, abstention, median and
// 99th-percentile time per message, and resident memory.
//
// Each configuration runs in a child process of this command, so that its
// resident memory (VmRSS and the peak VmHWM from /proc/self/status) is its
// own. `make bench-detect` runs it; docs/detect.md records its output.
//
//	go run ./services/detect/cmd/detect-eval [-step 1] [-configs lingua-high,lingua-low,detect]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/pemistahl/lingua-go"

	"github.com/parley-chat/parley/services/detect"
	"github.com/parley-chat/parley/services/detect/eval"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/repo"
)

func main() { os.Exit(exitStatus(run(os.Args[1:], os.Stdout, os.Stderr), os.Stderr)) }

// exitStatus reports err and returns the exit status: 0 for success and
// for -h (the flag package printed the usage that was asked for, which is
// no error), 1 for a failure.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "detect-eval:", err)
	return 1
}

// options are the command's flags; the parent passes them on to its
// children.
type options struct {
	data       string
	step       int
	configs    string
	languages  string
	priorRight float64
	seed       uint64
	detail     bool
	child      string
}

// Report is one configuration's figures.
type Report struct {
	Name        string        `json:"name"`
	Languages   int           `json:"languages"`
	LoadSeconds float64       `json:"load_s"`
	RSSMB       float64       `json:"rss_mb"`
	PeakMB      float64       `json:"peak_mb"`
	Results     []eval.Result `json:"results"`
}

func run(args []string, stdout, stderr io.Writer) error {
	var o options
	fs := flag.NewFlagSet("detect-eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.data, "data", "", "lingua test data (default: ../shared/testdata/lingua beside the repository)")
	fs.IntVar(&o.step, "step", 1, "use every step-th line of each file (1: all 3x75x1000 texts)")
	fs.StringVar(&o.configs, "configs", "lingua-high,lingua-low,detect", "configurations: lingua-high, lingua-low, detect (detect also runs with a sender-locale prior)")
	fs.StringVar(&o.languages, "languages", "", "detect's languages (default: detect.DefaultLanguages)")
	fs.Float64Var(&o.priorRight, "prior-right", 0.8, "how often the sender-locale hint names the text's language (otherwise another deployed language at random)")
	fs.Uint64Var(&o.seed, "seed", 1, "seed for the wrong hints")
	fs.BoolVar(&o.detail, "detail", false, "also report the texts with a right and with a wrong hint apart")
	fs.StringVar(&o.child, "child", "", "internal: run one configuration and print its report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.data == "" {
		dir, err := defaultData()
		if err != nil {
			return err
		}
		o.data = dir
	}
	if o.child != "" {
		rep, err := runConfig(o)
		if err != nil {
			return err
		}
		return json.NewEncoder(stdout).Encode(rep)
	}

	self, err := os.Executable()
	if err != nil {
		return err
	}
	var reports []Report
	for _, name := range strings.Split(o.configs, ",") {
		name = strings.TrimSpace(name)
		fmt.Fprintf(stderr, "detect-eval: running %s ...\n", name)
		cmd := exec.Command(self, "-child", name, "-data", o.data, "-step", strconv.Itoa(o.step),
			"-languages", o.languages, "-prior-right", fmt.Sprint(o.priorRight), "-seed", fmt.Sprint(o.seed), "-detail="+strconv.FormatBool(o.detail))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var reps []Report
		if err := json.Unmarshal(out.Bytes(), &reps); err != nil {
			return fmt.Errorf("%s: bad report: %w", name, err)
		}
		reports = append(reports, reps...)
	}
	printTable(stdout, o, reports)
	return nil
}

// defaultData finds ../shared/testdata/lingua beside the repository that
// holds the working directory.
func defaultData() (string, error) {
	if _, err := repo.Root(); err != nil {
		return "", errors.New("not inside the repository (no go.work above the working directory); pass -data")
	}
	data := repo.Shared("testdata", "lingua")
	if data == "" {
		return "", errors.New("no lingua test data in ../shared/testdata/lingua (pass -data)")
	}
	return data, nil
}

// runConfig runs one configuration in this process and returns its
// reports (detect returns two: without hints and with the prior). The
// texts are streamed from disk, so that the resident memory is the
// detector's, not the test set's.
func runConfig(o options) ([]Report, error) {
	ctx := context.Background()
	// Every configuration is also scored on detect's languages, the
	// like-for-like comparison.
	settings, err := detect.ReadSettings(config.NewReader(os.Getenv))
	if err != nil {
		return nil, err
	}
	if o.languages != "" {
		settings.Detector.Languages = strings.Split(o.languages, ",")
	}
	on := make(map[string]bool)
	for _, l := range settings.Detector.Languages {
		on[eval.Canonical(l)] = true
	}
	newScorer := func(deployed map[string]bool) *eval.Scorer {
		s := eval.NewScorer(deployed)
		s.On = on
		return s
	}
	begin := time.Now()
	each := func(fn func(eval.Text) string, s *eval.Scorer) error {
		return eval.Each(o.data, eval.Kinds, o.step, func(t eval.Text) {
			start := time.Now()
			got := fn(t)
			s.Add(t, got, time.Since(start))
		})
	}
	switch o.child {
	case "lingua-high", "lingua-low":
		b := lingua.NewLanguageDetectorBuilder().FromAllLanguages().WithPreloadedLanguageModels()
		name := "lingua-go, all 75 languages, high accuracy (its README's setup)"
		if o.child == "lingua-low" {
			b = b.WithLowAccuracyMode()
			name = "lingua-go, all 75 languages, low accuracy"
		}
		ld := b.Build()
		load := time.Since(begin)
		deployed := make(map[string]bool)
		for _, l := range lingua.AllLanguages() {
			deployed[eval.Canonical(strings.ToLower(l.IsoCode639_1().String()))] = true
		}
		s := newScorer(deployed)
		err := each(func(t eval.Text) string {
			l, ok := ld.DetectLanguageOf(t.Text)
			if !ok {
				return api.Undetermined
			}
			return strings.ToLower(l.IsoCode639_1().String())
		}, s)
		if err != nil {
			return nil, err
		}
		return []Report{report(name, len(deployed), load, s.Results())}, nil

	case "detect":
		// The service's own defaults: the settings an empty environment
		// gives, or DETECT_* variables set for an experiment.
		cfg := settings.Detector
		cfg.Preload = detect.PreloadBlocking
		det, err := detect.New(cfg)
		if err != nil {
			return nil, err
		}
		load := time.Since(begin)
		deployed := make(map[string]bool)
		langs := det.Languages()
		for _, l := range langs {
			deployed[eval.Canonical(l)] = true
		}
		answer := func(req api.DetectRequest) string {
			resp, err := det.Detect(ctx, req)
			if err != nil || resp.Language == api.Undetermined {
				// api.Base would guess a language for und.
				return api.Undetermined
			}
			return api.Base(resp.Language)
		}
		plain := newScorer(deployed)
		if err := each(func(t eval.Text) string { return answer(api.DetectRequest{Text: t.Text}) }, plain); err != nil {
			return nil, err
		}
		reps := []Report{report("detect, default configuration", len(langs), load, plain.Results())}

		// The same texts with a sender locale that is right priorRight of
		// the time and otherwise another deployed language at random.
		// Also scored apart: the texts whose hint was right, and those
		// whose hint was wrong.
		rng := rand.New(rand.NewPCG(o.seed, o.seed))
		withPrior, right, wrong := newScorer(deployed), newScorer(deployed), newScorer(deployed)
		err = eval.Each(o.data, eval.Kinds, o.step, func(t eval.Text) {
			hint := langs[rng.IntN(len(langs))]
			if deployed[t.Lang] {
				if rng.Float64() < o.priorRight {
					hint = t.Lang
				} else {
					for hint == t.Lang {
						hint = langs[rng.IntN(len(langs))]
					}
				}
			}
			start := time.Now()
			got := answer(api.DetectRequest{Text: t.Text, Hints: api.DetectHints{SenderLocale: hint}})
			took := time.Since(start)
			withPrior.Add(t, got, took)
			if hint == t.Lang {
				right.Add(t, got, took)
			} else {
				wrong.Add(t, got, took)
			}
		})
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("detect, default configuration, sender locale right %.0f%% of the time", 100*o.priorRight)
		reps = append(reps, report(name, len(langs), load, withPrior.Results()))
		if o.detail {
			reps = append(reps, report("  of which the hint was right", len(langs), load, right.Results()),
				report("  of which the hint was wrong", len(langs), load, wrong.Results()))
		}
		return reps, nil
	}
	return nil, fmt.Errorf("unknown configuration %q (want lingua-high, lingua-low or detect)", o.child)
}

func report(name string, languages int, load time.Duration, results []eval.Result) Report {
	rss, peak := memory()
	return Report{Name: name, Languages: languages, LoadSeconds: load.Seconds(), RSSMB: rss, PeakMB: peak, Results: results}
}

// memory reads the resident set and its peak, in MB, from /proc.
func memory() (rss, peak float64) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			continue
		}
		switch f[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "VmHWM:":
			peak = kb / 1024
		}
	}
	return rss, peak
}

func printTable(w io.Writer, o options, reports []Report) {
	fmt.Fprintf(w, "lingua test data: %s, every %d. line; %d CPUs (GOMAXPROCS); %s\n\n", o.data, o.step, runtime.GOMAXPROCS(0), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintln(w, "| configuration | languages | texts | accuracy, own languages | accuracy, detect's languages | accuracy, all 75 | precision (non-und) | abstention | median µs | p99 µs | RSS MB (peak) | load s |")
	fmt.Fprintln(w, "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range reports {
		for _, x := range r.Results {
			fmt.Fprintf(w, "| %s | %d | %s | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.0f | %.0f | %.0f (%.0f) | %.1f |\n",
				r.Name, r.Languages, x.Kind, x.Accuracy, x.AccuracyOn, x.AccuracyAll, x.Precision, x.Abstention,
				x.MedianMicros, x.P99Micros, r.RSSMB, r.PeakMB, r.LoadSeconds)
		}
	}
	fmt.Fprintln(w, "\nlingua's published means over all 75 languages (SOURCE.md): high accuracy 74.1 / 89.1 / 96.1%, low accuracy 60.5 / 78.4 / 93.5% (single words / word pairs / sentences).")
}
