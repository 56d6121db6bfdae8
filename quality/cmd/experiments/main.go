// Command experiments reports on Parley's A/B experiments and enforces
// their guardrails, reading the events stream and the experiments bucket
// of a running deployment (NATS_URL).
//
//	experiments list
//	experiments put FILE
//	experiments report [-json] [NAME...]
//	experiments guard [-watch DURATION] [-dry-run] [NAME...]
//
// report prints, per arm and per unit of assignment (a conversation's or
// user's views averaged, then units compared), the mean quality score,
// latency, tokens and reader rating with 95 % confidence intervals, the
// fallback, show-original and bad-translation rates, and Welch's t-test
// (a two-proportion test for rates) against control. put keeps the stop
// of an arm the file says nothing of. guard stops (in KV) every arm that
// a guardrail condemns; with -watch it keeps checking, which is how a
// deployment runs it (a sidecar or a cron job). See docs/operations.md.
//
// Flags may come before or after the names. Exit status: 0 ok, 1 failure,
// 2 usage or connection errors, as the parley command's.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/quality/experiments"
	"github.com/parley-chat/parley/quality/metrics"
	"github.com/parley-chat/parley/shared/cliflag"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/kvstore"
	"github.com/parley-chat/parley/shared/natsutil"
)

func main() {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := exitStatus(run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr), os.Stderr)
	cancel()
	os.Exit(code)
}

// statusError is a failure whose exit status is not 1.
type statusError struct {
	code int
	err  error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

// usageErr marks a bad command line, connErr a deployment that could not be
// reached: both exit with status 2, as the parley command's do, so a
// script can tell them from a refused experiment or a failed check (1).
func usageErr(err error) error { return &statusError{code: 2, err: err} }
func connErr(err error) error  { return &statusError{code: 2, err: err} }

// exitStatus reports err on stderr and returns the process's exit status:
// 0 ok (or help asked for), 2 usage or connection errors, 1 any other
// failure.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	// For bad flags the flag package has printed its message already.
	if !errors.Is(err, errFlags) {
		fmt.Fprintln(stderr, "experiments:", err)
	}
	var se *statusError
	if errors.As(err, &se) {
		return se.code
	}
	return 1
}

// errFlags is a command line the flag package refused (and explained).
var errFlags = errors.New("bad flags")

