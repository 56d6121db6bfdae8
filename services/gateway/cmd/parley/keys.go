package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/cliflag"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natsutil"
)

const keysUsage = `usage: parley keys <command> [flags] [id]

Manages the API keys every gateway replica accepts. Keys live in the
JetStream KV bucket parley_api_keys (only their SHA-256 digests); the
command talks to NATS directly (--nats, or NATS_URL; default
nats://127.0.0.1:4222, where ` + "`make run`" + ` listens), so it needs NATS
credentials, not an API key: the services' NATS_USER and NATS_PASSWORD
(user parley on deploy/nats and deploy/k8s), or NATS_CREDS (a .creds
file), NATS_NKEY_SEED (a seed file), NATS_TOKEN or user:password@ in the
URL; none against ` + "`make run`" + `'s server unless it runs with
PARLEY_NATS_PASSWORD. Against a server with TLS it reads NATS_CA (the CA
bundle that verifies it; set, TLS is required), NATS_CERT and NATS_KEY (a
client certificate, both or neither) and NATS_TLS_FIRST (TLS before the
server's INFO), as every service does (docs/deploy.md, "NATS TLS").
Changes reach every gateway within a second.

commands:
  create   --name N --roles client[,localization,moderator,admin] [--tenant T]
           [--rate R --burst B] [--monthly-chars N]
           prints the new key once on stdout (details on stderr)
  list     [--json]  every key with its status and this month's characters
  revoke   <id>      refuse the key from now on (revoking the last
           active key warns: with no PARLEY_API_KEYS either, the
           gateway is then open unless GATEWAY_REQUIRE_KEYS=true)
  rotate   <id> [--grace 24h]  new secret; the old one works for --grace
           (default 0: it stops at once; at most 720h, 30 days;
           negative is refused)

Flags may come before or after the id.

PARLEY_JS_REPLICAS (default 1) is the replication the buckets are created
with, or raised to when they have fewer: set it as the services have it
(3 on a 3-node cluster). A bucket is never lowered; one that cannot be
raised is used as it is, with a warning on stderr.

limits: --rate is requests per second (0: the gateway default
GATEWAY_RATE_LIMIT; negative: unlimited), --monthly-chars the characters
per calendar month (0: GATEWAY_MONTHLY_CHARS; negative: unlimited).

exit status: 0 ok, 1 failure (bad spec, unknown or already revoked key),
2 usage or connection errors
`

// keysCommandUsage is one command's usage, for a flag it refuses or -h
// after it: the flag package's own dump would list every command's flags
// (--grace and --json under create), which reads as if create took them.
var keysCommandUsage = map[string]string{
	"create": `usage: parley keys create --name N --roles client[,localization,moderator,admin]
           [--tenant T] [--rate R --burst B] [--monthly-chars N] [--nats URL]

prints the new key once on stdout (details on stderr). --rate is requests
per second, a decimal (0: GATEWAY_RATE_LIMIT; negative: unlimited),
--burst requests at once above it, --monthly-chars characters per
calendar month (0: GATEWAY_MONTHLY_CHARS; negative: unlimited).
`,
	"list": `usage: parley keys list [--json] [--nats URL]

every key with its status and this month's characters.
`,
	"revoke": `usage: parley keys revoke <id> [--nats URL]

refuse the key from now on.
`,
	"rotate": `usage: parley keys rotate <id> [--grace 24h] [--nats URL]

new secret; the old one works for --grace (default 0: it stops at once;
at most 720h, 30 days; negative is refused).
`,
}

// openWarning is what revoking the last active managed key says: a
// gateway with no key at all serves its client routes to anyone (the
// open default of a local `make run`), so the revocation that was meant
// to lock one caller out may have opened the deployment to everybody.
const openWarning = `
WARNING: key %s was the last active managed key.
A gateway without PARLEY_API_KEYS now has no key at all and is OPEN:
/v1/translate, /v1/detect, posting and reading messages and the
compatible APIs answer callers without a key, and so does /metrics on
the API port, unless the gateway runs with GATEWAY_REQUIRE_KEYS=true.
Create a key (parley keys create) to close it again.

`

// lastActive reports whether recs (read before or after revoking id)
// hold no active key other than id.
func lastActive(recs []gateway.KeyRecord, id string) bool {
	for _, r := range recs {
		if !r.Revoked() && r.ID != id {
			return false
		}
	}
	return true
}

