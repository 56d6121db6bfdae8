package gateway

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/gopool"
	"github.com/parley-chat/parley/shared/pipeline"
)

// maxCompatBatch bounds the texts of one compatibility request (DeepL's own
// limit is 50 texts per request; LibreTranslate's is configurable).
const maxCompatBatch = 50

// compatWorkers bounds how many texts of one batch run through the
// pipeline at once, so a single batch cannot take every worker of the
// translate service.
const compatWorkers = 4

// compatParams holds the fields of a compatibility request, read the way
// the original servers read them: from a JSON object, or from form and
// query values. A JSON array becomes several values; a form repeats keys.
type compatParams map[string][]string

// get returns the first value of key, or "".
func (p compatParams) get(key string) string {
	if v := p[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// has reports whether key was sent at all.
func (p compatParams) has(key string) bool { _, ok := p[key]; return ok }

// fieldKind says how many values a compat field takes, and of what type.
type fieldKind uint8

const (
	// oneString takes one string.
	oneString fieldKind = iota
	// oneValue takes one value, which a JSON body may send as a boolean
	// or a number too (DeepL's "preserve_formatting": true).
	oneValue
	// manyStrings takes several strings: a repeated form key, a JSON array.
	manyStrings
)

// checkFields refuses, with a 400 naming the field, what the handler
// would not read as it was sent: a one-value field sent several times (a
// repeated form key) or as a JSON array, and a number or boolean where
// only strings go. Reading the first of several values would translate,
// bill or store something other than what the caller asked for, and say
// nothing. Fields not in spec are not read, and not checked.
func checkFields(p compatParams, shapes compatShapes, spec map[string]fieldKind) error {
	for _, k := range slices.Sorted(maps.Keys(p)) {
		kind, ok := spec[k]
		if !ok {
			continue
		}
		switch {
		case kind != manyStrings && shapes.array(k):
			return api.FieldError(api.CodeInvalidArgument, k, "field %q takes one value, not an array", k)
		case kind != manyStrings && len(p[k]) > 1:
			return api.FieldError(api.CodeInvalidArgument, k, "field %q takes one value; it was sent %d times", k, len(p[k]))
		case kind != oneValue && !shapes.onlyStrings(k):
			if kind == manyStrings {
				return api.FieldError(api.CodeInvalidArgument, k, "field %q must hold only strings", k)
			}
			return api.FieldError(api.CodeInvalidArgument, k, "field %q must be a string", k)
		}
	}
	return nil
}

// jsonShape says how one member of a JSON body arrived, for the handlers
// whose API gives a JSON array or a non-string a meaning of its own (or
// rejects it). Form values always have the zero shape: plain strings.
type jsonShape uint8

const (
	// shapeArray marks a JSON array.
	shapeArray jsonShape = 1 << iota
	// shapeNonString marks a member that held a number or a boolean (on
	// its own or in the array) rather than only strings.
	shapeNonString
)

// compatShapes holds the jsonShape of each member of a JSON body.
type compatShapes map[string]jsonShape

// array reports whether key arrived as a JSON array.
func (sh compatShapes) array(key string) bool { return sh[key]&shapeArray != 0 }

// onlyStrings reports whether key held only strings (always true for forms).
func (sh compatShapes) onlyStrings(key string) bool { return sh[key]&shapeNonString == 0 }

// readCompatParams parses a JSON body (Content-Type application/json) or
// form values (urlencoded or multipart, plus the query string). shapes
// records which JSON members arrived as arrays or held non-strings.
func (s *Server) readCompatParams(c echo.Context) (params compatParams, shapes compatShapes, err error) {
	req := c.Request()
	req.Body = http.MaxBytesReader(c.Response(), req.Body, s.cfg.MaxBodyBytes)
	mt, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	params, shapes = compatParams{}, compatShapes{}
	if mt == "" && req.Method == http.MethodPost {
		// Some clients post without a Content-Type: sniff JSON, else read
		// the body as urlencoded form values.
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, nil, bodyReadError(err, s.cfg.MaxBodyBytes)
		}
		if strings.HasPrefix(strings.TrimSpace(string(body)), "{") {
			mt = echo.MIMEApplicationJSON
		} else {
			mt = echo.MIMEApplicationForm
		}
		req.Header.Set(echo.HeaderContentType, mt)
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	if mt == echo.MIMEApplicationJSON {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, nil, bodyReadError(err, s.cfg.MaxBodyBytes)
		}
		if len(strings.TrimSpace(string(body))) == 0 {
			return params, shapes, nil
		}
		if !utf8.Valid(body) {
			return nil, nil, api.Errorf(api.CodeInvalidUTF8, "request body is not valid UTF-8")
		}
		if api.LoneSurrogate(body) {
			return nil, nil, api.Errorf(api.CodeInvalidUTF8, "request body escapes half of a UTF-16 surrogate pair (\\ud800-\\udfff on its own), which is no character")
		}
		// A member given twice would be last-wins in the map below: a
		// one-value field sent twice, read as one (see checkFields).
		// Keys are compared exactly, as the original servers read them.
		if err := refuseDuplicateKeys(body, false); err != nil {
			return nil, nil, err
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, nil, api.Errorf(api.CodeInvalidJSON, "request body is not a JSON object: %v", err)
		}
		for k, v := range raw {
			vals, shape, err := jsonValues(k, v)
			if err != nil {
				return nil, nil, err
			}
			if vals != nil {
				params[k], shapes[k] = vals, shape
			}
		}
		return params, shapes, nil
	}
	// ParseForm first and on its own: ParseMultipartForm calls it too, but
	// drops its error when the body is not multipart, and a body cut off at
	// the size limit or with a bad %-escape would then read as empty.
	if err := req.ParseForm(); err != nil {
		return nil, nil, formError(err, req.URL.RawQuery, s.cfg.MaxBodyBytes)
	}
	if mt == echo.MIMEMultipartForm {
		if err := req.ParseMultipartForm(s.cfg.MaxBodyBytes); err != nil {
			return nil, nil, bodyReadError(err, s.cfg.MaxBodyBytes)
		}
	}
	for k, v := range req.Form {
		for _, s := range v {
			if !utf8.ValidString(s) {
				return nil, nil, api.FieldError(api.CodeInvalidUTF8, k, "field %s is not valid UTF-8", api.Quote(k))
			}
		}
		params[k] = v
	}
	return params, shapes, nil
}

func bodyReadError(err error, limit int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || errors.Is(err, multipart.ErrMessageTooLarge) {
		return api.Errorf(api.CodeBodyTooLarge, "request body is over %d bytes", limit)
	}
	return api.Errorf(api.CodeInvalidArgument, "could not read the request body: %v", err)
}

// formError explains a ParseForm failure: a body over the limit, a bad
// query string, or else a malformed urlencoded body (a bad %-escape, a ';'
// separator). ParseForm reports one error for body and query alike, so the
// query is parsed again to tell which one it was.
func formError(err error, rawQuery string, limit int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return bodyReadError(err, limit)
	}
	if _, qerr := url.ParseQuery(rawQuery); qerr != nil {
		return api.Errorf(api.CodeInvalidArgument, "malformed query string: %v", qerr)
	}
	return api.Errorf(api.CodeInvalidArgument, "malformed form body: %v", err)
}

