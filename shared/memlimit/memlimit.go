// Package memlimit gives the Go runtime a soft memory limit below the
// memory limit of the process's container, when GOMEMLIMIT is not set.
//
// Without one the runtime collects garbage by GOGC alone and lets the
// heap reach twice its live size between collections; a burst that
// pushes that past the container's limit (translate's Ollama client
// allocates an 8 MiB buffer per model call, a dozen calls at once are
// 100 MiB) gets the process killed by the kernel rather than collected
// more often. With the limit at 90% of the container's, the runtime
// collects harder as it nears the line and the rest is left for what is
// not heap (goroutine stacks, the runtime's own memory, the binary's
// pages, and any child processes, such as translate's Apertium programs).
// Go does this for GOMAXPROCS on its own since 1.25, not for memory.
package memlimit

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
)

// Share is the part of the container's limit given to the runtime.
const Share = 0.9

// unlimited: cgroup v1 writes "no limit" as a page-rounded maximum
// (9223372036854771712); anything this large is no limit.
const unlimited = 1 << 60

// Container returns the memory limit of the process's cgroup, read from
// fsys rooted at "/" (os.DirFS("/")): the smallest limit on the way from
// the process's cgroup up to the hierarchy's root, since a parent's limit
// binds its children (a pod's over its containers), under cgroup v2
// (memory.max) or v1 (memory.limit_in_bytes). A path that /proc/self/cgroup
// names but the container's view of /sys/fs/cgroup lacks (cgroup v1
// without a cgroup namespace) ends at the mount's root, which is then the
// container's own cgroup. ok is false when no limit is set.
func Container(fsys fs.FS) (limit int64, ok bool) {
	data, err := fs.ReadFile(fsys, "proc/self/cgroup")
	if err != nil {
		return 0, false
	}
	var v2, v1 string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		// hierarchy-ID:controller-list:cgroup-path
		f := strings.SplitN(sc.Text(), ":", 3)
		if len(f) != 3 {
			continue
		}
		switch {
		case f[0] == "0" && f[1] == "":
			v2 = f[2]
		case hasController(f[1], "memory"):
			v1 = f[2]
		}
	}
	// A v1 memory controller wins over the v2 line of a hybrid setup,
	// whose unified hierarchy has no memory controller.
	if v1 != "" {
		return smallest(fsys, "sys/fs/cgroup/memory", v1, "memory.limit_in_bytes")
	}
	if v2 != "" {
		return smallest(fsys, "sys/fs/cgroup", v2, "memory.max")
	}
	return 0, false
}

func hasController(list, name string) bool {
	for c := range strings.SplitSeq(list, ",") {
		if c == name {
			return true
		}
	}
	return false
}

// smallest walks from root/cg up to root and returns the smallest limit
// in file among the directories that have one.
func smallest(fsys fs.FS, root, cg, file string) (limit int64, ok bool) {
	dir := path.Clean("/" + cg)
	for {
		if n, found := readLimit(fsys, path.Join(root, dir, file)); found && (!ok || n < limit) {
			limit, ok = n, true
		}
		if dir == "/" {
			return limit, ok
		}
		dir = path.Dir(dir)
	}
}

// readLimit reads one limit file: a number of bytes, or "max" (v2) or a
// number too large to be a limit (v1) for none.
func readLimit(fsys fs.FS, name string) (int64, bool) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	if err != nil || n <= 0 || n >= unlimited {
		return 0, false
	}
	return n, true
}

// Choose returns the soft limit to set: Share of the container's limit,
// or 0 (and why) when GOMEMLIMIT is set, which the runtime has read
// already, or no container limit is found.
func Choose(getenv func(string) string, fsys fs.FS) (soft, container int64, why string) {
	if v := getenv("GOMEMLIMIT"); v != "" {
		return 0, 0, "GOMEMLIMIT=" + v + " is set"
	}
	container, ok := Container(fsys)
	if !ok {
		return 0, 0, "no memory limit on the process's cgroup"
	}
	return int64(float64(container) * Share), container, fmt.Sprintf("%.0f%% of the cgroup's %d bytes", Share*100, container)
}

// Apply sets the runtime's soft memory limit as Choose says for this
// machine's /proc and /sys, and logs it: a process's first step
// (shared/svcmain, and the suite's all-in-one command).
func Apply(log *slog.Logger, getenv func(string) string) {
	soft, container, why := Choose(getenv, os.DirFS("/"))
	if soft <= 0 {
		log.Debug("no soft memory limit set", "why", why)
		return
	}
	debug.SetMemoryLimit(soft)
	log.Info("soft memory limit set below the container's", "gomemlimit", soft, "cgroup_limit", container)
}
