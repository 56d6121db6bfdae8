package api

// ExperimentAssignment names the A/B experiment arm that served a
// translation, so that a view, its outcome events and the reader's
// feedback can be attributed to the arm.
type ExperimentAssignment struct {
	Experiment string `json:"experiment"`
	Arm        string `json:"arm"`
	// Control is set for the experiment's control arm.
	Control bool `json:"control,omitempty"`
}

// SubjectExperimentEvents prefixes the subjects of experiment events
// (exposure, outcome; feedback before it had a stream of its own); the
// JetStream stream PARLEY_EXPERIMENTS captures SubjectExperimentEvents +
// ".>".
const SubjectExperimentEvents = "parley.experiment.events"

// SubjectExperimentFeedback prefixes the subjects of readers' feedback
// (parley.experiment.feedback.<experiment>.<key>); the JetStream stream
// PARLEY_FEEDBACK captures SubjectExperimentFeedback + ".>". It is not
// under SubjectExperimentEvents, so that feedback, which any client key
// writes, never takes the place of exposures and outcomes.
const SubjectExperimentFeedback = "parley.experiment.feedback"

// Feedback ratings.
const (
	MinRating = 1
	MaxRating = 5
)

// Feedback kinds: what the reader did.
const (
	// FeedbackRating: the reader rated the translation (Rating required).
	FeedbackRating = "rating"
	// FeedbackShowOriginal: the reader asked to see the original, an
	// implicit sign that the translation did not serve (Rating optional).
	FeedbackShowOriginal = "show_original"
	// FeedbackBadTranslation: the reader reported the translation as bad
	// (Rating optional).
	FeedbackBadTranslation = "bad_translation"
)

// FeedbackRequest is a reader's verdict on a translation they were shown
// (POST /v1/feedback): the original, the translation they found wanting
// and a rating from MinRating (unusable) to MaxRating (perfect).
type FeedbackRequest struct {
	// Kind is FeedbackRating (the default), FeedbackShowOriginal or
	// FeedbackBadTranslation.
	Kind        string `json:"kind,omitempty"`
	Original    string `json:"original"`
	Translation string `json:"translation"`
	Rating      int    `json:"rating"`
	SourceLang  string `json:"source_lang,omitempty"`
	TargetLang  string `json:"target_lang"`
	// Backend and Model are copied from the view the reader saw.
	Backend string `json:"backend,omitempty"`
	Model   string `json:"model,omitempty"`
	// Experiment and Arm are copied from View.Experiment, when set.
	Experiment string `json:"experiment,omitempty"`
	Arm        string `json:"arm,omitempty"`
	// ConversationID and MessageID name the message; UserID is the
	// reader's user id as the view was asked for (user_id). With the
	// experiment's unit among them, feedback on a view served again (one
	// sample, one outcome) is still credited to it.
	ConversationID string `json:"conversation_id,omitempty"`
	MessageID      string `json:"message_id,omitempty"`
	UserID         string `json:"user_id,omitempty"`
	// RequestID names the view of a POST /v1/translate: the X-Request-Id
	// header of its answer. Feedback that names an experiment must name
	// its view, by RequestID or MessageID, so that it is counted once per
	// view served and credited to the view's unit.
	RequestID string `json:"request_id,omitempty"`
	// Comment is the reader's own words (optional).
	Comment string `json:"comment,omitempty"`
}

// FeedbackResponse acknowledges feedback.
type FeedbackResponse struct {
	ID       string `json:"id"`
	Recorded bool   `json:"recorded"`
}
