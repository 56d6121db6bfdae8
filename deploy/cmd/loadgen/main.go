// Command loadgen drives Parley's HTTP gateway with an open-loop load
// (docs/deploy.md):
//
//	loadgen run  -url http://127.0.0.1:8080 -rate 100 -duration 30s
//	loadgen max  -spawn -out .state/loadtest.json
//	loadgen soak -spawn -rate-from .state/loadtest.json -duration 10m
//
// -key (default $PARLEY_API_KEY) sends an API key with every request, for
// a deployment that has keys.
//
// run sends a fixed rate and prints latency percentiles (measured from
// each request's scheduled time) and errors by code. max raises the rate
// step by step until the error rate, the p99 or the achieved rate gives
// out, and reports the highest rate that held. soak runs one rate for a
// long time while sampling every process's resident memory and goroutines,
// and fails when memory grows by 10% or more or goroutines grow.
//
// With -spawn, loadgen builds the services and runs them itself on a local
// 3-node NATS cluster with 2 processes each and an instant fake LLM, the
// same layout as the failover tests.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/parley-chat/parley/deploy/cluster"
	"github.com/parley-chat/parley/deploy/loadgen"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/repo"
)

func main() {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "loadgen: %v\n", err)
		os.Exit(1)
	}
}

// usage is what `loadgen -h` prints; `loadgen <mode> -h` adds the flags.
const usage = `usage: loadgen run|max|soak [flags]

  run   send -rate requests per second for -duration; print latency
        percentiles and errors by code
  max   raise the rate step by step until the error rate, the p99 or the
        achieved rate gives out; report the highest rate that held
  soak  run one rate for -duration while sampling every process's memory
        and goroutines; fail when they grow

loadgen <mode> -h lists the flags (docs/deploy.md, "Load generator").

exit status: 0 ok (and -h); 1 bad flags or an error, for run, no
request succeeded, and for max, no rate held; 2 the soak failed
`

// modes are the modes run knows.
var modes = []string{"run", "max", "soak"}

// options are the flags every mode shares.
type options struct {
	urls     string
	spawn    bool
	replicas int
	unique   bool
	timeout  time.Duration
	out      string
	key      string
}

func (o *options) register(fs *flag.FlagSet) {
	fs.StringVar(&o.urls, "url", "http://127.0.0.1:8080", "gateway base URLs, comma-separated (round-robin)")
	fs.BoolVar(&o.spawn, "spawn", false, "build and run a local cluster (3 NATS nodes, services as processes, instant fake LLM) and load it")
	fs.IntVar(&o.replicas, "replicas", 2, "with -spawn: processes per service")
	fs.BoolVar(&o.unique, "unique", false, "make every text unique, so that every view misses the translation cache")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "per-request timeout")
	fs.StringVar(&o.out, "out", "", "also write the result as JSON to this file")
	// From the environment by default (keyFromEnv), so that the key stays
	// out of the shell history and the process list; not as the flag's
	// default, which -h would print.
	fs.StringVar(&o.key, "key", "", "API key sent as \"Authorization: Bearer <key>\" (default $PARLEY_API_KEY); a deployment with keys refuses views without one")
}

// keyFromEnv applies -key's default, $PARLEY_API_KEY, after parsing.
func (o *options) keyFromEnv() {
	if o.key == "" {
		o.key = os.Getenv("PARLEY_API_KEY")
	}
}

// apiKey is the key to send. A cluster loadgen spawns has no keys, and
// the gateway refuses a key it does not know even on open routes: a
// PARLEY_API_KEY left in the environment for a real deployment would fail
// every request of `make loadtest`.
func (o *options) apiKey(out io.Writer) string {
	if o.spawn && o.key != "" {
		fmt.Fprintln(out, "-spawn: the local cluster has no API keys; the key (-key or PARLEY_API_KEY) is not sent")
		return ""
	}
	return o.key
}

