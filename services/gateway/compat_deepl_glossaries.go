package gateway

import (
	"context"
	"crypto/rand"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// DeepL v2 glossaries are Parley glossaries: one-way, two language
// columns, created through the glossary service (versioned like any other).
// They carry a conversation scope that no conversation uses
// ("deepl-<id>") and the caller's tenant, so that, as in DeepL, they apply
// only when a request names them by glossary_id, and each tenant sees only
// its own.
const deeplScopePrefix = "deepl-"

// maxDeepLGlossaryEntries bounds the entries of one DeepL glossary (the
// glossary service has its own, configurable limit).
const maxDeepLGlossaryEntries = 100_000

// DeepLGlossary is DeepL's glossary info.
type DeepLGlossary struct {
	GlossaryID   string    `json:"glossary_id"`
	Name         string    `json:"name"`
	Ready        bool      `json:"ready"`
	SourceLang   string    `json:"source_lang"`
	TargetLang   string    `json:"target_lang"`
	CreationTime time.Time `json:"creation_time"`
	EntryCount   int       `json:"entry_count"`
}

// DeepLGlossaryList is the body of GET /v2/glossaries.
type DeepLGlossaryList struct {
	Glossaries []DeepLGlossary `json:"glossaries"`
}

// DeepLLanguagePair is one entry of GET /v2/glossary-language-pairs.
type DeepLLanguagePair struct {
	SourceLang string `json:"source_lang"`
	TargetLang string `json:"target_lang"`
}

// DeepLLanguagePairs is the body of GET /v2/glossary-language-pairs.
type DeepLLanguagePairs struct {
	SupportedLanguages []DeepLLanguagePair `json:"supported_languages"`
}

// registerDeepLGlossaries adds DeepL's v2 glossary routes. Reads need any
// key (or none in an open deployment); creating and deleting need the
// localization role, as Parley's own glossary writes do.
func (s *Server) registerDeepLGlossaries(e *echo.Echo) {
	g := client.Glossary{NC: s.nc}
	e.POST("/v2/glossaries", s.deeplWrite(func(c echo.Context) error { return s.handleDeepLGlossaryCreate(c, g) }))
	e.GET("/v2/glossaries", s.deepl(func(c echo.Context) error { return s.handleDeepLGlossaryList(c, g) }))
	e.GET("/v2/glossaries/:id", s.deepl(func(c echo.Context) error { return s.handleDeepLGlossaryGet(c, g) }))
	e.DELETE("/v2/glossaries/:id", s.deeplWrite(func(c echo.Context) error { return s.handleDeepLGlossaryDelete(c, g) }))
	e.GET("/v2/glossaries/:id/entries", s.deepl(func(c echo.Context) error { return s.handleDeepLGlossaryEntries(c, g) }))
	e.GET("/v2/glossary-language-pairs", s.deepl(s.handleDeepLGlossaryPairs))
}

// deeplWrite is a DeepL glossary write: refused at once when the key
// comes in the legacy ?auth_key= query parameter, then authenticated
// (deepl) and held to the localization role (deeplWriter). A query string
// lands in access logs and proxy logs, so a key that may change
// glossaries, sent there, is as good as published. DeepL itself has
// retired the parameter (the header only, since 2026-01-15); Parley's
// reads (translate, usage, languages, glossary reads) keep it for the
// legacy clients that still send it, writes do not.
func (s *Server) deeplWrite(h echo.HandlerFunc) echo.HandlerFunc {
	write := s.deepl(s.deeplWriter(h))
	return func(c echo.Context) error {
		if c.QueryParams().Has("auth_key") {
			return s.deeplError(c, api.FieldError(api.CodeInvalidArgument, "auth_key",
				"the auth_key query parameter is not accepted on glossary writes, since a query string ends up in access logs: send the key as Authorization: DeepL-Auth-Key <key>"))
		}
		return write(c)
	}
}

// deeplWriter lets only a key with the localization role through.
func (s *Server) deeplWriter(h echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !PrincipalFrom(c.Request().Context()).Has(RoleLocalization) {
			return api.Errorf(api.CodeForbidden, "changing glossaries needs the localization role")
		}
		return h(c)
	}
}

