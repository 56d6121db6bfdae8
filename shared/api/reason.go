package api

// The reason codes of a view served as the original (View.ReasonCode,
// MessageView.ReasonCode, TranslateResponse.ReasonCode). Reason is one
// line of English for operators and API callers, and on /v1/translate it
// names the rungs and what each answered; a chat client that shows why a
// message was not translated needs something it can put in the reader's
// language, as Label is, and that stays the same when a backend's error
// text changes. The vocabulary is small and fixed: a client should treat
// a code it does not know as ReasonTranslationUnavailable.
const (
	// ReasonTranslationUnavailable: a translation was wanted and none
	// could be served (every rung failed, was down or out of time, the
	// translate service did not answer, or an HTML answer's markup was
	// refused). Another try later may translate.
	ReasonTranslationUnavailable = "translation_unavailable"
	// ReasonRejectedByQuality: translations were made and quality
	// estimation rejected every one.
	ReasonRejectedByQuality = "rejected_by_quality"
	// ReasonSameLanguage: the text is in the target's language already
	// (the same base language in the same script, SameWriting).
	ReasonSameLanguage = "same_language"
	// ReasonUndeterminedLanguage: the text's language could not be
	// determined (detection was unsure, or did not answer).
	ReasonUndeterminedLanguage = "undetermined_language"
	// ReasonNothingToTranslate: the text has no prose (mentions, links,
	// emoji, code alone) or no visible character.
	ReasonNothingToTranslate = "nothing_to_translate"
	// ReasonUnsupportedPair: no rung that could run translates the pair.
	ReasonUnsupportedPair = "unsupported_pair"
	// ReasonDisabled: translation is turned off here (the rungs that
	// could serve are switched off by a kill switch or not configured).
	ReasonDisabled = "disabled"
	// ReasonUnrenderable: a stored message the pipeline refuses (a text
	// over this gateway's limit, a malformed field from a back end).
	ReasonUnrenderable = "unrenderable"
)

// ReasonCodes lists the reason codes, for documents and tests.
var ReasonCodes = []string{
	ReasonTranslationUnavailable, ReasonRejectedByQuality, ReasonSameLanguage, ReasonUndeterminedLanguage,
	ReasonNothingToTranslate, ReasonUnsupportedPair, ReasonDisabled, ReasonUnrenderable,
}

// reasonTexts are the generic reasons of message views, by code.
var reasonTexts = map[string]string{
	ReasonTranslationUnavailable: "translation is unavailable at the moment",
	ReasonRejectedByQuality:      "every translation was rejected by quality estimation",
	ReasonSameLanguage:           "source and target language are the same",
	ReasonUndeterminedLanguage:   "the message's language could not be determined",
	ReasonNothingToTranslate:     "the message has nothing to translate",
	ReasonUnsupportedPair:        "translation between these languages is not supported",
	ReasonDisabled:               "translation is turned off",
	ReasonUnrenderable:           "the message cannot be rendered",
}

// ReasonText is the short, generic English reason of a reason code, for
// views that readers see (a chat message's): it names no backend, model
// or error, which a detailed Reason does. A code it does not know (none,
// or a newer replica's) reads as a translation that was not served.
func ReasonText(code string) string {
	if s, ok := reasonTexts[code]; ok {
		return s
	}
	return reasonTexts[ReasonTranslationUnavailable]
}

// SkipReasonCode is the reason code of a chain that served nothing
// because every rung was skipped as one that is never meant to serve
// the request (skip reasons of SkipReason): ReasonDisabled when a kill
// switch turned one off or none is configured, ReasonUnsupportedPair
// when the configured rungs do not translate the pair. A rung that was
// called, or skipped for the moment (down, circuit open, rate limited,
// out of time), makes it ReasonTranslationUnavailable: a later try may
// serve.
func SkipReasonCode(attempts []Attempt) string {
	if len(attempts) == 0 {
		return ReasonTranslationUnavailable
	}
	unsupported, off := false, false
	for _, a := range attempts {
		if Transient(a.Error) {
			return ReasonTranslationUnavailable
		}
		switch SkipReason(a.Error) {
		case SkipUnsupported:
			unsupported = true
		case SkipKillSwitch:
			off = true
		}
	}
	if unsupported && !off {
		return ReasonUnsupportedPair
	}
	return ReasonDisabled
}
