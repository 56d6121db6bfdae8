// Command benchreport runs every benchmark of the project and prints one
// markdown table (per area, with ratios against each family's baseline)
// and writes the same as JSON. `make bench` runs it from the repository
// root:
//
//	benchreport [-bench .] [-benchtime 1s] [-json .state/bench.json] [-md .state/bench.md] [modules...]
//
// The modules default to those listed in go.work; every Benchmark* in
// them runs, so benchmarks added anywhere are picked up.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/parley-chat/parley/deploy/benchreport"
)

func main() {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := exitStatus(run(ctx, os.Args[1:], os.Stdout, os.Stderr), os.Stderr)
	cancel()
	os.Exit(code)
}

// exitStatus reports err and returns the exit status: 0 for success and
// for -h (the flag package printed the usage that was asked for, which is
// no error), 1 for a failure.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "benchreport: %v\n", err)
	return 1
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("benchreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bench := fs.String("bench", ".", "benchmark regexp (go test -bench)")
	benchtime := fs.String("benchtime", "", "go test -benchtime (default go's)")
	timeout := fs.Duration("timeout", 60*time.Minute, "go test -timeout per module")
	jsonOut := fs.String("json", ".state/bench.json", "write the report as JSON here")
	mdOut := fs.String("md", ".state/bench.md", "write the markdown here too")
	if err := fs.Parse(args); err != nil {
		return err
	}
	modules := fs.Args()
	if len(modules) == 0 {
		var err error
		if modules, err = workModules("go.work"); err != nil {
			return err
		}
	}
	var all bytes.Buffer
	for _, m := range modules {
		fmt.Fprintf(stderr, "benchmarks in %s ...\n", m)
		targs := []string{"test", "-run", "^$", "-bench", *bench, "-benchmem", "-json", "-timeout", timeout.String()}
		if *benchtime != "" {
			targs = append(targs, "-benchtime", *benchtime)
		}
		cmd := exec.CommandContext(ctx, "go", append(targs, "./...")...)
		cmd.Dir = m
		cmd.Stdout = &all
		cmd.Stderr = stderr
		// A failing package is reported in the table, not fatal: the other
		// modules' numbers are still worth having.
		if err := cmd.Run(); err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	rep, err := benchreport.Parse(&all, "github.com/parley-chat/parley")
	if err != nil {
		return err
	}
	var md bytes.Buffer
	fmt.Fprintf(&md, "## Benchmarks (%s/%s, %d CPUs, %s)\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format(time.DateOnly))
	benchreport.Markdown(&md, rep)
	if _, err := stdout.Write(md.Bytes()); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(rep, "", "  ")
	for path, data := range map[string][]byte{*jsonOut: append(b, '\n'), *mdOut: md.Bytes()} {
		if path == "" {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %s\n", path)
	}
	return nil
}

// workModules lists the `use` directories of a go.work file.
func workModules(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("run from the repository root: %w", err)
	}
	defer f.Close()
	var mods []string
	inUse := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "use ("):
			inUse = true
		case inUse && line == ")":
			inUse = false
		case inUse && line != "":
			mods = append(mods, line)
		case strings.HasPrefix(line, "use "):
			mods = append(mods, strings.TrimSpace(strings.TrimPrefix(line, "use ")))
		}
	}
	if len(mods) == 0 {
		return nil, errors.New("go.work lists no modules")
	}
	return mods, sc.Err()
}
