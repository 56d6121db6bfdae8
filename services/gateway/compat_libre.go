package gateway

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// registerLibre adds the LibreTranslate-compatible routes (POST /translate,
// POST /detect, GET /languages), so existing LibreTranslate clients can
// use Parley unchanged. They answer in LibreTranslate's shapes, errors
// included ({"error": "..."}), and translate through the same pipeline as
// /v1/translate.
func (s *Server) registerLibre(e *echo.Echo) {
	e.POST("/translate", s.libre(s.handleLibreTranslate))
	e.POST("/detect", s.libre(s.handleLibreDetect))
	e.GET("/languages", s.libre(s.handleLibreLanguages))
	// LibreTranslate's liveness probe, which its clients and their
	// deployments poll: the gateway's /healthz, in LibreTranslate's
	// shapes (probeRoutes and unshed treat both alike).
	e.GET("/health", s.libre(s.handleHealth))
	e.OPTIONS("/translate", librePreflight("OPTIONS, POST"))
	e.OPTIONS("/detect", librePreflight("OPTIONS, POST"))
	e.OPTIONS("/languages", librePreflight("GET, OPTIONS"))
}

// LibreError is LibreTranslate's error body.
type LibreError struct {
	Error string `json:"error"`
}

// LibreDetection is one language guess in LibreTranslate's shape
// (confidence from 0 to 100).
type LibreDetection struct {
	Confidence float64 `json:"confidence"`
	Language   string  `json:"language"`
}

// LibreLanguage is one entry of GET /languages.
type LibreLanguage struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Targets []string `json:"targets"`
}

// libre wraps a LibreTranslate route: its answers carry
// Access-Control-Allow-Origin: * (LibreTranslate is called from browsers),
// and its errors take LibreTranslate's shape (libreError).
func (s *Server) libre(h echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set(echo.HeaderAccessControlAllowOrigin, "*")
		if err := h(c); err != nil {
			return s.libreError(c, err)
		}
		return nil
	}
}

// libreError renders err in LibreTranslate's shape and status use: 400 for
// bad input and a missing key, 403 for a wrong key, 404 and 405 for a route
// or method that does not exist, 413 for a body over the limit, 429 for
// rate limits, 503 with Retry-After for shed requests, 500 for translation
// failures.
func (s *Server) libreError(c echo.Context, err error) error {
	c.Response().Header().Set(echo.HeaderAccessControlAllowOrigin, "*")
	ae := api.AsError(err)
	status := http.StatusBadRequest
	msg := ae.Message
	switch {
	case ae.Code == api.CodeUnauthorized:
		msg = "Please contact the server operator to get an API key"
	case ae.Code == api.CodeForbidden:
		status, msg = http.StatusForbidden, "Invalid API key"
	case ae.Code == api.CodeRateLimited:
		status, msg = http.StatusTooManyRequests, "Slowdown: "+ae.Message
	case ae.Code == api.CodeNotFound, ae.Code == api.CodeMethodNotAllowed, ae.Code == api.CodeBodyTooLarge:
		status = ae.Status()
	case ae.Code == api.CodeOverloaded || ae.Code == api.CodeUnavailable:
		// Shed or briefly unavailable: a client that backs off gets
		// through, so say so as every other route does (503 +
		// Retry-After), not as a translation failure.
		status = http.StatusServiceUnavailable
		c.Response().Header().Set("Retry-After", strconv.Itoa(max(1, ae.RetryAfter)))
	case ae.Status() >= 500:
		status = http.StatusInternalServerError
		s.log.Warn("libretranslate request failed", "code", ae.Code, "error_message", ae.Message,
			"req_id", c.Response().Header().Get(echo.HeaderXRequestID))
	}
	return c.JSON(status, LibreError{Error: msg})
}

// librePreflight answers a browser's CORS preflight for a LibreTranslate
// route: any origin may call it, with a JSON body and a key in a header.
// Without these headers a browser refuses to send the POST at all.
func librePreflight(allow string) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set(echo.HeaderAllow, allow)
		h.Set(echo.HeaderAccessControlAllowOrigin, "*")
		h.Set(echo.HeaderAccessControlAllowMethods, allow)
		h.Set(echo.HeaderAccessControlAllowHeaders, libreCORSHeaders)
		h.Set(echo.HeaderAccessControlMaxAge, "86400")
		return c.NoContent(http.StatusNoContent)
	}
}

