//go:build linux || darwin || freebsd

package natsutil

import "syscall"

// freeBytes is the space free to an unprivileged writer on the file system
// of dir (or of its nearest existing parent).
func freeBytes(dir string) (int64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(existingParent(dir), &st); err != nil {
		return 0, false
	}
	// The fields' types differ by platform: uint64 holds each.
	return int64(uint64(st.Bavail) * uint64(st.Bsize)), true
}