// runKeys runs `parley keys ...` and returns the exit status.
func runKeys(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, keysUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd := args[0]
	fs := flag.NewFlagSet("parley keys "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		if u, ok := keysCommandUsage[cmd]; ok {
			fmt.Fprint(stderr, u+"\n(parley keys help: every command)\n")
			return
		}
		fmt.Fprint(stderr, keysUsage)
	}
	defNATS := getenv("NATS_URL")
	if defNATS == "" {
		defNATS = nats.DefaultURL
	}
	natsURL := fs.String("nats", defNATS, "NATS server URL")
	// The buckets are created on first use; on a cluster they must get
	// the same replication as the services give theirs.
	replicas := natsutil.JetStreamReplicas(config.NewReader(getenv))
	name := fs.String("name", "", "create: key name (who uses it)")
	roles := fs.String("roles", "client", "create: comma-separated roles")
	tenant := fs.String("tenant", "", "create: tenant the key acts for")
	rate := fs.Float64("rate", 0, "create: requests per second")
	burst := fs.Int("burst", 0, "create: requests at once above the rate")
	monthly := fs.Int64("monthly-chars", 0, "create: characters per calendar month")
	asJSON := fs.Bool("json", false, "list: print JSON")
	grace := fs.Duration("grace", 0, "rotate: how long the old secret keeps working")
	// Flags may follow the id, as the docs write it (rotate <id> --grace 24h).
	pos, err := cliflag.Parse(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0 // the flags were asked for, and printed
		}
		return 2
	}
	switch cmd {
	case "create", "list":
		if len(pos) != 0 {
			fmt.Fprintf(stderr, "parley keys %s takes no arguments\n", cmd)
			return 2
		}
		if cmd == "create" && *tenant == "" && flagSet(fs, "tenant") {
			// --tenant "$TENANT" with TENANT unset would otherwise make
			// an operator's key, which sees every tenant's data.
			fmt.Fprintln(stderr, "parley keys create: --tenant is empty; leave the flag out for a key without a tenant")
			return 2
		}
	case "revoke", "rotate":
		if len(pos) != 1 {
			fmt.Fprintf(stderr, "parley keys %s needs one key id\n", cmd)
			return 2
		}
		if cmd == "rotate" && *grace < 0 {
			// A negative grace would silently mean none: the old secret
			// would stop at once, which is what a typo must not do.
			fmt.Fprintf(stderr, "parley keys rotate: --grace %v is negative (0 stops the old secret at once)\n", *grace)
			return 2
		}
		if cmd == "rotate" && *grace > gateway.MaxRotateGrace {
			// A rotation retires a secret that may have leaked; one that
			// keeps working for years (a typo) undoes it.
			fmt.Fprintf(stderr, "parley keys rotate: --grace %v is longer than the %v (30 days) allowed\n", *grace, gateway.MaxRotateGrace)
			return 2
		}
	default:
		fmt.Fprintf(stderr, "parley keys: unknown command %q\n\n%s", cmd, keysUsage)
		return 2
	}

	auth, err := natsutil.ConnectOptions(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "parley keys: %v\n", err)
		return 2
	}
	nc, err := nats.Connect(*natsURL, append(auth, nats.Name("parley keys"), nats.Timeout(5*time.Second))...)
	if err != nil {
		fmt.Fprintf(stderr, "parley keys: connect to %s: %v\n", natsutil.RedactURL(*natsURL), err)
		return 2
	}
	defer nc.Close()
	octx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	// Warnings only: a bucket whose replicas could not be raised.
	st, err := gateway.OpenKeyStore(octx, nc, replicas, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		fmt.Fprintf(stderr, "parley keys: %v\n", err)
		return 2
	}
	defer st.Close()

	switch cmd {
	case "create":
		spec := gateway.KeySpec{Name: *name, Tenant: *tenant,
			Limits: gateway.KeyLimits{Rate: *rate, Burst: *burst, MonthlyChars: *monthly}}
		for _, r := range strings.Split(*roles, ",") {
			if r = strings.TrimSpace(r); r != "" {
				spec.Roles = append(spec.Roles, gateway.Role(r))
			}
		}
		rec, key, err := st.Create(octx, spec)
		if err != nil {
			fmt.Fprintf(stderr, "parley keys create: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "created key %s (name %s, roles %s, tenant %q)\n", rec.ID, rec.Name, joinRoles(rec.Roles), rec.Tenant)
		fmt.Fprintln(stderr, "store the key now: Parley keeps only its digest and cannot show it again")
		fmt.Fprintln(stdout, key)
		return 0
	case "list":
		return listKeys(octx, nc, replicas, st, *asJSON, stdout, stderr)
	case "revoke":
		// The store revokes idempotently (a retry must not fail); the CLI
		// tells the operator the key was already revoked, status 1 as
		// documented, so a script notices it revoked the wrong id.
		if prev, _, err := st.Get(octx, pos[0]); err == nil && prev.Revoked() {
			fmt.Fprintf(stderr, "parley keys revoke: key %s (%s) was already revoked at %s\n", prev.ID, printable(prev.Name), prev.RevokedAt.Format(time.RFC3339))
			return 1
		}
		rec, err := st.Revoke(octx, pos[0])
		if err != nil {
			fmt.Fprintf(stderr, "parley keys revoke: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "revoked key %s (%s) at %s\n", rec.ID, printable(rec.Name), rec.RevokedAt.Format(time.RFC3339))
		if lastActive(st.List(), rec.ID) {
			fmt.Fprintf(stderr, openWarning, rec.ID)
		}
		return 0
	case "rotate":
		rec, key, err := st.Rotate(octx, pos[0], *grace)
		if err != nil {
			fmt.Fprintf(stderr, "parley keys rotate: %v\n", err)
			return 1
		}
		if *grace > 0 {
			fmt.Fprintf(stderr, "rotated key %s (%s); the old secret works until %s\n", rec.ID, printable(rec.Name), rec.PrevExpires.Format(time.RFC3339))
		} else {
			fmt.Fprintf(stderr, "rotated key %s (%s); the old secret no longer works\n", rec.ID, printable(rec.Name))
		}
		fmt.Fprintln(stdout, key)
		return 0
	}
	return 2
}

// keyListing is one row of `parley keys list --json`.
type keyListing struct {
	gateway.KeyRecord
	Status string `json:"status"`
	// Month and Characters are this calendar month's usage.
	Month      string `json:"month"`
	Characters int64  `json:"characters"`
}

func listKeys(ctx context.Context, nc *nats.Conn, replicas int, st *gateway.KeyStore, asJSON bool, stdout, stderr io.Writer) int {
	now := time.Now().UTC()
	var rows []keyListing
	for _, rec := range st.List() {
		used, err := gateway.MonthlyUsage(ctx, nc, replicas, rec.ID, now)
		if err != nil {
			fmt.Fprintf(stderr, "parley keys list: usage of %s: %v\n", rec.ID, err)
			return 1
		}
		status := "active"
		if rec.Revoked() {
			status = "revoked"
		}
		// Digests are of no use to a reader and need not travel further.
		rec.Hash, rec.PrevHash = "", ""
		rows = append(rows, keyListing{KeyRecord: rec, Status: status, Month: now.Format("2006-01"), Characters: used})
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if rows == nil {
			rows = []keyListing{}
		}
		if err := enc.Encode(rows); err != nil {
			fmt.Fprintf(stderr, "parley keys list: %v\n", err)
			return 1
		}
		return 0
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tROLES\tTENANT\tSTATUS\tCREATED\tRATE/S\tBURST\tMONTHLY CHARS\tUSED THIS MONTH")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", r.ID, printable(r.Name), printable(joinRoles(r.Roles)), printable(dash(r.Tenant)), r.Status,
			r.CreatedAt.Format("2006-01-02"), limit(r.Limits.Rate), limit(float64(r.Limits.Burst)), limit(float64(r.Limits.MonthlyChars)), r.Characters)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "parley keys list: %v\n", err)
		return 1
	}
	return 0
}

func joinRoles(rs []gateway.Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

// printable returns s, or s quoted as a Go string when it holds control
// or format characters (bidi overrides, zero-width characters) or is not
// UTF-8: names are refused such characters when a key is created, but a
// record written before that (or straight into the bucket) must not move
// the cursor, forge a line, reorder the row or break the table. Quoting
// escapes them (strconv.Quote writes U+202E as \u202e).
func printable(s string) string {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
		return strconv.Quote(s)
	}
	return s
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// limit renders a limit: 0 is the gateway default, negative unlimited.
func limit(v float64) string {
	switch {
	case v == 0:
		return "default"
	case v < 0:
		return "unlimited"
	}
	return fmt.Sprintf("%g", v)
}

// flagSet reports whether the command line gave flag name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