// libreCORSHeaders are the request headers a browser may send to a
// LibreTranslate route: a JSON Content-Type, a key in Authorization or
// X-API-Key, and a request id.
const libreCORSHeaders = "Content-Type, Authorization, X-API-Key, X-Request-Id"

// libreLanguage maps LibreTranslate's own codes (pb, zt, zh) to BCP 47.
func libreLanguage(code string) string {
	switch strings.ToLower(strings.TrimSpace(code)) {
	case "pb":
		return "pt-BR"
	case "zt":
		return "zh-Hant"
	case "zh":
		return "zh-Hans"
	}
	return code
}

// libreTranslateFields are the /translate fields other than q that take
// one value (checkFields); q is checked by the handler.
var libreTranslateFields = map[string]fieldKind{
	"source": oneString, "target": oneString, "format": oneString, "api_key": oneString,
	"secret": oneString, "alternatives": oneValue,
}

// libreLanguageError words a language the pipeline refused (malformed,
// of no known language, or served by no rung) as LibreTranslate does
// ("zz is not supported"), with the code as the client sent it, and points
// at this API's own language list rather than /v1's.
func libreLanguageError(err error, p compatParams) error {
	ae := api.AsError(err)
	if ae.Code != api.CodeInvalidLanguage && ae.Code != api.CodeUnsupportedLanguage {
		return err
	}
	switch ae.Field {
	case "source", "target":
		return api.FieldError(api.CodeInvalidLanguage, ae.Field, "%s is not supported; see GET /languages", strings.TrimSpace(p.get(ae.Field)))
	}
	return err
}

func (s *Server) handleLibreTranslate(c echo.Context) error {
	p, shapes, err := s.readCompatParams(c)
	if err != nil {
		return err
	}
	if err := checkFields(p, shapes, libreTranslateFields); err != nil {
		return err
	}
	if _, err := s.compatAuthorize(c, p.get("api_key")); err != nil {
		return err
	}
	if !p.has("q") {
		return api.Errorf(api.CodeInvalidArgument, "Invalid request: missing q parameter")
	}
	if !shapes.onlyStrings("q") {
		// A number would otherwise be translated as its text.
		return api.FieldError(api.CodeInvalidArgument, "q", "Invalid request: q must be a string or an array of strings")
	}
	switch n := len(p["q"]); {
	case n > 1 && !shapes.array("q"):
		// A repeated form key. LibreTranslate reads a form's q as one
		// string (a batch is a JSON array), so it would answer the first
		// text alone, though Parley would have translated and billed all.
		return api.FieldError(api.CodeInvalidArgument, "q", "Invalid request: q was sent %d times; a form sends one text (send several as a JSON array)", n)
	case n == 0:
		return api.FieldError(api.CodeInvalidArgument, "q", "Invalid request: q is an empty array")
	}
	for _, f := range []string{"source", "target"} {
		if strings.TrimSpace(p.get(f)) == "" {
			return api.FieldError(api.CodeInvalidLanguage, f, "Invalid request: missing %s parameter", f)
		}
	}
	// Case and surrounding space are ignored ("HTML"), as on /v1/translate
	// (api.ParseFormat): LibreTranslate itself compares exactly, but a
	// client that sends "HTML" means HTML, and every Parley route reads it
	// so.
	format, err := api.ParseFormat("format", p.get("format"))
	if err != nil {
		return api.FieldError(api.CodeInvalidArgument, "format", "%s format is not supported", p.get("format"))
	}
	texts := p["q"]
	if len(texts) > maxCompatBatch {
		return api.Errorf(api.CodeInvalidArgument, "Invalid request: request (%d) exceeds text limit (%d)", len(texts), maxCompatBatch)
	}
	source := libreLanguage(p.get("source"))
	auto := strings.EqualFold(source, "auto")
	reqs := make([]pipeline.Request, len(texts))
	for i, q := range texts {
		// format "html" reaches the translate chain, which then serves
		// only answers whose markup is exactly q's (api.FormatHTML).
		reqs[i] = pipeline.Request{Text: q, Source: source, Target: libreLanguage(p.get("target")), Format: format}
	}
	views, err := s.translateAll(c, reqs)
	if err != nil {
		return libreLanguageError(err, p)
	}
	// The tenant's safety policy applies as in message views (compatServed);
	// browsers may read its report in HeaderSafety.
	c.Response().Header().Set(echo.HeaderAccessControlExposeHeaders, HeaderSafety)
	out := compatTexts(c, views)
	if !shapes.array("q") {
		res := map[string]any{"translatedText": out[0]}
		if auto {
			res["detectedLanguage"] = libreDetected(views[0])
		}
		return c.JSON(http.StatusOK, res)
	}
	det := make([]LibreDetection, len(views))
	for i, v := range views {
		det[i] = libreDetected(v)
	}
	res := map[string]any{"translatedText": out}
	if auto {
		res["detectedLanguage"] = det
	}
	return c.JSON(http.StatusOK, res)
}

