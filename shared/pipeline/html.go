package pipeline

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
)

// In HTML mode (Request.Format api.FormatHTML: the LibreTranslate and
// DeepL APIs' HTML mode) the client renders what the view serves. The
// translate chain refuses an answer whose markup is not the text's
// (entity.CompareMarkup), but two texts reach a view after that check:
//
//   - glossary verify's repair, which writes target terms into the
//     translation. A term is any string a glossary writer chose ("AT&T",
//     "<3", "<img src=x onerror=...>"), written as text: in HTML it must
//     be escaped, or it is markup the reader's browser runs (verifyHTML);
//   - a moderator's correction (the translate service's override), which
//     a person wrote as chat text (htmlCorrection).
//
// And as the last word, guardHTML checks the text a view serves against
// the source whatever produced it, and serves the original rather than
// markup the source does not have.

// htmlEscapes are the references html.EscapeString writes. compareMarkup
// reads them as the characters they stand for in text: an escaped term
// is text, not markup the translator made up.
var htmlEscapes = strings.NewReplacer("&amp;", " ", "&lt;", " ", "&gt;", " ", "&#39;", " ", "&#34;", " ")

// compareMarkup compares the markup of a text the view would serve with
// the source's, as entity.CompareMarkup does, except that the escapes of
// html.EscapeString count as text on both sides. A tag changed by an
// escaped term (a repair inside an attribute) is still a tag the source
// does not have.
func compareMarkup(source, served string) entity.MarkupDiff {
	return entity.CompareMarkup(htmlEscapes.Replace(source), htmlEscapes.Replace(served))
}

// markupError says how a text's markup differs from the source's, or nil
// when it does not.
func markupError(what string, d entity.MarkupDiff) error {
	switch {
	case d.Added != "":
		return api.Errorf(api.CodeInvalidArgument, "%s adds HTML markup that the text does not have (%s)", what, entity.DescribeMarkup(d.Added))
	case d.Lost != "":
		return api.Errorf(api.CodeInvalidArgument, "%s loses HTML markup of the text (%s)", what, entity.DescribeMarkup(d.Lost))
	}
	return nil
}

// verify asks glossary verify about a translation of req and, in HTML
// mode, makes its repair fit to serve (verifyHTML). notServed says why
// a repair was not applied (nil when it was, or there was none); the
// report then has no repair, its terms violated as before the repair.
func (p *Pipeline) verify(ctx context.Context, req Request, vreq api.GlossaryVerifyRequest) (rep *api.GlossaryReport, notServed, err error) {
	rep, err = p.Glossary.Verify(ctx, vreq)
	if err != nil || req.Format != api.FormatHTML {
		return rep, nil, err
	}
	return rep, verifyHTML(req.Text, vreq.Translation, rep), nil
}

// verifyHTML rebuilds rep's repair of translation with every inserted
// term HTML-escaped (AT&T becomes AT&amp;T, displayed as AT&T), from the
// repairs' offsets in the translation as sent (glossary verify, asked
// with the format, escapes them too; the pipeline does not rely on it,
// and From is the text as verify found it: "R&amp;D" for "R&D"). The
// result must have the source's markup (compareMarkup): a repair inside
// a tag or an attribute value, or one that replaced markup, changes the
// document, and then no repair is applied (dropRepairs) and the error
// says why. A report whose repairs do not match the translation is not
// applied either.
func verifyHTML(source, translation string, rep *api.GlossaryReport) error {
	if rep == nil || rep.Repaired == "" {
		return nil
	}
	repairs := slices.Clone(rep.Repairs)
	slices.SortStableFunc(repairs, func(a, b api.TermRepair) int { return a.Start - b.Start })
	if len(repairs) == 0 {
		return dropRepairs(rep, api.Errorf(api.CodeInvalidArgument, "glossary verify repaired the translation without listing its repairs"))
	}
	var b strings.Builder
	last := 0
	for _, r := range repairs {
		if r.Start < last || r.End < r.Start || r.End > len(translation) || translation[r.Start:r.End] != r.From {
			return dropRepairs(rep, api.Errorf(api.CodeInvalidArgument, "glossary repair of %q at [%d,%d) does not match the translation", r.From, r.Start, r.End))
		}
		b.WriteString(translation[last:r.Start])
		b.WriteString(html.EscapeString(r.To))
		last = r.End
	}
	b.WriteString(translation[last:])
	text := b.String()
	if err := markupError("the glossary repair", compareMarkup(source, text)); err != nil {
		return dropRepairs(rep, err)
	}
	rep.Repaired = text
	return nil
}