const usage = `usage:
  experiments list
  experiments put FILE        (validate and store an experiment, JSON; - for stdin)
  experiments report [-json] [NAME...]
  experiments guard [-watch DURATION] [-dry-run] [NAME...]

NATS_URL names the deployment's NATS server (default nats://127.0.0.1:4222);
NATS_USER and NATS_PASSWORD (or NATS_CREDS, NATS_NKEY_SEED, NATS_TOKEN) are
the credentials it requires, as the services have them.
PARLEY_JS_REPLICAS (default 1) is the replication the experiments bucket is
created with, or raised to when it has fewer: set it as the services have
it (3 on a 3-node cluster); a bucket is never lowered.
Without NAME, every experiment in the bucket. Flags may come before or
after the names.

exit status: 0 ok, 1 failure, 2 usage or connection errors
`

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageErr(errors.New("no command"))
	}
	cmd, args := args[0], args[1:]
	fs := flag.NewFlagSet("experiments "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the reports as JSON (report)")
	watch := fs.Duration("watch", 0, "keep checking at this interval (guard; 0: once)")
	dryRun := fs.Bool("dry-run", false, "print the stops without making them (guard)")
	switch cmd {
	case "list", "put", "report", "guard":
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return usageErr(fmt.Errorf("unknown command %q", cmd))
	}
	names, err := cliflag.Parse(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	if err != nil {
		return usageErr(fmt.Errorf("%w: %w", errFlags, err))
	}
	switch {
	case cmd == "list" && len(names) != 0:
		return usageErr(errors.New("list takes no arguments"))
	case cmd == "put" && len(names) != 1:
		return usageErr(errors.New("put needs one FILE (or - for stdin)"))
	case *watch < 0:
		return usageErr(fmt.Errorf("-watch %v is negative", *watch))
	}
	url := getenv("NATS_URL")
	if url == "" {
		url = nats.DefaultURL
	}
	auth, err := natsutil.ConnectOptions(getenv)
	if err != nil {
		return connErr(err)
	}
	nc, err := nats.Connect(url, append(auth, nats.Name("parley-experiments"))...)
	if err != nil {
		return connErr(fmt.Errorf("connect %s: %w", natsutil.RedactURL(url), err))
	}
	defer nc.Close()
	octx, cancel := context.WithTimeout(ctx, 10*time.Second)
	// Warnings only: a bucket whose replicas could not be raised.
	store, err := experiment.Open(octx, nc, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		kvstore.Replicas(natsutil.JetStreamReplicas(config.NewReader(getenv))))
	cancel()
	if err != nil {
		return connErr(err)
	}
	defer store.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return connErr(err)
	}
	c := &cli{store: store, js: js, out: stdout, in: os.Stdin}
	switch cmd {
	case "list":
		return c.list()
	case "put":
		return c.put(ctx, names[0])
	case "report":
		return c.report(ctx, names, *asJSON)
	}
	for {
		if err := c.guard(ctx, names, *dryRun); err != nil {
			return err
		}
		if *watch <= 0 {
			return nil
		}
		t := time.NewTimer(*watch)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

type cli struct {
	store *experiment.Store
	js    jetstream.JetStream
	out   io.Writer
	in    io.Reader
}

func (c *cli) put(ctx context.Context, path string) error {
	var (
		data []byte
		err  error
	)
	if path == "-" {
		data, err = io.ReadAll(c.in)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return err
	}
	// An arm a guardrail (or an operator) stopped stays stopped unless
	// the file says "stopped" of it: re-applying the file one wrote must
	// not restart an arm that was stopped for doing harm.
	e, rev, kept, err := c.store.PutDocument(ctx, data)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "stored experiment %s (%s, %d arms, revision %d)\n", e.Name, e.Status, len(e.Arms), rev)
	for _, name := range kept {
		a, _ := e.Arm(name)
		fmt.Fprintf(c.out, "arm %s stays stopped (%s); to restart it, put the file with \"stopped\": \"\" on the arm\n", name, a.Stopped)
	}
	return nil
}

func (c *cli) list() error {
	w := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "EXPERIMENT\tSTATUS\tBY\tCONTROL\tARMS")
	for _, e := range c.store.List() {
		arms := ""
		for i, a := range e.Arms {
			if i > 0 {
				arms += ", "
			}
			arms += a.Name
			if a.Stopped != "" {
				arms += " (stopped)"
			}
		}
		by := string(e.By)
		if by == "" {
			by = "conversation"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", e.Name, e.Status, by, e.Control, arms)
	}
	return w.Flush()
}

func (c *cli) report(ctx context.Context, names []string, asJSON bool) error {
	var reports []experiments.Report
	if len(names) == 0 {
		for _, e := range c.store.List() {
			names = append(names, e.Name)
		}
	}
	for _, name := range names {
		var (
			r   experiments.Report
			err error
		)
		if e, ok := c.store.Get(name); ok {
			r, err = experiments.Load(ctx, c.js, e)
		} else {
			// Deleted from the bucket (kv del): its events outlive it,
			// and are what a report is made of.
			r, err = c.reportFromEvents(ctx, name)
		}
		if err != nil {
			return err
		}
		reports = append(reports, r)
	}
	if asJSON {
		enc := json.NewEncoder(c.out)
		enc.SetIndent("", "  ")
		return enc.Encode(reports)
	}
	for _, r := range reports {
		writeReport(c.out, r)
	}
	return nil
}

// reportFromEvents reports on an experiment the bucket no longer holds
// from its events alone: the arms are those the events name, control the
// arm whose exposures and outcomes say so. What only the experiment's
// document said is unknown: which tenants it served (every feedback event
// counts), and the arms stopped are those whose units another arm served.
func (c *cli) reportFromEvents(ctx context.Context, name string) (experiments.Report, error) {
	evs, err := experiment.Read(ctx, c.js, name)
	if err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
		return experiments.Report{}, err
	}
	e := experiment.Experiment{Name: name}
	for _, ev := range evs {
		if ev.Experiment != name || ev.Arm == "" {
			continue
		}
		if _, ok := e.Arm(ev.Arm); !ok {
			e.Arms = append(e.Arms, experiment.Arm{Name: ev.Arm})
		}
		if ev.Control && e.Control == "" {
			e.Control = ev.Arm
		}
	}
	// An arm that a unit hashed to but did not serve it was stopped
	// (Event.Assigned): the split check leaves it out, as it does a stop
	// the document records.
	for _, ev := range evs {
		if ev.Experiment != name || ev.Assigned == "" || ev.Assigned == ev.Arm || !experiment.ValidName(ev.Assigned) {
			continue
		}
		i := slices.IndexFunc(e.Arms, func(a experiment.Arm) bool { return a.Name == ev.Assigned })
		if i < 0 {
			e.Arms = append(e.Arms, experiment.Arm{Name: ev.Assigned})
			i = len(e.Arms) - 1
		}
		e.Arms[i].Stopped = "stopped (its units were served by another arm)"
	}
	if len(e.Arms) == 0 {
		return experiments.Report{}, fmt.Errorf("no experiment %q: the bucket does not hold it and the streams have no events of it", name)
	}
	r := experiment.Analyze(e, evs)
	note := fmt.Sprintf("experiment %s is not in the bucket (deleted?): reported from its events alone, with the arms they name", name)
	if e.Control == "" {
		note += "; no event marks a control arm, so no arm is compared with one"
	} else {
		note += fmt.Sprintf(" and control %s as they mark it", e.Control)
	}
	note += "; its tenants are unknown, so every feedback event counts"
	// Nor are its weights and stops, unless every exposure says by which
	// weights its unit was split (Event.Split): without them the split
	// cannot be checked (an arm weighted 2 would look like a mismatch).
	if splitsRecorded(evs, name) {
		note += "; the split is checked against the weights its exposures record"
	} else {
		note += "; its weights are unknown (exposures written before they recorded them), so the split is not checked for a sample ratio mismatch"
		r.SRMP, r.SRM, r.SRMSplits = nil, false, 0
		r.Notes = slices.DeleteFunc(r.Notes, func(n string) bool { return strings.HasPrefix(n, experiment.SRMNotePrefix) })
	}
	r.Notes = append([]string{note}, r.Notes...)
	return r, nil
}

