package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/config"
)

// Only an empty command line starts the suite; help and typos print the
// usage instead of binding ports and creating .state in the working
// directory.
func TestDispatch(t *testing.T) {
	tests := []struct {
		args        []string
		code        int
		serves      bool
		out, errOut string
	}{
		{nil, 0, true, "Parley starting", ""},
		{[]string{"--help"}, 0, false, "usage: parley", ""},
		{[]string{"-h"}, 0, false, "usage: parley", ""},
		{[]string{"help"}, 0, false, "Commands:", ""},
		{[]string{"serve"}, 2, false, "", `unknown command "serve"`},
		{[]string{"keys", "help"}, 0, false, "", "parley keys"},
		// A subcommand's -h prints its flags: success, not a usage error.
		{[]string{"keys", "create", "-h"}, 0, false, "", "-roles"},
		{[]string{"registry", "promote", "-h"}, 0, false, "", "-thresholds"},
		{[]string{"registry", "add", "ollama/m@1", "--help"}, 0, false, "", "-report"},
		{[]string{"glossary", "push", "-h"}, 0, false, "", "-dry-run"},
		{[]string{"glossary", "push", "--bogus"}, 2, false, "", "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			served := false
			serve := func(context.Context, config.Env, io.Writer) error { served = true; return nil }
			var out, errOut bytes.Buffer
			code := dispatch(t.Context(), tt.args, func(string) string { return "" }, &out, &errOut, serve)
			if code != tt.code || served != tt.serves || !strings.Contains(out.String(), tt.out) || !strings.Contains(errOut.String(), tt.errOut) {
				t.Fatalf("code %d served %v\nstdout: %s\nstderr: %s", code, served, out.String(), errOut.String())
			}
		})
	}
}
