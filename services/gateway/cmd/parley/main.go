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
	"os"
	"os/signal"
	"syscall"

	"github.com/parley-chat/parley/services/gateway/suite"
)

func main() {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	if len(os.Args) > 1 && os.Args[1] == "glossary" {
		code := runGlossary(ctx, os.Args[2:], os.Getenv, os.Stdout, os.Stderr)
		cancel()
		os.Exit(code)
	}
	if len(os.Args) > 1 && os.Args[1] == "registry" {
		code := runRegistry(ctx, os.Args[2:], os.Getenv, os.Stdout, os.Stderr)
		cancel()
		os.Exit(code)
	}
	if len(os.Args) > 1 && os.Args[1] == "keys" {
		code := runKeys(ctx, os.Args[2:], os.Getenv, os.Stdout, os.Stderr)
		cancel()
		os.Exit(code)
	}
	fmt.Println("Parley starting")
	if err := suite.Run(ctx, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "parley: %v\n", err)
		os.Exit(1)
	}
}
