package console

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/parley-chat/parley/shared/api"
)

// ModerationClient is what the moderation pages need from the moderation
// service (client.Moderation provides it).
type ModerationClient interface {
	List(ctx context.Context, req api.CaseListRequest) (*api.CaseListResponse, error)
	Get(ctx context.Context, req api.CaseGetRequest) (*api.Case, error)
	Claim(ctx context.Context, req api.CaseClaimRequest) (*api.Case, error)
	Release(ctx context.Context, req api.CaseReleaseRequest) (*api.Case, error)
	Decide(ctx context.Context, req api.CaseDecideRequest) (*api.Case, error)
	Note(ctx context.Context, req api.CaseNoteRequest) (*api.Case, error)
	Audit(ctx context.Context, req api.AuditListRequest) (*api.AuditListResponse, error)
}

// Sizes of what the moderation pages ask for.
const (
	// casesPerPage is the size of a page of the queue.
	casesPerPage = 50
	// previewRunes is how much of each text the queue shows: it asks the
	// service for no more, so that a page of long messages stays small.
	previewRunes = 80
	// neighbourWindow is how many open cases (ids only: a few KB) the
	// case page looks through for the previous and next case; it is the
	// moderation service's largest page.
	neighbourWindow = 500
	// auditRows is how many audit entries the case page shows, the
	// newest.
	auditRows = 100
)

// moderationRoutes adds the queue and case pages for the moderator role.
func (c *Console) moderationRoutes() {
	if c.cfg.Moderation == nil {
		return
	}
	mod := anyRole(RoleModerator)
	m := Prefix + "/moderation"
	c.mux.HandleFunc("GET "+m, c.page(mod, c.queue))
	c.mux.HandleFunc("GET "+m+"/cases/{id}", c.page(mod, c.showCase))
	c.mux.HandleFunc("POST "+m+"/cases/{id}/{action}", c.page(mod, c.caseAction))
}

func caseURL(id string) string { return Prefix + "/moderation/cases/" + url.PathEscape(id) }

// Queue filter choices.
var (
	caseStatuses = []string{api.CaseOpen, api.CaseClaimed, api.CaseEscalated, api.CaseDecided}
	severities   = []string{api.SeverityLow, api.SeverityMedium, api.SeverityHigh}
	ages         = []string{"15m", "1h", "6h", "24h", "72h", "168h"}
	sorts        = []string{api.SortOldest, api.SortNewest, api.SortSeverity}
)

type queueData struct {
	Filter     api.CaseListRequest
	Mine       bool
	Cases      []api.CaseSummary
	Total      int
	Next, Prev int
	HasPrev    bool
	HasNext    bool
	Query      string
	Statuses   []string
	Severities []string
	Ages       []string
	Sorts      []string
}

// filterOf reads the queue filter from the query string. The status
// defaults to open: a moderator's queue is what waits for someone.
func filterOf(r *http.Request, s *Session) (api.CaseListRequest, bool, error) {
	q := r.URL.Query()
	f := api.CaseListRequest{
		Status: q.Get("status"), Locale: strings.TrimSpace(q.Get("locale")), Category: strings.TrimSpace(q.Get("category")),
		Severity: q.Get("severity"), MinAge: q.Get("min_age"), MaxAge: q.Get("max_age"), Sort: q.Get("sort"),
		Limit: casesPerPage, Preview: previewRunes,
	}
	if !q.Has("status") {
		f.Status = api.CaseOpen
	}
	if f.Status == "any" {
		f.Status = ""
	}
	mine := q.Get("mine") == "on"
	if mine {
		f.Holder = s.Principal.Name
	}
	// A tenant's moderator sees that tenant's cases only.
	f.Tenant = s.Principal.Tenant
	off, err := intParam(r, "offset")
	f.Offset = off
	return f, mine, err
}

