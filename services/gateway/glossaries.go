package gateway

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// MaxGlossaryImportBytes bounds an uploaded CSV or TSV glossary file (the
// glossary service has its own limit, GLOSSARY_MAX_IMPORT_BYTES, with the
// same default).
const MaxGlossaryImportBytes = 32 << 20

// MaxGlossaryTBXImportBytes bounds an uploaded TBX file, and a file whose
// format the service detects. TBX spends markup on every term (about 490
// bytes for a two-language entry, 26 in CSV), so its limit scales with the
// entry limit: the service's default, GLOSSARY_MAX_ENTRIES × 1 KiB
// (glossary.TBXBytesPerEntry), so that the largest glossary an import
// accepts can be exported as TBX and imported again.
const MaxGlossaryTBXImportBytes = 100_000 * 1024

// glossaryAPI serves /v1/glossaries: reads for any key (or everyone in the
// open mode), writes for the localization role. JSON bodies refuse unknown
// fields (Server.decodeStrict): a misspelt setting must not be a silent
// no-op. A glossary's ETag is its version; If-Match makes a write
// conditional on it (ifMatch). Every call goes to the glossary service
// over NATS; the caller's key name is the author of a
// change and its tenant the acting tenant, which the service holds to the
// key's own glossaries (api.GlossaryScope.VisibleTo and WritableBy): the
// check of a write then sees the very version the write replaces.
type glossaryAPI struct {
	s *Server
	c client.Glossary
}

// registerGlossaries adds the glossary management routes.
func (s *Server) registerGlossaries(e *echo.Echo) {
	h := &glossaryAPI{s: s, c: client.Glossary{NC: s.nc}}
	read, write := s.requireRole(RoleClient), s.requireRole(RoleLocalization)
	e.GET("/v1/glossaries", h.list, read)
	e.POST("/v1/glossaries", h.create, write)
	e.GET("/v1/glossaries/:id", h.get, read)
	e.PUT("/v1/glossaries/:id", h.update, write)
	e.DELETE("/v1/glossaries/:id", h.delete, write)
	e.GET("/v1/glossaries/:id/entries", h.entries, read)
	e.POST("/v1/glossaries/:id/entries", h.createEntry, write)
	e.GET("/v1/glossaries/:id/entries/:entry", h.entry, read)
	e.PUT("/v1/glossaries/:id/entries/:entry", h.putEntry, write)
	e.DELETE("/v1/glossaries/:id/entries/:entry", h.deleteEntry, write)
	e.POST("/v1/glossaries/:id/import", h.importFile, write)
	e.GET("/v1/glossaries/:id/export", h.export, read)
	e.GET("/v1/glossaries/:id/versions", h.versions, read)
	e.GET("/v1/glossaries/:id/diff", h.diff, read)
	e.POST("/v1/glossaries/:id/rollback", h.rollback, write)
}

// author is the name of the key that makes a change.
func author(c echo.Context) string {
	if p := PrincipalFrom(c.Request().Context()); p != nil {
		return p.Name
	}
	return ""
}

// queryInt reads an optional non-negative integer query parameter.
func queryInt(c echo.Context, name string) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, api.FieldError(api.CodeInvalidArgument, name, "%s=%s: want a non-negative integer", name, api.Quote(v))
	}
	return n, nil
}

// queryBool reads an optional boolean query parameter.
func queryBool(c echo.Context, name string) (bool, error) {
	v := c.QueryParam(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, api.FieldError(api.CodeInvalidArgument, name, "%s=%s: want true or false", name, api.Quote(v))
	}
	return b, nil
}

// list answers the glossaries the caller may see. The list subject also
// serves the pipeline and has no caller, so the filter is here.
func (h *glossaryAPI) list(c echo.Context) error {
	res, err := h.c.List(c.Request().Context())
	if err != nil {
		return err
	}
	tenant := h.s.tenant(c)
	out := api.GlossaryListResponse{Glossaries: make([]api.GlossaryInfo, 0, len(res.Glossaries))}
	for _, g := range res.Glossaries {
		if g.Scope.VisibleTo(tenant) {
			out.Glossaries = append(out.Glossaries, g)
		}
	}
	return c.JSON(http.StatusOK, out)
}

