package console

import (
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/parley-chat/parley/shared/api"
)

// entriesPerPage is the size of a page of glossary entries.
const entriesPerPage = 50

// glossaryRoutes adds the glossary pages: reading is open to the
// localization and moderator roles (moderators judge translations against
// glossaries), writing to the localization role. A signed-in key's tenant
// is the acting tenant of every call, as on the HTTP API: the glossary
// service shows it global glossaries and its tenant's and lets it change
// only its tenant's (api.GlossaryScope.VisibleTo, WritableBy).
func (c *Console) glossaryRoutes() {
	read, write := anyRole(RoleLocalization, RoleModerator), anyRole(RoleLocalization)
	g := Prefix + "/glossaries"
	c.mux.HandleFunc("GET "+g, c.page(read, c.glossaryList))
	c.mux.HandleFunc("GET "+g+"/{id}", c.page(read, c.glossaryShow))
	c.mux.HandleFunc("GET "+g+"/{id}/entries/new", c.page(write, c.entryNew))
	c.mux.HandleFunc("POST "+g+"/{id}/entries", c.page(write, c.entryCreate))
	c.mux.HandleFunc("GET "+g+"/{id}/entries/{entry}", c.page(read, c.entryShow))
	c.mux.HandleFunc("POST "+g+"/{id}/entries/{entry}", c.page(write, c.entrySave))
	c.mux.HandleFunc("POST "+g+"/{id}/entries/{entry}/delete", c.page(write, c.entryDelete))
	c.mux.HandleFunc("GET "+g+"/{id}/import", c.page(write, c.importForm))
	c.mux.HandleFunc("POST "+g+"/{id}/import", c.uploadPage(write, c.importFile))
	c.mux.HandleFunc("GET "+g+"/{id}/export", c.page(read, c.export))
	c.mux.HandleFunc("GET "+g+"/{id}/versions", c.page(read, c.versions))
	c.mux.HandleFunc("GET "+g+"/{id}/diff", c.page(read, c.diff))
	c.mux.HandleFunc("POST "+g+"/{id}/rollback", c.page(write, c.rollback))
}

// readOnlyNote explains why a localization key sees no edit controls.
const readOnlyNote = "global glossaries are read-only for tenant keys"

// writable reports whether the signed-in key may change a glossary of
// this scope: the localization role, and the glossary service's tenant
// rule (a tenant key changes only its tenant's glossaries). Pages show
// edit controls only then; every write would be refused otherwise.
func writable(s *Session, scope api.GlossaryScope) bool {
	return s.can(RoleLocalization) && scope.WritableBy(s.Principal.Tenant)
}

// readOnly is the note for a key that has the localization role but may
// not change this glossary ("" otherwise: a reader without the role needs
// no explanation).
func readOnly(s *Session, writable bool) string {
	if s.can(RoleLocalization) && !writable {
		return readOnlyNote
	}
	return ""
}

func glossaryURL(id string, rest ...string) string {
	u := Prefix + "/glossaries/" + url.PathEscape(id)
	for _, r := range rest {
		u += "/" + url.PathEscape(r)
	}
	return u
}

