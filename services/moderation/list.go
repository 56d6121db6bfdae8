package moderation

import (
	"cmp"
	"context"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// List limits.
const (
	DefaultListLimit = 50
	MaxListLimit     = 500
)

// filter is a validated CaseListRequest.
type filter struct {
	// statuses are the statuses asked for (none: every one).
	statuses                         []string
	locale, category, tenant, holder string
	severity                         int
	minAge, maxAge                   time.Duration
	sort                             string
	limit, offset                    int
	preview                          int
	idsOnly                          bool
}

func parseFilter(req api.CaseListRequest) (filter, error) {
	f := filter{
		category: req.Category, tenant: req.Tenant, holder: req.Holder,
		sort: req.Sort, limit: req.Limit, offset: req.Offset, preview: req.Preview, idsOnly: req.IDsOnly,
	}
	if req.Status != "" {
		// Several statuses, comma-separated: a queue of what waits for a
		// moderator is "open,escalated".
		for st := range strings.SplitSeq(req.Status, ",") {
			switch st = strings.TrimSpace(st); st {
			case api.CaseOpen, api.CaseClaimed, api.CaseEscalated, api.CaseDecided:
				if !slices.Contains(f.statuses, st) {
					f.statuses = append(f.statuses, st)
				}
			default:
				return f, api.FieldError(api.CodeInvalidArgument, "status",
					"status must be %s, %s, %s or %s, or several of them separated by commas", api.CaseOpen, api.CaseClaimed, api.CaseEscalated, api.CaseDecided)
			}
		}
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
	if f.preview < 0 || f.preview > api.MaxTextRunes {
		return f, api.FieldError(api.CodeInvalidArgument, "preview", "preview must be 0 (whole texts) to %d characters", api.MaxTextRunes)
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
	case len(f.statuses) > 0 && !slices.Contains(f.statuses, c.Status),
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
	if f.idsOnly {
		out.IDs = []string{}
	}
	// A page ends at the limit, or before its JSON would pass the reply
	// budget: cases carry whole messages (up to 10,000 characters on each
	// side), and a page NATS cannot carry is no answer at all. The first
	// case of a page always goes in (a case fits in one message).
	size, i := listEnvelope, f.offset
	for end := min(len(found), f.offset+f.limit); i < end; i++ {
		if f.idsOnly {
			id := found[i].ID
			if size += len(id) + 3; size > s.cfg.MaxReplyBytes && i > f.offset {
				break
			}
			out.IDs = append(out.IDs, id)
			continue
		}
		sum := summary(found[i], f.preview)
		if size += summaryBytes(&sum); size > s.cfg.MaxReplyBytes && i > f.offset {
			break
		}
		out.Cases = append(out.Cases, sum)
	}
	if i < len(found) {
		out.NextOffset = i
	}
	return out, nil
}

// listEnvelope is the JSON of a page around its cases.
const listEnvelope = 128

// summaryBytes is the size of sum in a page (with the comma before it).
func summaryBytes(sum *api.CaseSummary) int {
	b, err := json.Marshal(sum)
	if err != nil {
		return math.MaxInt / 2
	}
	return len(b) + 1
}

// clip cuts s to n characters, marking the cut (n == 0: no cut).
func clip(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for range n {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i] + "…"
}

// summary is what a queue shows of a case, its texts cut to preview
// characters when preview > 0.
func summary(c *api.Case, preview int) api.CaseSummary {
	return api.CaseSummary{
		ID: c.ID, Status: c.Status, Tenant: c.Tenant, ConversationID: c.ConversationID, MessageID: c.MessageID,
		MessageRevision: c.MessageRevision, SourceLanguage: c.SourceLanguage, TargetLanguage: c.TargetLanguage,
		Original: clip(c.Original, preview), Translation: clip(c.Translation, preview), TranslationStatus: c.TranslationStatus,
		Categories: c.Categories, Severity: c.Severity, Escalated: c.Escalated, Claim: c.Claim,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
}
