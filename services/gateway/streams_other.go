//go:build !unix

package gateway

// fileLimit is unknown here: DefaultMaxStreams takes its fallback.
func fileLimit() (uint64, bool) { return 0, false }
