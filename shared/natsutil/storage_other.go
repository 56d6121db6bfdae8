//go:build !(linux || darwin || freebsd)

package natsutil

// freeBytes cannot read the free space here: the embedded server keeps
// nats-server's default file store limit.
func freeBytes(string) (int64, bool) { return 0, false }