func (c *Console) queue(w http.ResponseWriter, r *http.Request, s *Session) error {
	f, mine, err := filterOf(r, s)
	if err != nil {
		return err
	}
	res, err := c.cfg.Moderation.List(r.Context(), f)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	q.Del("offset")
	d := queueData{Filter: f, Mine: mine, Cases: res.Cases, Total: res.Total, Query: q.Encode(),
		HasPrev: f.Offset > 0, Prev: max(0, f.Offset-casesPerPage), Next: f.Offset + len(res.Cases),
		Statuses: caseStatuses, Severities: severities, Ages: ages, Sorts: sorts}
	d.HasNext = d.Next < res.Total
	if !r.URL.Query().Has("status") {
		d.Filter.Status = api.CaseOpen
	} else if d.Filter.Status == "" {
		d.Filter.Status = "any"
	}
	return c.render(w, http.StatusOK, "queue", view{Title: "Moderation queue", S: s, Nav: "moderation", Data: d})
}

// getCase reads a case the session may see (a tenant's moderator only
// sees that tenant's cases; others are "not found", not "forbidden", so
// that case ids of other tenants are not confirmed).
func (c *Console) getCase(ctx context.Context, s *Session, id string) (*api.Case, error) {
	cs, err := c.cfg.Moderation.Get(ctx, api.CaseGetRequest{ID: id})
	if err != nil {
		return nil, err
	}
	if s.Principal.Tenant != "" && cs.Tenant != s.Principal.Tenant {
		return nil, api.Errorf(api.CodeNotFound, "no case %q", id)
	}
	return cs, nil
}

// side is one column of the case page.
type side struct {
	Label string
	// Note qualifies the label: an untranslated message says so.
	Note     string
	Language string
	Text     string
	Verdict  *api.Verdict
	Segments []Segment
}

type caseData struct {
	Case *api.Case
	// Sides are the original and the translation, in that order.
	Sides     []side
	Mine      bool
	Claimable bool
	Decided   bool
	Audit     []api.AuditEntry
	// AuditOlder is how many older audit entries the page leaves out.
	AuditOlder int
	Next       string
	Prev       string
	// Correction is the text the correction box starts with.
	Correction string
	// Untranslated: readers were served the original (TranslationStatus
	// "original"), so the "translation" is in ServedLanguage, the source
	// language, not the target's; ServedLanguage tags it (and its masked
	// form) with the right lang and dir.
	Untranslated   bool
	ServedLanguage string
}

func newSide(label, lang, text string, v *api.Verdict) side {
	sd := side{Label: label, Language: lang, Text: text, Verdict: v}
	var spans []api.Span
	if v != nil {
		spans = v.Spans
	}
	sd.Segments = segments(text, spans)
	return sd
}

