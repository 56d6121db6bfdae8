package gateway

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// deeplUnlimited is reported as character_limit by GET /v2/usage for a key
// without a monthly quota: DeepL clients read a limit at or below the
// count as "quota reached".
const deeplUnlimited = 1_000_000_000_000

// deeplQuotaExceeded is DeepL's status for a spent character quota.
const deeplQuotaExceeded = 456

// registerDeepL adds the DeepL API v2 routes (/v2/translate, /v2/languages,
// /v2/usage) so DeepL client libraries can use Parley unchanged: the key
// comes in "Authorization: DeepL-Auth-Key <key>" (or the legacy auth_key
// parameter), answers and errors take DeepL's shapes.
func (s *Server) registerDeepL(e *echo.Echo) {
	e.POST("/v2/translate", s.deepl(s.handleDeepLTranslate))
	e.GET("/v2/languages", s.deepl(s.handleDeepLLanguages))
	e.POST("/v2/languages", s.deepl(s.handleDeepLLanguages))
	e.GET("/v2/usage", s.deepl(s.handleDeepLUsage))
	e.POST("/v2/usage", s.deepl(s.handleDeepLUsage))
	s.registerDeepLGlossaries(e)
}

// DeepLError is DeepL's error body.
type DeepLError struct {
	Message string `json:"message"`
	Detail  string `json:"detail,omitempty"`
}

// DeepLTranslation is one entry of a /v2/translate answer.
type DeepLTranslation struct {
	DetectedSourceLanguage string `json:"detected_source_language"`
	Text                   string `json:"text"`
	// BilledCharacters is what the text cost: its characters when it was
	// translated, 0 when it came back as it was (billedChars).
	BilledCharacters int `json:"billed_characters"`
}

// DeepLTranslateResponse is the body of a /v2/translate answer.
type DeepLTranslateResponse struct {
	Translations []DeepLTranslation `json:"translations"`
}

// DeepLLanguage is one entry of GET /v2/languages.
type DeepLLanguage struct {
	Language          string `json:"language"`
	Name              string `json:"name"`
	SupportsFormality *bool  `json:"supports_formality,omitempty"`
}

// DeepLUsage is the body of GET /v2/usage.
type DeepLUsage struct {
	CharacterCount int64 `json:"character_count"`
	CharacterLimit int64 `json:"character_limit"`
}

// deeplUsage counts characters translated through /v2/translate per key
// name since the process started (the anonymous caller is "").
type deeplUsage struct {
	mu    sync.Mutex
	chars map[string]int64
}

func (u *deeplUsage) add(name string, n int64) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.chars == nil {
		u.chars = map[string]int64{}
	}
	u.chars[name] += n
}

func (u *deeplUsage) get(name string) int64 {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.chars[name]
}

// deepl authenticates a DeepL route and renders its errors in DeepL's
// shape (deeplError).
func (s *Server) deepl(h echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := s.deeplAuth(c, h); err != nil {
			return s.deeplError(c, err)
		}
		return nil
	}
}

// deeplError renders err in DeepL's shape and status use (400, 403, 404,
// 405, 413, 429, 456, 500/503).
func (s *Server) deeplError(c echo.Context, err error) error {
	var quota *quotaError
	var rate *rateLimitError
	switch {
	case errors.As(err, &quota):
		// DeepL's own status for a spent character quota.
		return c.JSON(deeplQuotaExceeded, DeepLError{Message: "Quota Exceeded", Detail: quota.err.Message})
	case errors.As(err, &rate):
		return c.JSON(http.StatusTooManyRequests, DeepLError{Message: "Too many requests", Detail: rate.err.Message})
	}
	ae := api.AsError(err)
	status := ae.Status()
	msg := ae.Message
	switch {
	case ae.Code == api.CodeUnauthorized || ae.Code == api.CodeForbidden:
		status, msg = http.StatusForbidden, "Authorization failure, check auth_key"
	case ae.Code == api.CodeTextTooLong || ae.Code == api.CodeBodyTooLarge:
		status = http.StatusRequestEntityTooLarge
	case status >= 500:
		if ae.Code == api.CodeUnavailable || ae.Code == api.CodeOverloaded {
			status = http.StatusServiceUnavailable
			c.Response().Header().Set("Retry-After", strconv.Itoa(max(1, ae.RetryAfter)))
		} else {
			status = http.StatusInternalServerError
		}
		s.log.Warn("deepl request failed", "code", ae.Code, "error_message", ae.Message,
			"req_id", c.Response().Header().Get(echo.HeaderXRequestID))
	case status >= 400 && status != http.StatusNotFound && status != http.StatusMethodNotAllowed && status != http.StatusTooManyRequests:
		status, msg = http.StatusBadRequest, "Bad request. Reason: "+ae.Message
	}
	return c.JSON(status, DeepLError{Message: msg})
}

