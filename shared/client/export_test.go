package client

// ForgetLatency drops what the package has seen of subject's latency, so
// that a test starts from no history (also under -count).
func ForgetLatency(subject string) { latencies.Delete(subject) }

// MinLatencySamples is minLatencySamples, for the tests outside the
// package.
const MinLatencySamples = minLatencySamples
