package moderation

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

// List limits.
const (
	DefaultListLimit = 50
	MaxListLimit     = 500
)

// filter is a validated CaseListRequest.
type filter struct {
	status, locale, category, tenant, holder string
	severity                                 int
	minAge, maxAge                           time.Duration
	sort                                     string
	limit, offset                            int
}

func parseFilter(req api.CaseListRequest) (filter, error) {
	f := filter{
		status: req.Status, category: req.Category, tenant: req.Tenant, holder: req.Holder,
		sort: req.Sort, limit: req.Limit, offset: req.Offset,
	}
	switch f.status {
	case "", api.CaseOpen, api.CaseClaimed, api.CaseEscalated, api.CaseDecided:
	default:
		return f, api.FieldError(api.CodeInvalidArgument, "status", "status must be %s, %s, %s or %s", api.CaseOpen, api.CaseClaimed, api.CaseEscalated, api.CaseDecided)
	}
	if req.Locale != "" {
		tag, err := api.ParseLanguage("locale", req.Locale)
		if err != nil {
			return f, err
		}
		f.locale = tag.String()
	}
	if req.Severity != "" {
		f.severity = api.SeverityRank(req.Severity)
		if f.severity == 0 {
			return f, api.FieldError(api.CodeInvalidArgument, "severity", "severity must be %s, %s or %s", api.SeverityLow, api.SeverityMedium, api.SeverityHigh)
		}
	}
	for _, a := range []struct {
		field, v string
		out      *time.Duration
	}{{"min_age", req.MinAge, &f.minAge}, {"max_age", req.MaxAge, &f.maxAge}} {
		if a.v == "" {
			continue
		}
		d, err := time.ParseDuration(a.v)
		if err != nil || d < 0 {
			return f, api.FieldError(api.CodeInvalidArgument, a.field, "%s must be a non-negative duration like \"30m\" or \"24h\"", a.field)
		}
		*a.out = d
	}
	if f.maxAge > 0 && f.minAge > f.maxAge {
		return f, api.FieldError(api.CodeInvalidArgument, "min_age", "min_age is larger than max_age")
	}
	switch f.sort {
	case "":
		f.sort = api.SortOldest
	case api.SortOldest, api.SortNewest, api.SortSeverity:
	default:
		return f, api.FieldError(api.CodeInvalidArgument, "sort", "sort must be %s, %s or %s", api.SortOldest, api.SortNewest, api.SortSeverity)
	}
	switch {
	case f.limit < 0 || f.limit > MaxListLimit:
		return f, api.FieldError(api.CodeInvalidArgument, "limit", "limit must be between 1 and %d", MaxListLimit)
	case f.limit == 0:
		f.limit = DefaultListLimit
	}
	if f.offset < 0 {
		return f, api.FieldError(api.CodeInvalidArgument, "offset", "offset must not be negative")
	}
	return f, nil
}

// matchLocale reports whether tag is locale or a more specific tag of it
// ("pt" matches "pt-BR"; "pt-BR" matches only itself).
func matchLocale(tag, locale string) bool {
	return strings.EqualFold(tag, locale) || (len(tag) > len(locale) && strings.EqualFold(tag[:len(locale)], locale) && tag[len(locale)] == '-')
}

// match reports whether c (with lapsed claims already released) passes f.
func (f *filter) match(c *api.Case, now time.Time) bool {
	age := now.Sub(c.CreatedAt)
	switch {
	case f.status != "" && c.Status != f.status,
		f.tenant != "" && c.Tenant != f.tenant,
		f.holder != "" && (c.Claim == nil || c.Claim.Holder != f.holder),
		f.category != "" && !slices.Contains(c.Categories, f.category),
		f.severity > 0 && api.SeverityRank(c.Severity) < f.severity,
		f.locale != "" && !matchLocale(c.SourceLanguage, f.locale) && !matchLocale(c.TargetLanguage, f.locale),
		f.minAge > 0 && age < f.minAge,
		f.maxAge > 0 && age > f.maxAge:
		return false
	}
	return true
}

// List lists the cases that match every filter of req, a page at a time.
func (s *Service) List(_ context.Context, req api.CaseListRequest) (*api.CaseListResponse, error) {
	f, err := parseFilter(req)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var found []*api.Case
	for _, c := range s.cfg.Store.Cases() {
		if c.Status == api.CaseClaimed && c.Claim != nil && !now.Before(c.Claim.ExpiresAt) {
			cp := *c // the store's copy is shared: release on a copy
			c = &cp
			expire(c, now)
		}
		if f.match(c, now) {
			found = append(found, c)
		}
	}
	byAge := func(a, b *api.Case) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID) // a stable order for paging
	}
	switch f.sort {
	case api.SortOldest:
		slices.SortFunc(found, byAge)
	case api.SortNewest:
		slices.SortFunc(found, func(a, b *api.Case) int { return byAge(b, a) })
	case api.SortSeverity:
		slices.SortFunc(found, func(a, b *api.Case) int {
			if c := cmp.Compare(api.SeverityRank(b.Severity), api.SeverityRank(a.Severity)); c != 0 {
				return c
			}
			return byAge(a, b)
		})
	}
	out := &api.CaseListResponse{Cases: []api.CaseSummary{}, Total: len(found)}
	if f.offset < len(found) {
		for _, c := range found[f.offset:min(len(found), f.offset+f.limit)] {
			out.Cases = append(out.Cases, summary(c))
		}
	}
	return out, nil
}

// summary is what a queue shows of a case.
func summary(c *api.Case) api.CaseSummary {
	return api.CaseSummary{
		ID: c.ID, Status: c.Status, Tenant: c.Tenant, ConversationID: c.ConversationID, MessageID: c.MessageID,
		SourceLanguage: c.SourceLanguage, TargetLanguage: c.TargetLanguage, Original: c.Original, Translation: c.Translation,
		Categories: c.Categories, Severity: c.Severity, Escalated: c.Escalated, Claim: c.Claim,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
}
