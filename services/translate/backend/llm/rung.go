package llm

import (
	"context"
	"slices"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
)

// Call is one chat request of an LLM rung: a built prompt (Build or
// BuildBatch) for one model.
type Call struct {
	Model        string
	System, User string
	// Batch selects the answer's schema: BatchSchema when set, Schema
	// otherwise.
	Batch bool
	// NumCtx is the context window the prompt needs (for servers that take
	// one) and NumPredict the longest answer in tokens.
	NumCtx, NumPredict int
}

// ChatFunc sends one call and returns the answer's content. When usage is
// not nil it receives the tokens the call cost, even when it fails.
type ChatFunc func(ctx context.Context, c Call, usage *backend.Usage) (string, error)

// Rung is what the LLM rungs' Backends share; a Backend embeds it and
// supplies how it chats (a ChatFunc) and how it probes (through Health). It
// provides backend.Backend (but Close releases only the health checks),
// backend.Prompted and backend.Batcher, and the Model, Available and
// MasksEntities the chain asks rungs for.
type Rung struct {
	name, model string
	languages   []string
	langs       Languages
	limits      Limits
	health      *Health
	chat        ChatFunc
}

// NewRung returns the shared part of rung name, which translates with
// model (unless a request names another) between languages (any when
// empty), builds prompts within limits, sends them with chat and reports
// health.
func NewRung(name, model string, languages []string, limits Limits, health *Health, chat ChatFunc) *Rung {
	return &Rung{name: name, model: model, languages: languages, langs: NewLanguages(languages),
		limits: limits, health: health, chat: chat}
}

// Name implements backend.Backend.
func (r *Rung) Name() string { return r.name }

// Model is the configured model.
func (r *Rung) Model() string { return r.model }

// PromptRef implements backend.Prompted.
func (r *Rung) PromptRef() string { return Single.Ref() }

// HasPrompt implements backend.PromptChooser: every compiled
// single-message template can be asked for.
func (r *Rung) HasPrompt(ref string) bool {
	_, ok := SingleTemplate(ref)
	return ok
}

// BatchPromptRef implements backend.Batcher.
func (r *Rung) BatchPromptRef() string { return Batch.Ref() }

// MasksEntities tells the chain that this rung protects mentions, links,
// code and the other chat entities itself, with sentinels.
func (r *Rung) MasksEntities() bool { return true }

// Available reports the cached availability (refreshed in the background).
func (r *Rung) Available() bool { return r.health.Available() }

// Supports implements backend.Backend: both languages must be in the
// configured list.
func (r *Rung) Supports(source, target string) bool { return r.langs.Supports(source, target) }

// Info implements backend.Backend.
func (r *Rung) Info(ctx context.Context) api.BackendInfo {
	ok, reason := r.health.Status()
	info := api.BackendInfo{Name: r.name, Model: r.model, Available: ok, Languages: slices.Clone(r.languages)}
	if !ok {
		// Why it is down (its server unreachable, the model not pulled):
		// the health check's finding, worded for operators without the
		// underlying error's addresses.
		info.Reason = reason
	}
	return info
}

// Close implements backend.Backend: it stops the health checks.
func (r *Rung) Close() error {
	r.health.Close()
	return nil
}

// Translate implements backend.Backend: it builds the prompt for req, sends
// it to req.Model (the rung's model when the request names none) and reads
// the translation out of the answer, restoring the protected terms.
func (r *Rung) Translate(ctx context.Context, req backend.Request) (backend.Result, error) {
	p, err := Build(req, r.limits)
	if err != nil {
		return backend.Result{}, err
	}
	model := r.modelFor(req)
	var usage backend.Usage
	content, err := r.chat(ctx, Call{Model: model, System: p.System, User: p.User, NumCtx: p.NumCtx, NumPredict: p.NumPredict}, &usage)
	// A failed answer still names its model and the tokens it cost.
	failed := backend.Result{Model: model, Usage: usage}
	if err != nil {
		return failed, err
	}
	text, err := ParseAnswer(content)
	if err != nil {
		return failed, err
	}
	// Reasoning inside the JSON value is not part of the translation.
	if text = StripAnswerThinking(text, p.Masked.Text); text == "" {
		return failed, backend.Errorf(backend.ErrBadOutput, nil, "translation is only the model's reasoning")
	}
	text, err = p.Masked.Restore(text)
	if err != nil {
		return failed, err
	}
	text = KeepSpace(req.Text, text)
	return backend.Result{Text: text, Model: model, Usage: usage, PromptID: p.Template.ID, PromptVersion: p.Template.Version}, nil
}

// TranslateBatch implements backend.Batcher: one call for all of reqs, to
// the first request's model.
func (r *Rung) TranslateBatch(ctx context.Context, reqs []backend.Request) ([]backend.BatchResult, error) {
	p, err := BuildBatch(reqs, r.limits)
	if err != nil {
		return nil, err
	}
	model := r.modelFor(reqs[0])
	var usage backend.Usage
	content, err := r.chat(ctx, Call{Model: model, System: p.System, User: p.User, Batch: true, NumCtx: p.NumCtx, NumPredict: p.NumPredict}, &usage)
	if err != nil {
		return nil, err
	}
	texts, err := p.ParseBatch(content)
	if err != nil {
		return nil, err
	}
	out := p.Results(texts, model)
	for i := range out {
		if out[i].Err == nil && i < len(reqs) {
			out[i].Text = KeepSpace(reqs[i].Text, out[i].Text)
		}
	}
	// The call's tokens go on the first result, so the batch counts once.
	if len(out) > 0 {
		out[0].Usage = usage
	}
	return out, nil
}

func (r *Rung) modelFor(req backend.Request) string {
	if req.Model != "" {
		return req.Model
	}
	return r.model
}

// Languages is the set of base languages a rung translates between; nil
// means any.
type Languages map[string]bool

// NewLanguages returns the set of the base languages of langs, or nil
// (any) when langs is empty.
func NewLanguages(langs []string) Languages {
	if len(langs) == 0 {
		return nil
	}
	m := make(Languages, len(langs))
	for _, l := range langs {
		m[api.Base(l)] = true
	}
	return m
}

// Supports reports whether both languages are in the set.
func (l Languages) Supports(source, target string) bool {
	if l == nil {
		return true
	}
	return l[api.Base(source)] && l[api.Base(target)]
}
