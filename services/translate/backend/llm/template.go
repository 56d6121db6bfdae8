package llm

import (
	"embed"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"text/template"

	"github.com/parley-chat/parley/shared/api"
)

// Prompts are versioned templates (prompts/<id>.v<version>.<role>.tmpl):
// a change to what a model is told is a new version, reported in every
// answer and part of the cache key, so that translations made with an old
// prompt are never served as if made with the new one. Old versions stay
// in the tree until nothing refers to them.
//
// Versions: chat-translate@2 and @3 (terse) list glossary terms as bare
// lines of the system prompt; @4 (from @2, the default) and @5 (from @3)
// put them in a marked block framed as terminology data, never
// instructions, as the message is framed in the user turn, since a term
// is text a glossary author wrote. chat-translate-batch@2 does the same
// for batches (it replaced @1, which nothing can select).

//go:embed prompts/*.tmpl
var promptFS embed.FS

// Template is one versioned prompt: a system and a user template.
type Template struct {
	ID      string
	Version int
	system  *template.Template
	user    *template.Template
}

// The templates in use.
var (
	// Single translates one message: the default when neither an
	// experiment arm nor the registry picks another version.
	Single = mustTemplate("chat-translate", 4)
	// Batch translates several short messages in one call.
	Batch = mustTemplate("chat-translate-batch", 2)
)

// singles are every single-message template compiled in, by Ref: an
// experiment arm or the registry picks one per request
// (backend.Request.Prompt). The list must match prompt.Single, which the
// experiment and registry validation read (a test checks).
var singles = map[string]*Template{}

func init() {
	for _, t := range []*Template{mustTemplate("chat-translate", 2), mustTemplate("chat-translate", 3), Single, mustTemplate("chat-translate", 5)} {
		singles[t.Ref()] = t
	}
}

// SingleTemplate returns the single-message template named ref
// ("chat-translate@3"); "" is Single.
func SingleTemplate(ref string) (*Template, bool) {
	if ref == "" {
		return Single, true
	}
	t, ok := singles[ref]
	return t, ok
}

// SingleRefs lists the compiled single-message templates, sorted.
func SingleRefs() []string {
	return slices.Sorted(maps.Keys(singles))
}

// Ref is "id@version", the prompt's name in cache keys and logs.
func (t *Template) Ref() string { return fmt.Sprintf("%s@%d", t.ID, t.Version) }

func mustTemplate(id string, version int) *Template {
	t := &Template{ID: id, Version: version}
	for _, part := range []struct {
		role string
		dst  **template.Template
	}{{"system", &t.system}, {"user", &t.user}} {
		name := fmt.Sprintf("prompts/%s.v%d.%s.tmpl", id, version, part.role)
		// The templates are compiled into the binary: a broken one is a
		// build defect, caught by every test.
		base := path.Base(name)
		*part.dst = template.Must(template.New(base).Option("missingkey=error").ParseFS(promptFS, name)).Lookup(base)
	}
	return t
}

// promptData is what the templates see.
type promptData struct {
	Source, Target   string // "English (en)"
	Begin, End       string // marker lines around the message (or items)
	CtxBegin, CtxEnd string // marker lines around the context
	Context          []string
	Atoms, Pairs     bool
	Required         string // sentinels the answer must contain (retry)
	StrictTerms      bool   // glossary terms are hard requirements (retry)
	Formality        string
	Terms            []string // "source" -> "target", as JSON strings
	// TermsBegin and TermsEnd are marker lines around Terms (from
	// chat-translate@4 and chat-translate-batch@2).
	TermsBegin, TermsEnd string
	Message              string
	Count                int // batch: number of items
}

func (t *Template) render(d promptData) (system, user string, err error) {
	var s, u strings.Builder
	if err := t.system.Execute(&s, d); err != nil {
		return "", "", fmt.Errorf("prompt %s: %w", t.Ref(), err)
	}
	if err := t.user.Execute(&u, d); err != nil {
		return "", "", fmt.Errorf("prompt %s: %w", t.Ref(), err)
	}
	return strings.TrimSpace(s.String()), strings.TrimRight(u.String(), "\n"), nil
}

// registers holds how each language marks formality, so the instruction
// can name the forms ("use Sie") instead of hoping that a small model
// knows what "formal" means in German.
var registers = map[string]struct{ formal, informal string }{
	"de": {"address the reader formally with „Sie“", "address the reader informally with „du“"},
	"fr": {"address the reader formally with « vous »", "address the reader informally with « tu »"},
	"es": {"address the reader formally with «usted»", "address the reader informally with «tú»"},
	"it": {"address the reader formally with «Lei»", "address the reader informally with «tu»"},
	"pt": {"address the reader formally (o senhor / a senhora, or você with formal verb forms)", "address the reader informally with «você» (or «tu» where that is usual)"},
	"nl": {"address the reader formally with „u“", "address the reader informally with „je/jij“"},
	"pl": {"address the reader formally with „Pan/Pani“", "address the reader informally with „ty“"},
	"ru": {"address the reader formally with «Вы»", "address the reader informally with «ты»"},
	"uk": {"address the reader formally with «Ви»", "address the reader informally with «ти»"},
	"tr": {"address the reader formally with «siz»", "address the reader informally with «sen»"},
	"ja": {"use polite language (です/ます form, 丁寧語)", "use casual plain forms (普通体/タメ口)"},
	"ko": {"use polite speech (존댓말, 해요체 or 합쇼체)", "use casual speech (반말)"},
	"hi": {"address the reader formally with «आप»", "address the reader informally with «तुम»"},
	"zh": {"address the reader politely with «您»", "address the reader casually with «你»"},
	"id": {"address the reader formally with «Anda»", "address the reader informally with «kamu»"},
	"vi": {"use polite forms of address and polite particles", "use casual, friendly forms of address"},
	"ar": {"use a formal, respectful register", "use a casual, friendly register"},
	"he": {"use a formal, respectful register", "use a casual, friendly register"},
	"th": {"use polite particles (ครับ/ค่ะ) and a formal register", "use a casual register without polite particles"},
}

// FormalityInstruction is the prompt rule for a register in the target
// language, or "" for the default (keep the original's register).
func FormalityInstruction(target, formality string) string {
	if formality != api.FormalityFormal && formality != api.FormalityInformal {
		return ""
	}
	formal := formality == api.FormalityFormal
	if r, ok := registers[api.Base(target)]; ok {
		if formal {
			return "Formality: " + r.formal + "."
		}
		return "Formality: " + r.informal + "."
	}
	if formal {
		return "Formality: use a formal, polite register."
	}
	return "Formality: use an informal, friendly register."
}