func (h *glossaryAPI) get(c echo.Context) error {
	version, err := queryInt(c, "version")
	if err != nil {
		return err
	}
	res, err := h.c.Get(c.Request().Context(), api.GlossaryGetRequest{ID: c.Param("id"), ActingTenant: h.s.tenant(c), Version: version})
	if err != nil {
		return err
	}
	setETag(c, res.Version)
	return c.JSON(http.StatusOK, res)
}

func (h *glossaryAPI) create(c echo.Context) error {
	var g api.Glossary
	if err := h.s.decodeStrict(c, &g); err != nil {
		return err
	}
	if err := createPrecondition(c); err != nil {
		return err
	}
	res, err := h.c.Create(c.Request().Context(), api.GlossaryCreateRequest{
		Author: author(c), ActingTenant: h.s.tenant(c), Message: c.QueryParam("message"), Glossary: g,
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/glossaries/"+res.Glossary.ID)
	setETag(c, res.Glossary.Version)
	return c.JSON(http.StatusCreated, res)
}

func (h *glossaryAPI) update(c echo.Context) error {
	var req api.GlossaryUpdateRequest
	if err := h.s.decodeStrict(c, &req); err != nil {
		return err
	}
	if id := c.Param("id"); req.ID != "" && req.ID != id {
		// Ids never change; the path names the glossary.
		return api.FieldError(api.CodeInvalidArgument, "id", "the body names glossary %s, the path %s", api.Quote(req.ID), api.Quote(id))
	}
	if err := bodyOrQuery(c, &req.Message, &req.BaseVersion); err != nil {
		return err
	}
	pre, err := ifMatch(c)
	if err != nil {
		return err
	}
	if req.BaseVersion, err = pre.base(req.BaseVersion); err != nil {
		return err
	}
	req.ID, req.Author, req.ActingTenant = c.Param("id"), author(c), h.s.tenant(c)
	res, err := h.c.Update(c.Request().Context(), req)
	if err != nil {
		return pre.failed(err)
	}
	setETag(c, res.Glossary.Version)
	return c.JSON(http.StatusOK, res)
}

func (h *glossaryAPI) delete(c echo.Context) error {
	pre, base, err := preconditions(c)
	if err != nil {
		return err
	}
	res, err := h.c.Delete(c.Request().Context(), api.GlossaryDeleteRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Author: author(c), Message: c.QueryParam("message"), BaseVersion: base,
	})
	if err != nil {
		return pre.failed(err)
	}
	return c.JSON(http.StatusOK, res)
}

func (h *glossaryAPI) entries(c echo.Context) error {
	req := api.GlossaryEntriesRequest{ID: c.Param("id"), ActingTenant: h.s.tenant(c), Query: c.QueryParam("q"), Language: c.QueryParam("language")}
	var err error
	for _, p := range []struct {
		name string
		dst  *int
	}{{"version", &req.Version}, {"offset", &req.Offset}, {"limit", &req.Limit}} {
		if *p.dst, err = queryInt(c, p.name); err != nil {
			return err
		}
	}
	res, err := h.c.Entries(c.Request().Context(), req)
	if err != nil {
		return err
	}
	setETag(c, res.Version)
	return c.JSON(http.StatusOK, res)
}

func (h *glossaryAPI) entry(c echo.Context) error {
	version, err := queryInt(c, "version")
	if err != nil {
		return err
	}
	res, err := h.c.Entry(c.Request().Context(), api.GlossaryEntryRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Entry: c.Param("entry"), Version: version,
	})
	if err != nil {
		return err
	}
	// The glossary's version, not the entry's own: an If-Match on a write
	// of the entry is checked against the glossary's version.
	setETag(c, res.Version)
	return c.JSON(http.StatusOK, res)
}

