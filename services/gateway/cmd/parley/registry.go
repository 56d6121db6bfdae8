package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/user"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/cliflag"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/kvstore"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/registry"
)

const registryUsage = `usage: parley registry <command> [flags] [REF]

Manages the registry of models and prompts (JetStream KV bucket
parley-registry) that the translate routing reads: each language pair goes
to its production model, and a canary takes its share of conversations.
The command talks to NATS directly (--nats, or NATS_URL; default
nats://127.0.0.1:4222) with the NATS credentials of the environment, as
` + "`parley keys`" + ` (NATS_USER and NATS_PASSWORD, NATS_CREDS, NATS_NKEY_SEED
or NATS_TOKEN; see ` + "`parley keys help`" + `) and its NATS TLS settings (NATS_CA,
NATS_CERT, NATS_KEY, NATS_TLS_FIRST). PARLEY_JS_REPLICAS (default 1) is the replication
the bucket is created with, or raised to when it has fewer: set it as the
services have it (3 on a 3-node cluster); a bucket is never lowered.

REF is [kind:]backend/name@version, kind model (default) or prompt, e.g.
ollama/qwen2.5:7b@2025-01 or prompt:*/chat-translate@2 (backend ollama or
openai; * for a prompt every backend uses). Flags may come before or after
REF.

commands:
  list     the registered versions and their history: who changed what,
           when, why and against which thresholds (--json for the
           documents)
  add      register a version as a candidate: --languages en,es,de (at
           least two) and the offline scores of an evaluation report
           (--report DIR/NAME.json --run CONFIG, from quality/'s eval run
           -out DIR -name NAME)
  promote  --to canary|production (--percent N for a canary, from 0.01 to
           100 in steps of 0.01, default 5): refused, with the reasons,
           unless the offline scores of the pairs the version serves pass
           the thresholds (--thresholds FILE or PARLEY_REGISTRY_THRESHOLDS,
           JSON; default min_segments 50, min_chrf 40, min_pair_chrf 30,
           require_pairs true (every pair it would serve evaluated),
           min_translated 0.9; a field left out keeps its default, 0 or
           false turns that check off) and are the version's own (it, or
           for a prompt its template, translated the evaluated segments,
           not a fallback rung such as Apertium or another prompt);
           --to candidate takes a version out of routing without gates
           (it can be promoted again). Of several production versions
           for a rung and pair, the most recently promoted serves: to
           roll back, promote the earlier one again (list marks it
           "production (serving)", the other "production (superseded)")
  retire   take a version out of routing for good

--by NAME names who asks in the history (default $USER, else $LOGNAME, else
the account the command runs as); the NATS user of
the connection is recorded too, as the server reports it.

exit status: 0 ok, 1 refused or failed, 2 usage or connection errors
`

