package api

import "time"

// Glossary management subjects (endpoints of the glossary micro service).
// Reads need no role on NATS; the gateway checks roles before it calls the
// write subjects and passes the caller's name as Author and its key's
// tenant as ActingTenant, which the service enforces (GlossaryScope.VisibleTo).
const (
	SubjectGlossaryGet         = "parley.glossary.v1.get"
	SubjectGlossaryCreate      = "parley.glossary.v1.create"
	SubjectGlossaryUpdate      = "parley.glossary.v1.update"
	SubjectGlossaryDelete      = "parley.glossary.v1.delete"
	SubjectGlossaryEntries     = "parley.glossary.v1.entries.list"
	SubjectGlossaryEntryGet    = "parley.glossary.v1.entries.get"
	SubjectGlossaryEntryPut    = "parley.glossary.v1.entries.put"
	SubjectGlossaryEntryDelete = "parley.glossary.v1.entries.delete"
	SubjectGlossaryImport      = "parley.glossary.v1.import"
	SubjectGlossaryExport      = "parley.glossary.v1.export"
	SubjectGlossaryVersions    = "parley.glossary.v1.versions"
	SubjectGlossaryDiff        = "parley.glossary.v1.diff"
	SubjectGlossaryRollback    = "parley.glossary.v1.rollback"
)

// BucketGlossaryTransfer is the JetStream object store through which files
// too large for one NATS message travel between the gateway and the glossary
// service (claim checks): an import's upload and an export's download. The
// glossary service creates it; objects expire after a few minutes.
const BucketGlossaryTransfer = "parley_glossary_transfer"

// GlossaryTransferTimeout is the glossary service's budget for an import
// or an export that arrives without one (a large file is put in, or read
// from, the transfer object store and parsed), and what shared/client
// gives the whole transfer when its caller set no deadline.
const GlossaryTransferTimeout = time.Minute

// MaxInlineTransferBytes is the largest file sent inside a NATS message;
// larger files go through BucketGlossaryTransfer. It leaves room under the
// default 1 MiB max_payload for the JSON envelope and base64.
const MaxInlineTransferBytes = 256 << 10

// Glossary modes.
const (
	// GlossaryMultilingual glossaries hold concepts: each entry has terms in
	// several languages and every language can be the source (Google's
	// equivalent term sets).
	GlossaryMultilingual = "multilingual"
	// GlossaryOneWay glossaries map their first language (the source) to the
	// others and never the other way (DeepL dictionaries, Google's
	// unidirectional glossaries).
	GlossaryOneWay = "one-way"
)

// Glossary scope kinds.
const (
	ScopeGlobal       = "global"
	ScopeTenant       = "tenant"
	ScopeConversation = "conversation"
)

// Inflection modes of an entry.
const (
	InflectionExact  = "exact"  // the term as written (case aside)
	InflectionStem   = "stem"   // the last word may take an inflectional ending of its language
	InflectionPrefix = "prefix" // the last word may continue with any letters
)

// Glossary formats for import and export.
const (
	FormatTBX   = "tbx"    // TBX-Basic, ISO 30042:2019 (v3, <tbx> root)
	FormatTBXv2 = "tbx-v2" // TBX-Basic, ISO 30042:2008 (v2, <martif> root)
	FormatCSV   = "csv"
	FormatTSV   = "tsv"
)

// GlossaryScope says where a glossary applies: everywhere, for one tenant,
// or in one conversation (channel).
type GlossaryScope struct {
	Kind         string `json:"kind"`
	Tenant       string `json:"tenant,omitempty"`
	Conversation string `json:"conversation,omitempty"`
}

// VisibleTo reports whether a caller acting for tenant may read a glossary
// of this scope. A caller without a tenant (an operator key, or the open
// mode) reads every glossary; a tenant reads the global glossaries and its
// own (a tenant scope or a conversation scope naming it). Every other
// glossary, a conversation scope without a tenant included, is answered as
// if it did not exist: a tenant learns nothing of another's glossaries.
func (s GlossaryScope) VisibleTo(tenant string) bool {
	return tenant == "" || s.Tenant == tenant || s.Tenant == "" && s.Conversation == ""
}

// WritableBy reports whether a caller acting for tenant may change a
// glossary of this scope: an operator any, a tenant only its own, so that
// nothing a tenant writes can reach another tenant's translations.
func (s GlossaryScope) WritableBy(tenant string) bool {
	return tenant == "" || s.Tenant == tenant
}

// GlossaryTerm is an entry's term in one language.
type GlossaryTerm struct {
	Language string `json:"language"`
	// Text is the preferred term ("" when the language only lists
	// forbidden terms).
	Text string `json:"text,omitempty"`
	// Forbidden are deprecated renderings that must not appear in a
	// translation into this language.
	Forbidden []string `json:"forbidden,omitempty"`
}

