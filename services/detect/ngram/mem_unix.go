//go:build unix

package ngram

import (
	"runtime"
	"syscall"
	"unsafe"
)

// allocEntries returns zeroed memory for n table entries outside the Go
// heap. The tables are the bulk of a detector's memory and hold no
// pointers: on the heap they would only make the garbage collector let
// the heap grow by as much again (GOGC paces on the live heap) before
// collecting the small garbage of each request. The memory is unmapped
// when t becomes unreachable.
func allocEntries(t *table, n int) []uint64 {
	if n == 0 {
		return nil
	}
	b, err := syscall.Mmap(-1, 0, n*8, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		// Out of address space is as fatal as out of heap; let the
		// heap report it the usual way.
		return make([]uint64, n)
	}
	runtime.AddCleanup(t, func(b []byte) { _ = syscall.Munmap(b) }, b)
	return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(b))), n)
}

// allocScratch returns zeroed memory for n uint32s outside the Go heap,
// and a function that unmaps it. A table's bucket numbers (4 bytes an
// entry while it is built) would otherwise double the heap's growth
// allowance right when the tables are filling memory.
func allocScratch(n int) ([]uint32, func()) {
	if n == 0 {
		return nil, func() {}
	}
	b, err := syscall.Mmap(-1, 0, n*4, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]uint32, n), func() {}
	}
	return unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(b))), n), func() { _ = syscall.Munmap(b) }
}