// runRegistry runs `parley registry ...` and returns the exit status.
func runRegistry(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, registryUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd := args[0]
	fs := flag.NewFlagSet("parley registry "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	defNATS := getenv("NATS_URL")
	if defNATS == "" {
		defNATS = nats.DefaultURL
	}
	natsURL := fs.String("nats", defNATS, "NATS server URL")
	asJSON := fs.Bool("json", false, "list: print the JSON documents")
	languages := fs.String("languages", "", "add: languages the version serves, comma separated")
	model := fs.String("model", "", "add: what the backend is asked for (default the name)")
	reportPath := fs.String("report", "", "add: evaluation report (JSON) with the version's offline scores")
	runName := fs.String("run", "", "add: the report's config name (default its only run)")
	note := fs.String("note", "", "add: a note kept with the version")
	to := fs.String("to", "", "promote: canary, production or candidate")
	percent := fs.Float64("percent", 5, "promote: a canary's share of conversations, from 0.01 to 100 in steps of 0.01")
	reason := fs.String("reason", "", "promote, retire: why (kept in the history)")
	by := fs.String("by", defaultActor(getenv, currentUsername), "add, promote, retire: who asks (kept in the history; default $USER)")
	thresholdsPath := fs.String("thresholds", getenv("PARLEY_REGISTRY_THRESHOLDS"), "promote: thresholds, a JSON file or inline JSON")
	switch cmd {
	case "list", "add", "promote", "retire":
	default:
		fmt.Fprint(stderr, registryUsage)
		fmt.Fprintf(stderr, "unknown command %q\n", cmd)
		return 2
	}
	pos, err := cliflag.Parse(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0 // the flags were asked for, and printed
		}
		return 2
	}
	var ref registry.Entry
	switch {
	case cmd == "list" && len(pos) != 0:
		fmt.Fprintln(stderr, "parley registry list takes no arguments")
		return 2
	case cmd != "list" && len(pos) != 1:
		fmt.Fprintf(stderr, "parley registry %s needs one REF ([kind:]backend/name@version)\n", cmd)
		return 2
	case cmd != "list":
		if ref, err = parseRef(pos[0]); err != nil {
			fmt.Fprintln(stderr, "parley registry:", err)
			return 2
		}
	}
	// Checked before anything is written: a canary of 0 % would serve
	// nobody (the store would quietly make it 5 %), over 100 % is
	// meaningless, and a share finer than the routing's 0.01 % steps
	// would be reported but not routed as given.
	if cmd == "promote" && *to == registry.StatusCanary {
		if err := registry.CheckCanaryPercent(*percent); err != nil {
			fmt.Fprintf(stderr, "parley registry promote: --percent: %v\n", err)
			return 2
		}
	}
	th := registry.DefaultThresholds
	if cmd == "promote" && *thresholdsPath != "" {
		if th, err = readThresholds(*thresholdsPath); err != nil {
			fmt.Fprintln(stderr, "parley registry:", err)
			return 2
		}
	}
	auth, err := natsutil.ConnectOptions(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "parley registry:", err)
		return 2
	}
	nc, err := nats.Connect(*natsURL, append(auth, nats.Name("parley-registry-cli"), nats.Timeout(5*time.Second))...)
	if err != nil {
		fmt.Fprintf(stderr, "parley registry: connect %s: %v\n", natsutil.RedactURL(*natsURL), err)
		return 2
	}
	defer nc.Close()
	octx, cancel := context.WithTimeout(ctx, 10*time.Second)
	// Warnings only: a bucket whose replicas could not be raised.
	store, err := registry.Open(octx, nc, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		kvstore.Replicas(natsutil.JetStreamReplicas(config.NewReader(getenv))))
	cancel()
	if err != nil {
		fmt.Fprintln(stderr, "parley registry:", err)
		return 2
	}
	defer store.Close()
	fail := func(err error) int {
		var r *registry.Refusal
		if errors.As(err, &r) {
			fmt.Fprintf(stderr, "promotion of %s refused:\n", r.Ref)
			for _, why := range r.Reasons {
				fmt.Fprintf(stderr, "  - %s\n", why)
			}
			return 1
		}
		fmt.Fprintln(stderr, "parley registry:", err)
		return 1
	}

	switch cmd {
	case "list":
		return listRegistry(store.List(), *asJSON, stdout, stderr)
	case "add":
		ref.Model, ref.Note = *model, *note
		for _, l := range strings.Split(*languages, ",") {
			if l = strings.TrimSpace(l); l != "" {
				ref.Languages = append(ref.Languages, l)
			}
		}
		if *reportPath != "" {
			data, err := os.ReadFile(*reportPath)
			if err != nil {
				return fail(err)
			}
			if ref.Offline, err = registry.ScoresFromReport(data, *runName); err != nil {
				return fail(err)
			}
			// Added anyway (a candidate routes nothing), but say now what
			// the promotion will refuse or leave out: scores mostly (or
			// wholly) another engine's or prompt's, e.g. Apertium's when
			// the model was not running; pairs never evaluated.
			for _, w := range ref.Warnings() {
				fmt.Fprintf(stderr, "parley registry: warning: %s: %s\n", ref.Ref(), w)
			}
		}
		e, err := store.AddBy(ctx, ref, *by)
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "added %s as %s (key %s)\n", e.Ref(), e.Status, e.Key())
		return 0
	case "promote", "retire":
		p := registry.Promotion{Key: ref.Key(), To: registry.StatusRetired, Reason: *reason, By: *by}
		if cmd == "promote" {
			if *to != registry.StatusCanary && *to != registry.StatusProduction && *to != registry.StatusCandidate {
				fmt.Fprintln(stderr, "parley registry promote: --to must be canary, production or candidate")
				return 2
			}
			p.To, p.CanaryPercent = *to, *percent
		}
		e, err := store.Promote(ctx, p, th)
		if err != nil {
			return fail(err)
		}
		msg := fmt.Sprintf("%s is now %s", e.Ref(), e.Status)
		if e.Status == registry.StatusCanary {
			msg += fmt.Sprintf(" for %.4g %% of conversations", e.CanaryPercent)
		}
		fmt.Fprintln(stdout, msg)
		return 0
	}
	return 2
}

// parseRef reads [kind:]backend/name@version; "*" or "" is no backend.
// Whether the backend, name and languages may be registered is the
// store's to say (registry.Store.Add), for every client alike.
func parseRef(s string) (registry.Entry, error) {
	e := registry.Entry{Kind: registry.KindModel, Status: registry.StatusCandidate}
	for _, k := range []string{registry.KindModel, registry.KindPrompt} {
		if rest, ok := strings.CutPrefix(s, k+":"); ok {
			e.Kind, s = k, rest
		}
	}
	at := strings.LastIndex(s, "@")
	slash := strings.Index(s, "/")
	if at < 0 || slash < 0 || slash > at || at == len(s)-1 || slash == at-1 {
		return e, fmt.Errorf("REF %q: want [kind:]backend/name@version", s)
	}
	e.Backend, e.Name, e.Version = s[:slash], s[slash+1:at], s[at+1:]
	// "foo:openai/m@9" is a kind this command does not know, not a
	// backend named "foo:openai".
	if kind, _, ok := strings.Cut(e.Backend, ":"); ok {
		return e, fmt.Errorf("REF %q: kind %q: want model or prompt", s, kind)
	}
	if e.Backend == "*" {
		e.Backend = ""
	}
	return e, nil
}