func (c *Console) showCase(w http.ResponseWriter, r *http.Request, s *Session) error {
	cs, err := c.getCase(r.Context(), s, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := caseData{Case: cs, Decided: cs.Status == api.CaseDecided, Correction: cs.Translation,
		Untranslated: cs.TranslationStatus == api.StatusOriginal, ServedLanguage: cs.TargetLanguage}
	if d.Untranslated {
		// The correction box is for a translation into the target
		// language: the original would only have to be deleted first.
		d.ServedLanguage, d.Correction = cs.SourceLanguage, ""
	}
	if cs.Correction != "" {
		d.Correction = cs.Correction
	}
	var src, dst *api.Verdict
	if cs.Safety != nil {
		src, dst = &cs.Safety.Source, cs.Safety.Translation
	}
	served := newSide("Translation", d.ServedLanguage, cs.Translation, dst)
	if d.Untranslated {
		served.Note = "not translated (shown in the original)"
	}
	d.Sides = []side{newSide("Original", cs.SourceLanguage, cs.Original, src), served}
	d.Mine = cs.Claim != nil && cs.Status == api.CaseClaimed && cs.Claim.Holder == s.Principal.Name
	d.Claimable = !d.Decided && !d.Mine
	// The newest entries: the latest claim and the decision matter most,
	// and a case with many notes has more entries than a page shows.
	if a, err := c.cfg.Moderation.Audit(r.Context(), api.AuditListRequest{CaseID: cs.ID, Limit: auditRows, Newest: true}); err == nil {
		d.Audit, d.AuditOlder = a.Entries, a.Older
	} else {
		c.log.Warn("case audit unavailable", "case", cs.ID, "err", err)
	}
	d.Prev, d.Next = c.neighbours(r.Context(), s, cs.ID)
	return c.render(w, http.StatusOK, "case", view{Title: "Case " + cs.ID, S: s, Nav: "moderation", Data: d, Flash: doneFlash(r)})
}

// neighbours are the cases before and after id in the head of the open
// queue (the j/k shortcuts); when id is not in it, "next" is the queue's
// head. Only ids are asked for: summaries carry whole messages, and the
// page needs none of them.
func (c *Console) neighbours(ctx context.Context, s *Session, id string) (prev, next string) {
	res, err := c.cfg.Moderation.List(ctx, api.CaseListRequest{Status: api.CaseOpen, Tenant: s.Principal.Tenant, Limit: neighbourWindow, IDsOnly: true})
	if err != nil {
		return "", ""
	}
	ids := res.IDs
	i := slices.Index(ids, id)
	switch {
	case i < 0 && len(ids) > 0:
		return "", ids[0]
	case i < 0:
		return "", ""
	}
	if i > 0 {
		prev = ids[i-1]
	}
	if i+1 < len(ids) {
		next = ids[i+1]
	}
	return prev, next
}

var doneMessages = map[string]string{
	"claim":    "You hold this case.",
	"release":  "Released to the queue.",
	"approve":  "Approved.",
	"hide":     "Hidden from readers.",
	"escalate": "Escalated.",
	"correct":  "Translation corrected: readers get the correction.",
	"note":     "Note added.",
}

func doneFlash(r *http.Request) string { return doneMessages[r.URL.Query().Get("done")] }

// caseAction runs one action: claim, release, decide (approve, hide,
// escalate, correct) or note. Deciding a case one does not hold claims it
// first, so that a single keystroke decides an open case; a case another
// moderator holds stays theirs (conflict).
func (c *Console) caseAction(w http.ResponseWriter, r *http.Request, s *Session) error {
	ctx := r.Context()
	cs, err := c.getCase(ctx, s, r.PathValue("id"))
	if err != nil {
		return err
	}
	actor := s.Principal.Name
	action := r.PathValue("action")
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	switch action {
	case "claim":
		_, err = c.cfg.Moderation.Claim(ctx, api.CaseClaimRequest{ID: cs.ID, Actor: actor})
	case "release":
		_, err = c.cfg.Moderation.Release(ctx, api.CaseReleaseRequest{ID: cs.ID, Actor: actor})
	case "note":
		_, err = c.cfg.Moderation.Note(ctx, api.CaseNoteRequest{ID: cs.ID, Actor: actor, Text: strings.TrimSpace(r.PostFormValue("text"))})
	case "decide":
		action = r.PostFormValue("decision")
		if !slices.Contains([]string{api.ActionApprove, api.ActionHide, api.ActionEscalate, api.ActionCorrect}, action) {
			return api.FieldError(api.CodeInvalidArgument, "decision", "decision %q: want approve, hide, escalate or correct", action)
		}
		req := api.CaseDecideRequest{ID: cs.ID, Actor: actor, Action: action, Reason: reason}
		if action == api.ActionCorrect {
			// Browsers send CRLF line ends from a textarea; readers get
			// the text as the moderator typed it.
			req.Correction = strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("correction"), "\r\n", "\n"))
		}
		claimedNow := false
		if cs.Status != api.CaseClaimed || cs.Claim == nil || cs.Claim.Holder != actor {
			if _, err := c.cfg.Moderation.Claim(ctx, api.CaseClaimRequest{ID: cs.ID, Actor: actor}); err != nil {
				return err
			}
			claimedNow = true
		}
		_, err = c.cfg.Moderation.Decide(ctx, req)
		if err != nil && claimedNow {
			// The claim was only the way to this decision: a refused
			// decision leaves the case open for others, not leased to a
			// moderator who did not ask for it.
			if _, rerr := c.cfg.Moderation.Release(ctx, api.CaseReleaseRequest{ID: cs.ID, Actor: actor}); rerr != nil {
				c.log.Warn("release after a refused decision", "case", cs.ID, "err", rerr)
			}
		}
	default:
		return api.Errorf(api.CodeNotFound, "no case action %q", action)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, caseURL(cs.ID)+"?done="+url.QueryEscape(action), http.StatusSeeOther)
	return nil
}

// pct formats a 0-1 ratio as a percentage.
func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 0, 64) + "%" }
