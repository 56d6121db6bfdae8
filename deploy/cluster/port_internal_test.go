package cluster

import (
	"net"
	"strconv"
	"testing"
)

// TestFreePortBelowEphemeralRange: ports handed to nodes and services come
// from below the kernel's ephemeral range, where no outgoing connection
// can take them before the process binds, and are free when handed out.
func TestFreePortBelowEphemeralRange(t *testing.T) {
	low := ephemeralLow()
	seen := map[int]bool{}
	for range 20 {
		port, err := freePort()
		if err != nil {
			t.Fatal(err)
		}
		if port < 10000 || port >= low {
			t.Fatalf("freePort() = %d, want 10000 <= port < %d", port, low)
		}
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			t.Fatalf("port %d is not free: %v", port, err)
		}
		l.Close()
		seen[port] = true
	}
	if len(seen) < 15 {
		t.Errorf("20 calls gave only %d different ports", len(seen))
	}
}