// GlossaryEntry is one concept with its terms.
type GlossaryEntry struct {
	ID    string         `json:"id"`
	Terms []GlossaryTerm `json:"terms"`
	// DoNotTranslate keeps the term verbatim in every language.
	DoNotTranslate bool `json:"do_not_translate,omitempty"`
	// CaseSensitive matches the exact case only.
	CaseSensitive bool `json:"case_sensitive,omitempty"`
	// WholeWord (default true) matches whole words only; false also
	// matches inside longer words (compounds).
	WholeWord *bool `json:"whole_word,omitempty"`
	// Inflection is exact (default), stem or prefix.
	Inflection   string `json:"inflection,omitempty"`
	PartOfSpeech string `json:"part_of_speech,omitempty"`
	Note         string `json:"note,omitempty"`
}

// Glossary is a whole glossary document: its settings and its entries.
type Glossary struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	// Mode is multilingual (default) or one-way.
	Mode string `json:"mode,omitempty"`
	// Languages are the glossary's language columns in order; in a one-way
	// glossary the first is the source.
	Languages []string      `json:"languages,omitempty"`
	Scope     GlossaryScope `json:"scope"`
	// Priority decides between glossaries that match the same words: the
	// higher wins.
	Priority int             `json:"priority,omitempty"`
	Entries  []GlossaryEntry `json:"entries"`
}

// GlossaryVersion records one version of a glossary: who changed it, when,
// how, and the content hash of the document it produced.
type GlossaryVersion struct {
	Glossary string    `json:"glossary"`
	Version  int       `json:"version"`
	Author   string    `json:"author"`
	Time     time.Time `json:"time"`
	// Created is when the glossary was created (the Time of the version
	// that created it, or re-created it after a delete); each later
	// version carries it on. Zero in versions written before it was kept.
	Created time.Time `json:"created,omitzero"`
	// Action is create, update, entry, import, sync, rollback or delete.
	Action  string `json:"action"`
	Message string `json:"message,omitempty"`
	// Hash is the SHA-256 of the canonical document (of the last content
	// for a delete).
	Hash    string `json:"hash"`
	Entries int    `json:"entries"`
	Deleted bool   `json:"deleted,omitempty"`
	// RollbackOf is the version a rollback restored.
	RollbackOf int `json:"rollback_of,omitempty"`
}

// GlossaryRef names a glossary at a version.
type GlossaryRef struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
}

// GlossaryGetRequest asks for a glossary's settings and version.
type GlossaryGetRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	// Version selects an earlier version (0: the current one).
	Version int `json:"version,omitempty"`
}

// GlossaryCreateRequest creates a glossary (with or without entries).
type GlossaryCreateRequest struct {
	Author       string   `json:"author"`
	ActingTenant string   `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Message      string   `json:"message,omitempty"`
	Glossary     Glossary `json:"glossary"`
}

// GlossaryUpdateRequest changes a glossary's settings and, when Entries is
// not nil, replaces its entries. Fields left nil stay as they are.
type GlossaryUpdateRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Author       string `json:"author"`
	Message      string `json:"message,omitempty"`
	// BaseVersion, when set, makes the update fail with a conflict unless
	// the glossary is still at that version (optimistic concurrency).
	BaseVersion int             `json:"base_version,omitempty"`
	Name        *string         `json:"name,omitempty"`
	Description *string         `json:"description,omitempty"`
	Mode        *string         `json:"mode,omitempty"`
	Languages   []string        `json:"languages,omitempty"`
	Scope       *GlossaryScope  `json:"scope,omitempty"`
	Priority    *int            `json:"priority,omitempty"`
	Entries     []GlossaryEntry `json:"entries,omitempty"`
}

// GlossaryChangeResponse answers a write: the glossary as it now is, and
// the version the write produced (nil when it changed nothing).
type GlossaryChangeResponse struct {
	Glossary GlossaryInfo     `json:"glossary"`
	Change   *GlossaryVersion `json:"change,omitempty"`
	// Warnings of a create: terms another global glossary of the same
	// priority translates differently (the import report lists them
	// among its problems).
	Warnings []GlossaryProblem `json:"warnings,omitempty"`
}

// GlossaryDeleteRequest deletes a glossary. The deletion is a version of
// its own: a rollback to an earlier version restores the glossary.
type GlossaryDeleteRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Author       string `json:"author"`
	Message      string `json:"message,omitempty"`
	BaseVersion  int    `json:"base_version,omitempty"`
}

// GlossaryEntriesRequest lists a page of entries, optionally filtered.
type GlossaryEntriesRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Version      int    `json:"version,omitempty"`
	// Query keeps entries with a term, forbidden term or note containing
	// it (ignoring case).
	Query string `json:"query,omitempty"`
	// Language keeps entries with a term in this language.
	Language string `json:"language,omitempty"`
	Offset   int    `json:"offset,omitempty"`
	Limit    int    `json:"limit,omitempty"`
}

// GlossaryEntriesResponse is a page of entries.
type GlossaryEntriesResponse struct {
	Glossary string          `json:"glossary"`
	Version  int             `json:"version"`
	Total    int             `json:"total"`
	Offset   int             `json:"offset"`
	Entries  []GlossaryEntry `json:"entries"`
	// NextOffset is set when more entries follow.
	NextOffset int `json:"next_offset,omitempty"`
}

// GlossaryEntryRequest names one entry.
type GlossaryEntryRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Entry        string `json:"entry"`
	Version      int    `json:"version,omitempty"`
}

// GlossaryEntryPutRequest adds or replaces one entry. An entry without an
// id is added with a generated id; with Create set, an existing id is a
// conflict.
type GlossaryEntryPutRequest struct {
	ID           string        `json:"id"`
	ActingTenant string        `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Author       string        `json:"author"`
	Message      string        `json:"message,omitempty"`
	BaseVersion  int           `json:"base_version,omitempty"`
	Create       bool          `json:"create,omitempty"`
	Entry        GlossaryEntry `json:"entry"`
}

