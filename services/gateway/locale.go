package gateway

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// HeaderLocaleMatch reports how the negotiated locale was chosen: the
// matcher's confidence ("exact", "high", "low") followed by what the
// caller asked for, e.g. `high; requested="zh-TW"`.
const HeaderLocaleMatch = "Parley-Locale-Match"

// localeVariants are the regional and script variants offered for a
// supported base language, so that a reader's locale keeps its variety
// (pt-PT stays European Portuguese, zh-TW becomes Traditional Chinese,
// es-MX becomes Latin American Spanish). The first entry is what a bare
// base tag prefers.
var localeVariants = map[string][]string{
	"en": {"en", "en-US", "en-GB"},
	"es": {"es", "es-419"},
	"fr": {"fr", "fr-CA"},
	"pt": {"pt", "pt-BR", "pt-PT"},
	"sr": {"sr-Cyrl", "sr-Latn"},
	"zh": {"zh-Hans", "zh-Hant"},
}

// supportedLocales expands the target languages some rung serves into the
// locales a reader can be matched to, in a stable order.
func supportedLocales(targets map[string]bool) []language.Tag {
	bases := make([]string, 0, len(targets))
	for b := range targets {
		bases = append(bases, b)
	}
	slices.Sort(bases)
	var out []language.Tag
	for _, b := range bases {
		variants, ok := localeVariants[b]
		if !ok {
			variants = []string{b}
		}
		for _, v := range variants {
			if t, err := language.Parse(v); err == nil {
				out = append(out, t)
			}
		}
	}
	return out
}

// localeCache keeps the Matcher for the current target set: building one
// costs about a hundred microseconds, matching against it a few.
type localeCache struct {
	mu        sync.Mutex
	key       string
	supported []language.Tag
	matcher   language.Matcher
}

func (lc *localeCache) get(targets map[string]bool) ([]language.Tag, language.Matcher) {
	bases := make([]string, 0, len(targets))
	for b := range targets {
		bases = append(bases, b)
	}
	slices.Sort(bases)
	key := strings.Join(bases, ",")
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.matcher == nil || lc.key != key {
		supported := supportedLocales(targets)
		lc.key, lc.supported, lc.matcher = key, supported, language.NewMatcher(supported)
	}
	return lc.supported, lc.matcher
}

// LocaleMatch is the outcome of locale negotiation.
type LocaleMatch struct {
	// Tag is the chosen supported locale.
	Tag language.Tag
	// Confidence is how well it fits what was asked for.
	Confidence language.Confidence
	// Requested is the entry of what the caller sent (the locale
	// parameter, else Accept-Language) that matched, as a tag: never the
	// raw header, which may run to kilobytes and is echoed in a response
	// header (Parley-Locale-Match).
	Requested string
}

// negotiateLocale matches an explicit locale (which wins) or an
// Accept-Language header against the supported locales with x/text's
// Matcher, which knows that pt-PT is closer to pt than to pt-BR, that
// zh-TW means Traditional script and that es-MX belongs to es-419. No
// match in a language the reader asked for is a 422 naming what is
// supported (matchLocale), and so is a well-formed tag of no known
// language ("xx"); a malformed one, or one that is no valid BCP 47 tag
// ("es-ES_tradnl": a known language with an unregistered variant), is a
// 400, as api.ParseLanguage decides.
// m may be nil, and is then built from supported.
func negotiateLocale(supported []language.Tag, m language.Matcher, locale, acceptLanguage string) (LocaleMatch, error) {
	requested := strings.TrimSpace(locale)
	field := "locale"
	if requested == "" {
		requested, field = strings.TrimSpace(acceptLanguage), "Accept-Language"
	}
	if requested == "" {
		return LocaleMatch{}, api.FieldError(api.CodeInvalidLanguage, "target", "target is required (or send a locale parameter or Accept-Language)")
	}
	var wanted []language.Tag
	unsupported := func() error {
		names := make([]string, len(supported))
		for i, t := range supported {
			names[i] = t.String()
		}
		return api.FieldError(api.CodeUnsupportedLanguage, field,
			"no supported locale matches %s; supported: %s", api.Quote(requested), strings.Join(names, ", "))
	}
	if field == "locale" {
		if _, err := api.ParseLanguage("locale", requested); err != nil {
			if api.AsError(err).Code == api.CodeUnsupportedLanguage {
				return LocaleMatch{}, unsupported()
			}
			return LocaleMatch{}, err
		}
		wanted = parseAccept(requested)
	} else {
		var usable, unknown bool
		wanted, usable, unknown = parseAcceptLanguage(requested)
		switch {
		case !usable:
			return LocaleMatch{}, api.FieldError(api.CodeInvalidLanguage, field, "Accept-Language %s is malformed", api.Quote(requested))
		case len(wanted) == 0 && unknown:
			// Only languages no registry knows ("xx"): well-formed,
			// and not supported.
			return LocaleMatch{}, unsupported()
		case len(wanted) == 0:
			// Only "*" (or only q=0): the reader takes any language,
			// which names no target.
			return LocaleMatch{}, errNoLanguage
		}
	}
	if len(supported) == 0 {
		return LocaleMatch{}, api.Errorf(api.CodeUnavailable, "the supported languages are unknown right now")
	}
	if m == nil {
		m = language.NewMatcher(supported)
	}
	tag, conf, matched, ok := matchLocale(supported, m, wanted)
	if !ok {
		return LocaleMatch{}, unsupported()
	}
	return LocaleMatch{Tag: tag, Confidence: conf, Requested: matched.String()}, nil
}