// intParam reads an optional non-negative integer from the query.
func intParam(r *http.Request, name string) (int, error) {
	v := strings.TrimSpace(r.FormValue(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, api.FieldError(api.CodeInvalidArgument, name, "%s=%q: want a non-negative integer", name, v)
	}
	return n, nil
}

// savedFlash turns ?saved=N into a confirmation line.
func savedFlash(r *http.Request) string {
	if n, err := strconv.Atoi(r.URL.Query().Get("saved")); err == nil && n > 0 {
		return "Saved as version " + strconv.Itoa(n) + "."
	}
	if r.URL.Query().Get("saved") == "0" {
		return "Nothing changed."
	}
	return ""
}

type glossaryListData struct {
	Query      string
	Glossaries []api.GlossaryInfo
}

func (c *Console) glossaryList(w http.ResponseWriter, r *http.Request, s *Session) error {
	// "Import into a new glossary" names the glossary in ?new=; its import
	// page creates it.
	if id := strings.TrimSpace(r.URL.Query().Get("new")); id != "" {
		if !s.can(RoleLocalization) {
			return api.Errorf(api.CodeForbidden, "creating a glossary needs the %s role", RoleLocalization)
		}
		// Checked here so a typo'd or taken id is answered before the
		// upload, not after; the import itself is a create (409 when the
		// id was taken meanwhile), so it never lands in an existing
		// glossary.
		switch _, err := c.cfg.Glossary.Get(r.Context(), api.GlossaryGetRequest{ID: id, ActingTenant: s.Principal.Tenant}); {
		case err == nil:
			return api.FieldError(api.CodeConflict, "new", "glossary %q already exists; open it to import into it", id)
		case api.ErrorCode(err) != api.CodeNotFound:
			return err
		}
		http.Redirect(w, r, glossaryURL(id, "import")+"?create=1", http.StatusSeeOther)
		return nil
	}
	res, err := c.cfg.Glossary.List(r.Context())
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	d := glossaryListData{Query: q}
	lq := strings.ToLower(q)
	for _, g := range res.Glossaries {
		if !g.Scope.VisibleTo(s.Principal.Tenant) {
			continue // the list subject has no caller; the filter is here
		}
		if lq == "" || strings.Contains(strings.ToLower(g.ID+" "+g.Name+" "+g.Description+" "+strings.Join(g.Languages, " ")), lq) {
			d.Glossaries = append(d.Glossaries, g)
		}
	}
	return c.render(w, http.StatusOK, "glossaries", view{Title: "Glossaries", S: s, Nav: "glossaries", Data: d})
}

type glossaryData struct {
	Info     *api.GlossaryInfo
	Entries  *api.GlossaryEntriesResponse
	Query    string
	Language string
	Prev     int
	HasPrev  bool
	Formats  []string
	// Writable: the key may change this glossary (see writable);
	// ReadOnly: why a key with the role may not (see readOnly).
	Writable bool
	ReadOnly string
}

func (c *Console) glossaryShow(w http.ResponseWriter, r *http.Request, s *Session) error {
	id := r.PathValue("id")
	offset, err := intParam(r, "offset")
	if err != nil {
		return err
	}
	info, err := c.cfg.Glossary.Get(r.Context(), api.GlossaryGetRequest{ID: id, ActingTenant: s.Principal.Tenant})
	if err != nil {
		return err
	}
	d := glossaryData{Info: info, Query: strings.TrimSpace(r.URL.Query().Get("q")), Language: strings.TrimSpace(r.URL.Query().Get("language")),
		Formats: []string{api.FormatTBX, api.FormatTBXv2, api.FormatCSV, api.FormatTSV}, Writable: writable(s, info.Scope)}
	d.ReadOnly = readOnly(s, d.Writable)
	d.Entries, err = c.cfg.Glossary.Entries(r.Context(), api.GlossaryEntriesRequest{
		ID: id, ActingTenant: s.Principal.Tenant, Query: d.Query, Language: d.Language, Offset: offset, Limit: entriesPerPage,
	})
	if err != nil {
		return err
	}
	d.HasPrev, d.Prev = offset > 0, max(0, offset-entriesPerPage)
	return c.render(w, http.StatusOK, "glossary", view{Title: "Glossary " + id, S: s, Nav: "glossaries", Data: d, Flash: savedFlash(r)})
}

// termRow is one row of the entry form.
type termRow struct {
	Language  string
	Text      string
	Forbidden string
}

type entryData struct {
	Glossary   string
	Version    int
	Languages  []string
	New        bool
	Entry      api.GlossaryEntry
	Rows       []termRow
	WholeWord  bool
	Inflection []string
	// Writable and ReadOnly as on glossaryData.
	Writable bool
	ReadOnly string
}

// entryForm builds the form of an entry: its terms, then a row for each
// glossary language without a term, then two free rows.
func entryForm(glossary string, version int, languages []string, e api.GlossaryEntry, isNew bool) entryData {
	d := entryData{Glossary: glossary, Version: version, Languages: languages, New: isNew, Entry: e,
		WholeWord: e.WholeWord == nil || *e.WholeWord, Inflection: []string{api.InflectionExact, api.InflectionStem, api.InflectionPrefix}}
	seen := map[string]bool{}
	for _, t := range e.Terms {
		d.Rows = append(d.Rows, termRow{Language: t.Language, Text: t.Text, Forbidden: strings.Join(t.Forbidden, "\n")})
		seen[t.Language] = true
	}
	for _, l := range languages {
		if !seen[l] {
			d.Rows = append(d.Rows, termRow{Language: l})
		}
	}
	d.Rows = append(d.Rows, termRow{}, termRow{})
	return d
}

func (c *Console) entryShow(w http.ResponseWriter, r *http.Request, s *Session) error {
	id := r.PathValue("id")
	res, err := c.cfg.Glossary.Entry(r.Context(), api.GlossaryEntryRequest{ID: id, ActingTenant: s.Principal.Tenant, Entry: r.PathValue("entry")})
	if err != nil {
		return err
	}
	info, err := c.cfg.Glossary.Get(r.Context(), api.GlossaryGetRequest{ID: id, ActingTenant: s.Principal.Tenant})
	if err != nil {
		return err
	}
	d := entryForm(id, res.Version, info.Languages, res.Entry, false)
	d.Writable = writable(s, info.Scope)
	d.ReadOnly = readOnly(s, d.Writable)
	return c.render(w, http.StatusOK, "entry", view{Title: "Entry " + res.Entry.ID, S: s, Nav: "glossaries", Data: d, Flash: savedFlash(r)})
}

func (c *Console) entryNew(w http.ResponseWriter, r *http.Request, s *Session) error {
	id := r.PathValue("id")
	info, err := c.cfg.Glossary.Get(r.Context(), api.GlossaryGetRequest{ID: id, ActingTenant: s.Principal.Tenant})
	if err != nil {
		return err
	}
	d := entryForm(id, info.Version, info.Languages, api.GlossaryEntry{}, true)
	d.Writable = writable(s, info.Scope)
	d.ReadOnly = readOnly(s, d.Writable)
	return c.render(w, http.StatusOK, "entry", view{Title: "New entry", S: s, Nav: "glossaries", Data: d})
}

// entryFromForm reads the entry form. Rows without a language and a term
// are dropped; forbidden terms are one per line.
func entryFromForm(r *http.Request) api.GlossaryEntry {
	f := r.PostForm
	e := api.GlossaryEntry{
		ID:             strings.TrimSpace(f.Get("entry_id")),
		DoNotTranslate: f.Get("do_not_translate") == "on",
		CaseSensitive:  f.Get("case_sensitive") == "on",
		Inflection:     strings.TrimSpace(f.Get("inflection")),
		PartOfSpeech:   strings.TrimSpace(f.Get("part_of_speech")),
		Note:           strings.TrimSpace(f.Get("note")),
	}
	if e.Inflection == api.InflectionExact {
		e.Inflection = ""
	}
	if f.Get("whole_word") != "on" {
		e.WholeWord = new(false)
	}
	langs, texts, forb := f["term_lang"], f["term_text"], f["term_forbidden"]
	for i, l := range langs {
		t := api.GlossaryTerm{Language: strings.TrimSpace(l)}
		if i < len(texts) {
			t.Text = strings.TrimSpace(texts[i])
		}
		if i < len(forb) {
			for line := range strings.Lines(forb[i]) {
				if line = strings.TrimSpace(line); line != "" {
					t.Forbidden = append(t.Forbidden, line)
				}
			}
		}
		if t.Language == "" && t.Text == "" && len(t.Forbidden) == 0 {
			continue
		}
		e.Terms = append(e.Terms, t)
	}
	return e
}

func (c *Console) saveEntry(w http.ResponseWriter, r *http.Request, s *Session, create bool) error {
	id := r.PathValue("id")
	e := entryFromForm(r)
	if !create {
		e.ID = r.PathValue("entry")
	}
	base, err := intParam(r, "base_version")
	if err != nil {
		return err
	}
	res, err := c.cfg.Glossary.PutEntry(r.Context(), api.GlossaryEntryPutRequest{
		ID: id, ActingTenant: s.Principal.Tenant, Author: s.Principal.Name, Message: strings.TrimSpace(r.PostFormValue("message")),
		BaseVersion: base, Create: create, Entry: e,
	})
	if err != nil {
		if api.ErrorCode(err) == api.CodeConflict {
			return api.Errorf(api.CodeConflict, "%s (the glossary changed since the form was opened; reopen the entry and apply your edit again)", api.AsError(err).Message)
		}
		return err
	}
	saved := 0
	if res.Change != nil {
		saved = res.Change.Version
	}
	http.Redirect(w, r, glossaryURL(id, "entries", res.Entry.ID)+"?saved="+strconv.Itoa(saved), http.StatusSeeOther)
	return nil
}

func (c *Console) entryDelete(w http.ResponseWriter, r *http.Request, s *Session) error {
	id := r.PathValue("id")
	base, err := intParam(r, "base_version")
	if err != nil {
		return err
	}
	res, err := c.cfg.Glossary.DeleteEntry(r.Context(), api.GlossaryEntryDeleteRequest{
		ID: id, ActingTenant: s.Principal.Tenant, Entry: r.PathValue("entry"), Author: s.Principal.Name, BaseVersion: base,
		Message: strings.TrimSpace(r.PostFormValue("message")),
	})
	if err != nil {
		return err
	}
	saved := 0
	if res.Change != nil {
		saved = res.Change.Version
	}
	http.Redirect(w, r, glossaryURL(id)+"?saved="+strconv.Itoa(saved), http.StatusSeeOther)
	return nil
}

func (c *Console) entryCreate(w http.ResponseWriter, r *http.Request, s *Session) error {
	return c.saveEntry(w, r, s, true)
}

func (c *Console) entrySave(w http.ResponseWriter, r *http.Request, s *Session) error {
	return c.saveEntry(w, r, s, false)
}

type importData struct {
	Glossary string
	Report   *api.GlossaryImportReport
	Form     importOptions
}

// importOptions are the import form's settings. After an upload the form
// comes back with the ones just used (a browser cannot refill the file),
// so unticking "dry run" applies what the dry run previewed.
type importOptions struct {
	Format       string // as chosen; empty means detect
	Mode         string // "merge" or "replace"
	GlossaryMode string
	Source       string
	Target       string
	Message      string
	DryRun       bool
	Uploaded     bool // a file was sent: the form asks for it again
	// Create: the page creates a new glossary ("Create by importing");
	// the import is refused when the id exists.
	Create bool
}

func (c *Console) importForm(w http.ResponseWriter, r *http.Request, s *Session) error {
	opts := importOptions{Mode: "merge", DryRun: true, Create: r.URL.Query().Get("create") == "1"}
	title := "Import"
	if opts.Create {
		title = "Create by importing"
	}
	return c.render(w, http.StatusOK, "import", view{Title: title, S: s, Nav: "glossaries",
		Data: importData{Glossary: r.PathValue("id"), Form: opts}})
}

// importFile runs an import (a dry run unless the box is unticked) and
// shows its validation report.
func (c *Console) importFile(w http.ResponseWriter, r *http.Request, s *Session) error {
	id := r.PathValue("id")
	f, fh, err := r.FormFile("file")
	if err != nil {
		return api.FieldError(api.CodeInvalidArgument, "file", "choose a file to import")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, c.cfg.MaxUploadBytes+1))
	if err != nil {
		return api.FieldError(api.CodeInvalidArgument, "file", "could not read the upload: %v", err)
	}
	if int64(len(data)) > c.cfg.MaxUploadBytes {
		return api.Errorf(api.CodeBodyTooLarge, "the file is over %d bytes", c.cfg.MaxUploadBytes)
	}
	if len(data) == 0 {
		return api.FieldError(api.CodeInvalidArgument, "file", "the file is empty")
	}
	opts := importOptions{
		Format: r.PostFormValue("format"), Mode: "replace", GlossaryMode: r.PostFormValue("glossary_mode"),
		Source: strings.TrimSpace(r.PostFormValue("source")), Target: strings.TrimSpace(r.PostFormValue("target")),
		Message: strings.TrimSpace(r.PostFormValue("message")), DryRun: r.PostFormValue("dry_run") == "on", Uploaded: true,
		Create: r.PostFormValue("create") == "1",
	}
	if r.PostFormValue("mode") == "merge" {
		opts.Mode = "merge"
	}
	format := opts.Format
	if format == "" {
		format = formatOfName(fh.Filename)
	}
	req := api.GlossaryImportRequest{
		ID: id, ActingTenant: s.Principal.Tenant, Author: s.Principal.Name, Message: opts.Message,
		Format: format, DryRun: opts.DryRun, Merge: opts.Mode == "merge",
		Source: opts.Source, Target: opts.Target, Mode: opts.GlossaryMode, Create: opts.Create,
	}
	rep, err := c.cfg.Glossary.Import(r.Context(), req, data)
	if err != nil {
		return err
	}
	// A clean import that was applied goes to the glossary (post, redirect,
	// get: reloading the page does not upload again). A dry run, a refused
	// file and one with warnings show their report, which the next
	// upload needs.
	if rep.Valid && !rep.DryRun && len(rep.Problems) == 0 {
		n := 0
		if rep.Change != nil {
			n = rep.Change.Version
		}
		http.Redirect(w, r, glossaryURL(id)+"?saved="+strconv.Itoa(n), http.StatusSeeOther)
		return nil
	}
	status := http.StatusOK
	if !rep.Valid {
		status = http.StatusUnprocessableEntity
	}
	if opts.Create && !rep.DryRun && rep.Valid {
		opts.Create = false // it exists now: a second upload imports into it
	}
	return c.render(w, status, "import", view{Title: "Import report", S: s, Nav: "glossaries", Data: importData{Glossary: id, Report: rep, Form: opts}})
}

