package svcmain

import (
	"fmt"
	"io"
	"strings"
)

// about describes a service binary for its -h: what it does, the
// variables of its own it reads (beyond the common ones every service
// process reads) and its page under docs/.
type about struct {
	what string
	vars string
	doc  string
}

// services are the binaries svcmain runs (bin/parley-<name>).
var services = map[string]about{
	"detect":     {"language detection (parley.detect.v1)", "DETECT_*", "docs/detect.md"},
	"gateway":    {"the HTTP gateway (/v1/..., the console, the compatible APIs)", "GATEWAY_*, PARLEY_API_KEYS, MAX_TEXT_CHARS, " + experimentVars, "docs/api.md"},
	"glossary":   {"glossary storage and matching (parley.glossary.v1)", "GLOSSARY_*", "docs/glossary.md"},
	"messages":   {"chat messages and their pre-translated views (parley.messages.v1)", "MESSAGES_*", "docs/messages.md"},
	"moderation": {"moderation cases of flagged views (parley.moderation.v1)", "MODERATION_*, MAX_TEXT_CHARS", "docs/moderation.md"},
	"quality":    {"translation quality estimation (parley.quality.v1)", "QUALITY_*, OLLAMA_HOST, OLLAMA_MODEL", "docs/quality.md"},
	"safety":     {"safety checks of messages and translations (parley.safety.v1)", "SAFETY_*, OLLAMA_HOST", "docs/safety.md"},
	"translate":  {"machine translation down the backend chain (parley.translate.v1)", "TRANSLATE_*, OLLAMA_*, OPENAI_*, APERTIUM_*, MESSAGES_MAX_AGE, EXPERIMENT_GUARD_INTERVAL, " + experimentVars, "docs/translate.md"},
}

// experimentVars bound the experiment streams, which the gateway (the
// feedback stream) and translate (both) create (experiment.BoundsFromEnv
// reads and checks both wherever it runs).
const experimentVars = "EXPERIMENTS_MAX_BYTES, EXPERIMENTS_FEEDBACK_MAX_BYTES"

// Usage is what a service binary prints for -h.
func Usage(name string) string {
	a, ok := services[name]
	if !ok {
		a = about{what: "the " + name + " service", vars: strings.ToUpper(name) + "_*", doc: "docs/" + name + ".md"}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "usage: parley-%s\n\n", name)
	fmt.Fprintf(&b, "Runs %s as one replica:\n", a.what)
	b.WriteString("it connects to NATS and joins the service's queue group until SIGINT or\n")
	b.WriteString("SIGTERM. It takes no arguments; the environment configures it:\n\n")
	for _, v := range [][2]string{
		{"NATS_URL", "the NATS server (default nats://127.0.0.1:4222)"},
		{"NATS_USER, NATS_PASSWORD", "NATS credentials; or NATS_CREDS (a .creds file),"},
		{"", "NATS_NKEY_SEED (a seed file), NATS_TOKEN, or"},
		{"", "user:password@ in NATS_URL: one way only (default"},
		{"", "none, for a server without authentication;"},
		{"", "docs/deploy.md, \"NATS authentication\")"},
		{"NATS_CA", "CA bundle that verifies the NATS servers (set: TLS"},
		{"", "required; unset, a tls:// URL uses the system's roots)"},
		{"NATS_CERT, NATS_KEY", "client certificate and key, both or neither"},
		{"NATS_TLS_FIRST", "TLS before the server's INFO (docs/deploy.md, \"NATS TLS\")"},
		{"METRICS_ADDR", "serve /metrics, /healthz and /readyz here (default: none)"},
		{"LOG_LEVEL, LOG_FORMAT", "slog level and format (default info, json)"},
		{"PARLEY_JS_REPLICAS", "replicas of the JetStream streams and buckets it creates,"},
		{"", "or raises existing ones with fewer to (default 1)"},
		{"GOMEMLIMIT", "the Go runtime's soft memory limit (default: 90% of"},
		{"", "the container's memory limit, when it has one)"},
		{"OTEL_EXPORTER_OTLP_ENDPOINT", "tracing, with OTEL_EXPORTER_OTLP_TRACES_ENDPOINT and"},
		{"", "OTEL_TRACES_SAMPLER_ARG (docs/operations.md)"},
		{a.vars, "the service's own settings"},
	} {
		if len(v[0]) > 28 {
			// A long list of variables gets lines of its own, wrapped
			// after a comma, then the description.
			for _, line := range wrapList(v[0], 72) {
				fmt.Fprintf(&b, "  %s\n", line)
			}
			fmt.Fprintf(&b, "  %-28s %s\n", "", v[1])
			continue
		}
		fmt.Fprintf(&b, "  %-28s %s\n", v[0], v[1])
	}
	fmt.Fprintf(&b, "\nSee %s (and README.md, \"Configuration\"). The whole suite in one\nprocess is bin/parley.\n", a.doc)
	return b.String()
}

// wrapList breaks a comma-separated list into lines of at most width
// bytes (a longer item has a line of its own), each but the last ending
// in its comma.
func wrapList(list string, width int) []string {
	var lines []string
	line := ""
	for _, item := range strings.Split(list, ", ") {
		switch {
		case line == "":
			line = item
		case len(line)+2+len(item) <= width:
			line += ", " + item
		default:
			lines = append(lines, line+",")
			line = item
		}
	}
	return append(lines, line)
}

// Args checks a service binary's arguments. A service reads its
// environment only, so an argument is either a request for help (-h,
// -help, --help, help: the usage on stdout, exit status 0) or a mistake
// (exit status 2): never ignored while a live replica starts and joins
// the queue group. ok means no arguments: start the service.
func Args(name string, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	if len(args) == 0 {
		return 0, true
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, Usage(name))
		return 0, false
	}
	fmt.Fprintf(stderr, "parley-%s: unexpected argument %q: the service takes none (the environment configures it)\n\n%s", name, args[0], Usage(name))
	return 2, false
}