// dropRepairs takes the repair out of rep: the translation is served as
// the translator wrote it, and the repaired terms are violated again
// (forbidden when a forbidden rendering was replaced, else missing), so
// that enforcement goes on as for a term verify could not repair (a
// retry with the terms as requirements, else flag_for_review). All
// repairs go, not only the one at fault: the report names one entry per
// repaired rendering, and a term whose other renderings stayed would be
// reported applied. It returns err, for the view's degradation note.
func dropRepairs(rep *api.GlossaryReport, err error) error {
	ok := 0
	for i := range rep.Terms {
		t := &rep.Terms[i]
		if t.Status == api.TermRepaired {
			t.Status = api.TermMissing
			for _, r := range rep.Repairs {
				if r.Glossary == t.Glossary && r.Entry == t.Entry && r.Source == t.Source && !strings.EqualFold(r.From, t.Source) {
					t.Status = api.TermForbidden
					if !slices.Contains(t.Found, r.From) {
						t.Found = append(t.Found, r.From)
					}
				}
			}
		}
		if t.Status != api.TermMissing && t.Status != api.TermForbidden {
			ok++
		}
	}
	rep.Compliance = 1
	if len(rep.Terms) > 0 {
		rep.Compliance = float64(ok) / float64(len(rep.Terms))
	}
	rep.Repaired, rep.Repairs = "", nil
	return fmt.Errorf("glossary repair not applied: %w", err)
}

// htmlCorrection returns the text to serve in HTML mode for a moderator's
// correction of source, or an error when there is none. A moderator
// writes a correction as chat text (the flagged view shows the text as
// sent, tags included): one whose markup is the source's is served as it
// is; otherwise its raw '<' and '&' that start no markup are escaped
// (entity.EscapeStray: "AT&T <3" is served as "AT&amp;T &lt;3",
// displayed as written), and if its markup still is not the source's (a
// tag added or lost), the correction is not served: the chain's next
// rung translates instead, as for a rung's answer that fails the check.
func htmlCorrection(source, correction string) (string, error) {
	if compareMarkup(source, correction) == (entity.MarkupDiff{}) {
		return correction, nil
	}
	escaped := entity.EscapeStray(correction)
	if err := markupError("the moderator's correction", compareMarkup(source, escaped)); err != nil {
		return "", err
	}
	return escaped, nil
}

// guardHTML is the last check of a view in HTML mode: the text served
// must have the source's markup (compareMarkup), whatever produced it (a
// translate service without the markup check, a repair, a correction).
// When it does not, the view serves the original, and the attempts say
// why; safety is checked again, on the original.
func (p *Pipeline) guardHTML(ctx context.Context, v *api.View, req Request) {
	if req.Format != api.FormatHTML || v.Status != api.StatusTranslated {
		return
	}
	err := markupError("the translation", compareMarkup(req.Text, v.Text))
	if err == nil {
		return
	}
	v.Attempts = append(v.Attempts, api.Attempt{Backend: v.Backend, Model: v.Model, Error: api.AsError(err).Message})
	v.Text, v.Status, v.Backend, v.Model = req.Text, api.StatusOriginal, "none", ""
	v.PromptID, v.PromptVersion, v.Cache = "", 0, ""
	v.Quality, v.Glossary, v.Safety = nil, nil, nil
	v.Reason = "the translation's HTML markup is not the text's"
	v.ReasonCode = api.ReasonTranslationUnavailable
	p.checkSafety(ctx, v, req, "")
}