// deeplAuth reads the key from "Authorization: DeepL-Auth-Key <key>" or the
// legacy auth_key parameter before running h.
func (s *Server) deeplAuth(c echo.Context, h echo.HandlerFunc) error {
	key := ""
	if v := c.Request().Header.Get(echo.HeaderAuthorization); v != "" {
		if scheme, k, ok := strings.Cut(v, " "); ok && strings.EqualFold(scheme, "DeepL-Auth-Key") {
			key = strings.TrimSpace(k)
		}
	}
	if key == "" {
		key = c.QueryParam("auth_key")
	}
	p, err := s.compatAuthorize(c, key)
	if err != nil {
		return err
	}
	c.Set("deepl.principal", p)
	return h(c)
}

func deeplPrincipalName(c echo.Context) string {
	if p, _ := c.Get("deepl.principal").(*Principal); p != nil {
		return p.Name
	}
	return ""
}

// deeplTarget maps a DeepL target_lang (EN-US, PT-BR, ZH-HANT, ES-419) to a
// BCP 47 tag.
func deeplTarget(code string) string {
	base, region, ok := strings.Cut(strings.TrimSpace(code), "-")
	base = strings.ToLower(base)
	if !ok {
		if base == "zh" {
			return "zh-Hans"
		}
		return base
	}
	switch strings.ToUpper(region) {
	case "HANS":
		return base + "-Hans"
	case "HANT":
		return base + "-Hant"
	}
	return base + "-" + strings.ToUpper(region)
}

// deeplCode is a tag as DeepL writes it (upper case).
func deeplCode(tag string) string { return strings.ToUpper(tag) }

// deeplUndetermined is detected_source_language when neither the request
// (source_lang) nor detection named the language: BCP 47's "und". DeepL
// always names some language, and its clients read the field as a
// non-empty string, so it is not left out; but it is not guessed either.
const deeplUndetermined = "UND"

// deeplDetected is a view's source language as DeepL reports it. "und"
// needs its own case: api.Base("und") is x/text's likeliest base
// language for it, "en", which would claim English for text (digits,
// emoji) that detection could not place.
func deeplDetected(v *api.View) string {
	if v.SourceLanguage == "" || v.SourceLanguage == api.Undetermined {
		return deeplUndetermined
	}
	return deeplCode(api.Base(v.SourceLanguage))
}

// deeplTranslateFields are the /v2/translate fields Parley reads or
// checks, with how many values each takes (checkFields). Others are
// ignored.
var deeplTranslateFields = map[string]fieldKind{
	"text": manyStrings, "target_lang": oneString, "source_lang": oneString, "auth_key": oneString,
	"formality": oneString, "context": oneString, "glossary_id": oneString, "glossary_ids": manyStrings,
	"tag_handling": oneString, "tag_handling_version": oneString, "split_sentences": oneValue,
	"preserve_formatting": oneValue, "outline_detection": oneValue, "show_billed_characters": oneValue,
	"enable_beta_languages": oneValue, "model_type": oneString,
	"splitting_tags": manyStrings, "non_splitting_tags": manyStrings, "ignore_tags": manyStrings,
	"style_id": oneString, "translation_memory_id": oneString, "translation_memory_threshold": oneValue,
	"custom_instructions": manyStrings,
}

// deeplBool is how DeepL's boolean options arrive: "0"/"1" in a form,
// true/false in JSON.
var deeplBool = []string{"0", "1", "false", "true"}

