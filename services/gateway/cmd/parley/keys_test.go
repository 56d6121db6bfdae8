package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/natstest"
)

// runKeysCmd runs `parley keys args...` against natsURL and returns the
// status, stdout and stderr.
func runKeysCmd(t *testing.T, natsURL string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	env := map[string]string{"NATS_URL": natsURL}
	code := runKeys(ctx, args, func(k string) string { return env[k] }, &out, &errOut)
	return code, out.String(), errOut.String()
}

// status asks the gateway's /v1/usage with key and returns the HTTP status.
func status(t *testing.T, u, key string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", u+"/v1/usage", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func waitStatus(t *testing.T, u, key string, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for status(t, u, key) != want {
		if time.Now().After(deadline) {
			t.Fatalf("key not answered with %d in time", want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestKeysRoundTrip creates, lists, rotates and revokes a key with the
// CLI and checks each step against a gateway on the same NATS.
func TestKeysRoundTrip(t *testing.T) {
	s := natstest.RunServer(t)
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Timeout: 10 * time.Second}, natstest.Conn(t, s), reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	nurl := s.ClientURL()

	code, key, errOut := runKeysCmd(t, nurl, "create", "--name", "acme-app", "--roles", "client,localization", "--tenant", "acme", "--rate", "5", "--monthly-chars", "1000")
	key = strings.TrimSpace(key)
	if code != 0 || !strings.HasPrefix(key, "pk_") || !strings.Contains(errOut, "created key") {
		t.Fatalf("create: %d %q %q", code, key, errOut)
	}
	waitStatus(t, ts.URL, key, 200)

	code, out, errOut := runKeysCmd(t, nurl, "list", "--json")
	var rows []struct {
		ID, Name, Tenant, Status, Hash string
		Roles                          []string
		Limits                         gateway.KeyLimits
	}
	if code != 0 {
		t.Fatalf("list: %d %s", code, errOut)
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("list output %q: %v", out, err)
	}
	if len(rows) != 1 || rows[0].Name != "acme-app" || rows[0].Tenant != "acme" || rows[0].Status != "active" ||
		rows[0].Hash != "" || rows[0].Limits.Rate != 5 || rows[0].Limits.MonthlyChars != 1000 || len(rows[0].Roles) != 2 {
		t.Fatalf("list = %+v", rows)
	}
	if strings.Contains(out, key) {
		t.Fatal("list shows the key")
	}
	id := rows[0].ID
	if code, out, _ := runKeysCmd(t, nurl, "list"); code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "acme-app") {
		t.Fatalf("table list: %d %s", code, out)
	}

	// A negative grace is refused before anything changes; flags may
	// follow the id, as docs/api.md writes it.
	if code, _, errOut := runKeysCmd(t, nurl, "rotate", "--grace", "-5h", id); code != 2 || !strings.Contains(errOut, "negative") {
		t.Fatalf("rotate --grace -5h: %d %s", code, errOut)
	}
	code, graceKey, errOut := runKeysCmd(t, nurl, "rotate", id, "--grace", "24h")
	graceKey = strings.TrimSpace(graceKey)
	if code != 0 || graceKey == key || !strings.Contains(errOut, "the old secret works until") {
		t.Fatalf("rotate <id> --grace 24h: %d %q %s", code, graceKey, errOut)
	}
	waitStatus(t, ts.URL, graceKey, 200)
	if got := status(t, ts.URL, key); got != 200 {
		t.Fatalf("old secret within its grace: %d", got)
	}
	// The listing shows no digest, not even an empty one, while the store
	// keeps both (the old one for the grace period).
	code, out, errOut = runKeysCmd(t, nurl, "list", "--json")
	var raw []map[string]json.RawMessage
	if code != 0 || json.Unmarshal([]byte(out), &raw) != nil || len(raw) != 1 {
		t.Fatalf("list after rotate: %d %s %s", code, out, errOut)
	}
	for _, field := range []string{"hash", "prev_hash"} {
		if v, ok := raw[0][field]; ok {
			t.Errorf("list --json has %q: %s", field, v)
		}
	}
	if _, ok := raw[0]["prev_expires"]; !ok {
		t.Errorf("list --json lacks prev_expires: %s", out)
	}
	st, err := gateway.OpenKeyStore(t.Context(), natstest.Conn(t, s), 1, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if rec, _, err := st.Get(t.Context(), id); err != nil || len(rec.Hash) != 64 || len(rec.PrevHash) != 64 {
		t.Fatalf("stored record %+v (%v): want both digests", rec, err)
	}

	code, newKey, errOut := runKeysCmd(t, nurl, "rotate", id)
	newKey = strings.TrimSpace(newKey)
	if code != 0 || newKey == key || !strings.HasPrefix(newKey, "pk_"+id+"_") {
		t.Fatalf("rotate: %d %q %s", code, newKey, errOut)
	}
	waitStatus(t, ts.URL, newKey, 200)
	waitStatus(t, ts.URL, key, 401)
	waitStatus(t, ts.URL, graceKey, 401)

	if code, out, errOut := runKeysCmd(t, nurl, "revoke", id); code != 0 || !strings.Contains(out, "revoked key "+id) {
		t.Fatalf("revoke: %d %s %s", code, out, errOut)
	}
	waitStatus(t, ts.URL, newKey, 401)
	// The store revokes idempotently, but the CLI reports a key that was
	// already revoked as a failure, as documented.
	if code, _, errOut := runKeysCmd(t, nurl, "revoke", id); code != 1 || !strings.Contains(errOut, "already revoked") {
		t.Fatalf("revoke a revoked key: %d %s", code, errOut)
	}
	if code, out, _ := runKeysCmd(t, nurl, "list"); code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("list after revoke: %s", out)
	}

	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no command", nil, 2},
		{"unknown command", []string{"frobnicate"}, 2},
		{"revoke without id", []string{"revoke"}, 2},
		{"rotate an unknown key", []string{"rotate", "0123456789abcdef"}, 1},
		{"rotate a revoked key", []string{"rotate", id}, 1},
		{"revoke with a flag after the id", []string{"revoke", id, "--nats", nurl}, 1},
		{"rotate with a negative grace after the id", []string{"rotate", id, "--grace", "-1h"}, 2},
		{"rotate with a grace over 30 days", []string{"rotate", id, "--grace", "721h"}, 2},
		{"rotate with a grace of years", []string{"rotate", "--grace", "100000h", id}, 2},
		{"rotate with two ids", []string{"rotate", id, id}, 2},
		{"unknown flag after the id", []string{"revoke", id, "--nope"}, 2},
		{"create with a bad role", []string{"create", "--name", "x", "--roles", "wizard"}, 1},
		{"create without a name", []string{"create"}, 1},
		{"create with a line break and an escape code in the name", []string{"create", "--name", "evil\nlevel=ERROR msg=forged\x1b[31m", "--roles", "client"}, 1},
		{"create with a name over 64 bytes", []string{"create", "--name", strings.Repeat("n", 65), "--roles", "client"}, 1},
		// Audit trails would show these as the services' own actor.
		{"create as system with a Cyrillic s", []string{"create", "--name", "ѕystem", "--roles", "client"}, 1},
		{"create as system with a Cyrillic y", []string{"create", "--name", "sуstem", "--roles", "client"}, 1},
		{"create with an empty tenant", []string{"create", "--name", "emptyten", "--roles", "client", "--tenant", ""}, 2},
		{"create with an empty tenant (=)", []string{"create", "--name", "emptyten", "--roles", "client", "--tenant="}, 2},
		{"unreachable NATS", []string{"list", "--nats", "nats://127.0.0.1:1"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, out, errOut := runKeysCmd(t, nurl, tt.args...); code != tt.want {
				t.Fatalf("exit %d, want %d: %s %s", code, tt.want, out, errOut)
			}
		})
	}
}