// writeEntry adds (POST, create) or replaces (PUT) one entry; the body is
// the entry, message and base_version are query parameters.
func (h *glossaryAPI) writeEntry(c echo.Context, create bool) error {
	var e api.GlossaryEntry
	if err := h.s.decodeStrict(c, &e); err != nil {
		return err
	}
	pre, base, err := preconditions(c)
	if err != nil {
		return err
	}
	if id := c.Param("entry"); id != "" {
		if e.ID != "" && e.ID != id {
			return api.FieldError(api.CodeInvalidArgument, "id", "the body names entry %s, the path %s", api.Quote(e.ID), api.Quote(id))
		}
		e.ID = id
	}
	res, err := h.c.PutEntry(c.Request().Context(), api.GlossaryEntryPutRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Author: author(c), Message: c.QueryParam("message"), BaseVersion: base, Create: create, Entry: e,
	})
	if err != nil {
		return pre.failed(err)
	}
	setETag(c, res.Version)
	status := http.StatusOK
	if create {
		status = http.StatusCreated
		c.Response().Header().Set(echo.HeaderLocation, "/v1/glossaries/"+res.Glossary+"/entries/"+res.Entry.ID)
	}
	return c.JSON(status, res)
}

func (h *glossaryAPI) createEntry(c echo.Context) error { return h.writeEntry(c, true) }
func (h *glossaryAPI) putEntry(c echo.Context) error    { return h.writeEntry(c, false) }

func (h *glossaryAPI) deleteEntry(c echo.Context) error {
	pre, base, err := preconditions(c)
	if err != nil {
		return err
	}
	res, err := h.c.DeleteEntry(c.Request().Context(), api.GlossaryEntryDeleteRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Entry: c.Param("entry"), Author: author(c), Message: c.QueryParam("message"), BaseVersion: base,
	})
	if err != nil {
		return pre.failed(err)
	}
	setETag(c, res.Glossary.Version)
	return c.JSON(http.StatusOK, res)
}

// formatOfContentType maps an upload's media type to a glossary format.
func formatOfContentType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	switch mt {
	case "text/csv":
		return api.FormatCSV
	case "text/tab-separated-values":
		return api.FormatTSV
	case "application/x-tbx+xml", "application/tbx+xml", "application/xml", "text/xml":
		return api.FormatTBX
	}
	return ""
}

// importFile takes the file as the raw body (format from ?format= or the
// Content-Type, else detected) or as the "file" field of a multipart form.
// ?dry_run=true validates and reports without writing; ?mode=merge merges
// by entry id; ?source=&target= name the languages of a two-column file
// without a header; ?glossary_mode= is the mode of a glossary the import
// creates; ?create=true refuses (409) to touch a glossary that exists.
func (h *glossaryAPI) importFile(c echo.Context) error {
	dryRun, err := queryBool(c, "dry_run")
	if err != nil {
		return err
	}
	create, err := queryBool(c, "create")
	if err != nil {
		return err
	}
	pre, base, err := preconditions(c)
	if err != nil {
		return err
	}
	req := api.GlossaryImportRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Author: author(c), Message: c.QueryParam("message"), DryRun: dryRun, BaseVersion: base, Create: create,
		Format: strings.ToLower(c.QueryParam("format")), Source: c.QueryParam("source"), Target: c.QueryParam("target"),
		Mode: c.QueryParam("glossary_mode"), MustExist: pre.exists,
	}
	switch mode := c.QueryParam("mode"); mode {
	case "", "replace":
	case "merge":
		req.Merge = true
	default:
		return api.FieldError(api.CodeInvalidArgument, "mode", "mode=%s: want replace or merge", api.Quote(mode))
	}
	// Refused even when the glossary exists and keeps its own mode (the
	// service checks too): a typo must not pass silently.
	switch req.Mode {
	case "", api.GlossaryMultilingual, api.GlossaryOneWay:
	default:
		return api.FieldError(api.CodeInvalidArgument, "glossary_mode", "glossary_mode=%s: want %s or %s", api.Quote(req.Mode), api.GlossaryMultilingual, api.GlossaryOneWay)
	}
	data, format, err := h.readUpload(c, req.Format)
	if err != nil {
		return err
	}
	if req.Format == "" {
		req.Format = format
	}
	if len(data) == 0 {
		return api.FieldError(api.CodeInvalidArgument, "file", "the file is empty")
	}
	res, err := h.c.Import(c.Request().Context(), req, data)
	if err != nil {
		return pre.failed(err)
	}
	if res.Change != nil {
		setETag(c, res.Change.Version)
	}
	return c.JSON(http.StatusOK, res)
}

