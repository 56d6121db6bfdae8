package gateway

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
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

// readCompatParams parses a JSON body (Content-Type application/json) or
// form values (urlencoded or multipart, plus the query string). arrays
// records which keys arrived as JSON arrays.
func (s *Server) readCompatParams(c echo.Context) (params compatParams, arrays map[string]bool, err error) {
	req := c.Request()
	req.Body = http.MaxBytesReader(c.Response(), req.Body, s.cfg.MaxBodyBytes)
	mt, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	params, arrays = compatParams{}, map[string]bool{}
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
			return params, arrays, nil
		}
		if !utf8.Valid(body) {
			return nil, nil, api.Errorf(api.CodeInvalidUTF8, "request body is not valid UTF-8")
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, nil, api.Errorf(api.CodeInvalidJSON, "request body is not a JSON object: %v", err)
		}
		for k, v := range raw {
			vals, isArray, err := jsonValues(k, v)
			if err != nil {
				return nil, nil, err
			}
			if vals != nil {
				params[k], arrays[k] = vals, isArray
			}
		}
		return params, arrays, nil
	}
	// ParseMultipartForm also parses urlencoded bodies and the query.
	if err := req.ParseMultipartForm(s.cfg.MaxBodyBytes); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return nil, nil, bodyReadError(err, s.cfg.MaxBodyBytes)
	}
	for k, v := range req.Form {
		for _, s := range v {
			if !utf8.ValidString(s) {
				return nil, nil, api.FieldError(api.CodeInvalidUTF8, k, "field %q is not valid UTF-8", k)
			}
		}
		params[k] = v
	}
	return params, arrays, nil
}

func bodyReadError(err error, limit int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return api.Errorf(api.CodeBodyTooLarge, "request body is over %d bytes", limit)
	}
	return api.Errorf(api.CodeInvalidArgument, "could not read the request body: %v", err)
}

// jsonValues turns one JSON member into string values: strings, numbers
// and booleans as their text, arrays of those as several values, null as
// absent.
func jsonValues(key string, raw json.RawMessage) (vals []string, isArray bool, err error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, false, api.FieldError(api.CodeInvalidJSON, key, "field %q: %v", key, err)
	}
	scalar := func(v any) (string, bool) {
		switch x := v.(type) {
		case string:
			return x, true
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64), true
		case bool:
			return strconv.FormatBool(x), true
		}
		return "", false
	}
	switch x := v.(type) {
	case nil:
		return nil, false, nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := scalar(e)
			if !ok {
				return nil, false, api.FieldError(api.CodeInvalidJSON, key, "field %q must hold strings", key)
			}
			out = append(out, s)
		}
		return out, true, nil
	default:
		s, ok := scalar(x)
		if !ok {
			return nil, false, api.FieldError(api.CodeInvalidJSON, key, "field %q must be a string or an array of strings", key)
		}
		return []string{s}, false, nil
	}
}

// compatAuthorize authenticates a compatibility caller by a key taken from
// the body or a compat header, with the same rule as requireRole(RoleClient):
// open when no keys are configured (and GATEWAY_REQUIRE_KEYS is off).
// A missing key is CodeUnauthorized, a wrong one CodeForbidden, so each
// compat API can answer with its own status for the two.
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
		return nil, api.Errorf(api.CodeForbidden, "the API key is not valid")
	}
	// From here on the key counts as the request's caller (tenant, usage),
	// as a header key would, and its rate limit applies.
	if err := s.admit(c, p); err != nil {
		return nil, err
	}
	return p, nil
}

// translateAll runs each text through the same pipeline as /v1/translate
// (detect, glossary, translate chain, quality, safety), a few at a time,
// and returns the views in input order. Every request is validated before
// any work starts, so one bad text fails the batch at once. The caller's
// tenant is set on every request, and the batch's characters count
// against the caller's monthly quota once it succeeded.
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
	counted, err := s.quota(c, chars)
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
	counted()
	return views, nil
}