func formatOfName(name string) string {
	lower := strings.ToLower(name)
	for _, f := range []string{api.FormatTBX, api.FormatCSV, api.FormatTSV} {
		if strings.HasSuffix(lower, "."+f) {
			return f
		}
	}
	return ""
}

func (c *Console) export(w http.ResponseWriter, r *http.Request, s *Session) error {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = api.FormatTBX
	}
	version, err := intParam(r, "version")
	if err != nil {
		return err
	}
	res, err := c.cfg.Glossary.Export(r.Context(), api.GlossaryExportRequest{
		ID: r.PathValue("id"), ActingTenant: s.Principal.Tenant, Format: format, Version: version,
	})
	if err != nil {
		return err
	}
	// Always a download: a file is never rendered as a page of the
	// console's origin.
	h := w.Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": res.Filename}))
	h.Set("Content-Type", res.ContentType)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(res.Data)
	return nil
}

type versionsData struct {
	Glossary string
	Versions []api.GlossaryVersion
	// Current is the newest version (rollback targets are the others).
	Current int
	// Writable and ReadOnly as on glossaryData.
	Writable bool
	ReadOnly string
}

func (c *Console) versions(w http.ResponseWriter, r *http.Request, s *Session) error {
	id := r.PathValue("id")
	res, err := c.cfg.Glossary.Versions(r.Context(), api.GlossaryVersionsRequest{ID: id, ActingTenant: s.Principal.Tenant, Limit: 200})
	if err != nil {
		return err
	}
	info, err := c.cfg.Glossary.Get(r.Context(), api.GlossaryGetRequest{ID: id, ActingTenant: s.Principal.Tenant})
	if err != nil {
		return err
	}
	d := versionsData{Glossary: id, Versions: res.Versions, Writable: writable(s, info.Scope)}
	d.ReadOnly = readOnly(s, d.Writable)
	for _, v := range res.Versions {
		d.Current = max(d.Current, v.Version)
	}
	flash := ""
	if n, err := strconv.Atoi(r.URL.Query().Get("rolled_back")); err == nil && n > 0 {
		flash = "Rolled back; the restored content is version " + strconv.Itoa(n) + "."
	}
	return c.render(w, http.StatusOK, "versions", view{Title: "Versions of " + id, S: s, Nav: "glossaries", Data: d, Flash: flash})
}

