//go:build unix

package gateway

import "syscall"

// fileLimit is the process's soft limit of open files (which Go raises to
// the hard limit when the process starts).
func fileLimit() (uint64, bool) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil || r.Cur == 0 {
		return 0, false
	}
	return uint64(r.Cur), true // int64 on some systems
}
