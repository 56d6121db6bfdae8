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
// set. Only mappings that are clean copies of the file qualify: read-only,
// private, backed by the executable, and without a single anonymous
// (written, e.g. relocated) page. Whatever else lives in them is faulted
// back in from the page cache on its next use.
func releaseModelPages() {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return
	}
	type mapping struct{ lo, hi uint64 }
	var candidates []mapping
	// pending is set while the fields of the last candidate are read.
	pending := false
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		line := sc.Bytes()
		f := bytes.Fields(line)
		if len(f) == 0 {
			continue
		}
		if rng, ok := bytes.CutSuffix(f[0], []byte(":")); ok {
			// A field of the current mapping ("Anonymous:    0 kB").
			if pending && string(rng) == "Anonymous" && (len(f) < 2 || string(f[1]) != "0") {
				pending = false
				candidates = candidates[:len(candidates)-1]
			}
			continue
		}
		// A mapping's header: start-end perms offset dev inode path.
		pending = false
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
		candidates = append(candidates, mapping{lo, hi})
		pending = true
	}
	for _, m := range candidates {
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, uintptr(m.lo), uintptr(m.hi-m.lo), syscall.MADV_DONTNEED)
	}
}
