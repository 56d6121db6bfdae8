//go:build race

package console_test

// raceEnabled: the race detector slows parsing several times over, past
// the console's time for an import of tens of MiB on a 2-core machine.
const raceEnabled = true
