// Command parley runs the whole suite in one process: embedded NATS with
// JetStream, every service and the HTTP gateway. `make run` starts it.
//
// `parley glossary push|pull|diff|validate` manages glossaries kept in git
// through the HTTP API (see `parley glossary help`); `parley keys
// create|list|revoke|rotate` manages API keys (see `parley keys help`);
// `parley registry list|add|promote|retire` manages the model and prompt
// registry (see `parley registry help`).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/parley-chat/parley/services/gateway/suite"
	"github.com/parley-chat/parley/shared/config"
)

func main() {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := dispatch(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr, suite.Run)
	cancel()
	os.Exit(code)
}

const usage = `usage: parley [command]

With no command, parley runs the whole suite in one process (make run):
embedded NATS with JetStream, every service and the HTTP gateway,
configured by environment variables (README.md, "Configuration").

Commands:
  glossary   push, pull, diff or validate glossaries kept in git
  keys       create, list, revoke or rotate API keys
  registry   list, add, promote or retire models and prompts
  help       this text

"parley <command> help" describes a command.
`

// dispatch runs a command line; serve runs the suite (suite.Run). Only an
// empty command line starts the suite: a typo or a request for help must
// not bind ports and create state in the working directory.
func dispatch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer,
	serve func(context.Context, config.Env, io.Writer) error) int {
	if len(args) == 0 {
		fmt.Fprintln(stdout, "Parley starting")
		if err := serve(ctx, getenv, stdout); err != nil {
			fmt.Fprintf(stderr, "parley: %v\n", err)
			return 1
		}
		return 0
	}
	switch args[0] {
	case "glossary":
		return runGlossary(ctx, args[1:], getenv, stdout, stderr)
	case "registry":
		return runRegistry(ctx, args[1:], getenv, stdout, stderr)
	case "keys":
		return runKeys(ctx, args[1:], getenv, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "parley: unknown command %q\n\n%s", args[0], usage)
	return 2
}