// termChange is one language of a changed entry.
type termChange struct {
	Language string
	From, To string
}

type entryChange struct {
	ID    string
	Terms []termChange
	Other []api.GlossaryFieldChange
}

type diffData struct {
	Diff    *api.GlossaryDiff
	Changed []entryChange
}

// describeTerm renders a term and its forbidden variants as one line.
func describeTerm(t api.GlossaryTerm) string {
	s := t.Text
	if len(t.Forbidden) > 0 {
		s += " (not: " + strings.Join(t.Forbidden, ", ") + ")"
	}
	return s
}

// compareEntries lists what differs between two versions of an entry,
// term by term.
func compareEntries(a, b api.GlossaryEntry) entryChange {
	ch := entryChange{ID: b.ID}
	terms := func(e api.GlossaryEntry) map[string]string {
		m := map[string]string{}
		for _, t := range e.Terms {
			m[t.Language] = describeTerm(t)
		}
		return m
	}
	from, to := terms(a), terms(b)
	var langs []string
	for l := range from {
		langs = append(langs, l)
	}
	for l := range to {
		if _, ok := from[l]; !ok {
			langs = append(langs, l)
		}
	}
	slices.Sort(langs)
	for _, l := range langs {
		if from[l] != to[l] {
			ch.Terms = append(ch.Terms, termChange{Language: l, From: from[l], To: to[l]})
		}
	}
	flag := func(name string, x, y string) {
		if x != y {
			ch.Other = append(ch.Other, api.GlossaryFieldChange{Field: name, From: x, To: y})
		}
	}
	ww := func(e api.GlossaryEntry) string { return strconv.FormatBool(e.WholeWord == nil || *e.WholeWord) }
	flag("do_not_translate", strconv.FormatBool(a.DoNotTranslate), strconv.FormatBool(b.DoNotTranslate))
	flag("case_sensitive", strconv.FormatBool(a.CaseSensitive), strconv.FormatBool(b.CaseSensitive))
	flag("whole_word", ww(a), ww(b))
	flag("inflection", a.Inflection, b.Inflection)
	flag("part_of_speech", a.PartOfSpeech, b.PartOfSpeech)
	flag("note", a.Note, b.Note)
	return ch
}