// deeplEnums are the /v2/translate options with a fixed set of values
// (compared in lower case and without surrounding space: "HTML" is html).
// An empty value is the option not set: form clients send an option they
// do not use as empty, and "" names no value to check. Any other value
// is a 400, as DeepL answers.
// Of these Parley acts on formality and tag_handling; the others change
// nothing for it (docs/api.md says why) but are checked all the same, so
// that a typo is not silently taken for the default.
var deeplEnums = map[string][]string{
	"formality":              {"default", "more", "less", "prefer_more", "prefer_less"},
	"tag_handling":           {"xml", "html"},
	"tag_handling_version":   {"v1", "v2"},
	"split_sentences":        {"0", "1", "nonewlines"},
	"preserve_formatting":    deeplBool,
	"outline_detection":      deeplBool,
	"show_billed_characters": deeplBool,
	"enable_beta_languages":  deeplBool,
	"model_type":             {"quality_optimized", "prefer_quality_optimized", "latency_optimized"},
}

// deeplRefused are DeepL options Parley has nothing to honour them with
// and whose loss would change the answer (text DeepL would leave alone
// would be translated; a style, memory or instruction would not apply):
// a request that sets one is refused (400) rather than served without it.
var deeplRefused = []string{"ignore_tags", "style_id", "translation_memory_id", "custom_instructions"}

// checkDeepLOptions applies deeplEnums and deeplRefused.
func checkDeepLOptions(p compatParams) error {
	for _, f := range slices.Sorted(maps.Keys(deeplEnums)) {
		if v := strings.ToLower(strings.TrimSpace(p.get(f))); v != "" && !slices.Contains(deeplEnums[f], v) {
			return api.FieldError(api.CodeInvalidArgument, f, "Value for '%s' not supported.", f)
		}
	}
	for _, f := range deeplRefused {
		if strings.TrimSpace(strings.Join(p[f], "")) != "" {
			return api.FieldError(api.CodeInvalidArgument, f, "Parameter '%s' is not supported by this server.", f)
		}
	}
	return nil
}

