package gateway

import (
	"net/netip"
	"testing"
	"time"
)

// TestFailedKeyPace: each address has its own pace of wrong keys, all
// addresses together ten times that; an IPv6 address is counted by its
// /64; an address past its pace spends nothing of the global one.
func TestFailedKeyPace(t *testing.T) {
	f := newFailedKeys(OpsConfig{FailedKeyBurst: 2, FailedKeyInterval: time.Hour}, nil)
	now := time.Unix(1_700_000_000, 0)
	allowed := func(remote string) bool {
		t.Helper()
		_, ok := f.allow(remotePrefix(remote), now)
		return ok
	}
	for i, tc := range []struct {
		remote string
		want   bool
	}{
		{"10.0.0.1:5000", true},
		{"10.0.0.1:5001", true},
		{"10.0.0.1:5002", false}, // its burst is spent, whatever the port
		{"10.0.0.1:5003", false},
		{"10.0.0.2:5000", true}, // another address has its own
		{"[2001:db8::1]:443", true},
		{"[2001:db8::ffff]:443", true},
		{"[2001:db8::2]:443", false}, // the same /64
		{"[2001:db8:0:1::1]:443", true},
		{"[::ffff:10.0.0.1]:80", false}, // an IPv4-mapped address is the IPv4 one
	} {
		if got := allowed(tc.remote); got != tc.want {
			t.Fatalf("%d: %s allowed %v, want %v", i, tc.remote, got, tc.want)
		}
	}
	// 6 wrong keys counted so far; the global pace is 20: 14 more from
	// fresh addresses, then none, from any address.
	for i := range 14 {
		if !allowed(netip.AddrFrom4([4]byte{10, 1, 0, byte(i)}).String() + ":1") {
			t.Fatalf("fresh address %d refused within the global pace", i)
		}
	}
	if allowed("10.2.0.1:1") {
		t.Fatal("a fresh address allowed past the global pace")
	}
	// Its refusal spent nothing of its own pace: once the global pace
	// refills, it has its whole burst.
	now = now.Add(time.Hour / 10 * 2)
	if !allowed("10.2.0.1:1") || !allowed("10.2.0.1:2") || allowed("10.2.0.1:3") {
		t.Fatal("the address's own burst after the global pace refilled")
	}
	if got := remotePrefix("not an address"); got.IsValid() {
		t.Fatalf("remotePrefix of garbage: %v", got)
	}
}