func (c *Console) diff(w http.ResponseWriter, r *http.Request, s *Session) error {
	id := r.PathValue("id")
	from, err := intParam(r, "from")
	if err != nil {
		return err
	}
	to, err := intParam(r, "to")
	if err != nil {
		return err
	}
	res, err := c.cfg.Glossary.Diff(r.Context(), api.GlossaryDiffRequest{ID: id, ActingTenant: s.Principal.Tenant, From: from, To: to})
	if err != nil {
		return err
	}
	d := diffData{Diff: res}
	for _, ch := range res.Changed {
		d.Changed = append(d.Changed, compareEntries(ch.From, ch.To))
	}
	return c.render(w, http.StatusOK, "diff", view{Title: "Diff of " + id, S: s, Nav: "glossaries", Data: d})
}

func (c *Console) rollback(w http.ResponseWriter, r *http.Request, s *Session) error {
	id := r.PathValue("id")
	version, err := intParam(r, "version")
	if err != nil {
		return err
	}
	base, err := intParam(r, "base_version")
	if err != nil {
		return err
	}
	res, err := c.cfg.Glossary.Rollback(r.Context(), api.GlossaryRollbackRequest{
		ID: id, ActingTenant: s.Principal.Tenant, Version: version, Author: s.Principal.Name, BaseVersion: base,
		Message: strings.TrimSpace(r.PostFormValue("message")),
	})
	if err != nil {
		return err
	}
	n := 0
	if res.Change != nil {
		n = res.Change.Version
	}
	http.Redirect(w, r, glossaryURL(id, "versions")+"?rolled_back="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}