// jsonValues turns one JSON member into string values: strings, numbers
// and booleans as their text, arrays of those as several values, null as
// absent. shape records an array and any number or boolean, so a handler
// can refuse them where its API expects text.
func jsonValues(key string, raw json.RawMessage) (vals []string, shape jsonShape, err error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, 0, api.FieldError(api.CodeInvalidJSON, key, "field %s: %v", api.Quote(key), err)
	}
	scalar := func(v any) (string, bool) {
		switch x := v.(type) {
		case string:
			return x, true
		case float64:
			shape |= shapeNonString
			return strconv.FormatFloat(x, 'f', -1, 64), true
		case bool:
			shape |= shapeNonString
			return strconv.FormatBool(x), true
		}
		return "", false
	}
	switch x := v.(type) {
	case nil:
		return nil, 0, nil
	case []any:
		shape |= shapeArray
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := scalar(e)
			if !ok {
				return nil, 0, api.FieldError(api.CodeInvalidJSON, key, "field %s must hold strings", api.Quote(key))
			}
			out = append(out, s)
		}
		return out, shape, nil
	default:
		s, ok := scalar(x)
		if !ok {
			return nil, 0, api.FieldError(api.CodeInvalidJSON, key, "field %s must be a string or an array of strings", api.Quote(key))
		}
		return []string{s}, shape, nil
	}
}

