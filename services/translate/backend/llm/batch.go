package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/parley-chat/parley/services/translate/backend"
)

// BatchSchema is the JSON schema of a batch answer: {"items": [{"id",
// "translation"}]}. The count is checked in Go, since schema keywords such
// as minItems are not honoured by every server (see
// ../shared/reference/llm-qe-safety.md §A.6).
var BatchSchema = json.RawMessage(`{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"translation":{"type":"string"}},"required":["id","translation"],"additionalProperties":false}}},"required":["items"],"additionalProperties":false}`)

// BatchSchemaMap is BatchSchema decoded.
func BatchSchemaMap() map[string]any {
	var m map[string]any
	if err := json.Unmarshal(BatchSchema, &m); err != nil {
		panic(err) // BatchSchema is a constant
	}
	return m
}

// BatchPrompt is the chat for several messages.
type BatchPrompt struct {
	Template   *Template
	System     string
	User       string
	Begin, End string
	// Masked holds each message's sentinels, in order; message i has the
	// id strconv.Itoa(i+1).
	Masked     []Masked
	NumCtx     int
	NumPredict int
}

// BuildBatch makes one prompt for reqs, which share source, target,
// formality and glossary hints (the first request's are used). Each
// message is masked on its own, so its sentinels are its own.
func BuildBatch(reqs []backend.Request, limits Limits) (*BatchPrompt, error) {
	if len(reqs) == 0 {
		return nil, errors.New("empty batch")
	}
	p := &BatchPrompt{Template: Batch}
	type item struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	items := make([]item, len(reqs))
	atoms, pairs := false, false
	predict := 0
	for i, r := range reqs {
		m := MaskFormat(r.Text, r.Protect, r.Format)
		p.Masked = append(p.Masked, m)
		items[i] = item{ID: strconv.Itoa(i + 1), Text: m.Text}
		atoms = atoms || m.Len() > 0
		pairs = pairs || m.HasPairs()
		predict += 2*EstimateTokens(m.Text) + 16
	}
	// One item per line: a message cannot break the line structure, and
	// the model sees where each one ends.
	var b strings.Builder
	b.WriteString("[\n")
	for i, it := range items {
		var line strings.Builder
		enc := json.NewEncoder(&line)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(it)
		b.WriteString(strings.TrimSuffix(line.String(), "\n"))
		if i < len(items)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]")
	data := b.String()
	tag := markerTag(data)
	p.Begin, p.End = "<<<MESSAGES "+tag+">>>", "<<<END MESSAGES "+tag+">>>"
	first := reqs[0]
	d := promptData{
		Source: LanguageName(first.Source), Target: LanguageName(first.Target),
		Begin: p.Begin, End: p.End, Atoms: atoms, Pairs: pairs,
		Formality: FormalityInstruction(first.Target, first.Formality),
		Terms:     termLines(first.Terms),
		Message:   data, Count: len(reqs),
	}
	d.TermsBegin, d.TermsEnd = termMarkers(d.Terms)
	var err error
	if p.System, p.User, err = Batch.render(d); err != nil {
		return nil, err
	}
	p.NumPredict = predict + 32
	if p.NumCtx, err = contextWindow(p.System, p.User, p.NumPredict, limits); err != nil {
		return nil, err
	}
	return p, nil
}

// ParseBatch validates a batch answer: one JSON object whose items carry
// exactly the ids 1..n once each. It returns the translations by index.
// Any mismatch of ids or count fails the whole batch with ErrBadOutput.
func (p *BatchPrompt) ParseBatch(content string) ([]string, error) {
	s := StripThinking(content)
	if strings.HasPrefix(s, "```") {
		s = strings.TrimPrefix(s, "```json")
		s = strings.TrimPrefix(s, "```")
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "```"))
	}
	var out struct {
		Items []struct {
			ID          *string `json:"id"`
			Translation *string `json:"translation"`
		} `json:"items"`
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		return nil, backend.Errorf(backend.ErrBadOutput, err, "batch answer is not the requested JSON object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, backend.Errorf(backend.ErrBadOutput, err, "batch answer has text after the JSON object")
	}
	n := len(p.Masked)
	if len(out.Items) != n {
		return nil, backend.Errorf(backend.ErrBadOutput, nil, "batch answer has %d items for %d messages", len(out.Items), n)
	}
	texts := make([]string, n)
	seen := make([]bool, n)
	for _, it := range out.Items {
		if it.ID == nil || it.Translation == nil {
			return nil, backend.Errorf(backend.ErrBadOutput, nil, "a batch item lacks its id or translation")
		}
		i, err := strconv.Atoi(strings.TrimSpace(*it.ID))
		if err != nil || i < 1 || i > n {
			return nil, backend.Errorf(backend.ErrBadOutput, nil, "batch answer has an unknown id")
		}
		if seen[i-1] {
			return nil, backend.Errorf(backend.ErrBadOutput, nil, "batch answer repeats id %d", i)
		}
		seen[i-1] = true
		// Reasoning inside a value is not part of the translation; a
		// value that was only reasoning becomes blank, which Results
		// refuses for that message alone.
		texts[i-1] = StripAnswerThinking(*it.Translation, p.Masked[i-1].Text)
	}
	return texts, nil
}

// Results restores each translation's sentinels. A message whose
// translation is blank or lost sentinels gets its own error; the others
// are fine.
func (p *BatchPrompt) Results(texts []string, model string) []backend.BatchResult {
	out := make([]backend.BatchResult, len(texts))
	for i, t := range texts {
		out[i].Model, out[i].PromptID, out[i].PromptVersion = model, p.Template.ID, p.Template.Version
		if t == "" {
			out[i].Err = backend.Errorf(backend.ErrBadOutput, nil, "translation %d is empty", i+1)
			continue
		}
		text, err := p.Masked[i].Restore(t)
		if err != nil {
			out[i].Err = fmt.Errorf("message %d: %w", i+1, err)
			continue
		}
		out[i].Text = text
	}
	return out
}
