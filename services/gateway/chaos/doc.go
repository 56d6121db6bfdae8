// Package chaos holds Parley's fault-injection tests: the services of the
// all-in-one suite run in one process against an embedded nats-server and a
// fake LLM, and each test case breaks one thing (the LLM hangs, answers
// garbage or 503; a service stops; NATS restarts) and checks that the
// gateway still answers within its deadline with the best view it can, the
// degradation visible in the view and in the metrics. docs/operations.md
// has the table of outcomes.
package chaos
