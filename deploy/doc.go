// Package deploy holds Parley's deployment files and their tests: the
// 3-node NATS cluster config (nats/), the compose file, Prometheus and
// Grafana config, the Kubernetes manifests (k8s/), the tests that parse
// and cross-check them against the code, and the failover tests that run
// every service as separate processes on a loopback NATS cluster
// (cluster/). The load generator is cmd/loadgen, make bench's report
// cmd/benchreport (docs/deploy.md).
package deploy