// readUpload returns the uploaded file and the format its media type names.
// A CSV or TSV file may have MaxGlossaryImportBytes, a TBX file (or one of a
// format not known here) MaxGlossaryTBXImportBytes; format is the one the
// query names, if any.
func (h *glossaryAPI) readUpload(c echo.Context, format string) ([]byte, string, error) {
	limitOf := func(format string) int64 {
		if format == api.FormatCSV || format == api.FormatTSV {
			return MaxGlossaryImportBytes
		}
		return MaxGlossaryTBXImportBytes
	}
	r := c.Request()
	ct := r.Header.Get(echo.HeaderContentType)
	if format == "" {
		format = formatOfContentType(ct)
	}
	limit := limitOf(format)
	r.Body = http.MaxBytesReader(c.Response(), r.Body, limit+1<<20)
	tooLarge := func(err error) error {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return api.Errorf(api.CodeBodyTooLarge, "the file is over %d bytes", limit)
		}
		return api.FieldError(api.CodeInvalidArgument, "file", "could not read the upload: %v", err)
	}
	if mt, _, _ := mime.ParseMediaType(ct); mt == echo.MIMEMultipartForm {
		fh, err := c.FormFile("file")
		if err != nil {
			if errors.Is(err, http.ErrMissingFile) {
				return nil, "", api.FieldError(api.CodeInvalidArgument, "file", "the form has no \"file\" field")
			}
			return nil, "", tooLarge(err)
		}
		f, err := fh.Open()
		if err != nil {
			return nil, "", tooLarge(err)
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, limit+1))
		if err != nil {
			return nil, "", tooLarge(err)
		}
		named := formatOfName(fh.Filename, fh.Header.Get(echo.HeaderContentType))
		if format == "" {
			limit = limitOf(named)
		}
		if int64(len(data)) > limit {
			return nil, "", api.Errorf(api.CodeBodyTooLarge, "the file is over %d bytes", limit)
		}
		return data, named, nil
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, "", tooLarge(err)
	}
	if int64(len(data)) > limit {
		return nil, "", api.Errorf(api.CodeBodyTooLarge, "the file is over %d bytes", limit)
	}
	return data, formatOfContentType(ct), nil
}

func formatOfName(name, ct string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".tbx"):
		return api.FormatTBX
	case strings.HasSuffix(lower, ".csv"):
		return api.FormatCSV
	case strings.HasSuffix(lower, ".tsv"):
		return api.FormatTSV
	}
	return formatOfContentType(ct)
}

func (h *glossaryAPI) export(c echo.Context) error {
	version, err := queryInt(c, "version")
	if err != nil {
		return err
	}
	format := strings.ToLower(c.QueryParam("format"))
	if format == "" {
		format = api.FormatTBX
	}
	res, err := h.c.Export(c.Request().Context(), api.GlossaryExportRequest{ID: c.Param("id"), ActingTenant: h.s.tenant(c), Format: format, Version: version})
	if err != nil {
		return err
	}
	hdr := c.Response().Header()
	hdr.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": res.Filename}))
	hdr.Set("X-Glossary-Version", strconv.Itoa(res.Version))
	setETag(c, res.Version)
	return c.Blob(http.StatusOK, res.ContentType, res.Data)
}

