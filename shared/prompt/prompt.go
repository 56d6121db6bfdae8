// Package prompt names the prompt templates compiled into the translate
// service, so that the places where operators write a prompt reference
// (an experiment arm, a registry entry) can refuse one that no replica
// can render, instead of it being silently served as control. The
// templates themselves live with the LLM rungs
// (services/translate/backend/llm), whose tests check that this list and
// the compiled templates agree.
package prompt

import "slices"

// Default is the single-message template a rung uses when neither an
// experiment arm nor the registry picks one.
const Default = "chat-translate@4"

// Single lists the single-message templates, as "id@version": @2 and its
// terse variant @3, and @4 and @5, the same with glossary terms framed as
// data.
var Single = []string{"chat-translate@2", "chat-translate@3", "chat-translate@4", "chat-translate@5"}

// Batch lists the batch templates, as "id@version".
var Batch = []string{"chat-translate-batch@2"}

// IsSingle reports whether ref names a compiled single-message template:
// the only kind an arm or a registry prompt entry can route to.
func IsSingle(ref string) bool { return slices.Contains(Single, ref) }

// IsKnown reports whether ref names any compiled template.
func IsKnown(ref string) bool { return IsSingle(ref) || slices.Contains(Batch, ref) }
