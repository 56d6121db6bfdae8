//go:build unix

package suite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// lockFile is the file in PARLEY_STATE_DIR that a running suite holds an
// exclusive flock on, with its process id in it.
const lockFile = "parley.lock"

// lockStateDir takes the state directory for this process, before the
// embedded JetStream opens its store there: two suites on one store
// would each rebuild the other's live streams ("Stream state outdated")
// and corrupt them, and the second would only fail later, on its ports.
// The lock is the kernel's (flock), so a suite that crashed leaves none
// behind; the file stays, and the next holder writes its own id in it.
// unlock releases it, once the embedded server has shut down.
func lockStateDir(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("state directory: %w", err)
	}
	path := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock the state directory: %w", err)
	}
	if err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder := "another process"
		if b, rerr := os.ReadFile(path); rerr == nil {
			if pid, perr := strconv.Atoi(strings.TrimSpace(string(b))); perr == nil && pid > 0 {
				holder = "process " + strconv.Itoa(pid)
				if cmd := commandOf(pid); cmd != "" {
					holder += " (" + cmd + ")"
				}
			}
		}
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("PARLEY_STATE_DIR=%s is in use by %s, which holds %s: stop it, or give this one another PARLEY_STATE_DIR", dir, holder, path)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	// The id is for the message above, in the next suite that tries.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() {
		_ = flock(f, syscall.LOCK_UN)
		_ = f.Close()
	}, nil
}

// flock retries the call an interrupting signal cut short.
func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// commandOf is the command name of process pid where /proc tells it
// (Linux), or "".
func commandOf(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