// deeplGlossaryInfo renders a Parley glossary in DeepL's shape.
func deeplGlossaryInfo(g *api.GlossaryInfo) DeepLGlossary {
	created := g.CreatedAt
	if created.IsZero() {
		// Last written before creation times were kept: its last change
		// is the closest time on record.
		created = g.UpdatedAt
	}
	d := DeepLGlossary{GlossaryID: g.ID, Name: g.Name, Ready: true, CreationTime: created.UTC(), EntryCount: g.Entries}
	if len(g.Languages) == 2 {
		d.SourceLang, d.TargetLang = strings.ToLower(g.Languages[0]), strings.ToLower(g.Languages[1])
	}
	return d
}

// isDeepLGlossary reports whether g was created through /v2/glossaries by
// a caller of tenant.
func isDeepLGlossary(g *api.GlossaryInfo, tenant string) bool {
	return !g.Deleted && g.Scope.Conversation == deeplScopePrefix+g.ID && g.Scope.Tenant == tenant && len(g.Languages) == 2
}

// deeplGlossary fetches a DeepL glossary of the caller's tenant; any other
// glossary is "not found", as in DeepL.
func (s *Server) deeplGlossary(c echo.Context, g client.Glossary, id string) (*api.GlossaryInfo, error) {
	info, err := g.Get(c.Request().Context(), api.GlossaryGetRequest{ID: id})
	if err != nil {
		if api.AsError(err).Code == api.CodeNotFound || api.AsError(err).Code == api.CodeInvalidArgument {
			return nil, api.Errorf(api.CodeNotFound, "Glossary not found")
		}
		return nil, err
	}
	if !isDeepLGlossary(info, s.tenant(c)) {
		return nil, api.Errorf(api.CodeNotFound, "Glossary not found")
	}
	return info, nil
}

// checkDeepLGlossary is what /v2/translate does with glossary_id: a DeepL
// glossary must be the caller's and match the request's language pair; a
// Parley glossary (any other id) is passed on as it is.
func (s *Server) checkDeepLGlossary(c echo.Context, id, source, target string) error {
	info, err := client.Glossary{NC: s.nc}.Get(c.Request().Context(), api.GlossaryGetRequest{ID: id})
	if err != nil {
		if api.AsError(err).Code == api.CodeNotFound || api.AsError(err).Code == api.CodeInvalidArgument {
			return api.FieldError(api.CodeNotFound, "glossary_id", "Glossary not found")
		}
		return err
	}
	if !strings.HasPrefix(info.Scope.Conversation, deeplScopePrefix) {
		return nil
	}
	if !isDeepLGlossary(info, s.tenant(c)) {
		return api.FieldError(api.CodeNotFound, "glossary_id", "Glossary not found")
	}
	if !strings.EqualFold(api.Base(info.Languages[0]), api.Base(source)) || !strings.EqualFold(api.Base(info.Languages[1]), api.Base(target)) {
		return api.FieldError(api.CodeInvalidArgument, "glossary_id", "Lang pair of glossary doesn't match the lang pair of the request")
	}
	return nil
}