// GlossaryEntryDeleteRequest removes one entry.
type GlossaryEntryDeleteRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Entry        string `json:"entry"`
	Author       string `json:"author"`
	Message      string `json:"message,omitempty"`
	BaseVersion  int    `json:"base_version,omitempty"`
}

// GlossaryEntryResponse is one entry and the glossary version it is from
// (after a write: the new version).
type GlossaryEntryResponse struct {
	Glossary string           `json:"glossary"`
	Version  int              `json:"version"`
	Entry    GlossaryEntry    `json:"entry"`
	Change   *GlossaryVersion `json:"change,omitempty"`
	// LanguagesAdded lists the languages the written entry added to the
	// glossary's columns (terms in a language the glossary did not have).
	LanguagesAdded []string `json:"languages_added,omitempty"`
}

// GlossaryImportRequest imports a file into a glossary (created when it
// does not exist). The file travels in Data when it is small and through
// BucketGlossaryTransfer (Upload names the object) otherwise.
type GlossaryImportRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Author       string `json:"author"`
	Message      string `json:"message,omitempty"`
	// Format is tbx, tbx-v2, csv or tsv; empty means detect from the content.
	Format string `json:"format,omitempty"`
	// DryRun validates and reports what would change without writing.
	DryRun bool `json:"dry_run,omitempty"`
	// Merge adds the file's new entries, changes in an entry already
	// there (by id) only the fields the file carries (a CSV file's
	// columns, a TBX entry's elements), and keeps the other entries; the
	// default replaces the glossary's entries.
	Merge bool `json:"merge,omitempty"`
	// Source and Target name the languages of a two-column file without a
	// header row.
	Source string `json:"source,omitempty"`
	Target string `json:"target,omitempty"`
	// Mode is the mode of a glossary the import creates (an existing one
	// keeps its own).
	Mode string `json:"mode,omitempty"`
	// Create asks for a new glossary: the import (a dry run too) is a
	// conflict when the id is taken, instead of replacing or merging into
	// the glossary that holds it.
	Create      bool `json:"create,omitempty"`
	BaseVersion int  `json:"base_version,omitempty"`
	// MustExist makes the import (a dry run too) fail with
	// precondition_failed when the glossary does not exist, instead of
	// creating it (HTTP If-Match: *).
	MustExist bool   `json:"must_exist,omitempty"`
	Data      []byte `json:"data,omitempty"`
	Upload    string `json:"upload,omitempty"`
}

// GlossaryProblem is one finding of a validation.
type GlossaryProblem struct {
	// Severity is error (the import is refused) or warning.
	Severity string `json:"severity"`
	// Code is a stable name: syntax, unsafe_xml, too_large, bad_language,
	// empty_term, term_too_long, bad_value, duplicate, conflict, ...
	Code     string `json:"code"`
	Line     int    `json:"line,omitempty"`
	Entry    string `json:"entry,omitempty"`
	Language string `json:"language,omitempty"`
	Term     string `json:"term,omitempty"`
	Message  string `json:"message"`
}