// matchLocale takes the wanted tags best first and returns the supported
// locale of the first one that has a match in its own language: a region
// or script of it (es-MX gets es-419, zh-TW zh-Hant, de-CH de) or the same
// language under another code (cmn is zh, no is nb). x/text's Matcher also
// answers with a neighbouring language, confidently (High): Swahili,
// Klingon, Esperanto, Irish and Zulu readers get English, Malay readers
// Indonesian, Galician readers Spanish. That is not what the reader asked
// for, so such a match is passed over: the next entry of Accept-Language
// is tried, and with none left the request is refused (422), as the docs
// promise. A reader who does read a neighbour says so in Accept-Language.
// It also returns the wanted tag that matched.
func matchLocale(supported []language.Tag, m language.Matcher, wanted []language.Tag) (language.Tag, language.Confidence, language.Tag, bool) {
	for _, w := range wanted {
		_, idx, conf := m.Match(w)
		if conf == language.No {
			continue
		}
		if conf == language.Exact || api.SameLanguage(w, supported[idx]) {
			return supported[idx], conf, w, true
		}
	}
	return language.Und, language.No, language.Und, false
}

// errNoLanguage is an Accept-Language header that accepts any language
// ("*") and so names none: the request is answered as if it had sent no
// header, each route with its own "required" error (target, locale).
var errNoLanguage = api.FieldError(api.CodeInvalidLanguage, "Accept-Language", "Accept-Language names no language")

// parseAcceptLanguage reads an Accept-Language header leniently
// (api.ParseAcceptLanguage), without the weights.
func parseAcceptLanguage(header string) (tags []language.Tag, usable, unknown bool) {
	tags, _, usable, unknown = api.ParseAcceptLanguage(header)
	return tags, usable, unknown
}

// parseAccept reads a single tag or an Accept-Language list, best first.
func parseAccept(s string) []language.Tag {
	tags, _, err := language.ParseAcceptLanguage(s)
	if err != nil || len(tags) == 0 {
		if t, err := language.Parse(s); err == nil {
			return []language.Tag{t}
		}
	}
	return tags
}

// negotiateTarget picks the target locale for a request that named none,
// from its locale (query parameter or body field) or Accept-Language, and
// reports the choice in Content-Language and Parley-Locale-Match. With
// neither it returns "" and no error.
func (s *Server) negotiateTarget(c echo.Context, locale string) (string, error) {
	if locale == "" {
		locale = c.QueryParam("locale")
	}
	if strings.TrimSpace(locale) == "" {
		// Accept-Language picks the answer's language (or, absent, makes
		// it an error): a shared cache must not serve one reader's answer
		// to another who asked for another language.
		addVary(c.Response().Header(), "Accept-Language")
	}
	accept := c.Request().Header.Get("Accept-Language")
	if strings.TrimSpace(locale) == "" && strings.TrimSpace(accept) == "" {
		// Nothing to negotiate: validation reports the missing target.
		return "", nil
	}
	_, targets, ok := s.langs.load(c.Request().Context())
	if !ok {
		return "", api.Errorf(api.CodeUnavailable, "the translate service did not say which languages it serves")
	}
	supported, matcher := s.locales.get(targets)
	m, err := negotiateLocale(supported, matcher, locale, accept)
	if errors.Is(err, errNoLanguage) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	h := c.Response().Header()
	h.Set("Content-Language", m.Tag.String())
	// The matched entry alone (a tag: no quote, no control character),
	// not the header the client sent, which is bounded only by the
	// server's header limit.
	h.Set(HeaderLocaleMatch, strings.ToLower(m.Confidence.String())+`; requested="`+m.Requested+`"`)
	return m.Tag.String(), nil
}

// addVary adds a request header's name to Vary, once.
func addVary(h http.Header, name string) {
	for _, v := range h.Values(echo.HeaderVary) {
		for _, f := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), name) {
				return
			}
		}
	}
	h.Add(echo.HeaderVary, name)
}