// compatAPI names the compatible API a request path belongs to ("" for
// Parley's own routes): LibreTranslate's endpoints, served or not, and
// everything under DeepL's /v2. Errors raised before a compat handler runs
// (no such route, wrong method, a bad key in the authenticate middleware)
// are rendered by that API's rules, so its clients can always parse them.
func compatAPI(path string) string {
	switch path {
	case "/translate", "/detect", "/languages", "/health", "/translate_file", "/suggest", "/frontend/settings":
		return compatLibre
	}
	if path == "/v2" || strings.HasPrefix(path, "/v2/") {
		return compatDeepL
	}
	return ""
}

// The compatible APIs compatAPI tells apart.
const (
	compatLibre = "libretranslate"
	compatDeepL = "deepl"
)

// compatError renders err in the shape of the compatible API that c's
// path belongs to, and reports false for Parley's own routes. The
// gateway's error handler calls it first.
func (s *Server) compatError(err error, c echo.Context) bool {
	which := compatAPI(c.Request().URL.Path)
	if which == "" {
		return false
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		err = fromEchoError(he)
	}
	if ae := api.AsError(err); ae.Code == api.CodeUnauthorized && presentedKey(c) != "" {
		// The authenticate middleware calls a presented but unknown key
		// unauthorized; the compat APIs answer that as a wrong key, not a
		// missing one.
		err = &api.Error{Code: api.CodeForbidden, Message: ae.Message}
	}
	var werr error
	if which == compatLibre {
		werr = s.libreError(c, err)
	} else {
		werr = s.deeplError(c, err)
	}
	if werr != nil {
		s.log.Warn("write error response", "err", werr)
	}
	return true
}

// compatAuthorize authenticates a compatibility caller by a key taken from
// the body or a compat header, with the same rule as requireRole(RoleClient):
// open when no keys are configured (and GATEWAY_REQUIRE_KEYS is off).
// A missing key is CodeUnauthorized, a wrong one CodeForbidden (paced as
// a wrong header key is: failedKey), so each compat API can answer with
// its own status for the two. A key found here takes its slot of
// GATEWAY_MAX_IN_FLIGHT_PER_KEY (holdKeySlot), as a header key does
// before the handler runs.
func (s *Server) compatAuthorize(c echo.Context, key string) (*Principal, error) {
	if p := PrincipalFrom(c.Request().Context()); p != nil {
		return p, nil
	}
	if key == "" {
		if s.keys.Empty() && !s.cfg.RequireKeys {
			return nil, nil
		}
		return nil, api.Errorf(api.CodeUnauthorized, "an API key is required")
	}
	p := s.keys.Lookup(key)
	if p == nil {
		via := "api_key"
		if compatAPI(c.Request().URL.Path) == compatDeepL {
			via = "auth_key"
		}
		return nil, s.failedKey(c, api.CodeForbidden, via)
	}
	// From here on the key counts as the request's caller (tenant, usage),
	// as a header key would, and its rate limit applies.
	if err := s.admit(c, p); err != nil {
		return nil, err
	}
	if err := s.holdKeySlot(c, p); err != nil {
		return nil, err
	}
	return p, nil
}

// HeaderSafety lists, on a compat translate answer where the tenant's
// safety policy masked or hid a text, what it did to each text in input
// order ("mask, allow, hide"), in the words of message views'
// safety.action. It is left out when every text was served as translated.
const HeaderSafety = "Parley-Safety"

