// Package repo locates the repository and the read-only shared folder
// beside it, for tests and commands that read reference data.
package repo

import (
	"errors"
	"os"
	"path/filepath"
)

// Root walks up from the working directory to the folder holding go.work.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("repo: no go.work above the working directory")
		}
		dir = parent
	}
}

// Shared returns a path under ../shared (the read-only reference folder
// that sits beside the repository), or "" when it is absent.
func Shared(elem ...string) string {
	root, err := Root()
	if err != nil {
		return ""
	}
	p := filepath.Join(append([]string{root, "..", "shared"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}
