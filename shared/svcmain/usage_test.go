package svcmain

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestArgs(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		ok       bool
		out, err string // substrings of stdout, stderr
	}{
		{nil, 0, true, "", ""},
		{[]string{"-h"}, 0, false, "usage: parley-quality", ""},
		{[]string{"-help"}, 0, false, "QUALITY_*", ""},
		{[]string{"--help"}, 0, false, "docs/quality.md", ""},
		{[]string{"help"}, 0, false, "NATS_URL", ""},
		{[]string{"-h", "--bogus"}, 0, false, "usage: parley-quality", ""},
		{[]string{"--bogus"}, 2, false, "", `unexpected argument "--bogus"`},
		{[]string{"--bogus", "-h"}, 2, false, "", "usage: parley-quality"},
		{[]string{"-nats", "nats://x:4222"}, 2, false, "", "the environment configures it"},
		{[]string{"start"}, 2, false, "", `"start"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code, ok := Args("quality", tt.args, &out, &errOut)
			if code != tt.code || ok != tt.ok {
				t.Fatalf("Args = %d, %v; want %d, %v", code, ok, tt.code, tt.ok)
			}
			if !strings.Contains(out.String(), tt.out) || !strings.Contains(errOut.String(), tt.err) {
				t.Errorf("stdout %q, stderr %q; want %q and %q in them", out.String(), errOut.String(), tt.out, tt.err)
			}
			if tt.ok && out.Len()+errOut.Len() > 0 {
				t.Errorf("printed %q %q when starting", out.String(), errOut.String())
			}
		})
	}
}

// TestUsageCoversEveryServiceBinary: every main that runs svcmain.Main
// has a description, and the page its usage names exists.
func TestUsageCoversEveryServiceBinary(t *testing.T) {
	mains, err := filepath.Glob("../../services/*/cmd/*/main.go")
	if err != nil || len(mains) == 0 {
		t.Fatalf("no mains found: %v", err)
	}
	re := regexp.MustCompile(`svcmain\.Main\("([a-z-]+)"`)
	seen := 0
	for _, m := range mains {
		data, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		for _, sm := range re.FindAllSubmatch(data, -1) {
			name := string(sm[1])
			seen++
			a, ok := services[name]
			if !ok {
				t.Errorf("%s: service %q has no usage description", m, name)
				continue
			}
			if _, err := os.Stat(filepath.Join("../..", a.doc)); err != nil {
				t.Errorf("%s's usage names %s: %v", name, a.doc, err)
			}
		}
	}
	if seen < len(services) {
		t.Errorf("%d service mains found, %d described", seen, len(services))
	}
}

// TestMainRefusesArguments runs Main in a child process (this test
// binary): -h exits 0 with the usage, an unknown flag exits 2, and
// neither starts the service.
func TestMainRefusesArguments(t *testing.T) {
	if args := os.Getenv("SVCMAIN_TEST_ARGS"); args != "" {
		os.Args = append([]string{"parley-quality"}, strings.Fields(args)...)
		Main("quality", func(context.Context, Deps) (func() error, error) {
			os.Stdout.WriteString("service started\n")
			os.Exit(3)
			return nil, nil
		})
		os.Exit(4) // Main returned: it must exit
	}
	for _, tt := range []struct {
		args string
		code int
		want string
	}{
		{"-h --bogus", 0, "usage: parley-quality"},
		{"--help", 0, "usage: parley-quality"},
		{"--bogus", 2, "unexpected argument"},
	} {
		t.Run(tt.args, func(t *testing.T) {
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestMainRefusesArguments$")
			// No NATS there: a start would fail, not hang.
			cmd.Env = append(os.Environ(), "SVCMAIN_TEST_ARGS="+tt.args, "NATS_URL=nats://127.0.0.1:1")
			out, _ := cmd.CombinedOutput()
			if code := cmd.ProcessState.ExitCode(); code != tt.code || !strings.Contains(string(out), tt.want) || strings.Contains(string(out), "service started") {
				t.Fatalf("exit %d, want %d; output:\n%s", code, tt.code, out)
			}
		})
	}
}

// TestUsageListsNATSTLSAndRetention: every service reads the NATS TLS
// settings (natsutil.ConnectOptions; README, "Configuration"), and
// translate reads MESSAGES_MAX_AGE (its cache's TTL cap), so -h says so.
func TestUsageListsNATSTLSAndRetention(t *testing.T) {
	for name := range services {
		u := Usage(name)
		for _, v := range []string{"NATS_CA", "NATS_CERT", "NATS_KEY", "NATS_TLS_FIRST"} {
			if !regexp.MustCompile(`(?m)^  (.*, )?` + v + `(,| |$)`).MatchString(u) {
				t.Errorf("parley-%s -h does not list %s:\n%s", name, v, u)
			}
		}
		for _, line := range strings.Split(u, "\n") {
			if len(line) > 90 {
				t.Errorf("parley-%s -h: line of %d bytes: %q", name, len(line), line)
			}
		}
	}
	if u := Usage("translate"); !regexp.MustCompile(`(?m)[ ,]MESSAGES_MAX_AGE(,|$)`).MatchString(u) {
		t.Errorf("parley-translate -h does not list MESSAGES_MAX_AGE:\n%s", u)
	}
}

// TestUsageListsTheExperimentBounds: the gateway and translate read
// EXPERIMENTS_MAX_BYTES and EXPERIMENTS_FEEDBACK_MAX_BYTES
// (experiment.BoundsFromEnv; README, "Configuration"), so their -h says
// so, each variable whole on its line.
func TestUsageListsTheExperimentBounds(t *testing.T) {
	for _, name := range []string{"gateway", "translate"} {
		u := Usage(name)
		for _, v := range []string{"EXPERIMENTS_MAX_BYTES", "EXPERIMENTS_FEEDBACK_MAX_BYTES"} {
			if !regexp.MustCompile(`(?m)[ ,]` + v + `(,|$)`).MatchString(u) {
				t.Errorf("parley-%s -h does not list %s:\n%s", name, v, u)
			}
		}
		for _, line := range strings.Split(u, "\n") {
			if len(line) > 90 {
				t.Errorf("parley-%s -h: line of %d bytes: %q", name, len(line), line)
			}
		}
	}
}
