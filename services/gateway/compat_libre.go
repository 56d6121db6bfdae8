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
		s.log.Warn("libretranslate request failed", "code", ae.Code, "msg", ae.Message,
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

func (s *Server) handleLibreTranslate(c echo.Context) error {
	p, shapes, err := s.readCompatParams(c)
	if err != nil {
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
	for _, f := range []string{"source", "target"} {
		if strings.TrimSpace(p.get(f)) == "" {
			return api.FieldError(api.CodeInvalidLanguage, f, "Invalid request: missing %s parameter", f)
		}
	}
	if f := p.get("format"); f != "" && f != "text" && f != "html" {
		return api.FieldError(api.CodeInvalidArgument, "format", "%s format is not supported", f)
	}
	texts := p["q"]
	if len(texts) > maxCompatBatch {
		return api.Errorf(api.CodeInvalidArgument, "Invalid request: request (%d) exceeds text limit (%d)", len(texts), maxCompatBatch)
	}
	source := libreLanguage(p.get("source"))
	auto := strings.EqualFold(source, "auto")
	reqs := make([]pipeline.Request, len(texts))
	for i, q := range texts {
		reqs[i] = pipeline.Request{Text: q, Source: source, Target: libreLanguage(p.get("target"))}
	}
	views, err := s.translateAll(c, reqs)
	if err != nil {
		return err
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

// libreDetected reports the pipeline's detection of a view's source.
func libreDetected(v *api.View) LibreDetection {
	if v.Detection != nil {
		return LibreDetection{Confidence: percent(v.Detection.Confidence), Language: v.Detection.Language}
	}
	return LibreDetection{Confidence: 0, Language: v.SourceLanguage}
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
	if _, err := s.compatAuthorize(c, p.get("api_key")); err != nil {
		return err
	}
	if !p.has("q") {
		return api.Errorf(api.CodeInvalidArgument, "Invalid request: missing q parameter")
	}
	// LibreTranslate's /detect takes q as one string and answers one list,
	// with no per-text batch form to follow. Refuse an array and a
	// non-string rather than answer for the first element only, or for a
	// number's digits.
	if shapes.array("q") || !shapes.onlyStrings("q") {
		return api.FieldError(api.CodeInvalidArgument, "q", "Invalid request: q must be a string")
	}
	text, err := api.ValidateText("q", p.get("q"), s.cfg.MaxTextRunes)
	if err != nil {
		return err
	}
	res, err := s.detect.Detect(c.Request().Context(), api.DetectRequest{Text: text})
	if err != nil {
		return err
	}
	out := []LibreDetection{}
	if res.Language != api.Undetermined {
		out = append(out, LibreDetection{Confidence: percent(res.Confidence), Language: res.Language})
	}
	for _, a := range res.Alternatives {
		if a.Language != res.Language && a.Language != api.Undetermined {
			out = append(out, LibreDetection{Confidence: percent(a.Confidence), Language: a.Language})
		}
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
		// LibreTranslate's answer when nothing is recognised.
		out = append(out, LibreDetection{Confidence: 0, Language: "en"})
	}
	return c.JSON(http.StatusOK, out)
}

// handleLibreLanguages lists every language some rung serves, with the
// targets reachable from it: any pair among an LLM backend's languages,
// plus an engine's directed pairs. Like LibreTranslate's, it needs no key.
func (s *Server) handleLibreLanguages(c echo.Context) error {
	res, err := s.translate.Languages(c.Request().Context())
	if err != nil {
		return err
	}
	targets := map[string]map[string]bool{}
	add := func(src, tgt string) {
		if targets[src] == nil {
			targets[src] = map[string]bool{}
		}
		if tgt != "" && tgt != src {
			targets[src][tgt] = true
		}
	}
	for _, b := range res.Backends {
		for _, a := range b.Languages {
			add(a, "")
			for _, t := range b.Languages {
				add(a, t)
			}
		}
		for _, pr := range b.Pairs {
			add(pr.Source, pr.Target)
			add(pr.Target, "")
		}
	}
	out := make([]LibreLanguage, 0, len(targets))
	for code, ts := range targets {
		l := LibreLanguage{Code: code, Name: languageName(code), Targets: make([]string, 0, len(ts))}
		for t := range ts {
			l.Targets = append(l.Targets, t)
		}
		slices.Sort(l.Targets)
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b LibreLanguage) int { return strings.Compare(a.Code, b.Code) })
	return c.JSON(http.StatusOK, out)
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
