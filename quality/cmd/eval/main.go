// Command eval is Parley's offline evaluation harness.
//
//	eval run -set FILE [-config SPEC]... [-configs FILE] [-embed | -nats URL] [-out DIR]
//	eval compare [-samples N] [-seed N] [-out DIR] BASELINE SYSTEM
//
// run sends every segment of a JSONL test set through the live pipeline
// over NATS, once per config, and writes a JSON report and a
// self-contained HTML report; compare tests two runs against each other
// with paired bootstrap resampling. See docs/evaluation.md.
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
		os.Exit(1)
	}
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
		return errors.New("no command")
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
	return fmt.Errorf("unknown command %q", args[0])
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
