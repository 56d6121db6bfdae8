package loadgen_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/deploy/loadgen"
)

// childMemory is what the helper child holds, touched so that it is
// resident.
const childMemory = 64 << 20

// TestMain lets the test binary be the helper child: with
// LOADGEN_TEST_CHILD set it holds childMemory and waits to be killed.
func TestMain(m *testing.M) {
	if os.Getenv("LOADGEN_TEST_CHILD") == "1" {
		b := make([]byte, childMemory)
		for i := range b {
			b[i] = byte(i)
		}
		os.Stdout.WriteString("ready\n")
		time.Sleep(time.Minute)
		runtime.KeepAlive(b)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestReadTree: with a pid, a sample counts the children's memory too, as
// translate's container does for its Apertium programs, while goroutines
// still come from /metrics.
func TestReadTree(t *testing.T) {
	if _, err := os.Stat("/proc/self/smaps_rollup"); err != nil {
		t.Skipf("no /proc/<pid>/smaps_rollup here: %v", err)
	}
	before, err := loadgen.ReadTree(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), "LOADGEN_TEST_CHILD=1")
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("child: %q, %v", line, err)
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Join([]string{"go_goroutines 42", "process_resident_memory_bytes 1000"}, "\n")))
	}))
	defer srv.Close()
	s, err := loadgen.Read(context.Background(), http.DefaultClient, loadgen.Process{MetricsURL: srv.URL, PID: os.Getpid()})
	if err != nil {
		t.Fatal(err)
	}
	if s.Goroutines != 42 {
		t.Errorf("Goroutines = %d, want 42 from /metrics", s.Goroutines)
	}
	if s.Processes != before.Processes+1 {
		t.Errorf("Processes = %d, want %d (the test and its child)", s.Processes, before.Processes+1)
	}
	// The child's memory is counted, not the 1000 bytes of the metrics.
	if s.RSS < before.RSS+childMemory || s.PSS < before.PSS+childMemory*9/10 {
		t.Errorf("RSS %d, PSS %d; want at least %d and about %d more than without the child (%+v)",
			s.RSS, s.PSS, before.RSS+childMemory, before.PSS+childMemory, before)
	}
}