func (s *Server) handleDeepLGlossaryCreate(c echo.Context, g client.Glossary) error {
	p, shapes, err := s.readCompatParams(c)
	if err != nil {
		return err
	}
	if err := checkFields(p, shapes, deeplGlossaryFields); err != nil {
		return err
	}
	name := strings.TrimSpace(p.get("name"))
	if name == "" {
		return api.FieldError(api.CodeInvalidArgument, "name", "Missing or invalid argument: name")
	}
	var langs [2]string
	for i, f := range []string{"source_lang", "target_lang"} {
		tag, err := api.ParseLanguage(f, strings.ToLower(strings.TrimSpace(p.get(f))))
		if err != nil {
			return api.FieldError(api.CodeInvalidLanguage, f, "Value for '%s' not supported.", f)
		}
		langs[i] = api.Base(tag.String())
	}
	if langs[0] == langs[1] {
		return api.FieldError(api.CodeInvalidLanguage, "target_lang", "source_lang and target_lang must differ")
	}
	if err := s.checkDeepLGlossaryPair(c, langs[0], langs[1]); err != nil {
		return err
	}
	format := strings.ToLower(p.get("entries_format"))
	if format == "" {
		format = "tsv"
	}
	pairs, lines, err := parseDeepLEntryLines(p.get("entries"), format, langs[0], langs[1])
	if err != nil {
		return err
	}
	entries := make([]api.GlossaryEntry, len(pairs))
	for i, pr := range pairs {
		entries[i] = api.GlossaryEntry{Terms: []api.GlossaryTerm{{Language: langs[0], Text: pr[0]}, {Language: langs[1], Text: pr[1]}}}
	}
	id := newGlossaryID()
	res, err := g.Create(c.Request().Context(), api.GlossaryCreateRequest{
		Author: author(c), Message: "created through the DeepL-compatible API",
		Glossary: api.Glossary{
			ID: id, Name: name, Mode: api.GlossaryOneWay, Languages: langs[:],
			Scope:   api.GlossaryScope{Kind: api.ScopeConversation, Tenant: s.tenant(c), Conversation: deeplScopePrefix + id},
			Entries: entries,
		},
	})
	if err != nil {
		return deeplEntryError(err, lines)
	}
	return c.JSON(http.StatusCreated, deeplGlossaryInfo(&res.Glossary))
}

// entriesPlace is how the glossary service names an entry of a document:
// by its 0-based place in the entries list and, when it has one, its id
// (one the service derived, for entries sent without).
var entriesPlace = regexp.MustCompile(`entries\[(\d+)\](?: \(id "[^"]*"\))?`)

// deeplEntryError words a problem the glossary service found in the
// entries as the DeepL parser words its own: "line N" of the entries the
// client sent (lines[i] is the line of entry i), not an index and an id
// the client never saw.
func deeplEntryError(err error, lines []int) error {
	ae := api.AsError(err)
	if ae.Field != "entries" {
		return err
	}
	msg := entriesPlace.ReplaceAllStringFunc(ae.Message, func(m string) string {
		i, convErr := strconv.Atoi(entriesPlace.FindStringSubmatch(m)[1])
		if convErr != nil || i < 0 || i >= len(lines) {
			return m
		}
		return fmt.Sprintf("line %d", lines[i])
	})
	if _, first, ok := strings.Cut(msg, "; first: "); ok {
		msg = first
	}
	return api.FieldError(ae.Code, "entries", "Invalid glossary entries provided: %s", msg)
}

// deeplGlossaryFields are the fields of POST /v2/glossaries, each one
// value (checkFields).
var deeplGlossaryFields = map[string]fieldKind{
	"name": oneString, "source_lang": oneString, "target_lang": oneString,
	"entries": oneString, "entries_format": oneString, "auth_key": oneString,
}

// checkDeepLGlossaryPair refuses a glossary for a pair that
// /v2/glossary-language-pairs does not list: no rung would ever translate
// with it. When the chain's languages cannot be read right now the pair
// is let through, as languageSet lets requests through.
func (s *Server) checkDeepLGlossaryPair(c echo.Context, src, tgt string) error {
	pairs, err := s.deeplGlossaryPairs(c.Request().Context())
	if err != nil {
		s.log.Warn("deepl glossary: language pairs unknown, pair not checked", "err", err)
		return nil
	}
	if !pairs[DeepLLanguagePair{SourceLang: src, TargetLang: tgt}] {
		return api.FieldError(api.CodeInvalidLanguage, "target_lang",
			"Unsupported glossary language pair %s-%s; see GET /v2/glossary-language-pairs.", src, tgt)
	}
	return nil
}

// newGlossaryID makes a random UUID (version 4), the shape of DeepL's ids.
func newGlossaryID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// parseDeepLEntries reads DeepL's entry formats: TSV ("source<TAB>target"
// per line) or CSV ("source,target[,source_lang,target_lang]"). DeepL's
// rules hold: no empty terms, no leading or trailing white space, no
// control characters or Unicode line breaks, no source term twice. A
// byte order mark at the start (spreadsheet exports write one) marks the
// encoding and is dropped: kept, it would be part of the first source
// term, which would then never match.
func parseDeepLEntries(data, format, src, tgt string) ([][2]string, error) {
	pairs, _, err := parseDeepLEntryLines(data, format, src, tgt)
	return pairs, err
}

