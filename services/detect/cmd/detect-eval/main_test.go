package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestHelpExitsZero: -h prints the flags and exits 0 (not 1 with "flag:
// help requested" as an error); a bad flag is a failure.
func TestHelpExitsZero(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-h"}, 0, "-configs"},
		{[]string{"--help"}, 0, "-configs"},
		{[]string{"--bogus"}, 1, "flag provided but not defined"},
	} {
		var out, errOut bytes.Buffer
		code := exitStatus(run(tt.args, &out, &errOut), &errOut)
		if code != tt.code || !strings.Contains(errOut.String(), tt.want) || strings.Contains(errOut.String(), "help requested") {
			t.Errorf("%v: exit %d, want %d; stderr %q", tt.args, code, tt.code, errOut.String())
		}
	}
}
