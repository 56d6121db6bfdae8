package api

import (
	"fmt"
	"strings"
)

// SubjectDetectBatch detects the language of several texts, each on its
// own (DetectBatchRequest -> DetectBatchResponse).
const SubjectDetectBatch = "parley.detect.v1.batch"

// MaxDetectBatch is the most items one DetectBatchRequest may carry.
const MaxDetectBatch = 256

// DetectHints are what a caller knows about a message besides its text.
// Each hint is a prior, weighted by how often such a hint is right (see
// docs/detect.md): it decides between languages the text leaves close,
// and cannot override text that clearly reads as another language.
type DetectHints struct {
	// SenderLocale is the sender's declared locale (BCP 47), e.g. "pt-BR".
	SenderLocale string `json:"sender_locale,omitempty"`
	// RecentLanguages are the detected languages of the conversation's
	// latest messages, newest first (BCP 47; "und" entries are ignored).
	RecentLanguages []string `json:"recent_languages,omitempty"`
	// AcceptLanguage is the reader's or sender's client Accept-Language
	// header, as sent ("de-CH, de;q=0.9, en;q=0.5").
	AcceptLanguage string `json:"accept_language,omitempty"`
}

// MaxRecentLanguages is how many of DetectHints.RecentLanguages detection
// reads (the newest); later entries are neither read nor checked.
const MaxRecentLanguages = 20

// ValidateDetectHints checks hints by the rules the detect service reads
// them with (services/detect, prior.go), so that a front end refuses bad
// hints with the service's own 4xx before any work, and a pipeline, which
// serves the original when detection fails, never sends them: a sender
// locale or recent language that is no well-formed, valid tag is
// CodeInvalidLanguage, a well-formed tag of no known language ("xx")
// CodeUnsupportedLanguage (ParseLanguage); "und" recent languages are
// allowed (and ignored); an Accept-Language header is refused only when no
// entry of it can be read, as the gateway reads the header
// (ParseAcceptLanguage). field prefixes the error's field ("hints":
// "hints.sender_locale"). It returns the hints with canonical tags ("pt_BR"
// is "pt-BR") and at most MaxRecentLanguages recent languages.
func ValidateDetectHints(field string, h DetectHints) (DetectHints, error) {
	out := DetectHints{AcceptLanguage: strings.TrimSpace(h.AcceptLanguage)}
	if s := strings.TrimSpace(h.SenderLocale); s != "" {
		t, err := ParseLanguage(field+".sender_locale", s)
		if err != nil {
			return h, err
		}
		out.SenderLocale = t.String()
	}
	if n := min(len(h.RecentLanguages), MaxRecentLanguages); n > 0 {
		out.RecentLanguages = make([]string, n)
		for k, s := range h.RecentLanguages[:n] {
			if strings.TrimSpace(s) == Undetermined {
				out.RecentLanguages[k] = Undetermined
				continue
			}
			t, err := ParseLanguage(fmt.Sprintf("%s.recent_languages[%d]", field, k), s)
			if err != nil {
				return h, err
			}
			out.RecentLanguages[k] = t.String()
		}
	}
	if out.AcceptLanguage != "" {
		if _, _, usable, _ := ParseAcceptLanguage(out.AcceptLanguage); !usable {
			return h, FieldError(CodeInvalidLanguage, field+".accept_language", "%s is not a valid Accept-Language value", Quote(out.AcceptLanguage))
		}
	}
	return out, nil
}

// DetectSpan is one single-language stretch of a message. Start and End
// are byte offsets into the request's text in Unicode NFC (the form every
// entry point normalizes text to; the same bytes for text already in NFC).
type DetectSpan struct {
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Language   string  `json:"language"`
	Confidence float64 `json:"confidence"`
}

// DetectBatchRequest asks for the language of several texts; each item is
// detected on its own, with its own hints.
type DetectBatchRequest struct {
	Items []DetectBatchItem `json:"items"`
}

// DetectBatchItem is one text of a batch.
type DetectBatchItem struct {
	// ID is the caller's, echoed in the result.
	ID string `json:"id,omitempty"`
	DetectRequest
}

// DetectBatchResponse has one result per item, in order.
type DetectBatchResponse struct {
	Items []DetectBatchResult `json:"items"`
}

// DetectBatchResult is one item's answer, or its error (bad input in that
// item only; the other items are still answered).
type DetectBatchResult struct {
	ID string `json:"id,omitempty"`
	*DetectResponse
	Error *Error `json:"error,omitempty"`
}
