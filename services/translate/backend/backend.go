// Package backend defines the contract between the translate chain and its
// rungs, so that adapters (ollama, openai, apertium) need not import the chain.
package backend

import (
	"context"

	"github.com/parley-chat/parley/shared/api"
)

// Request is what the chain hands to one backend.
type Request struct {
	Text   string
	Source string // BCP 47, resolved (never "und")
	Target string // BCP 47
	// Protect lists exact substrings of Text that must come back verbatim.
	Protect []string
	// Terms are glossary hints (source term -> target term).
	Terms []api.TermHint
}

// Result is one backend's answer.
type Result struct {
	Text  string
	Model string
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