// deeplGlossaryID is the request's glossary: glossary_id, or the one id of
// glossary_ids (an array, or comma-separated in a form). Parley applies one
// glossary per request, so several are refused, as is naming both fields
// (DeepL refuses that too).
func deeplGlossaryID(p compatParams) (string, error) {
	var ids []string
	for _, v := range p["glossary_ids"] {
		for id := range strings.SplitSeq(v, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
	}
	switch {
	case len(ids) == 0:
		return p.get("glossary_id"), nil
	case p.get("glossary_id") != "":
		return "", api.FieldError(api.CodeInvalidArgument, "glossary_ids", "Parameters 'glossary_id' and 'glossary_ids' cannot be used together.")
	case len(ids) > 1:
		return "", api.FieldError(api.CodeInvalidArgument, "glossary_ids", "This server applies one glossary per request; 'glossary_ids' names %d.", len(ids))
	}
	return ids[0], nil
}

// deeplFormat is the text format of a tag_handling value: "html" and
// "xml" are markup the client will parse, so the translate chain serves
// only answers whose markup is exactly the text's (api.FormatHTML; XML's
// tags, comments and references read as HTML's). Anything else is text.
func deeplFormat(tagHandling string) string {
	switch strings.ToLower(strings.TrimSpace(tagHandling)) {
	case "html", "xml":
		return api.FormatHTML
	}
	return api.FormatText
}

// deeplRegister maps DeepL's formality to the pipeline's register for
// source to target (BCP 47 tags; source "" when it is to be detected).
// more and less need a rung that follows a register (an LLM backend) for
// the pair, as DeepL refuses them for a target without formality;
// prefer_more and prefer_less fall back to the default there. With
// source_lang given the pair decides: a target an LLM serves from other
// sources (/v2/languages says supports_formality) is still served only
// by an engine, which ignores the register, from a source no LLM has.
// Without it only the target can be checked before detection (DeepL's
// own rule); docs/api.md says what follows when the detected source
// turns out to be one only an engine serves. A language no rung serves
// is left to the language check, which refuses it.
func (s *Server) deeplRegister(ctx context.Context, formality, source, target string) (string, error) {
	var register string
	switch formality {
	case "more", "prefer_more":
		register = api.FormalityFormal
	case "less", "prefer_less":
		register = api.FormalityInformal
	default:
		return "", nil
	}
	supported, known := s.langs.formality(ctx, source, target)
	switch {
	case !known || supported:
		return register, nil
	case strings.HasPrefix(formality, "prefer_"):
		return "", nil
	}
	if byTarget, _ := s.langs.formality(ctx, "", target); byTarget {
		return "", api.FieldError(api.CodeInvalidArgument, "formality", "'formality' is not supported for given 'source_lang' and 'target_lang'.")
	}
	return "", api.FieldError(api.CodeInvalidArgument, "formality", "'formality' is not supported for given 'target_lang'.")
}

// deeplLanguageError words a language the pipeline refused (malformed,
// of no known language, or served by no rung) as DeepL does, and points
// at this API's own language list rather than /v1's.
func deeplLanguageError(err error) error {
	ae := api.AsError(err)
	if ae.Code != api.CodeInvalidLanguage && ae.Code != api.CodeUnsupportedLanguage {
		return err
	}
	switch ae.Field {
	case "target":
		return api.FieldError(api.CodeInvalidLanguage, "target_lang", "Value for 'target_lang' not supported. See GET /v2/languages?type=target.")
	case "source":
		return api.FieldError(api.CodeInvalidLanguage, "source_lang", "Value for 'source_lang' not supported. See GET /v2/languages?type=source.")
	}
	return err
}

// deeplContextError names DeepL's context field in an error the pipeline
// raised about it. The pipeline checks context as its first context
// message (field "context[0].text") in the words it has for any text
// ("text has 12001 characters; the limit is 10000"), which a client
// whose texts are short would take for one about them.
func deeplContextError(err error) error {
	ae := api.AsError(err)
	if !strings.HasPrefix(ae.Field, "context[") {
		return err
	}
	msg := "context: " + ae.Message
	if rest, ok := strings.CutPrefix(ae.Message, "text "); ok {
		msg = "context " + rest
	}
	return &api.Error{Code: ae.Code, Field: "context", Message: msg, RetryAfter: ae.RetryAfter}
}

func (s *Server) handleDeepLTranslate(c echo.Context) error {
	p, shapes, err := s.readCompatParams(c)
	if err != nil {
		return err
	}
	if err := checkFields(p, shapes, deeplTranslateFields); err != nil {
		return err
	}
	texts := p["text"]
	if len(texts) == 0 {
		return api.FieldError(api.CodeInvalidArgument, "text", "Parameter 'text' not specified.")
	}
	if len(texts) > maxCompatBatch {
		return api.FieldError(api.CodeInvalidArgument, "text", "Too many texts: at most %d per request.", maxCompatBatch)
	}
	target := p.get("target_lang")
	if target == "" {
		return api.FieldError(api.CodeInvalidLanguage, "target_lang", "Value for 'target_lang' not supported.")
	}
	if err := checkDeepLOptions(p); err != nil {
		return err
	}
	source := p.get("source_lang")
	register, err := s.deeplRegister(c.Request().Context(), strings.ToLower(strings.TrimSpace(p.get("formality"))), strings.ToLower(strings.TrimSpace(source)), deeplTarget(target))
	if err != nil {
		return err
	}
	// DeepL's context applies to every text of the request and is not
	// translated or billed: the pipeline's context messages are just that.
	var background []api.ContextMessage
	if note := p.get("context"); strings.TrimSpace(note) != "" {
		background = []api.ContextMessage{{Text: note}}
	}
	glossary, err := deeplGlossaryID(p)
	if err != nil {
		return err
	}
	if glossary != "" && source == "" {
		return api.FieldError(api.CodeInvalidArgument, "source_lang", "Use of a glossary requires the source_lang parameter to be specified.")
	}
	if glossary != "" {
		if err := s.checkDeepLGlossary(c, glossary, source, deeplTarget(target)); err != nil {
			return err
		}
	}
	reqs := make([]pipeline.Request, len(texts))
	for i, t := range texts {
		// A context slice of its own per text: validation normalises it
		// in place, and the texts run concurrently.
		reqs[i] = pipeline.Request{Text: t, Source: strings.ToLower(source), Target: deeplTarget(target), Glossary: glossary,
			Formality: register, Context: slices.Clone(background), Format: deeplFormat(p.get("tag_handling"))}
	}
	views, err := s.translateAll(c, reqs)
	if err != nil {
		return deeplLanguageError(deeplContextError(err))
	}
	res := DeepLTranslateResponse{Translations: make([]DeepLTranslation, len(views))}
	// The tenant's safety policy applies as in message views (compatServed).
	// A masked or hidden text is billed all the same: it was translated; a
	// text served as it was (status original) is not (billedChars).
	served := compatTexts(c, views)
	var billed int64
	for i, v := range views {
		n := billedChars(v, texts[i])
		billed += n
		res.Translations[i] = DeepLTranslation{
			DetectedSourceLanguage: deeplDetected(v),
			Text:                   served[i],
			BilledCharacters:       int(n),
		}
	}
	s.deeplUsage.add(deeplPrincipalName(c), billed)
	return c.JSON(http.StatusOK, res)
}

// handleDeepLLanguages lists source or target languages (type=source is
// the default, as in DeepL). Targets for English and Portuguese are listed
// by variant, since DeepL clients reject the bare codes as targets; those
// for Chinese and Spanish also by the variants /v2/translate takes
// (ZH-HANS, ZH-HANT, ES-419), besides the bare codes DeepL lists too.
func (s *Server) handleDeepLLanguages(c echo.Context) error {
	// The shared reader, so that a query or body that does not parse is
	// a 400 rather than an absent type.
	params, shapes, err := s.readCompatParams(c)
	if err != nil {
		return err
	}
	if _, ok := params["type"]; !ok {
		// The reader takes the query along with a form body, not with
		// a JSON one: a POST /v2/languages?type=target with a JSON body
		// would otherwise list sources.
		if q := c.QueryParams()["type"]; len(q) > 0 {
			params["type"] = q
		}
	}
	if err := checkFields(params, shapes, map[string]fieldKind{"type": oneString, "auth_key": oneString}); err != nil {
		return err
	}
	typ := params.get("type")
	if typ == "" {
		typ = "source"
	}
	if typ != "source" && typ != "target" {
		return api.FieldError(api.CodeInvalidArgument, "type", "Value for 'type' not supported.")
	}
	res, err := s.translate.Languages(c.Request().Context())
	if err != nil {
		return err
	}
	set := map[string]bool{}
	for _, b := range res.Backends {
		for _, l := range b.Languages {
			set[api.Base(l)] = true
		}
		for _, pr := range b.Pairs {
			if typ == "source" {
				set[api.Base(pr.Source)] = true
			} else {
				set[api.Base(pr.Target)] = true
			}
		}
	}
	// Only LLM rungs follow a register (the engines ignore formality);
	// /v2/translate passes formality on to them (deeplRegister).
	formal := map[string]bool{}
	for _, b := range res.Backends {
		for _, l := range b.Languages {
			formal[api.Base(l)] = true
		}
	}
	out := []DeepLLanguage{}
	for code := range set {
		codes := []string{code}
		if typ == "target" {
			switch code {
			case "en":
				codes = []string{"en-GB", "en-US"}
			case "pt":
				codes = []string{"pt-BR", "pt-PT"}
			case "zh":
				// deeplTarget reads ZH as Simplified; a rung that
				// writes Chinese writes either script.
				codes = []string{"zh", "zh-Hans", "zh-Hant"}
			case "es":
				codes = []string{"es", "es-419"}
			}
		}
		for _, cd := range codes {
			l := DeepLLanguage{Language: deeplCode(cd), Name: languageName(cd)}
			if typ == "target" {
				f := formal[code]
				l.SupportsFormality = &f
			}
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b DeepLLanguage) int { return strings.Compare(a.Language, b.Language) })
	return c.JSON(http.StatusOK, out)
}

// handleDeepLUsage reports the key's characters this calendar month (from
// the shared usage counters, every API counted) against its monthly quota.
// An anonymous caller (open deployment) sees what this replica translated
// through /v2/translate since it started.
func (s *Server) handleDeepLUsage(c echo.Context) error {
	if PrincipalFrom(c.Request().Context()) == nil {
		return c.JSON(http.StatusOK, DeepLUsage{CharacterCount: s.deeplUsage.get(""), CharacterLimit: deeplUnlimited})
	}
	used, limit, err := s.usage(c)
	if err != nil {
		return err
	}
	if limit <= 0 {
		limit = deeplUnlimited
	}
	return c.JSON(http.StatusOK, DeepLUsage{CharacterCount: used, CharacterLimit: limit})
}