// TestKeysListQuotesFormatCharacters: format characters (unicode.Cf: bidi
// overrides and isolates, zero-width characters) are refused in a name at
// create, and a record holding them is listed quoted, so a name cannot
// reorder the row or pass for another key's.
func TestKeysListQuotesFormatCharacters(t *testing.T) {
	s := natstest.RunServer(t)
	nurl := s.ClientURL()
	js, err := jetstream.New(natstest.Conn(t, s))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, id string }{
		{"bad\u202ename", "0123456789abcde0"},
		{"a\u2067b", "0123456789abcde1"},
		{"ad\u200bmin", "0123456789abcde2"},
		{"\ufeffops", "0123456789abcde3"},
	}
	for _, tt := range tests {
		t.Run(strconv.Quote(tt.name), func(t *testing.T) {
			code, out, errOut := runKeysCmd(t, nurl, "create", "--name", tt.name, "--roles", "client")
			if code != 1 || out != "" || !strings.Contains(errOut, strconv.Quote(tt.name)) || strings.Contains(errOut, tt.name) {
				t.Fatalf("create: %d %q %q", code, out, errOut)
			}
			// A record written before names were checked, or straight
			// into the bucket.
			kv, err := js.KeyValue(t.Context(), gateway.KeysBucket)
			if err != nil {
				t.Fatal(err)
			}
			rec, _ := json.Marshal(gateway.KeyRecord{ID: tt.id, Name: tt.name, Roles: []gateway.Role{gateway.RoleClient},
				Hash: strings.Repeat("ab", 32), CreatedAt: time.Now()})
			if _, err := kv.Put(t.Context(), tt.id, rec); err != nil {
				t.Fatal(err)
			}
			code, out, errOut = runKeysCmd(t, nurl, "list")
			if code != 0 {
				t.Fatalf("list: %d %s", code, errOut)
			}
			if strings.Contains(out, tt.name) || !strings.Contains(out, strconv.Quote(tt.name)) {
				t.Fatalf("list printed the name raw:\n%s", out)
			}
		})
	}
}

