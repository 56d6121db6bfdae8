package moderation

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

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
	statuses                 []string
	category, tenant, holder string
	// action is the CasePolicyAction asked for ("": any).
	action string
	// locale is the locale asked for (language.Und: any), for matchLocale.
	locale         language.Tag
	severity       int
	minAge, maxAge time.Duration
	sort           string
	limit, offset  int
	// after and before are the decoded cursors (nil: none).
	after, before *cursor
	preview       int
	idsOnly       bool
}

func parseFilter(req api.CaseListRequest) (filter, error) {
	f := filter{
		category: req.Category, action: req.Action, tenant: req.Tenant, holder: req.Holder,
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
	// A category or action no case can carry would list nothing,
	// silently, as if the queue were empty.
	if f.category != "" && !slices.Contains(api.Categories, f.category) {
		return f, api.FieldError(api.CodeInvalidArgument, "category", "category %s is not a safety category; want one of %s",
			api.Quote(f.category), strings.Join(api.Categories, ", "))
	}
	switch f.action {
	case "", api.PolicyReview, api.PolicyFlag:
	default:
		return f, api.FieldError(api.CodeInvalidArgument, "action", "action must be %s (visible to readers, opened for review) or %s (withheld or masked until decided)",
			api.PolicyReview, api.PolicyFlag)
	}
	if req.Locale != "" {
		tag, err := api.ParseLanguage("locale", req.Locale)
		if err != nil {
			return f, err
		}
		// A private-use tag (x-foo) parses but names no language: as a
		// filter it would match nothing, silently.
		if b, _ := tag.Base(); b.String() == "und" {
			return f, api.FieldError(api.CodeInvalidLanguage, "locale", "%s names no language", api.Quote(req.Locale))
		}
		f.locale = tag
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
	set := 0
	for _, v := range []bool{req.After != "", req.Before != "", f.offset > 0} {
		if v {
			set++
		}
	}
	if set > 1 {
		return f, api.FieldError(api.CodeInvalidArgument, "after", "send one of after, before and offset: after and before are cursors of a page, offset a count of cases to skip")
	}
	var err error
	if f.after, err = parseCursor("after", req.After, f.sort); err != nil {
		return f, err
	}
	if f.before, err = parseCursor("before", req.Before, f.sort); err != nil {
		return f, err
	}
	if f.preview < 0 || f.preview > api.MaxTextRunes {
		return f, api.FieldError(api.CodeInvalidArgument, "preview", "preview must be 0 (whole texts) to %d characters", api.MaxTextRunes)
	}
	return f, nil
}

// matchLocale reports whether a case's language tag is in the filter's
// locale: the same base language ("pt" matches "pt-BR", "iw" "he"); a
// filter with a script or region is read in its script ("zh-TW" is
// Traditional Chinese, matching "zh-Hant", not "zh-Hans"; "sr" alone
// matches "sr-Latn" too); and a region narrows the match only against a
// tag that has one ("he-IL" matches "he", "pt-BR" does not match "pt-PT").
func matchLocale(tag string, locale language.Tag) bool {
	t, err := api.ParseTag(tag)
	if err != nil || !api.SameLanguage(t, locale) {
		return false
	}
	ls, sconf := locale.Script()
	lr, rconf := locale.Region()
	if sconf == language.Exact || rconf == language.Exact {
		if ts, _ := t.Script(); ts != ls {
			return false
		}
	}
	if rconf == language.Exact {
		if tr, conf := t.Region(); conf == language.Exact {
			return tr == lr
		}
	}
	return true
}

// match reports whether c (with lapsed claims already released) passes f.
func (f *filter) match(c *api.Case, now time.Time) bool {
	age := now.Sub(c.CreatedAt)
	switch {
	case len(f.statuses) > 0 && !slices.Contains(f.statuses, c.Status),
		f.tenant != "" && c.Tenant != f.tenant,
		f.holder != "" && (c.Claim == nil || c.Claim.Holder != f.holder),
		f.category != "" && !slices.Contains(c.Categories, f.category),
		f.action != "" && api.CasePolicyAction(c.Safety) != f.action,
		f.severity > 0 && api.SeverityRank(c.Severity) < f.severity,
		f.locale != language.Und && !matchLocale(c.SourceLanguage, f.locale) && !matchLocale(c.TargetLanguage, f.locale),
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
	order := compareFor(f.sort)
	slices.SortFunc(found, func(a, b *api.Case) int { return order(keyOf(a), keyOf(b)) })
	out := &api.CaseListResponse{Cases: []api.CaseSummary{}, Total: len(found)}
	if f.idsOnly {
		out.IDs = []string{}
	}
	// The page is found[first:last]. A cursor names a place in the sort
	// order, not a count: the cases after it are the same whether or not
	// cases before it left the filter meanwhile.
	//
	// A page ends at the limit, or before its JSON would pass the reply
	// budget: cases carry whole messages (up to 10,000 characters on each
	// side), and a page NATS cannot carry is no answer at all. The first
	// case of a page always goes in (a case fits in one message).
	size := listEnvelope
	sums := map[int]api.CaseSummary{} // the page's summaries, by index
	fits := func(i int, firstOfPage bool) bool {
		if f.idsOnly {
			size += len(found[i].ID) + 3
		} else {
			sum := summary(found[i], f.preview)
			size += summaryBytes(&sum)
			sums[i] = sum
		}
		return size <= s.cfg.MaxReplyBytes || firstOfPage
	}
	var first, last int
	switch {
	case f.before != nil:
		// Backwards from the cursor: the cases just before it, as many
		// as the limit and the budget take, listed in the sort order.
		last, _ = slices.BinarySearchFunc(found, *f.before, func(c *api.Case, k cursor) int { return order(keyOf(c), k) })
		first = last
		for first > 0 && last-first < f.limit && fits(first-1, first == last) {
			first--
		}
	default:
		first = min(f.offset, len(found))
		if f.after != nil {
			first = searchAfter(found, *f.after, order)
		}
		last = first
		for last < min(len(found), first+f.limit) && fits(last, last == first) {
			last++
		}
	}
	for i := first; i < last; i++ {
		if f.idsOnly {
			out.IDs = append(out.IDs, found[i].ID)
		} else {
			out.Cases = append(out.Cases, sums[i])
		}
	}
	if last < len(found) {
		if f.after == nil && f.before == nil {
			out.NextOffset = last
		}
		if last > first {
			out.NextAfter = keyOf(found[last-1]).encode(f.sort)
		}
	}
	if first > 0 && last > first {
		out.PrevBefore = keyOf(found[first]).encode(f.sort)
	}
	return out, nil
}

// cursor is a case's place in a sort order: what a page cursor (After,
// Before) names. Severity and creation time never change, so a case keeps
// its place for as long as it exists.
type cursor struct {
	rank int
	at   time.Time
	id   string
}

func keyOf(c *api.Case) cursor {
	return cursor{rank: api.SeverityRank(c.Severity), at: c.CreatedAt, id: c.ID}
}

// compareFor is the order of a sort: oldest first, newest first, or worst
// first then oldest; the id breaks ties, so that the order is total and a
// cursor names one place.
func compareFor(sort string) func(a, b cursor) int {
	byAge := func(a, b cursor) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	}
	switch sort {
	case api.SortNewest:
		return func(a, b cursor) int { return byAge(b, a) }
	case api.SortSeverity:
		return func(a, b cursor) int {
			if c := cmp.Compare(b.rank, a.rank); c != 0 {
				return c
			}
			return byAge(a, b)
		}
	}
	return byAge
}

// searchAfter is the index of the first case of sorted that comes after
// k in order.
func searchAfter(sorted []*api.Case, k cursor, order func(a, b cursor) int) int {
	i, found := slices.BinarySearchFunc(sorted, k, func(c *api.Case, k cursor) int { return order(keyOf(c), k) })
	if found {
		i++
	}
	return i
}

// encode makes the opaque cursor of k in sort order sort: base64url of
// "v1.<sort>.<severity rank>.<unix nanoseconds>.<id>" (case ids have no
// dot).
func (k cursor) encode(sort string) string {
	raw := strings.Join([]string{"v1", sort, strconv.Itoa(k.rank), strconv.FormatInt(k.at.UnixNano(), 10), k.id}, ".")
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// parseCursor decodes the cursor of field (nil for none). A cursor of
// another sort order would start the page at a place of that order, so it
// is refused.
func parseCursor(field, v, sort string) (*cursor, error) {
	if v == "" {
		return nil, nil
	}
	bad := api.FieldError(api.CodeInvalidArgument, field,
		"%s is not a cursor of this list: send the next_after (after) or prev_before (before) of a page listed with the same sort", field)
	raw, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil {
		return nil, bad
	}
	parts := strings.Split(string(raw), ".")
	if len(parts) != 5 || parts[0] != "v1" {
		return nil, bad
	}
	rank, err1 := strconv.Atoi(parts[2])
	nanos, err2 := strconv.ParseInt(parts[3], 10, 64)
	if err1 != nil || err2 != nil || checkID(parts[4]) != nil {
		return nil, bad
	}
	if parts[1] != sort {
		return nil, api.FieldError(api.CodeInvalidArgument, field,
			"%s is a cursor of the list sorted by %s, and this one is sorted by %s: page with the same sort, or start again without %s", field, parts[1], sort, field)
	}
	return &cursor{rank: rank, at: time.Unix(0, nanos).UTC(), id: parts[4]}, nil
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

// summary is what a queue shows of a case, its texts cut to preview
// characters when preview > 0 (api.Clip: between grapheme clusters, open
// bidi controls closed).
func summary(c *api.Case, preview int) api.CaseSummary {
	action := api.CasePolicyAction(c.Safety)
	return api.CaseSummary{
		ID: c.ID, Status: c.Status, Tenant: c.Tenant, ConversationID: c.ConversationID, MessageID: c.MessageID,
		MessageRevision: c.MessageRevision, Author: c.Author, SourceLanguage: c.SourceLanguage, TargetLanguage: c.TargetLanguage,
		Original: api.Clip(c.Original, preview), Translation: api.Clip(c.Translation, preview), TranslationStatus: c.TranslationStatus,
		Categories: c.Categories, Severity: c.Severity, Escalated: c.Escalated, Claim: c.Claim,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		PolicyAction: action, Review: action == api.PolicyReview,
	}
}