func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: loadgen run|max|soak [flags] (loadgen <mode> -h for the flags)")
	}
	mode, args := args[0], args[1:]
	switch {
	case mode == "-h" || mode == "-help" || mode == "--help" || mode == "help":
		// Asked for: on stdout, and a success.
		fmt.Fprint(out, usage)
		return nil
	case !slices.Contains(modes, mode):
		// Before any flag is read: `-spawn` would build a cluster first.
		return fmt.Errorf("unknown mode %q: want run, max or soak (loadgen -h)", mode)
	}
	fs := flag.NewFlagSet("loadgen "+mode, flag.ContinueOnError)
	// Parse errors are returned (main prints them once); the flags are
	// printed when asked for (-h), below.
	fs.SetOutput(io.Discard)
	var o options
	o.register(fs)
	rate := fs.Float64("rate", 50, "requests per second")
	duration := fs.Duration("duration", 30*time.Second, "run: how long; soak: how long to soak")
	// max
	start := fs.Float64("start", 20, "max: first rate")
	factor := fs.Float64("factor", 1.5, "max: rate multiplier per step")
	step := fs.Duration("step", 15*time.Second, "max: duration of each step")
	maxP99 := fs.Duration("max-p99", time.Second, "max: a step fails when p99 exceeds this")
	maxErr := fs.Float64("max-errors", 0.001, "max: a step fails when this fraction of requests fails")
	// soak
	rateFrom := fs.String("rate-from", "", "soak: take half the max_rate of this loadtest JSON as the rate")
	sample := fs.Duration("sample", 10*time.Second, "soak: sampling interval")
	warmup := fs.Duration("warmup", time.Minute, "soak: samples before this are ignored (caches fill)")
	metrics := fs.String("metrics", "", "soak without -spawn: /metrics URLs to sample, comma-separated")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fmt.Fprintf(out, "usage: loadgen %s [flags]\n\nflags (one marked max: or soak: is for that mode only):\n", mode)
			fs.PrintDefaults()
			return nil
		}
		return fmt.Errorf("%w (loadgen %s -h lists the flags)", err, mode)
	}
	// Refused like a bad flag, before -spawn builds a cluster: a stray
	// argument (`-rate 5 10s`) would otherwise silently stop the flags.
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (loadgen %s -h lists the flags)", fs.Arg(0), mode)
	}
	if err := checkFlags(mode, *rate, *duration, *start, *factor, *step, *rateFrom != ""); err != nil {
		return fmt.Errorf("%w (loadgen %s -h lists the flags)", err, mode)
	}
	o.keyFromEnv()
	targets := strings.Split(o.urls, ",")
	var procs []loadgen.Process
	for _, u := range strings.Split(*metrics, ",") {
		if u != "" {
			procs = append(procs, loadgen.Process{Name: u, MetricsURL: u})
		}
	}
	if o.spawn {
		c, stop, err := spawn(ctx, o.replicas, out)
		if err != nil {
			return err
		}
		defer stop()
		targets = c.Gateways()
		procs = nil
		for _, p := range c.All() {
			// With the pid, memory is the process's and its children's
			// (translate's Apertium programs), read from /proc.
			procs = append(procs, loadgen.Process{Name: fmt.Sprintf("%s-%d", p.Service, p.Index), MetricsURL: "http://" + p.Addr + "/metrics", PID: p.PID()})
		}
	}
	source := loadgen.Translations(loadgen.Corpus, o.unique)
	cfg := loadgen.Config{Targets: targets, Timeout: o.timeout, Source: source, APIKey: o.apiKey(out)}
	var result any
	var failure error // the run's verdict, returned after -out is written
	switch mode {
	case "run":
		cfg.Rate, cfg.Duration = *rate, *duration
		res, err := loadgen.Run(ctx, cfg)
		if err != nil {
			return err
		}
		printResult(out, res)
		result = res
		if res.OK == 0 {
			// A run that measured nothing must not pass for one that
			// did (a script, CI): exit 1, once -out is written.
			failure = fmt.Errorf("no request succeeded (%d sent, %d failed)", res.Sent, res.Failed)
		}
	case "max":
		m, err := findMax(ctx, cfg, *start, *factor, *step, *maxP99, *maxErr, out)
		if err != nil {
			return err
		}
		result = m
		if m.MaxRate == 0 {
			// Not even -start held: there is no maximum to report, and
			// `loadgen soak -rate-from` would have nothing to run at.
			failure = fmt.Errorf("no rate held, not even -start %g/s (lower -start, or see the errors above)", *start)
		}
	case "soak":
		if *rateFrom != "" {
			var m maxResult
			b, err := os.ReadFile(*rateFrom)
			if err != nil {
				return fmt.Errorf("-rate-from (run `make loadtest` first): %w", err)
			}
			if err := json.Unmarshal(b, &m); err != nil || m.MaxRate <= 0 {
				return fmt.Errorf("-rate-from %s: no max_rate", *rateFrom)
			}
			*rate = m.MaxRate / 2
		}
		s, err := soak(ctx, cfg, *rate, *duration, *sample, *warmup, procs, out)
		if err != nil {
			return err
		}
		result = s
		if !s.Pass {
			defer func() { os.Exit(2) }()
		}
	default:
		return fmt.Errorf("unknown mode %q: want run, max or soak", mode)
	}
	if o.out != "" {
		b, _ := json.MarshalIndent(result, "", "  ")
		if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(o.out, append(b, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s\n", o.out)
	}
	return failure
}

// checkFlags refuses the rates and durations mode cannot run with.
func checkFlags(mode string, rate float64, duration time.Duration, start, factor float64, step time.Duration, rateFrom bool) error {
	switch {
	case mode == "max" && (start <= 0 || step <= 0):
		return fmt.Errorf("-start %g and -step %s must be positive", start, step)
	case mode == "max" && factor <= 1:
		// 1 or less would never raise the rate: max would not end.
		return fmt.Errorf("-factor %g must be above 1", factor)
	case mode != "max" && duration <= 0:
		return fmt.Errorf("-duration %s must be positive", duration)
	case mode != "max" && !rateFrom && rate <= 0:
		return fmt.Errorf("-rate %g must be positive", rate)
	}
	return nil
}

func printResult(out io.Writer, r *loadgen.Result) {
	l := r.Latency
	fmt.Fprintf(out, "rate %.0f/s for %s: sent %d, ok %d, failed %d (%.3f%%), achieved %.1f/s\n",
		r.Rate, r.Duration.Round(time.Millisecond), r.Sent, r.OK, r.Failed, 100*r.ErrorRate(), r.Achieved)
	if r.OK > 0 {
		fmt.Fprintf(out, "latency ok   %s\n", percentiles(l))
	} else {
		fmt.Fprintln(out, "latency ok   none: no request succeeded")
	}
	// With failures, how long every caller waited too: failures that come
	// back at once (refusals) or only at the timeout would otherwise go
	// unseen, and a run where everything fails would show no time at all.
	if sent := r.Sent - r.Errors["client_overload"]; r.Failed > 0 && sent > 0 {
		fmt.Fprintf(out, "latency all  %s  (%d sent, failures included)\n", percentiles(r.LatencyAll), sent)
	}
	for _, code := range slices.Sorted(maps.Keys(r.Errors)) {
		n := r.Errors[code]
		fmt.Fprintf(out, "  error %-20s %d", code, n)
		if ex := r.Examples[code]; ex != "" {
			fmt.Fprintf(out, "  (first: %q)", ex)
		}
		fmt.Fprintln(out)
	}
}

func percentiles(l loadgen.Percentiles) string {
	return fmt.Sprintf("p50 %s  p90 %s  p99 %s  p99.9 %s  max %s",
		round(l.P50), round(l.P90), round(l.P99), round(l.P999), round(l.Max))
}

func round(d time.Duration) time.Duration {
	if d > 10*time.Millisecond {
		return d.Round(time.Millisecond)
	}
	return d.Round(10 * time.Microsecond)
}

// maxResult is what `loadgen max` finds.
type maxResult struct {
	MaxRate float64           `json:"max_rate"`
	Steps   []*loadgen.Result `json:"steps"`
}

func findMax(ctx context.Context, cfg loadgen.Config, rate, factor float64, step, maxP99 time.Duration, maxErr float64, out io.Writer) (*maxResult, error) {
	m := &maxResult{}
	for ; ; rate *= factor {
		cfg.Rate, cfg.Duration = rate, step
		res, err := loadgen.Run(ctx, cfg)
		if err != nil {
			return nil, err
		}
		printResult(out, res)
		m.Steps = append(m.Steps, res)
		held := res.ErrorRate() <= maxErr && res.Latency.P99 <= maxP99 && res.Achieved >= 0.95*rate
		if !held {
			fmt.Fprintf(out, "rate %.0f/s does not hold (p99 limit %s, error limit %.2f%%)\n", rate, maxP99, 100*maxErr)
			break
		}
		m.MaxRate = rate
	}
	fmt.Fprintf(out, "max throughput: %.0f views/s\n", m.MaxRate)
	return m, nil
}

// soakResult is what `loadgen soak` reports.
type soakResult struct {
	Load      *loadgen.Result  `json:"load"`
	Processes []loadgen.Growth `json:"processes"`
	Pass      bool             `json:"pass"`
}

func soak(ctx context.Context, cfg loadgen.Config, rate float64, d, sample, warmup time.Duration, procs []loadgen.Process, out io.Writer) (*soakResult, error) {
	if len(procs) == 0 {
		return nil, errors.New("soak: nothing to sample (use -spawn or -metrics)")
	}
	cfg.Rate, cfg.Duration = rate, d
	fmt.Fprintf(out, "soak: %.0f views/s for %s, sampling %d processes every %s after %s\n", rate, d, len(procs), sample, warmup)
	wctx, stop := context.WithCancel(ctx)
	growth := make(chan []loadgen.Growth, 1)
	go func() { growth <- loadgen.Watch(wctx, procs, sample, warmup) }()
	res, err := loadgen.Run(ctx, cfg)
	stop()
	g := <-growth
	if err != nil {
		return nil, err
	}
	printResult(out, res)
	s := &soakResult{Load: res, Processes: g, Pass: res.ErrorRate() <= 0.001}
	fmt.Fprintf(out, "%-14s %10s %10s %8s %10s %6s %6s\n", "process", "rss start", "rss end", "growth", "pss end", "gr st", "gr end")
	for _, p := range g {
		ok := p.RSSOK(10) && p.GoroutinesOK()
		s.Pass = s.Pass && ok && len(p.Samples) > 0
		mark := ""
		if !ok {
			mark = "  <- grows"
		}
		pss := "-" // read by /metrics only
		if p.PSSEnd > 0 {
			pss = fmt.Sprintf("%.1fM", float64(p.PSSEnd)/(1<<20))
		}
		fmt.Fprintf(out, "%-14s %9.1fM %9.1fM %7.1f%% %10s %6d %6d%s\n", p.Name, float64(p.RSSStart)/(1<<20), float64(p.RSSEnd)/(1<<20), p.RSSPct, pss, p.GoroutinesStart, p.GoroutinesEnd, mark)
	}
	fmt.Fprintf(out, "soak pass: %v (errors <= 0.1%%, memory growth < 10%%, no goroutine growth)\n", s.Pass)
	return s, nil
}

// spawn builds and starts a local cluster with an instant fake LLM.
func spawn(ctx context.Context, replicas int, out io.Writer) (*cluster.Cluster, func(), error) {
	root, err := repo.Root()
	if err != nil {
		return nil, nil, err
	}
	dir, err := os.MkdirTemp("", "parley-loadgen-")
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(out, "building the services and nats-server into %s\n", dir)
	natsServer, err := cluster.BuildNATS(ctx, filepath.Join(root, "deploy"), dir)
	if err != nil {
		return nil, nil, err
	}
	built, failed, err := cluster.Build(ctx, root, dir, cluster.Services)
	if err != nil {
		return nil, nil, err
	}
	for name, err := range failed {
		fmt.Fprintf(out, "left out %s: %v\n", name, err)
	}
	// A soak sends hundreds of thousands of requests: remember a few.
	llm := fakellm.NewOllama(fakellm.Config{KeepRequests: 16, Translator: func(r fakellm.Request) (string, error) {
		return loadgen.FakeTranslation(loadgen.Corpus, r.Data()), nil
	}})
	reps := map[string]int{}
	for _, s := range built {
		reps[s] = replicas
	}
	fmt.Fprintf(out, "starting 3 NATS nodes and %d processes of %v\n", replicas, built)
	c, err := cluster.Start(ctx, cluster.Config{
		Dir: dir, Bin: dir, NATSServer: natsServer, Replicas: reps,
		NATSConf: filepath.Join(root, "deploy", "nats", "nats.conf"),
		Env: map[string]string{
			"OLLAMA_HOST": llm.URL(), "OLLAMA_MODEL": "qwen2.5:3b", "TRANSLATE_CHAIN": "ollama",
			"DETECT_LANGUAGES": "en,es,fr,de", "DETECT_PRELOAD": "true",
			"GLOSSARY_DIR": filepath.Join(root, "glossaries"),
		},
	})
	if err != nil {
		llm.Close()
		return nil, nil, err
	}
	return c, func() {
		c.Stop()
		llm.Close()
		_ = os.RemoveAll(dir)
	}, nil
}
