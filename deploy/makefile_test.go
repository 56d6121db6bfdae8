package deploy_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBenchRunsDetectOnlyWhenSelected checks that make bench runs the
// ~15-minute bench-detect (detect-eval) only when BENCH is the default or
// matches Detect, not for a subset (docs/deploy.md, "make bench"). make -n
// prints the commands without running them.
func TestBenchRunsDetectOnlyWhenSelected(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	for _, tc := range []struct {
		bench  string // "" for unset
		detect bool
	}{
		{"", true},
		{".", true},
		{"Detect", true},
		{"Pipeline|Detect", true},
		{"Pipeline", false},
		{"Pipeline|Cluster", false},
	} {
		t.Run(tc.bench, func(t *testing.T) {
			args := []string{"-n", "-C", repoRoot(t), "bench"}
			if tc.bench != "" {
				args = append(args, "BENCH="+tc.bench)
			}
			cmd := exec.Command("make", args...)
			// Not the MAKEFLAGS of a make that runs go test.
			cmd.Env = append(os.Environ(), "MAKEFLAGS=", "MFLAGS=", "MAKELEVEL=")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("make %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			if got := strings.Contains(string(out), "detect-eval"); got != tc.detect {
				t.Errorf("BENCH=%q: runs detect-eval %v, want %v\n%s", tc.bench, got, tc.detect, out)
			}
		})
	}
}
