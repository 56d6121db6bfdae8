package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/cliflag"
)

const glossaryUsage = `usage: parley glossary <command> [flags] [path ...]   (flags may also follow the paths)

Keeps the glossaries of a git folder and a Parley deployment in step, over
the HTTP API. The API key comes from PARLEY_API_KEY (push needs the
localization role); the URL from --url or PARLEY_URL (default
http://127.0.0.1:8080). A path is a glossary file (.csv, .tsv, .tbx, with an
optional <id>.json settings file beside it) or a folder of them (default
glossaries).

commands:
  validate  check the files locally; --remote also asks the server (dry run)
  diff      show what push would change; exit status 1 when it would change something
  push      import the files (replacing each glossary's entries) and apply their settings
  pull      export glossaries into a folder (--dir, default glossaries), keeping each file's format

exit status: 0 ok, 1 problems or differences found (pull: a glossary the
server does not have), 2 usage or connection errors
`

// runGlossary runs `parley glossary ...` and returns the exit status.
func runGlossary(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, glossaryUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd := args[0]
	fs := flag.NewFlagSet("parley glossary "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	defURL := getenv("PARLEY_URL")
	if defURL == "" {
		defURL = "http://127.0.0.1:8080"
	}
	base := fs.String("url", defURL, "Parley gateway URL")
	dryRun := fs.Bool("dry-run", false, "push: validate on the server and report, write nothing")
	message := fs.String("message", "", "push: change message recorded with each version")
	remote := fs.Bool("remote", false, "validate: also run a dry-run import on the server")
	dir := fs.String("dir", "glossaries", "pull: folder to write into")
	format := fs.String("format", "", "pull: format of new files (csv, tsv, tbx, tbx-v2; default: the existing file's, else csv)")
	// Flags may follow the paths (push glossaries --message "…").
	args, err := cliflag.Parse(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0 // the flags were asked for, and printed
		}
		return 2
	}
	c := &apiClient{base: strings.TrimRight(*base, "/"), key: getenv("PARLEY_API_KEY"), http: &http.Client{Timeout: 2 * time.Minute}}
	g := &glossaryCLI{c: c, out: stdout, errOut: stderr}
	paths := args
	if len(paths) == 0 {
		paths = []string{"glossaries"}
	}
	switch cmd {
	case "validate":
		return g.validate(ctx, paths, *remote)
	case "diff":
		return g.diff(ctx, paths)
	case "push":
		return g.push(ctx, paths, *dryRun, *message)
	case "pull":
		return g.pull(ctx, *dir, args, *format)
	}
	fmt.Fprintf(stderr, "parley glossary: unknown command %q\n\n%s", cmd, glossaryUsage)
	return 2
}

// apiClient calls the gateway's glossary API.
type apiClient struct {
	base, key string
	http      *http.Client
}

// apiError is an error answer in the shared shape.
type apiError struct {
	status int
	body   api.ErrorDetail
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%s (%d): %s", e.body.Code, e.status, e.body.Message)
}

func isNotFound(err error) bool {
	var ae *apiError
	return errors.As(err, &ae) && ae.body.Code == api.CodeNotFound
}

// do sends a request and decodes a JSON answer into out (raw bytes when out
// is a *[]byte).
func (c *apiClient) do(ctx context.Context, method, path string, query url.Values, contentType string, body []byte, out any) error {
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if res.StatusCode >= 300 {
		var eb api.ErrorBody
		if json.Unmarshal(data, &eb) == nil && eb.Error.Code != "" {
			return &apiError{status: res.StatusCode, body: eb.Error}
		}
		return fmt.Errorf("%s %s: HTTP %d: %.200s", method, path, res.StatusCode, data)
	}
	if raw, ok := out.(*[]byte); ok {
		*raw = data
		return nil
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: decode answer: %w", method, path, err)
		}
	}
	return nil
}

func (c *apiClient) jsonCall(ctx context.Context, method, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return c.do(ctx, method, path, nil, "application/json", body, out)
}

type glossaryCLI struct {
	c           *apiClient
	out, errOut io.Writer
}

