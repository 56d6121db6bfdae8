package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway"
)

// deeplNodeScript drives the official deepl-node client against the
// gateway and prints what it saw as one JSON object.
const deeplNodeScript = `
const deepl = require('deepl-node');
(async () => {
  const opts = {serverUrl: process.env.PARLEY_URL, maxRetries: 0};
  const tr = new deepl.Translator(process.env.PARLEY_KEY, opts);
  const batch = await tr.translateText(['hello', 'good morning'], 'en', 'de');
  const one = await tr.translateText('hola amigo', null, 'en-US');
  const pt = await tr.translateText('hello', 'en', 'pt-BR');
  const src = await tr.getSourceLanguages();
  const tgt = await tr.getTargetLanguages();
  const usage = await tr.getUsage();
  let authError = '';
  try {
    await new deepl.Translator('wrong-key-0123456789', opts).translateText('hello', 'en', 'de');
  } catch (e) { authError = e.constructor.name; }
  const pairs = await tr.getGlossaryLanguagePairs();
  const g = await tr.createGlossary('greetings', 'en', 'de', new deepl.GlossaryEntries({entries: {'good morning': 'Moin'}}));
  const listed = await tr.listGlossaries();
  const got = await tr.getGlossary(g.glossaryId);
  const entries = await tr.getGlossaryEntries(g);
  const withGlossary = await tr.translateText('good morning', 'en', 'de', {glossary: g});
  await tr.deleteGlossary(g);
  let goneError = '';
  try { await tr.getGlossary(g.glossaryId); } catch (e) { goneError = e.constructor.name; }
  let quotaError = '';
  try {
    await new deepl.Translator(process.env.PARLEY_SMALL_KEY, opts).translateText('hello', 'en', 'de');
  } catch (e) { quotaError = e.constructor.name; }
  console.log(JSON.stringify({
    batch: batch.map(r => [r.text, r.detectedSourceLang]),
    one: [one.text, one.detectedSourceLang],
    pt: pt.text,
    sources: src.map(l => l.code),
    targets: tgt.map(l => l.code),
    usage: usage.character.count,
    authError,
    pairs: pairs.map(p => p.sourceLang + '>' + p.targetLang),
    glossary: [g.name, g.sourceLang, g.targetLang, String(g.entryCount), String(g.ready)],
    listed: listed.map(l => l.glossaryId === g.glossaryId),
    got: got.glossaryId === g.glossaryId,
    entries: entries.entries(),
    withGlossary: withGlossary.text,
    goneError,
    quotaError,
  }));
})().catch(e => { console.error(e); process.exit(1); });
`

// TestDeepLNodeClient installs the official deepl-node package from npm
// into a temporary directory and runs it against the gateway. It skips
// when node or npm is missing or the npm registry cannot be reached.
func TestDeepLNodeClient(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the deepl-node client test in -short mode (it installs from npm)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; skipping the deepl-node client test")
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm is not installed; skipping the deepl-node client test")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	install := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "deepl-node")
	install.Dir = dir
	install.Env = append(os.Environ(), "npm_config_cache="+filepath.Join(dir, ".npm"))
	if out, err := install.CombinedOutput(); err != nil {
		t.Skipf("could not install deepl-node from npm (registry unavailable?): %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "run.js"), []byte(deeplNodeScript), 0o600); err != nil {
		t.Fatal(err)
	}

	env := deeplGlossaryGateway(t)
	_, small, err := openStore(t, env.nc).Create(ctx, gateway.KeySpec{Name: "small", Roles: []gateway.Role{gateway.RoleClient},
		Limits: gateway.KeyLimits{MonthlyChars: 3}})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "small key accepted", func() bool { return authStatus(t, env.url, small) == 200 })
	run := exec.CommandContext(ctx, node, "run.js")
	run.Dir = dir
	run.Env = append(os.Environ(), "PARLEY_URL="+env.url, "PARLEY_KEY="+l10nKey, "PARLEY_SMALL_KEY="+small)
	var stdout, stderr bytes.Buffer
	run.Stdout, run.Stderr = &stdout, &stderr
	if err := run.Run(); err != nil {
		t.Fatalf("deepl-node script failed: %v\n%s", err, stderr.String())
	}
	var got struct {
		Batch     [][]string `json:"batch"`
		One       []string   `json:"one"`
		PT        string     `json:"pt"`
		Sources   []string   `json:"sources"`
		Targets   []string   `json:"targets"`
		Usage     int64      `json:"usage"`
		AuthError string     `json:"authError"`

		Pairs        []string          `json:"pairs"`
		Glossary     []string          `json:"glossary"`
		Listed       []bool            `json:"listed"`
		Got          bool              `json:"got"`
		Entries      map[string]string `json:"entries"`
		WithGlossary string            `json:"withGlossary"`
		GoneError    string            `json:"goneError"`
		QuotaError   string            `json:"quotaError"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("script output %q: %v", stdout.String(), err)
	}
	t.Logf("deepl-node saw: %s", stdout.String())
	if want := [][]string{{"hallo", "en"}, {"guten Morgen", "en"}}; !reflect.DeepEqual(got.Batch, want) {
		t.Errorf("batch = %v, want %v", got.Batch, want)
	}
	if want := []string{"hello friend", "es"}; !reflect.DeepEqual(got.One, want) {
		t.Errorf("auto-detected = %v, want %v", got.One, want)
	}
	if got.PT != "olá" {
		t.Errorf("pt-BR = %q", got.PT)
	}
	if len(got.Sources) == 0 || len(got.Targets) == 0 {
		t.Errorf("languages: %v / %v", got.Sources, got.Targets)
	}
	if got.Usage != 5+12+10+5 {
		t.Errorf("usage = %d, want %d", got.Usage, 5+12+10+5)
	}
	if got.AuthError != "AuthorizationError" {
		t.Errorf("wrong key raised %q, want AuthorizationError", got.AuthError)
	}
	if !slices.Contains(got.Pairs, "en>de") {
		t.Errorf("glossary language pairs = %v", got.Pairs)
	}
	if want := []string{"greetings", "en", "de", "1", "true"}; !reflect.DeepEqual(got.Glossary, want) {
		t.Errorf("created glossary = %v, want %v", got.Glossary, want)
	}
	if !reflect.DeepEqual(got.Listed, []bool{true}) || !got.Got {
		t.Errorf("list %v / get %v", got.Listed, got.Got)
	}
	if want := map[string]string{"good morning": "Moin"}; !reflect.DeepEqual(got.Entries, want) {
		t.Errorf("entries = %v, want %v", got.Entries, want)
	}
	if got.WithGlossary != "Moin" {
		t.Errorf("translation with the glossary = %q, want Moin", got.WithGlossary)
	}
	if got.GoneError != "GlossaryNotFoundError" {
		t.Errorf("deleted glossary raised %q, want GlossaryNotFoundError", got.GoneError)
	}
	if got.QuotaError != "QuotaExceededError" {
		t.Errorf("over quota raised %q, want QuotaExceededError", got.QuotaError)
	}
}
