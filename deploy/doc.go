// Package deploy holds tests that check Parley's deployment manifests and
// run the suite as separate processes on a NATS cluster.
package deploy