func (h *glossaryAPI) versions(c echo.Context) error {
	limit, err := queryInt(c, "limit")
	if err != nil {
		return err
	}
	res, err := h.c.Versions(c.Request().Context(), api.GlossaryVersionsRequest{ID: c.Param("id"), ActingTenant: h.s.tenant(c), Limit: limit})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *glossaryAPI) diff(c echo.Context) error {
	if c.QueryParam("from") == "" {
		return api.FieldError(api.CodeInvalidArgument, "from", "name the version to compare from: ?from=N (0 for an empty glossary)")
	}
	from, err := queryInt(c, "from")
	if err != nil {
		return err
	}
	to, err := queryInt(c, "to")
	if err != nil {
		return err
	}
	res, err := h.c.Diff(c.Request().Context(), api.GlossaryDiffRequest{ID: c.Param("id"), ActingTenant: h.s.tenant(c), From: from, To: to})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// RollbackRequest is the body of POST /v1/glossaries/{id}/rollback.
type RollbackRequest struct {
	Version     int    `json:"version"`
	Message     string `json:"message,omitempty"`
	BaseVersion int    `json:"base_version,omitempty"`
}

func (h *glossaryAPI) rollback(c echo.Context) error {
	var req RollbackRequest
	if err := h.s.decodeStrict(c, &req); err != nil {
		return err
	}
	if err := bodyOrQuery(c, &req.Message, &req.BaseVersion); err != nil {
		return err
	}
	pre, err := ifMatch(c)
	if err != nil {
		return err
	}
	if req.BaseVersion, err = pre.base(req.BaseVersion); err != nil {
		return err
	}
	res, err := h.c.Rollback(c.Request().Context(), api.GlossaryRollbackRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Version: req.Version, Author: author(c), Message: req.Message, BaseVersion: req.BaseVersion,
		MustExist: pre.exists,
	})
	if err != nil {
		return pre.failed(err)
	}
	setETag(c, res.Glossary.Version)
	return c.JSON(http.StatusOK, res)
}

// setETag sends a glossary version as the ETag that If-Match takes back.
func setETag(c echo.Context, version int) {
	if version > 0 {
		c.Response().Header().Set("ETag", strconv.Quote(strconv.Itoa(version)))
	}
}

// precondition is a write's If-Match header (RFC 9110 §13.1.1). The ETag
// of a glossary, sent by its reads (the glossary, its entries, one entry,
// an export) and by the writes that leave a version, is its version "N":
// If-Match: "N" is base_version N, If-Match: * asks for a glossary that
// exists. A failed condition is 412 precondition_failed and nothing is
// written; base_version alone keeps answering 409 conflict.
type precondition struct {
	header  string // as sent, for messages; "" without If-Match
	version int    // If-Match: "N"
	exists  bool   // If-Match: *
	// never is why a tag can never match: a weak tag (If-Match compares
	// strongly) or one that is not a version.
	never string
}

// ifMatch reads If-Match. One entity tag or * is understood; a list of
// tags is refused (a write is based on one version), and so is a value
// that is not an entity tag.
func ifMatch(c echo.Context) (precondition, error) {
	values := c.Request().Header.Values("If-Match")
	if len(values) == 0 {
		return precondition{}, nil
	}
	p := precondition{header: strings.TrimSpace(strings.Join(values, ", "))}
	if p.header == "*" {
		p.exists = true
		return p, nil
	}
	var tags []string
	for _, v := range strings.Split(p.header, ",") {
		if v = strings.TrimSpace(v); v != "" {
			tags = append(tags, v)
		}
	}
	bad := func(format string, args ...any) (precondition, error) {
		return precondition{}, api.FieldError(api.CodeInvalidArgument, "If-Match", "If-Match: %s: "+format, append([]any{truncateHeader(p.header)}, args...)...)
	}
	if len(tags) != 1 {
		return bad("name one version, as the ETag of a read (\"7\"), or *")
	}
	tag := tags[0]
	weak := strings.HasPrefix(tag, "W/")
	tag = strings.TrimPrefix(tag, "W/")
	if len(tag) < 2 || tag[0] != '"' || tag[len(tag)-1] != '"' || strings.Contains(tag[1:len(tag)-1], `"`) {
		return bad("want an entity tag in double quotes, as the ETag of a read (\"7\"), or *")
	}
	n, err := strconv.Atoi(tag[1 : len(tag)-1])
	switch {
	case weak:
		p.never = "a weak entity tag never matches: If-Match compares strongly (RFC 9110); send the ETag as a read gives it (\"N\")"
	case err != nil || n <= 0 || strconv.Itoa(n) != tag[1:len(tag)-1]:
		p.never = "the ETag of a glossary is its version (\"N\"), and this is none"
	default:
		p.version = n
	}
	return p, nil
}