// parseDeepLEntryLines is parseDeepLEntries, with the line (record, for
// CSV) of each entry, for the messages of problems found later.
func parseDeepLEntryLines(data, format, src, tgt string) ([][2]string, []int, error) {
	bad := func(line int, why string) error {
		return api.FieldError(api.CodeInvalidArgument, "entries", "Invalid glossary entries provided: line %d: %s", line, why)
	}
	data = strings.TrimPrefix(data, "\uFEFF")
	var rows [][]string
	switch format {
	case "tsv":
		for line := range strings.Lines(data) {
			line = strings.TrimRight(line, "\r\n")
			if line == "" {
				rows = append(rows, nil)
				continue
			}
			rows = append(rows, strings.Split(line, "\t"))
		}
	case "csv":
		r := csv.NewReader(strings.NewReader(data))
		r.FieldsPerRecord = -1
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, nil, api.FieldError(api.CodeInvalidArgument, "entries", "Invalid glossary entries provided: %v", err)
			}
			rows = append(rows, rec)
		}
	default:
		return nil, nil, api.FieldError(api.CodeInvalidArgument, "entries_format", "Value for 'entries_format' not supported.")
	}
	var out [][2]string
	var lines []int
	seen := map[string]bool{}
	for i, row := range rows {
		if row == nil {
			continue
		}
		switch {
		case len(row) == 4 && format == "csv":
			if !strings.EqualFold(row[2], src) || !strings.EqualFold(row[3], tgt) {
				return nil, nil, bad(i+1, fmt.Sprintf("languages %s,%s do not match the glossary's %s,%s", row[2], row[3], src, tgt))
			}
		case len(row) != 2:
			return nil, nil, bad(i+1, "want a source and a target term")
		}
		for _, t := range row[:2] {
			switch {
			case t == "":
				return nil, nil, bad(i+1, "empty term")
			case strings.TrimSpace(t) != t:
				return nil, nil, bad(i+1, "leading or trailing white space")
			case strings.ContainsFunc(t, forbiddenInTerm):
				r, _ := utf8.DecodeRuneInString(t[strings.IndexFunc(t, forbiddenInTerm):])
				return nil, nil, bad(i+1, fmt.Sprintf("control, format or line break character %U", r))
			case len(t) > 1024:
				return nil, nil, bad(i+1, "term over 1024 bytes")
			}
		}
		if seen[row[0]] {
			return nil, nil, bad(i+1, fmt.Sprintf("source term %q appears twice", row[0]))
		}
		seen[row[0]] = true
		out = append(out, [2]string{row[0], row[1]})
		lines = append(lines, i+1)
		if len(out) > maxDeepLGlossaryEntries {
			return nil, nil, bad(i+1, fmt.Sprintf("more than %d entries", maxDeepLGlossaryEntries))
		}
	}
	if len(out) == 0 {
		return nil, nil, api.FieldError(api.CodeInvalidArgument, "entries", "Invalid glossary entries provided: no entries")
	}
	return out, lines, nil
}

