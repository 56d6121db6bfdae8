// Command eval is Parley's offline evaluation harness.
//
//	eval run -set FILE [-config SPEC]... [-configs FILE] [-embed | -nats URL] [-out DIR]
//	eval compare [-samples N] [-seed N] [-out DIR] BASELINE SYSTEM
//
// run sends every segment of a JSONL test set through the live pipeline
// over NATS, once per config, and writes a JSON report and a
// self-contained HTML report; compare tests two runs against each other
// with paired bootstrap resampling. See docs/evaluation.md.
//
// Exit status: 0 ok (or help asked for), 2 a bad command line (no or an
// unknown command, a flag that does not parse or takes no such value,
// run without -set, compare without two runs), 1 any other failure, as
// the parley and experiments commands answer.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		cancel()
		os.Exit(exitStatus(err))
	}
}

// usageError is a bad command line: exit status 2, so that a script can
// tell it from a run that failed (1).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErr(err error) error { return &usageError{err} }

// exitStatus is the process's exit status for run's error: 0 for none, 2
// for a usage error, 1 for any other.
func exitStatus(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		return 2
	}
	return 1
}

const usage = `usage:
  eval run -set FILE [-config SPEC]... [-configs FILE] [-embed | -nats URL] [-out DIR] [-name NAME]
  eval compare [-samples N] [-seed N] [-out DIR] [-name NAME] BASELINE SYSTEM

A config SPEC is name[:key=value,...] with keys backends and exclude (rung
names joined by +), model, and env.NAME (embedded suite settings), e.g.
  -config apertium:backends=apertium
  -config qwen7b:model=qwen2.5:7b
BASELINE and SYSTEM are report files, with #config to pick one run of a
report that has several: reports/seed.json#apertium.
`

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageErr(errors.New("no command"))
	}
	switch args[0] {
	case "run":
		return helpIsNoError(runCmd(ctx, args[1:], getenv, stdout, stderr))
	case "compare":
		return helpIsNoError(compareCmd(args[1:], stdout, stderr))
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageErr(fmt.Errorf("unknown command %q", args[0]))
}

// helpIsNoError turns the flag package's answer to -h (it has printed the
// command's usage) into success, so that `eval run -h` exits 0 like
// `eval help`.
func helpIsNoError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// parseFlags is fs.Parse with a flag that does not parse (-limit x, an
// unknown flag) a usage error; -h stays flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		return usageErr(err)
	}
	return err
}