// truncateHeader shortens a header quoted in an error to 80 characters,
// cut between grapheme clusters (api.Clip): a byte cut could split a
// multi-byte character, which the JSON answer would carry as U+FFFD.
func truncateHeader(s string) string { return api.Clip(s, maxQuotedHeader) }

// maxQuotedHeader is how many characters of a header an error quotes.
const maxQuotedHeader = 80

// base merges the precondition with a base_version the request also
// names: both must name the same version. A tag that can never match
// fails here, before anything is asked.
func (p precondition) base(baseVersion int) (int, error) {
	if p.never != "" {
		return 0, api.FieldError(api.CodePreconditionFailed, "If-Match", "If-Match: %s: %s; nothing was changed", truncateHeader(p.header), p.never)
	}
	if p.version == 0 {
		return baseVersion, nil
	}
	if baseVersion != 0 && baseVersion != p.version {
		return 0, api.FieldError(api.CodeInvalidArgument, "base_version", "If-Match names version %d and base_version %d; send one, or the same", p.version, baseVersion)
	}
	return p.version, nil
}

// failed turns the service's answer to a failed precondition into 412: a
// stale base version (409 on base_version) when If-Match named it, and a
// missing glossary that If-Match: * asked for. The service answers a write
// with a base version that lost its race to another writer as a stale
// base too; a conflict without a field (a service from before that, whose
// answer was "changed meanwhile") is one as well, since every other
// conflict of a write names its field.
func (p precondition) failed(err error) error {
	if p.header == "" {
		return err
	}
	var ae *api.Error
	if !errors.As(err, &ae) {
		return err
	}
	switch {
	case ae.Code == api.CodeConflict && (ae.Field == "base_version" || ae.Field == "") && p.version > 0,
		ae.Code == api.CodePreconditionFailed:
		return api.FieldError(api.CodePreconditionFailed, "If-Match", "If-Match: %s: %s", truncateHeader(p.header), ae.Message)
	}
	return err
}

// createPrecondition answers a create's If-Match: POST /v1/glossaries
// makes a glossary that has no current version yet, so no condition can
// hold (RFC 9110 §13.1.1: If-Match: * is false when nothing exists, and a
// tag matches no version that does not exist): 412, and nothing is
// created. A client that means to replace a glossary it read sends PUT.
// A value that is no entity tag is 400, as on every write.
func createPrecondition(c echo.Context) error {
	pre, err := ifMatch(c)
	if err != nil || pre.header == "" {
		return err
	}
	return api.FieldError(api.CodePreconditionFailed, "If-Match",
		"If-Match: %s: a create makes a new glossary, which has no version for If-Match to match; to change an existing glossary, PUT /v1/glossaries/{id} with its ETag; nothing was created",
		truncateHeader(pre.header))
}

// bodyOrQuery merges the message and base_version a write's body may
// hold with the query parameters of the same names, which every other
// glossary write takes: one place or the other, or both with the same
// value. Two different values are 400: either one would be a guess.
func bodyOrQuery(c echo.Context, message *string, base *int) error {
	q, err := queryInt(c, "base_version")
	if err != nil {
		return err
	}
	if q != 0 {
		if *base != 0 && *base != q {
			return api.FieldError(api.CodeInvalidArgument, "base_version", "the query names base_version %d and the body %d; send one, or the same", q, *base)
		}
		*base = q
	}
	if m := c.QueryParam("message"); m != "" {
		if *message != "" && *message != m {
			return api.FieldError(api.CodeInvalidArgument, "message", "the query and the body name different messages; send one, or the same")
		}
		*message = m
	}
	return nil
}

// preconditions reads If-Match and the base_version query parameter of a
// write and merges them.
func preconditions(c echo.Context) (precondition, int, error) {
	base, err := queryInt(c, "base_version")
	if err != nil {
		return precondition{}, 0, err
	}
	pre, err := ifMatch(c)
	if err != nil {
		return pre, 0, err
	}
	base, err = pre.base(base)
	return pre, base, err
}