// files reads the glossary files named by paths (files or folders).
func (g *glossaryCLI) files(paths []string) ([]*glossary.File, error) {
	var files []*glossary.File
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			fs, err := glossary.ReadDir(p, glossary.ParseOptions{})
			if err != nil {
				return nil, err
			}
			files = append(files, fs...)
			continue
		}
		if glossary.FormatOf(p) == "" {
			return nil, fmt.Errorf("%s: not a glossary file (.csv, .tsv, .tbx)", p)
		}
		files = append(files, glossary.ReadFile(p, glossary.ParseOptions{}))
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no glossary files in %s", strings.Join(paths, ", "))
	}
	return files, nil
}

func (g *glossaryCLI) printProblems(path string, problems []api.GlossaryProblem) {
	for _, p := range problems {
		loc := path
		if p.Line > 0 {
			loc = fmt.Sprintf("%s:%d", path, p.Line)
		}
		fmt.Fprintf(g.out, "%s: %s: %s: %s\n", loc, p.Severity, p.Code, p.Message)
	}
}

func (g *glossaryCLI) fail(err error) int {
	fmt.Fprintf(g.errOut, "parley glossary: %v\n", err)
	return 2
}

func (g *glossaryCLI) validate(ctx context.Context, paths []string, remote bool) int {
	files, err := g.files(paths)
	if err != nil {
		return g.fail(err)
	}
	status := 0
	for _, f := range files {
		g.printProblems(f.Path, f.Report.Problems)
		if f.Report.Errors > 0 {
			status = 1
			fmt.Fprintf(g.out, "%s: %d error(s), %d warning(s)\n", f.Path, f.Report.Errors, f.Report.Warnings)
			continue
		}
		if !remote {
			fmt.Fprintf(g.out, "%s: ok (%d entries, %d warning(s))\n", f.Path, len(f.Glossary.Entries), f.Report.Warnings)
			continue
		}
		rep, err := g.importFile(ctx, f, true, "")
		if err != nil {
			return g.fail(err)
		}
		g.printProblems(f.Path, rep.Problems)
		if !rep.Valid {
			status = 1
		}
		fmt.Fprintf(g.out, "%s: server: valid=%t, %s\n", f.Path, rep.Valid, changeSummary(rep))
	}
	return status
}

func changeSummary(rep *api.GlossaryImportReport) string {
	if rep.Unchanged {
		return "unchanged"
	}
	return fmt.Sprintf("+%d ~%d -%d", rep.Added, rep.Changed, rep.Removed)
}

// dryRunSummary says what push would do to one glossary: create it, set
// its settings, change its entries, or nothing.
func dryRunSummary(info *api.GlossaryInfo, changes []api.GlossaryFieldChange, rep *api.GlossaryImportReport) string {
	var what []string
	if info == nil {
		what = append(what, "would create it")
	}
	for _, c := range changes {
		what = append(what, fmt.Sprintf("would set %s %q → %q", c.Field, c.From, c.To))
	}
	if !rep.Unchanged {
		what = append(what, "would change entries: "+changeSummary(rep))
	}
	if len(what) == 0 {
		return "up to date, nothing would change"
	}
	return strings.Join(what, "; ")
}

// importFile sends a file's content to the import endpoint.
func (g *glossaryCLI) importFile(ctx context.Context, f *glossary.File, dryRun bool, message string) (*api.GlossaryImportReport, error) {
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return nil, err
	}
	q := url.Values{"format": {f.Format}}
	if dryRun {
		q.Set("dry_run", "true")
	}
	if message != "" {
		q.Set("message", message)
	}
	if f.Settings.Mode != "" {
		q.Set("glossary_mode", f.Settings.Mode)
	}
	if f.Settings.Source != "" {
		q.Set("source", f.Settings.Source)
		q.Set("target", f.Settings.Target)
	}
	var rep api.GlossaryImportReport
	if err := g.c.do(ctx, "POST", "/v1/glossaries/"+url.PathEscape(f.ID)+"/import", q, glossary.ContentType(f.Format), data, &rep); err != nil {
		return nil, err
	}
	return &rep, nil
}