// readThresholds reads thresholds (a JSON file, or inline JSON) over the
// defaults: a field the document leaves out keeps its default, so
// '{"min_segments":10}' loosens one gate and keeps the others, and '{}'
// is the defaults. A gate is turned off only by naming it with 0.
func readThresholds(spec string) (registry.Thresholds, error) {
	data := []byte(spec)
	if !strings.HasPrefix(strings.TrimSpace(spec), "{") {
		var err error
		if data, err = os.ReadFile(spec); err != nil {
			return registry.Thresholds{}, fmt.Errorf("thresholds: %w", err)
		}
	}
	t := registry.DefaultThresholds
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return registry.Thresholds{}, fmt.Errorf("thresholds: %w", err)
	}
	if dec.More() {
		return registry.Thresholds{}, errors.New("thresholds: more than one JSON document")
	}
	if err := t.Validate(); err != nil {
		return registry.Thresholds{}, fmt.Errorf("thresholds: %w", err)
	}
	return t, nil
}

func listRegistry(entries []registry.Entry, asJSON bool, stdout, stderr io.Writer) int {
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(entries); err != nil {
			fmt.Fprintln(stderr, "parley registry:", err)
			return 1
		}
		return 0
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "KIND\tBACKEND\tNAME\tVERSION\tSTATUS\tLANGUAGES\tCHRF\tBLEU\tSEGMENTS\tUPDATED\tBY")
	// After a rollback by re-promotion several versions are production;
	// the most recently promoted one of each rung and pair serves.
	serving := registry.Serving(entries)
	for _, e := range entries {
		status := e.Status
		switch {
		case e.Status == registry.StatusCanary:
			status = fmt.Sprintf("canary %.4g%%", e.CanaryPercent)
		case e.Status == registry.StatusProduction && serving[e.Key()]:
			status = "production (serving)"
		case e.Status == registry.StatusProduction:
			status = "production (superseded)"
		}
		chrf, bleu, segs := "-", "-", "-"
		if s := e.Offline; s != nil {
			chrf, bleu, segs = fmt.Sprintf("%.2f", s.ChrF), fmt.Sprintf("%.2f", s.BLEU), fmt.Sprint(s.Segments)
		}
		backend := e.Backend
		if backend == "" {
			backend = "*"
		}
		by := "-"
		if n := len(e.History); n > 0 && e.History[n-1].Actor() != "" {
			by = e.History[n-1].Actor()
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Kind, backend, e.Name, e.Version, status,
			strings.Join(e.Languages, ","), chrf, bleu, segs, e.Updated.Format(time.DateTime), by)
	}
	if err := w.Flush(); err != nil {
		return 1
	}
	// The history, under the table: who changed what, when, why and
	// against which thresholds (too wide for a column).
	for _, e := range entries {
		fmt.Fprintf(stdout, "\n%s\n", e.Ref())
		for _, c := range e.History {
			fmt.Fprintf(stdout, "  %s\n", historyLine(c))
		}
	}
	return 0
}

// defaultActor is who asks when -by is not given: $USER, else $LOGNAME,
// else the account the process runs as (cron, systemd units and
// containers often set neither variable; the history would say "by
// unknown").
func defaultActor(getenv func(string) string, current func() string) string {
	if by := getenv("USER"); by != "" {
		return by
	}
	if by := getenv("LOGNAME"); by != "" {
		return by
	}
	return current()
}

// currentUsername is the name of the account the process runs as, or ""
// when the system cannot say (a uid without a passwd entry).
func currentUsername() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	return u.Username
}

// historyLine is one change as list shows it:
// "2026-11-01 10:00:00  candidate -> production  by alice (nats: ops)  reason "eval"  thresholds {...}".
func historyLine(c registry.Change) string {
	parts := []string{c.At.Format(time.DateTime), c.To}
	if c.From != "" {
		parts[1] = c.From + " -> " + c.To
	}
	actor := c.Actor()
	if actor == "" {
		actor = "unknown"
	}
	parts = append(parts, "by "+actor)
	if c.Reason != "" {
		parts = append(parts, "reason "+strconv.Quote(c.Reason))
	}
	if c.Thresholds != nil {
		th, err := json.Marshal(c.Thresholds)
		if err == nil {
			parts = append(parts, "thresholds "+string(th))
		}
	}
	return strings.Join(parts, "  ")
}