// TestKeysListQuotesControlCharacters: a record whose name holds control
// characters (written before names were checked, or straight into the
// bucket) is listed quoted, so it cannot forge a line or send an escape
// code to the terminal; the create refusal names the quoted name.
func TestKeysListQuotesControlCharacters(t *testing.T) {
	s := natstest.RunServer(t)
	nurl := s.ClientURL()
	evil := "evil\nlevel=ERROR msg=forged\x1b[31m"
	code, out, errOut := runKeysCmd(t, nurl, "create", "--name", evil, "--roles", "client")
	if code != 1 || out != "" || strings.ContainsAny(errOut[:len(errOut)-1], "\n\x1b") || !strings.Contains(errOut, strconv.Quote(evil)) {
		t.Fatalf("create with control characters: %d %q %q", code, out, errOut)
	}

	js, err := jetstream.New(natstest.Conn(t, s))
	if err != nil {
		t.Fatal(err)
	}
	kv, err := js.KeyValue(t.Context(), gateway.KeysBucket)
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := json.Marshal(gateway.KeyRecord{ID: "0123456789abcdef", Name: evil, Roles: []gateway.Role{gateway.RoleClient},
		Tenant: "acme\u009b", Hash: strings.Repeat("ab", 32), CreatedAt: time.Now()})
	if _, err := kv.Put(t.Context(), "0123456789abcdef", rec); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runKeysCmd(t, nurl, "list")
	if code != 0 {
		t.Fatalf("list: %d %s", code, errOut)
	}
	if lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); len(lines) != 2 || strings.ContainsAny(out, "\x1b\u009b") ||
		!strings.Contains(out, strconv.Quote(evil)) || !strings.Contains(out, strconv.Quote("acme\u009b")) {
		t.Fatalf("list printed the name raw:\n%s", out)
	}
	if code, out, _ := runKeysCmd(t, nurl, "revoke", "0123456789abcdef"); code != 0 || strings.Count(out, "\n") != 1 || strings.Contains(out, "\x1b") {
		t.Fatalf("revoke: %d %q", code, out)
	}
}