// libreDetected reports the pipeline's detection of a view's source in
// LibreTranslate's codes (libreCode: zt, not zh-Hant), which /languages
// lists and /translate reads back. A text detection could not place is
// "und" with confidence 0 (docs/api.md says why not LibreTranslate's
// "en"); libreCode must not see "und", which x/text reads as English.
func libreDetected(v *api.View) LibreDetection {
	lang, confidence := v.SourceLanguage, 0.0
	if v.Detection != nil {
		lang, confidence = v.Detection.Language, percent(v.Detection.Confidence)
	}
	if lang == "" || lang == api.Undetermined {
		return LibreDetection{Confidence: 0, Language: api.Undetermined}
	}
	return LibreDetection{Confidence: confidence, Language: libreCode(lang)}
}

// libreDetections are a detection's candidates as LibreTranslate's
// /detect answers them: in its codes (libreCode), each code once at its
// best confidence, best first, and only languages some rung translates
// from (served). LibreTranslate filters its detector's guesses to the
// languages it has installed, so its clients take the top answer as the
// source of their next /translate; a candidate Parley cannot translate
// from (nb, fi) would make that a 400. With none left, the answer is
// LibreTranslate's for text it cannot place: en with confidence 0.
func libreDetections(res *api.DetectResponse, served func(tag string) bool) []LibreDetection {
	candidates := append([]api.LanguageScore{{Language: res.Language, Confidence: res.Confidence}}, res.Alternatives...)
	var out []LibreDetection
	at := map[string]int{}
	for _, c := range candidates {
		if c.Language == "" || c.Language == api.Undetermined || !served(c.Language) {
			continue
		}
		d := LibreDetection{Confidence: percent(c.Confidence), Language: libreCode(c.Language)}
		// zh and zh-Hans, sr-Cyrl and sr-Latn: one code each.
		if i, ok := at[d.Language]; ok {
			out[i].Confidence = max(out[i].Confidence, d.Confidence)
			continue
		}
		at[d.Language] = len(out)
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b LibreDetection) int {
		switch {
		case a.Confidence > b.Confidence:
			return -1
		case a.Confidence < b.Confidence:
			return 1
		}
		return 0
	})
	if len(out) == 0 {
		out = append(out, LibreDetection{Confidence: 0, Language: "en"})
	}
	return out
}

// percent turns a 0..1 confidence into LibreTranslate's 0..100, rounded
// to two decimals.
func percent(f float64) float64 {
	return float64(int64(f*10000+0.5)) / 100
}

