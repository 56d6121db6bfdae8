package gateway

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// MaxGlossaryImportBytes bounds an uploaded glossary file (the glossary
// service has its own limit, GLOSSARY_MAX_IMPORT_BYTES, with the same
// default).
const MaxGlossaryImportBytes = 32 << 20

// glossaryAPI serves /v1/glossaries: reads for any key (or everyone in the
// open mode), writes for the localization role. Every call goes to the
// glossary service over NATS; the caller's key name is the author of a
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
		return 0, api.FieldError(api.CodeInvalidArgument, name, "%s=%q: want a non-negative integer", name, v)
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
		return false, api.FieldError(api.CodeInvalidArgument, name, "%s=%q: want true or false", name, v)
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
	c.Response().Header().Set("ETag", strconv.Quote(strconv.Itoa(res.Version)))
	return c.JSON(http.StatusOK, res)
}

func (h *glossaryAPI) create(c echo.Context) error {
	var g api.Glossary
	if err := h.s.decode(c, &g); err != nil {
		return err
	}
	res, err := h.c.Create(c.Request().Context(), api.GlossaryCreateRequest{
		Author: author(c), ActingTenant: h.s.tenant(c), Message: c.QueryParam("message"), Glossary: g,
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/glossaries/"+res.Glossary.ID)
	return c.JSON(http.StatusCreated, res)
}

func (h *glossaryAPI) update(c echo.Context) error {
	var req api.GlossaryUpdateRequest
	if err := h.s.decode(c, &req); err != nil {
		return err
	}
	if id := c.Param("id"); req.ID != "" && req.ID != id {
		// Ids never change; the path names the glossary.
		return api.FieldError(api.CodeInvalidArgument, "id", "the body names glossary %q, the path %q", req.ID, id)
	}
	req.ID, req.Author, req.ActingTenant = c.Param("id"), author(c), h.s.tenant(c)
	res, err := h.c.Update(c.Request().Context(), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *glossaryAPI) delete(c echo.Context) error {
	base, err := queryInt(c, "base_version")
	if err != nil {
		return err
	}
	res, err := h.c.Delete(c.Request().Context(), api.GlossaryDeleteRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Author: author(c), Message: c.QueryParam("message"), BaseVersion: base,
	})
	if err != nil {
		return err
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
	return c.JSON(http.StatusOK, res)
}

// writeEntry adds (POST, create) or replaces (PUT) one entry; the body is
// the entry, message and base_version are query parameters.
func (h *glossaryAPI) writeEntry(c echo.Context, create bool) error {
	var e api.GlossaryEntry
	if err := h.s.decode(c, &e); err != nil {
		return err
	}
	base, err := queryInt(c, "base_version")
	if err != nil {
		return err
	}
	if id := c.Param("entry"); id != "" {
		if e.ID != "" && e.ID != id {
			return api.FieldError(api.CodeInvalidArgument, "id", "the body names entry %q, the path %q", e.ID, id)
		}
		e.ID = id
	}
	res, err := h.c.PutEntry(c.Request().Context(), api.GlossaryEntryPutRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Author: author(c), Message: c.QueryParam("message"), BaseVersion: base, Create: create, Entry: e,
	})
	if err != nil {
		return err
	}
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
	base, err := queryInt(c, "base_version")
	if err != nil {
		return err
	}
	res, err := h.c.DeleteEntry(c.Request().Context(), api.GlossaryEntryDeleteRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Entry: c.Param("entry"), Author: author(c), Message: c.QueryParam("message"), BaseVersion: base,
	})
	if err != nil {
		return err
	}
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
	base, err := queryInt(c, "base_version")
	if err != nil {
		return err
	}
	req := api.GlossaryImportRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Author: author(c), Message: c.QueryParam("message"), DryRun: dryRun, BaseVersion: base, Create: create,
		Format: strings.ToLower(c.QueryParam("format")), Source: c.QueryParam("source"), Target: c.QueryParam("target"),
		Mode: c.QueryParam("glossary_mode"),
	}
	switch mode := c.QueryParam("mode"); mode {
	case "", "replace":
	case "merge":
		req.Merge = true
	default:
		return api.FieldError(api.CodeInvalidArgument, "mode", "mode=%q: want replace or merge", mode)
	}
	// Refused even when the glossary exists and keeps its own mode (the
	// service checks too): a typo must not pass silently.
	switch req.Mode {
	case "", api.GlossaryMultilingual, api.GlossaryOneWay:
	default:
		return api.FieldError(api.CodeInvalidArgument, "glossary_mode", "glossary_mode=%q: want %s or %s", req.Mode, api.GlossaryMultilingual, api.GlossaryOneWay)
	}
	data, format, err := h.readUpload(c)
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
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// readUpload returns the uploaded file and the format its media type names.
func (h *glossaryAPI) readUpload(c echo.Context) ([]byte, string, error) {
	r := c.Request()
	r.Body = http.MaxBytesReader(c.Response(), r.Body, MaxGlossaryImportBytes+1<<20)
	tooLarge := func(err error) error {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return api.Errorf(api.CodeBodyTooLarge, "the file is over %d bytes", MaxGlossaryImportBytes)
		}
		return api.FieldError(api.CodeInvalidArgument, "file", "could not read the upload: %v", err)
	}
	ct := r.Header.Get(echo.HeaderContentType)
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
		data, err := io.ReadAll(io.LimitReader(f, MaxGlossaryImportBytes+1))
		if err != nil {
			return nil, "", tooLarge(err)
		}
		if len(data) > MaxGlossaryImportBytes {
			return nil, "", api.Errorf(api.CodeBodyTooLarge, "the file is over %d bytes", MaxGlossaryImportBytes)
		}
		return data, formatOfName(fh.Filename, fh.Header.Get(echo.HeaderContentType)), nil
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, "", tooLarge(err)
	}
	if len(data) > MaxGlossaryImportBytes {
		return nil, "", api.Errorf(api.CodeBodyTooLarge, "the file is over %d bytes", MaxGlossaryImportBytes)
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
	hdr.Set("ETag", strconv.Quote(fmt.Sprint(res.Version)))
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
	if err := h.s.decode(c, &req); err != nil {
		return err
	}
	res, err := h.c.Rollback(c.Request().Context(), api.GlossaryRollbackRequest{
		ID: c.Param("id"), ActingTenant: h.s.tenant(c), Version: req.Version, Author: author(c), Message: req.Message, BaseVersion: req.BaseVersion,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