// TestRevokeLastKeyWarnsTheDeploymentIsOpen: revoking a key while another
// is active says nothing more; revoking the last active one warns on
// stderr that a gateway without PARLEY_API_KEYS is now open, and the
// gateway indeed serves a caller without a key.
func TestRevokeLastKeyWarnsTheDeploymentIsOpen(t *testing.T) {
	s := natstest.RunServer(t)
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Timeout: 10 * time.Second}, natstest.Conn(t, s), reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	nurl := s.ClientURL()
	var ids []string
	for _, name := range []string{"one", "two"} {
		code, key, errOut := runKeysCmd(t, nurl, "create", "--name", name, "--roles", "client")
		if code != 0 {
			t.Fatalf("create %s: %d %s", name, code, errOut)
		}
		_, id, _ := strings.Cut(strings.TrimSpace(key), "_")
		ids = append(ids, id[:16])
		waitStatus(t, ts.URL, strings.TrimSpace(key), 200)
	}
	anonymous := func() int {
		res, err := http.Get(ts.URL + "/v1/usage")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := anonymous(); got != 401 {
		t.Fatalf("no key while keys exist: %d", got)
	}
	code, _, errOut := runKeysCmd(t, nurl, "revoke", ids[0])
	if code != 0 || strings.Contains(errOut, "WARNING") {
		t.Fatalf("revoke with a key left: %d %q", code, errOut)
	}
	code, out, errOut := runKeysCmd(t, nurl, "revoke", ids[1])
	if code != 0 || !strings.Contains(out, "revoked key "+ids[1]) {
		t.Fatalf("revoke the last key: %d %s %s", code, out, errOut)
	}
	for _, want := range []string{"WARNING: key " + ids[1] + " was the last active managed key", "OPEN", "GATEWAY_REQUIRE_KEYS=true"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("revoking the last key: stderr %q lacks %q", errOut, want)
		}
	}
	if strings.Contains(out, "WARNING") {
		t.Errorf("the warning went to stdout: %q", out)
	}
	deadline := time.Now().Add(5 * time.Second)
	for anonymous() != 200 {
		if time.Now().After(deadline) {
			t.Fatal("the gateway did not open as the warning says")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestKeysFlagErrorsPrintTheCommandsUsage: a flag a command refuses
// (--rate abc) or -h after it prints that command's usage, not the flag
// package's dump of every command's flags (--grace, --json under create).
func TestKeysFlagErrorsPrintTheCommandsUsage(t *testing.T) {
	for _, tc := range []struct {
		args        []string
		code        int
		want, not   string
		wantInvalid bool
	}{
		{[]string{"create", "--rate", "abc"}, 2, "usage: parley keys create --name N", "-grace", true},
		{[]string{"create", "--nope"}, 2, "usage: parley keys create --name N", "-json", false},
		{[]string{"rotate", "k1", "--grace", "soon"}, 2, "usage: parley keys rotate <id> [--grace 24h]", "-roles", true},
		{[]string{"list", "-h"}, 0, "usage: parley keys list [--json]", "-monthly-chars", false},
	} {
		code, out, errOut := runKeysCmd(t, "nats://127.0.0.1:1", tc.args...)
		if code != tc.code || out != "" || !strings.Contains(errOut, tc.want) || strings.Contains(errOut, tc.not) {
			t.Errorf("parley keys %v: status %d, stdout %q, stderr:\n%s\nwant status %d and %q without %q", tc.args, code, out, errOut, tc.code, tc.want, tc.not)
		}
		if tc.wantInvalid && !strings.Contains(errOut, "invalid value") {
			t.Errorf("parley keys %v: stderr does not say what was wrong:\n%s", tc.args, errOut)
		}
	}
}

// TestHelpListsNATSTLS: keys and registry read the NATS TLS settings as
// every service does (natsutil.ConnectOptions), so their help names them.
func TestHelpListsNATSTLS(t *testing.T) {
	for name, run := range map[string]func(context.Context, []string, func(string) string, io.Writer, io.Writer) int{
		"keys": runKeys, "registry": runRegistry,
	} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"help"}, func(string) string { return "" }, &out, &errOut); code != 0 {
			t.Fatalf("parley %s help: status %d", name, code)
		}
		help := out.String() + errOut.String()
		for _, v := range []string{"NATS_CA", "NATS_CERT", "NATS_KEY", "NATS_TLS_FIRST"} {
			if !strings.Contains(help, v) {
				t.Errorf("parley %s help does not name %s:\n%s", name, v, help)
			}
		}
	}
}