// compatServed is what a compat answer serves of a view. A compat API has
// no field for the safety report /v1/translate returns, so its caller is
// served what a chat reader of the same tenant is served of the text
// (messages.Renderer with its default MESSAGES_FLAGGED=hide): the masked
// text when the policy masks, nothing when it flags (the view went to the
// moderators, who may correct it), the text as translated otherwise. A
// view the safety check could not run on (degraded) is served as is, as
// message views serve it. action is the message views' word for what was
// done (api.SafetyAllow, SafetyMask or SafetyHide).
//
// Moderators' approvals and hides are recorded per chat message, and a
// compat text is not one, so they do not apply here; corrections do, as
// on /v1/translate (the translate service serves them, and they are
// checked again). A correction is a person's rendering of the unsafe
// source: see correctionCleared for when its flag holds it back.
func compatServed(v *api.View) (text, action string) {
	if v.Safety == nil || v.Safety.Policy == nil {
		return v.Text, api.SafetyAllow
	}
	p := v.Safety.Policy
	switch {
	case p.Action == api.PolicyFlag && !correctionCleared(v):
		return "", api.SafetyHide
	case p.Masked != "":
		return p.Masked, api.SafetyMask
	case p.Action == api.PolicyMask:
		// An empty Masked means no span to mask was found in the served
		// text: message views then hide it (never serve it unmasked,
		// labelled masked), and so does this.
		return "", api.SafetyHide
	}
	return v.Text, api.SafetyAllow
}

// correctionCleared reports whether a flagged view serves a moderator's
// correction (the translate service's override, as message views tell it:
// messages servesCorrection) that the policy flags for laundering only. A
// clean correction of an unsafe source is always "laundered", so that flag
// would withhold every such correction for good, although a person wrote
// it to replace the unsafe text; message views serve it too. A correction
// flagged for its own content (a harm category of its own, or harm the
// source did not have) is still withheld. Spans the policy masks in it are
// masked by the caller.
func correctionCleared(v *api.View) bool {
	p := v.Safety.Policy
	return v.Status == api.StatusTranslated && v.Cache == api.CacheOverride &&
		slices.Equal(p.FlaggedBy, []string{api.FlagLaundered})
}

// compatTexts applies compatServed to every view of a batch and reports
// the actions in HeaderSafety when any text was masked or hidden.
func compatTexts(c echo.Context, views []*api.View) []string {
	texts := make([]string, len(views))
	actions := make([]string, len(views))
	acted := false
	for i, v := range views {
		texts[i], actions[i] = compatServed(v)
		acted = acted || actions[i] != api.SafetyAllow
	}
	if acted {
		c.Response().Header().Set(HeaderSafety, strings.Join(actions, ", "))
	}
	return texts
}

// translateAll runs each text through the same pipeline as /v1/translate
// (detect, glossary, translate chain, quality, safety), a few at a time,
// and returns the views in input order. Every request is validated before
// any work starts, so one bad text fails the batch at once. The caller's
// tenant is set on every request. The batch must fit in the caller's
// monthly quota; once it succeeded, the texts that came back translated
// count against it (billedChars).
func (s *Server) translateAll(c echo.Context, reqs []pipeline.Request) ([]*api.View, error) {
	ctx := c.Request().Context()
	valid := make([]pipeline.Request, len(reqs))
	var chars int64
	for i, r := range reqs {
		r.Tenant = s.tenant(c)
		chars += int64(utf8.RuneCountInString(r.Text))
		v, err := s.pipeline.Validate(r)
		if err != nil {
			return nil, err
		}
		if err := s.langs.check(ctx, v.Source, v.Target); err != nil {
			return nil, err
		}
		valid[i] = v
	}
	count, err := s.quotaCheck(c, chars)
	if err != nil {
		return nil, err
	}
	views := make([]*api.View, len(valid))
	errs := make([]error, len(valid))
	sem := make(chan struct{}, compatWorkers)
	var wg gopool.Group
	for i, r := range valid {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			views[i], errs[i] = s.pipeline.Run(ctx, r)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var billed int64
	for i, v := range views {
		billed += billedChars(v, reqs[i].Text)
	}
	count(billed)
	return views, nil
}

// billedChars is what serving view v of text costs: text's code points
// (as DeepL counts characters) when v came back translated, nothing when
// it is the text as it was (status original: already in the target
// language, nothing to translate, or no rung could translate it), as
// message views count. A translation the safety policy masked or withheld
// was translated, and counts.
func billedChars(v *api.View, text string) int64 {
	if v == nil || v.Status != api.StatusTranslated {
		return 0
	}
	return int64(utf8.RuneCountInString(text))
}
