//go:build !unix

package ngram

// allocEntries returns memory for n table entries (on the heap where the
// platform has no mmap).
func allocEntries(_ *table, n int) []uint64 { return make([]uint64, n) }

// allocScratch returns memory for n uint32s and a no-op release.
func allocScratch(n int) ([]uint32, func()) { return make([]uint32, n), func() {} }