func (s *Server) handleLibreDetect(c echo.Context) error {
	p, shapes, err := s.readCompatParams(c)
	if err != nil {
		return err
	}
	if err := checkFields(p, shapes, map[string]fieldKind{"api_key": oneString}); err != nil {
		return err
	}
	if _, err := s.compatAuthorize(c, p.get("api_key")); err != nil {
		return err
	}
	if !p.has("q") {
		return api.Errorf(api.CodeInvalidArgument, "Invalid request: missing q parameter")
	}
	// LibreTranslate's /detect takes q as one string and answers one list,
	// with no per-text batch form to follow. Refuse an array, a repeated
	// form key and a non-string rather than answer for the first text
	// only, or for a number's digits.
	if shapes.array("q") || len(p["q"]) > 1 || !shapes.onlyStrings("q") {
		return api.FieldError(api.CodeInvalidArgument, "q", "Invalid request: q must be a string")
	}
	text, err := api.ValidateText("q", p.get("q"), s.cfg.MaxTextRunes)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	res, err := s.detect.Detect(ctx, api.DetectRequest{Text: text})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, libreDetections(res, func(tag string) bool { return s.langs.servesSource(ctx, tag) }))
}

// handleLibreLanguages lists the languages some rung translates from,
// each with the targets reachable from it: any pair among an LLM
// backend's languages, plus an engine's directed pairs. A language that
// is only ever a target is not listed as a source, and codes are
// LibreTranslate's (libreCode), both of a language's codes when it has
// two (pt and pb, zh and zt). Like LibreTranslate's, it needs no key.
func (s *Server) handleLibreLanguages(c echo.Context) error {
	res, err := s.translate.Languages(c.Request().Context())
	if err != nil {
		return err
	}
	targets := map[string]map[string]bool{}
	add := func(src string, tgts ...string) {
		for _, t := range tgts {
			if t == src {
				continue
			}
			if targets[src] == nil {
				targets[src] = map[string]bool{}
			}
			targets[src][t] = true
		}
	}
	for _, b := range res.Backends {
		for _, a := range b.Languages {
			for _, t := range b.Languages {
				// An LLM writes every variant of its languages, and
				// any rung reads them all (langs.check goes by the
				// base language): zt and pb are sources too, as
				// /detect names them (libreDetections).
				for _, src := range libreVariants(a) {
					add(src, libreVariants(t)...)
				}
			}
		}
		for _, pr := range b.Pairs {
			for _, src := range libreVariants(pr.Source) {
				add(src, libreCode(pr.Target))
			}
		}
	}
	out := make([]LibreLanguage, 0, len(targets))
	for code, ts := range targets {
		l := LibreLanguage{Code: code, Name: languageName(libreLanguage(code)), Targets: make([]string, 0, len(ts))}
		for t := range ts {
			l.Targets = append(l.Targets, t)
		}
		slices.Sort(l.Targets)
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b LibreLanguage) int { return strings.Compare(a.Code, b.Code) })
	return c.JSON(http.StatusOK, out)
}

// libreCode names a BCP 47 tag's language as LibreTranslate does: its
// own codes for Brazilian Portuguese (pb) and the Chinese scripts (zh for
// Simplified, zt for Traditional), the base language for any other
// region or script (LibreTranslate has no en-US or pt-PT). libreLanguage
// reads them back.
func libreCode(tag string) string {
	t, err := api.ParseTag(tag)
	if err != nil {
		return tag
	}
	base, _ := t.Base()
	switch base.String() {
	case "pt":
		// Only a region the tag names: "pt" alone is not Brazilian.
		if r, conf := t.Region(); conf == language.Exact && r.String() == "BR" {
			return "pb"
		}
	case "zh":
		if sc, _ := t.Script(); sc.String() == "Hant" {
			return "zt"
		}
	}
	return base.String()
}

// libreVariants are the LibreTranslate codes a rung serving tag can
// write: both Portuguese codes for "pt", both Chinese scripts for "zh".
func libreVariants(tag string) []string {
	switch code := libreCode(tag); {
	case code == "pt" && api.Base(tag) == tag:
		return []string{"pt", "pb"}
	case code == "zh" && api.Base(tag) == tag:
		return []string{"zh", "zt"}
	default:
		return []string{code}
	}
}

// languageName is a tag's English name, or the tag itself when unknown.
func languageName(code string) string {
	t, err := language.Parse(code)
	if err != nil {
		return code
	}
	if n := display.English.Tags().Name(t); n != "" {
		return n
	}
	return code
}
