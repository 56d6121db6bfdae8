package ngram

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// releaseModelPages tells the kernel that this process no longer needs the
// pages of its executable's read-only data that it has touched. lingua's
// zipped models live there (about 100 MB for forty languages); once they
// are in the tables, keeping their pages mapped only inflates the resident
// set. The pages are clean copies of the file: whatever else lives in
// read-only data is faulted back in from the page cache on its next use.
func releaseModelPages() {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		// start-end perms offset dev inode path
		f := bytes.Fields(sc.Bytes())
		if len(f) < 6 || string(f[1]) != "r--p" || string(f[5]) != exe {
			continue
		}
		start, end, ok := bytes.Cut(f[0], []byte("-"))
		if !ok {
			continue
		}
		lo, err1 := strconv.ParseUint(string(start), 16, 64)
		hi, err2 := strconv.ParseUint(string(end), 16, 64)
		if err1 != nil || err2 != nil || hi <= lo {
			continue
		}
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, uintptr(lo), uintptr(hi-lo), syscall.MADV_DONTNEED)
	}
}