// remote returns the server's content of a glossary (nil when it has none)
// and its settings. The entries come from a TSV export of the version just
// read: one request, every field of an entry (TSV round-trips exactly,
// docs/glossary.md), and a twentieth of TBX's size, so even the largest
// glossary (49 MB of TBX) is 2.6 MB here, far inside the import limit.
// Paging the entries API instead cost one request per thousand entries.
func (g *glossaryCLI) remote(ctx context.Context, id string) (*glossary.Glossary, *api.GlossaryInfo, error) {
	var info api.GlossaryInfo
	if err := g.c.do(ctx, "GET", "/v1/glossaries/"+url.PathEscape(id), nil, "", nil, &info); err != nil {
		if isNotFound(err) {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	var data []byte
	q := url.Values{"format": {api.FormatTSV}, "version": {fmt.Sprint(info.Version)}}
	if err := g.c.do(ctx, "GET", "/v1/glossaries/"+url.PathEscape(id)+"/export", q, "", nil, &data); err != nil {
		return nil, nil, err
	}
	rg, rep := glossary.Parse(api.FormatTSV, bytes.NewReader(data), glossary.ParseOptions{ID: id, Mode: glossary.Mode(info.Mode)})
	if err := rep.Err(); err != nil {
		return nil, nil, fmt.Errorf("the server's export of %s does not read back: %w", id, err)
	}
	return rg, &info, nil
}

// settingsChanges lists the settings of a sidecar that differ from the
// server's.
func settingsChanges(f *glossary.File, info *api.GlossaryInfo) []api.GlossaryFieldChange {
	if f.SettingsPath == "" || info == nil {
		return nil
	}
	s := f.Settings
	mode := s.Mode
	if mode == "" {
		mode = api.GlossaryMultilingual
	}
	kind := s.Scope.Kind
	if kind == "" {
		kind = api.ScopeGlobal
	}
	var out []api.GlossaryFieldChange
	add := func(field, from, to string) {
		if from != to {
			out = append(out, api.GlossaryFieldChange{Field: field, From: from, To: to})
		}
	}
	add("name", info.Name, strings.TrimSpace(s.Name))
	add("description", info.Description, strings.TrimSpace(s.Description))
	add("mode", info.Mode, mode)
	add("scope", info.Scope.Kind+":"+info.Scope.Tenant+":"+info.Scope.Conversation, kind+":"+s.Scope.Tenant+":"+s.Scope.Conversation)
	add("priority", fmt.Sprint(info.Priority), fmt.Sprint(s.Priority))
	return out
}

func (g *glossaryCLI) diff(ctx context.Context, paths []string) int {
	files, err := g.files(paths)
	if err != nil {
		return g.fail(err)
	}
	status := 0
	for _, f := range files {
		if err := f.Err(); err != nil {
			g.printProblems(f.Path, f.Report.Problems)
			return 2
		}
		rg, info, err := g.remote(ctx, f.ID)
		if err != nil {
			return g.fail(err)
		}
		if rg == nil {
			fmt.Fprintf(g.out, "%s: new glossary (%d entries)\n", f.ID, len(f.Glossary.Entries))
			status = 1
			continue
		}
		d := glossary.Diff(rg, f.Glossary)
		settings := settingsChanges(f, info)
		if d.AddedCount+d.ChangedCount+d.RemovedCount == 0 && len(settings) == 0 && slices.Equal(languages(rg), languages(f.Glossary)) {
			fmt.Fprintf(g.out, "%s: up to date (version %d)\n", f.ID, info.Version)
			continue
		}
		status = 1
		fmt.Fprintf(g.out, "%s: version %d → %s: +%d ~%d -%d\n", f.ID, info.Version, f.Path, d.AddedCount, d.ChangedCount, d.RemovedCount)
		for _, s := range settings {
			fmt.Fprintf(g.out, "  ~ %s: %q → %q\n", s.Field, s.From, s.To)
		}
		if a, b := languages(rg), languages(f.Glossary); !slices.Equal(a, b) {
			fmt.Fprintf(g.out, "  ~ languages: %s → %s\n", strings.Join(a, ","), strings.Join(b, ","))
		}
		for _, e := range d.Added {
			fmt.Fprintf(g.out, "  + %s: %s\n", e.ID, entryText(e))
		}
		for _, ch := range d.Changed {
			fmt.Fprintf(g.out, "  ~ %s: %s\n    → %s\n", ch.ID, entryText(ch.From), entryText(ch.To))
		}
		for _, e := range d.Removed {
			fmt.Fprintf(g.out, "  - %s: %s\n", e.ID, entryText(e))
		}
	}
	return status
}

func languages(g *glossary.Glossary) []string {
	var out []string
	for _, l := range g.Languages {
		out = append(out, l.String())
	}
	return out
}

// entryText renders an entry on one line: its terms and flags.
func entryText(e api.GlossaryEntry) string {
	var parts []string
	for _, t := range e.Terms {
		p := t.Language + "=" + t.Text
		if len(t.Forbidden) > 0 {
			p += " (not " + strings.Join(t.Forbidden, ", ") + ")"
		}
		parts = append(parts, p)
	}
	if e.DoNotTranslate {
		parts = append(parts, "dnt")
	}
	if e.CaseSensitive {
		parts = append(parts, "case-sensitive")
	}
	if e.WholeWord != nil && !*e.WholeWord {
		parts = append(parts, "inside words")
	}
	if e.Inflection != "" {
		parts = append(parts, "inflection="+e.Inflection)
	}
	if e.PartOfSpeech != "" {
		parts = append(parts, e.PartOfSpeech)
	}
	if e.Note != "" {
		parts = append(parts, fmt.Sprintf("note %q", e.Note))
	}
	return strings.Join(parts, "; ")
}

func (g *glossaryCLI) push(ctx context.Context, paths []string, dryRun bool, message string) int {
	files, err := g.files(paths)
	if err != nil {
		return g.fail(err)
	}
	// Nothing is written unless every file is valid: a half-pushed folder
	// is harder to reason about than a refused one.
	bad := false
	for _, f := range files {
		if f.Report.Errors > 0 {
			g.printProblems(f.Path, f.Report.Problems)
			bad = true
		}
	}
	if bad {
		fmt.Fprintln(g.out, "nothing pushed: fix the problems above")
		return 1
	}
	status := 0
	for _, f := range files {
		code, err := g.pushFile(ctx, f, dryRun, message)
		if err != nil {
			return g.fail(fmt.Errorf("%s: %w", f.Path, err))
		}
		status = max(status, code)
	}
	return status
}

func (g *glossaryCLI) pushFile(ctx context.Context, f *glossary.File, dryRun bool, message string) (int, error) {
	var info *api.GlossaryInfo
	var cur api.GlossaryInfo
	switch err := g.c.do(ctx, "GET", "/v1/glossaries/"+url.PathEscape(f.ID), nil, "", nil, &cur); {
	case isNotFound(err):
	case err != nil:
		return 0, err
	default:
		info = &cur
	}
	settings := f.Glossary.Doc()
	settings.Entries = []api.GlossaryEntry{}
	if info == nil && !dryRun {
		// Create it with its settings first, so that the import is
		// validated with its mode (one-way files may repeat targets).
		if err := g.c.jsonCall(ctx, "POST", "/v1/glossaries", settings, nil); err != nil {
			return 0, err
		}
		fmt.Fprintf(g.out, "%s: created\n", f.ID)
	}
	changes := settingsChanges(f, info)
	if info != nil && len(changes) > 0 && !dryRun {
		upd := api.GlossaryUpdateRequest{Name: &settings.Name, Description: &settings.Description, Mode: &settings.Mode,
			Scope: &settings.Scope, Priority: &settings.Priority, Message: message}
		if err := g.c.jsonCall(ctx, "PUT", "/v1/glossaries/"+url.PathEscape(f.ID), upd, nil); err != nil {
			return 0, err
		}
		for _, c := range changes {
			fmt.Fprintf(g.out, "%s: %s %q → %q\n", f.ID, c.Field, c.From, c.To)
		}
	}
	rep, err := g.importFile(ctx, f, dryRun, message)
	if err != nil {
		return 0, err
	}
	g.printProblems(f.Path, rep.Problems)
	switch {
	case !rep.Valid:
		return 1, nil
	case dryRun:
		fmt.Fprintf(g.out, "%s: %s\n", f.ID, dryRunSummary(info, changes, rep))
	case rep.Change != nil:
		fmt.Fprintf(g.out, "%s: version %d (%s)\n", f.ID, rep.Change.Version, changeSummary(rep))
	default:
		fmt.Fprintf(g.out, "%s: up to date\n", f.ID)
	}
	return 0, nil
}

func (g *glossaryCLI) pull(ctx context.Context, dir string, ids []string, format string) int {
	if format != "" && !slices.Contains(glossary.Formats, format) {
		return g.fail(fmt.Errorf("--format %q: want %s", format, strings.Join(glossary.Formats, ", ")))
	}
	if len(ids) == 0 {
		var list api.GlossaryListResponse
		if err := g.c.do(ctx, "GET", "/v1/glossaries", nil, "", nil, &list); err != nil {
			return g.fail(err)
		}
		for _, i := range list.Glossaries {
			ids = append(ids, i.ID)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return g.fail(err)
	}
	existing := map[string]string{} // id -> file name of the same id
	if des, err := os.ReadDir(dir); err == nil {
		for _, de := range des {
			name := de.Name()
			if f := glossary.FormatOf(name); f != "" && !de.IsDir() && !strings.HasSuffix(name, ".txt") && !strings.HasSuffix(name, ".tab") {
				existing[strings.TrimSuffix(name, filepath.Ext(name))] = name
			}
		}
	}
	for _, id := range ids {
		if !glossary.ValidID(id) {
			return g.fail(fmt.Errorf("%q is not a glossary id", id))
		}
		f := format
		name := existing[id]
		if f == "" && name != "" {
			f = glossary.FormatOf(name)
		}
		if f == "" {
			f = api.FormatCSV
		}
		var info api.GlossaryInfo
		if err := g.c.do(ctx, "GET", "/v1/glossaries/"+url.PathEscape(id), nil, "", nil, &info); err != nil {
			return g.failPull(id, err)
		}
		var data []byte
		if err := g.c.do(ctx, "GET", "/v1/glossaries/"+url.PathEscape(id)+"/export", url.Values{"format": {f}}, "", nil, &data); err != nil {
			return g.failPull(id, err)
		}
		path := filepath.Join(dir, id+glossary.Extension(f))
		if name != "" && name != filepath.Base(path) {
			// The format changed: the old file would make the id ambiguous.
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return g.fail(err)
			}
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return g.fail(err)
		}
		if err := writeSettings(dir, id, &info); err != nil {
			return g.fail(err)
		}
		fmt.Fprintf(g.out, "%s: version %d → %s\n", id, info.Version, path)
	}
	return 0
}

// failPull reports a failed read of glossary id. A glossary the
// deployment does not have is a problem found (status 1), like an invalid
// file, not a usage or connection error (status 2): the request reached
// the server and was understood.
func (g *glossaryCLI) failPull(id string, err error) int {
	if isNotFound(err) {
		fmt.Fprintf(g.errOut, "parley glossary pull: %s: no such glossary on %s (%v)\n", id, g.c.base, err)
		return 1
	}
	return g.fail(err)
}

// writeSettings writes <id>.json when the glossary has settings other than
// the defaults, and removes a stale one otherwise.
func writeSettings(dir, id string, info *api.GlossaryInfo) error {
	s := glossary.FileSettings{Name: info.Name, Description: info.Description, Scope: info.Scope, Priority: info.Priority}
	if info.Mode != api.GlossaryMultilingual {
		s.Mode = info.Mode
	}
	if s.Scope.Kind == api.ScopeGlobal {
		s.Scope = api.GlossaryScope{}
	}
	path := filepath.Join(dir, id+".json")
	if s == (glossary.FileSettings{}) {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