// splitsRecorded reports whether every unit of the experiment's outcomes
// has an exposure in its arm that records the weights it was split by
// (Event.Split), so that the sample ratio check needs no document.
func splitsRecorded(evs []experiment.Event, name string) bool {
	split := map[string]bool{}
	for _, ev := range evs {
		if ev.Experiment == name && ev.Type == experiment.Exposure && ev.Unit != "" && ev.Split != "" {
			split[ev.Arm+"/"+ev.Unit] = true
		}
	}
	units := 0
	for _, ev := range evs {
		if ev.Experiment != name || ev.Type != experiment.Outcome || ev.Unit == "" {
			continue // an outcome without a unit is not in the check
		}
		if !split[ev.Arm+"/"+ev.Unit] {
			return false
		}
		units++
	}
	return units > 0
}

func ci(s metrics.Sample, format string) string {
	switch s.N {
	case 0:
		return "-"
	case 1:
		// One observation has no interval.
		return fmt.Sprintf(format+" [n/a]", s.Mean)
	}
	return fmt.Sprintf(format+" ["+format+", "+format+"]", s.Mean, s.Low, s.High)
}

func vs(w metrics.Welch, n int) string {
	if n == 0 {
		return "-"
	}
	if w.NoVariance {
		// Neither side varies: the difference is known, a test is not.
		return fmt.Sprintf("%+.1f p=n/a", w.Diff)
	}
	if !w.Defined {
		// Fewer than two observations in the arm or the control.
		return "n/a"
	}
	mark := ""
	if w.P < experiments.Alpha {
		mark = " *"
	}
	return fmt.Sprintf("%+.1f p=%.3g%s", w.Diff, w.P, mark)
}