// forbiddenInTerm reports a rune DeepL refuses in a glossary term: a C0
// or C1 control character, a Unicode line or paragraph separator, or a
// format character (Cf: bidi controls, zero-width spaces, byte order
// marks), which would make a term that looks like another never match.
// The zero-width joiner and non-joiner are allowed: Persian, the Indic
// scripts and emoji sequences are written with them.
func forbiddenInTerm(r rune) bool {
	if r == '\u200c' || r == '\u200d' {
		return false
	}
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

func (s *Server) handleDeepLGlossaryList(c echo.Context, g client.Glossary) error {
	res, err := g.List(c.Request().Context())
	if err != nil {
		return err
	}
	out := DeepLGlossaryList{Glossaries: []DeepLGlossary{}}
	tenant := s.tenant(c)
	for i := range res.Glossaries {
		if isDeepLGlossary(&res.Glossaries[i], tenant) {
			out.Glossaries = append(out.Glossaries, deeplGlossaryInfo(&res.Glossaries[i]))
		}
	}
	slices.SortFunc(out.Glossaries, func(a, b DeepLGlossary) int { return a.CreationTime.Compare(b.CreationTime) })
	return c.JSON(http.StatusOK, out)
}

func (s *Server) handleDeepLGlossaryGet(c echo.Context, g client.Glossary) error {
	info, err := s.deeplGlossary(c, g, c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, deeplGlossaryInfo(info))
}

func (s *Server) handleDeepLGlossaryDelete(c echo.Context, g client.Glossary) error {
	if _, err := s.deeplGlossary(c, g, c.Param("id")); err != nil {
		return err
	}
	if _, err := g.Delete(c.Request().Context(), api.GlossaryDeleteRequest{
		ID: c.Param("id"), Author: author(c), Message: "deleted through the DeepL-compatible API",
	}); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// handleDeepLGlossaryEntries answers the entries as DeepL does: TSV, one
// "source<TAB>target" per line.
func (s *Server) handleDeepLGlossaryEntries(c echo.Context, g client.Glossary) error {
	info, err := s.deeplGlossary(c, g, c.Param("id"))
	if err != nil {
		return err
	}
	if a := c.Request().Header.Get(echo.HeaderAccept); a != "" && !strings.Contains(a, "text/tab-separated-values") && !strings.Contains(a, "*/*") {
		return api.Errorf(api.CodeInvalidArgument, "Unsupported Accept header: only text/tab-separated-values")
	}
	var b strings.Builder
	for offset := 0; ; {
		page, err := g.Entries(c.Request().Context(), api.GlossaryEntriesRequest{ID: info.ID, Offset: offset, Limit: 1000})
		if err != nil {
			return err
		}
		for _, e := range page.Entries {
			src, tgt := termIn(e, info.Languages[0]), termIn(e, info.Languages[1])
			if src != "" && tgt != "" {
				b.WriteString(src + "\t" + tgt + "\n")
			}
		}
		if page.NextOffset == 0 || page.NextOffset <= offset {
			break
		}
		offset = page.NextOffset
	}
	return c.Blob(http.StatusOK, "text/tab-separated-values; charset=utf-8", []byte(strings.TrimSuffix(b.String(), "\n")))
}

// termIn is an entry's preferred term in lang ("" when it has none).
func termIn(e api.GlossaryEntry, lang string) string {
	for _, t := range e.Terms {
		if strings.EqualFold(t.Language, lang) {
			return t.Text
		}
	}
	return ""
}

// handleDeepLGlossaryPairs lists the pairs a glossary can be made for
// (deeplGlossaryPairs).
func (s *Server) handleDeepLGlossaryPairs(c echo.Context) error {
	set, err := s.deeplGlossaryPairs(c.Request().Context())
	if err != nil {
		return err
	}
	out := DeepLLanguagePairs{SupportedLanguages: make([]DeepLLanguagePair, 0, len(set))}
	for pr := range set {
		out.SupportedLanguages = append(out.SupportedLanguages, pr)
	}
	slices.SortFunc(out.SupportedLanguages, func(a, b DeepLLanguagePair) int {
		if c := strings.Compare(a.SourceLang, b.SourceLang); c != 0 {
			return c
		}
		return strings.Compare(a.TargetLang, b.TargetLang)
	})
	return c.JSON(http.StatusOK, out)
}

// deeplGlossaryPairs are the pairs a glossary can be made for, as base
// languages: every ordered pair among an LLM backend's languages (they
// follow glossary hints) plus an engine's directed pairs (terms are
// enforced by glossary verify).
func (s *Server) deeplGlossaryPairs(ctx context.Context) (map[DeepLLanguagePair]bool, error) {
	res, err := s.translate.Languages(ctx)
	if err != nil {
		return nil, err
	}
	set := map[DeepLLanguagePair]bool{}
	for _, b := range res.Backends {
		for _, a := range b.Languages {
			for _, t := range b.Languages {
				if api.Base(a) != api.Base(t) {
					set[DeepLLanguagePair{api.Base(a), api.Base(t)}] = true
				}
			}
		}
		for _, pr := range b.Pairs {
			set[DeepLLanguagePair{api.Base(pr.Source), api.Base(pr.Target)}] = true
		}
	}
	return set, nil
}
