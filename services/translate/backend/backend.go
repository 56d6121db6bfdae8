// Package backend defines the contract between the translate chain and its
// rungs, so that adapters (ollama, openai, apertium) need not import the chain.
package backend

import (
	"context"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
)

// Request is what the chain hands to one backend.
type Request struct {
	Text   string
	Source string // BCP 47, resolved (never "und")
	Target string // BCP 47
	// Protect lists exact substrings of Text that must come back verbatim.
	Protect []string
	// Tokens is Text scanned (entity.Scan, or entity.ScanHTML in HTML
	// mode), for the rungs that do not mask entities themselves
	// (Apertium): it says which delimiters pair up around which words,
	// so that the markup can move with its words. Nil when not given;
	// the rung then knows only Protect.
	Tokens []entity.Token
	// Terms are glossary hints (source term -> target term).
	Terms []api.TermHint
	// Strict is set on the one retry after an answer lost protected parts:
	// LLM rungs then list every sentinel the answer must contain.
	Strict bool
	// StrictTerms makes LLM rungs present Terms as hard requirements
	// (api.TranslateRequest.StrictTerms: the pipeline's one retry after a
	// glossary term went missing). Engines without prompts ignore it.
	StrictTerms bool
	// Formality is api.FormalityFormal, api.FormalityInformal or "" (keep
	// the original's register), already resolved from locale defaults.
	Formality string
	// Context holds the earlier messages an LLM may read (already cut to
	// the configured number), oldest first.
	Context []api.ContextMessage
	// Model, when set, overrides the rung's configured model (routing).
	Model string
	// Format is api.FormatHTML when the message is HTML that the client
	// will render, "" for chat text. The chain then sends the text with
	// its raw '<' and '&' escaped (entity.EscapeStray) and checks that
	// the answer's markup is exactly the message's; the markup reaches
	// an LLM as sentinels (the LLM rungs read Format to scan the message
	// as HTML, llm.MaskFormat) and Apertium as protected strings.
	Format string
	// Prompt, when set, is the prompt template ("chat-translate@3") an
	// experiment arm or the registry picked; only rungs that implement
	// PromptChooser and have it are handed one. Empty: the rung's default.
	Prompt string
}

// Usage counts the tokens of one model call as the server reported them
// (zero when it did not).
type Usage struct {
	Prompt, Completion int
}

// Result is one backend's answer.
type Result struct {
	Text  string
	Model string
	// Usage is the call's token count; a backend also reports it (and
	// Model) with an error when the server answered. A batch call's usage
	// is on its first result only, so that it is counted once.
	Usage Usage
	// PromptID and PromptVersion name the prompt template (LLM rungs).
	PromptID      string
	PromptVersion int
	// UnknownWords counts the source words the engine could not translate
	// (Apertium's marks), a quality signal; 0 for LLMs.
	UnknownWords int
}

// PromptChooser is implemented by prompted rungs that can render another
// of their compiled templates for a request (Request.Prompt).
type PromptChooser interface {
	Prompted
	// HasPrompt reports whether the rung can render the template ref.
	HasPrompt(ref string) bool
}

// Prompted is implemented by rungs whose answers depend on a prompt
// template: the chain puts the template's reference in the cache key.
type Prompted interface {
	// PromptRef is "id@version" of the template a single request uses.
	PromptRef() string
}

// Backend is one rung of the degradation ladder: an LLM (Ollama, an
// OpenAI-compatible endpoint) or an offline engine (Apertium).
type Backend interface {
	// Name is the stable rung name ("ollama", "openai", "apertium").
	Name() string
	// Supports reports whether the backend can translate source to target.
	Supports(source, target string) bool
	// Translate returns the translation or an error; it must honour ctx.
	Translate(ctx context.Context, req Request) (Result, error)
	// Info describes the backend for /v1/languages.
	Info(ctx context.Context) api.BackendInfo
	// Close releases processes and connections.
	Close() error
}

// Batcher is implemented by rungs that translate several messages in one
// call (the LLM rungs): one prompt, one answer with an id per message.
type Batcher interface {
	// TranslateBatch translates reqs, which share source, target and
	// formality, in one call. It returns one result per request, in
	// order, or an error for the whole batch: a failed call, or an answer
	// whose ids or count do not match the messages (the chain then
	// translates each message on its own). A message whose translation
	// cannot be used (lost sentinels) has its own Err.
	TranslateBatch(ctx context.Context, reqs []Request) ([]BatchResult, error)
	// BatchPromptRef is "id@version" of the batch template.
	BatchPromptRef() string
}

// BatchResult is one message's part of a batch answer.
type BatchResult struct {
	Result
	Err error
}
