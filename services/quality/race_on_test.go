//go:build race

package quality

// raceEnabled: the race detector makes every allocation larger and some
// more numerous, so the tests that bound allocations per byte of text
// check them only without it (make test runs with -race; go test without).
const raceEnabled = true
