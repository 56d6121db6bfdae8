//go:build !linux

package ngram

// releaseModelPages is a no-op where the resident set cannot be trimmed.
func releaseModelPages() {}