// rate is a share in percent with its Wilson interval (in [0, 100]).
func rate(p metrics.Proportion) string {
	if p.N == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%% [%.1f, %.1f]", 100*p.P, 100*p.Low, 100*p.High)
}

// vsRate is an arm's rate against control's, in percentage points, with
// the two-proportion test's p-value: n/a with fewer than two units on
// either side, as for means.
func vsRate(ctl *metrics.Proportion, a metrics.Proportion, p float64) string {
	switch {
	case a.N == 0:
		return "-"
	case ctl == nil || ctl.N < 2 || a.N < 2:
		return "n/a"
	}
	mark := ""
	if p < experiments.Alpha {
		mark = " *"
	}
	return fmt.Sprintf("%+.1fpt p=%.3g%s", 100*(a.P-ctl.P), p, mark)
}

func writeReport(out io.Writer, r experiments.Report) {
	fmt.Fprintf(out, "experiment %s (control %s); per unit: each conversation or user counts once, its views averaged\n", r.Experiment, r.Control)
	fmt.Fprintf(out, "95 %% confidence intervals, clipped to each metric's range (quality 0-100, latency and tokens >= 0, rating 1-5, rates 0-100 %%); * significant at p<%.2f (Welch; two-proportion z-test for rates)\n", experiments.Alpha)
	var ctl *experiments.Arm
	for i := range r.Arms {
		if r.Arms[i].Control {
			ctl = &r.Arms[i]
		}
	}
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ARM\tUNITS\tEXPOSED\tOUTCOMES\tVIEWS\tQUALITY\tΔ QUALITY\tLATENCY MS\tΔ LATENCY\tFALLBACKS\tΔ FALLBACKS\tTOKENS\tRATING\tΔ RATING\tSHOW ORIGINAL\tΔ SHOW ORIGINAL\tBAD TRANSLATION\tΔ BAD TRANSLATION\tFEEDBACK\tSTOPPED")
	for _, a := range r.Arms {
		name := a.Name
		if a.Control {
			name += " (control)"
		}
		dq, dl, dr, df, ds, db := "", "", "", "", "", ""
		if vc := a.VsControl; vc != nil {
			dq, dl, dr = vs(vc.Quality, a.Quality.N), vs(vc.LatencyMS, a.LatencyMS.N), vs(vc.Rating, a.Rating.N)
			var cf, cs, cb *metrics.Proportion
			if ctl != nil {
				cf, cs, cb = &ctl.Fallbacks, &ctl.ShowOriginal, &ctl.BadTranslation
			}
			df, ds, db = vsRate(cf, a.Fallbacks, vc.FallbacksP), vsRate(cs, a.ShowOriginal, vc.ShowOriginalP), vsRate(cb, a.BadTranslation, vc.BadTranslationP)
		}
		// Counted of received: the rest is the over-count (notes below).
		fb := fmt.Sprintf("%d of %d", a.Feedback.Counted, a.Feedback.Events)
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, a.Units, a.Exposures, a.Outcomes, a.Views,
			ci(a.Quality, "%.1f"), dq, ci(a.LatencyMS, "%.0f"), dl, rate(a.Fallbacks), df, ci(a.Tokens, "%.0f"), ci(a.Rating, "%.2f"), dr,
			rate(a.ShowOriginal), ds, rate(a.BadTranslation), db, fb, a.Stopped)
	}
	_ = w.Flush()
	for _, n := range r.Notes {
		fmt.Fprintln(out, "note:", n)
	}
	fmt.Fprintln(out)
}

func (c *cli) guard(ctx context.Context, names []string, dryRun bool) error {
	ds, err := experiments.Check(ctx, c.store, c.js, names, dryRun)
	for _, d := range ds {
		verb := "stopped"
		if !d.Applied {
			verb = "would stop"
		}
		fmt.Fprintf(c.out, "%s %s/%s: %s\n", verb, d.Experiment, d.Arm, d.Reason)
	}
	if err == nil && len(ds) == 0 {
		fmt.Fprintln(c.out, "every arm within its guardrails")
	}
	return err
}
