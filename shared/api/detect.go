package api

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