// Problem severities.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// GlossaryImportReport is the validation report of an import and, unless
// it was a dry run or found errors, the version it produced.
type GlossaryImportReport struct {
	Glossary  string            `json:"glossary"`
	Format    string            `json:"format"`
	DryRun    bool              `json:"dry_run"`
	Valid     bool              `json:"valid"`
	Entries   int               `json:"entries"`
	Languages []string          `json:"languages"`
	Errors    int               `json:"errors"`
	Warnings  int               `json:"warnings"`
	Problems  []GlossaryProblem `json:"problems"`
	// Added, Changed and Removed count entries against the current version.
	Added     int  `json:"added"`
	Changed   int  `json:"changed"`
	Removed   int  `json:"removed"`
	Unchanged bool `json:"unchanged"`
	// ChangedFields names, for each entry the import changes, the fields
	// that change (terms.<language>, forbidden.<language>,
	// do_not_translate, case_sensitive, whole_word, inflection,
	// part_of_speech, note), so that a dry run shows what a merge would
	// overwrite. The list is cut to keep the answer inside one message
	// (ChangedFieldsTruncated); Changed counts every changed entry.
	ChangedFields          []GlossaryEntryFields `json:"changed_fields,omitempty"`
	ChangedFieldsTruncated bool                  `json:"changed_fields_truncated,omitempty"`
	// Change is the version the import wrote (nil for a dry run, an invalid
	// file or no change).
	Change *GlossaryVersion `json:"change,omitempty"`
}

// GlossaryEntryFields names the fields of one entry that a write changes.
type GlossaryEntryFields struct {
	ID     string   `json:"id"`
	Fields []string `json:"fields"`
}

// GlossaryExportRequest asks for a glossary as a file.
type GlossaryExportRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Format       string `json:"format"`
	Version      int    `json:"version,omitempty"`
}

// GlossaryExportResponse is an exported file, in Data or (when large) in
// BucketGlossaryTransfer under Download.
type GlossaryExportResponse struct {
	Glossary    string `json:"glossary"`
	Version     int    `json:"version"`
	Format      string `json:"format"`
	ContentType string `json:"content_type"`
	Filename    string `json:"filename"`
	Data        []byte `json:"data,omitempty"`
	Download    string `json:"download,omitempty"`
}

// GlossaryVersionsRequest lists a glossary's versions, newest first.
type GlossaryVersionsRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Limit        int    `json:"limit,omitempty"`
}

// GlossaryVersionsResponse lists versions, newest first.
type GlossaryVersionsResponse struct {
	Glossary string            `json:"glossary"`
	Versions []GlossaryVersion `json:"versions"`
}

// GlossaryDiffRequest compares two versions (To 0: the current one).
type GlossaryDiffRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	From         int    `json:"from"`
	To           int    `json:"to,omitempty"`
}

// GlossaryFieldChange is a changed glossary setting.
type GlossaryFieldChange struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// GlossaryEntryChange is an entry present in both versions with different
// content.
type GlossaryEntryChange struct {
	ID   string        `json:"id"`
	From GlossaryEntry `json:"from"`
	To   GlossaryEntry `json:"to"`
}

// GlossaryDiff lists what changed between two versions. Lists are cut to
// keep the answer inside one message (Truncated); the counts are complete.
type GlossaryDiff struct {
	Glossary     string                `json:"glossary"`
	From         int                   `json:"from"`
	To           int                   `json:"to"`
	Settings     []GlossaryFieldChange `json:"settings"`
	Added        []GlossaryEntry       `json:"added"`
	Removed      []GlossaryEntry       `json:"removed"`
	Changed      []GlossaryEntryChange `json:"changed"`
	AddedCount   int                   `json:"added_count"`
	RemovedCount int                   `json:"removed_count"`
	ChangedCount int                   `json:"changed_count"`
	Truncated    bool                  `json:"truncated,omitempty"`
}

// GlossaryRollbackRequest restores the content of an earlier version as a
// new version.
type GlossaryRollbackRequest struct {
	ID           string `json:"id"`
	ActingTenant string `json:"acting_tenant,omitempty"` // see GlossaryScope.VisibleTo
	Version      int    `json:"version"`
	Author       string `json:"author"`
	Message      string `json:"message,omitempty"`
	BaseVersion  int    `json:"base_version,omitempty"`
	// MustExist makes the rollback fail with precondition_failed when the
	// glossary does not exist now (deleted), instead of restoring it (HTTP
	// If-Match: *).
	MustExist bool `json:"must_exist,omitempty"`
}

// TermRepair is one substitution verify made in a translation.
type TermRepair struct {
	Glossary string `json:"glossary"`
	Entry    string `json:"entry,omitempty"`
	Source   string `json:"source"`
	// From is the wrong rendering that was replaced, To the glossary term.
	From string `json:"from"`
	To   string `json:"to"`
	// Start and End are byte offsets of From in the translation as sent.
	Start int `json:"start"`
	End   int `json:"end"`
}
