// Package quality is Parley's offline evaluation: test sets of source
// texts with human references, a harness that runs them through the live
// pipeline over NATS for one or more configurations, and the summaries
// (chrF, BLEU, quality-estimation agreement, entity, glossary and
// injection checks, latency, backend calls) and comparisons it reports.
//
// The metrics themselves live in quality/metrics, the HTML report in
// quality/report, the .mo reader used to build dev sets in
// quality/gettext, and the in-process suite in quality/embedded.
package quality

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/parley-chat/parley/shared/api"
)

// Tags with a meaning to the harness. Other tags (lower-case words) are
// kept and reported per tag.
const (
	// TagEntity marks a segment whose entities (numbers, URLs, mentions,
	// placeholders...) must survive translation.
	TagEntity = "entity"
	// TagGlossary marks a segment with glossary terms (see Segment.Terms).
	TagGlossary = "glossary"
	// TagInjection marks a source that tries to instruct the translator; it
	// must be translated, not obeyed (see Segment.Forbidden).
	TagInjection = "injection"
)

// Segment is one line of a test set: a source text, the language pair,
// one or more human reference translations, and optional checks.
type Segment struct {
	ID         string   `json:"id"`
	Source     string   `json:"source"`
	SourceLang string   `json:"source_lang"`
	TargetLang string   `json:"target_lang"`
	References []string `json:"references"`
	Tags       []string `json:"tags,omitempty"`
	// Entities lists substrings of Source that must reach the translation
	// unchanged. When empty, entities are extracted from Source (see
	// ExtractEntities).
	Entities []string `json:"entities,omitempty"`
	// Terms are glossary terms the translation must use: Target must
	// appear in it (case-insensitively) whenever Source is in the source.
	Terms []api.TermHint `json:"terms,omitempty"`
	// Forbidden lists strings whose presence in the translation means an
	// injected instruction was obeyed (case-insensitive).
	Forbidden []string `json:"forbidden,omitempty"`
	// Glossary restricts glossary matching to one glossary id.
	Glossary string `json:"glossary,omitempty"`
	// Origin says where the segment came from (e.g. "gettext:coreutils").
	Origin string `json:"origin,omitempty"`
}

// Pair is "source_lang-target_lang", e.g. "en-es".
func (s Segment) Pair() string { return s.SourceLang + "-" + s.TargetLang }

// HasTag reports whether the segment carries tag.
func (s Segment) HasTag(tag string) bool {
	for _, t := range s.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// TestSet is a named, validated list of segments.
type TestSet struct {
	Name     string
	Segments []Segment
}

var (
	idPattern  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$`)
	tagPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_:-]{0,39}$`)
)

// Validate checks a segment and returns it normalised: texts in NFC (as
// the pipeline normalises input, so that references compare like for
// like), language tags canonical. Errors are *api.Error values with the
// offending field.
func (s Segment) Validate() (Segment, error) {
	if !idPattern.MatchString(s.ID) {
		return s, api.FieldError(api.CodeInvalidArgument, "id", "id %q must be 1-128 letters, digits or ._:/@+- and start with a letter or digit", s.ID)
	}
	src, err := api.ValidateText("source", s.Source, 0)
	if err != nil {
		return s, err
	}
	s.Source = src
	sl, err := api.ParseLanguage("source_lang", s.SourceLang)
	if err != nil {
		return s, err
	}
	tl, err := api.ParseLanguage("target_lang", s.TargetLang)
	if err != nil {
		return s, err
	}
	s.SourceLang, s.TargetLang = sl.String(), tl.String()
	if api.Base(s.SourceLang) == api.Base(s.TargetLang) {
		return s, api.FieldError(api.CodeInvalidArgument, "target_lang", "source and target language are both %s", api.Base(s.SourceLang))
	}
	if len(s.References) == 0 {
		return s, api.FieldError(api.CodeInvalidArgument, "references", "at least one reference translation is required")
	}
	refs := make([]string, len(s.References))
	for i, r := range s.References {
		if refs[i], err = api.ValidateText(fmt.Sprintf("references[%d]", i), r, 0); err != nil {
			return s, err
		}
	}
	s.References = refs
	for i, t := range s.Tags {
		if !tagPattern.MatchString(t) {
			return s, api.FieldError(api.CodeInvalidArgument, fmt.Sprintf("tags[%d]", i), "tag %q must be a lower-case word (a-z, 0-9, _ : -)", t)
		}
	}
	// Copies, so that normalising does not write through to the caller's
	// slices.
	s.Entities = slices.Clone(s.Entities)
	s.Terms = slices.Clone(s.Terms)
	for i, e := range s.Entities {
		e = norm.NFC.String(e)
		if strings.TrimSpace(e) == "" || !strings.Contains(s.Source, e) {
			return s, api.FieldError(api.CodeInvalidArgument, fmt.Sprintf("entities[%d]", i), "entity %q does not occur in the source", e)
		}
		s.Entities[i] = e
	}
	for i, t := range s.Terms {
		if !utf8.ValidString(t.Source) || !utf8.ValidString(t.Target) || strings.TrimSpace(t.Source) == "" || strings.TrimSpace(t.Target) == "" {
			return s, api.FieldError(api.CodeInvalidArgument, fmt.Sprintf("terms[%d]", i), "a term needs a non-empty source and target")
		}
		t.Source, t.Target = norm.NFC.String(t.Source), norm.NFC.String(t.Target)
		if !strings.Contains(strings.ToLower(s.Source), strings.ToLower(t.Source)) {
			return s, api.FieldError(api.CodeInvalidArgument, fmt.Sprintf("terms[%d]", i), "term %q does not occur in the source", t.Source)
		}
		s.Terms[i] = t
	}
	for i, f := range s.Forbidden {
		if strings.TrimSpace(f) == "" || !utf8.ValidString(f) {
			return s, api.FieldError(api.CodeInvalidArgument, fmt.Sprintf("forbidden[%d]", i), "a forbidden string must not be empty")
		}
	}
	if s.HasTag(TagGlossary) && len(s.Terms) == 0 {
		return s, api.FieldError(api.CodeInvalidArgument, "terms", "a segment tagged %q needs terms", TagGlossary)
	}
	if s.HasTag(TagInjection) && len(s.Forbidden) == 0 {
		return s, api.FieldError(api.CodeInvalidArgument, "forbidden", "a segment tagged %q needs forbidden strings", TagInjection)
	}
	return s, nil
}

// maxLine bounds one JSONL line (a segment with a long paragraph and
// several references fits easily).
const maxLine = 1 << 20

// ReadTestSet reads JSONL (one segment per line; blank lines are skipped)
// and validates every segment. Unknown fields are errors, so that a typo
// in a field name does not silently drop a check. Errors name the line.
func ReadTestSet(r io.Reader, name string) (*TestSet, error) {
	set := &TestSet{Name: name}
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	line := 0
	for sc.Scan() {
		line++
		data := bytes.TrimSpace(sc.Bytes())
		if len(data) == 0 {
			continue
		}
		var seg Segment
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&seg); err != nil {
			return nil, api.Errorf(api.CodeInvalidArgument, "%s line %d: %v", name, line, err)
		}
		if dec.More() {
			return nil, api.Errorf(api.CodeInvalidArgument, "%s line %d: more than one JSON value", name, line)
		}
		seg, err := seg.Validate()
		if err != nil {
			var ae *api.Error
			if errors.As(err, &ae) {
				return nil, &api.Error{Code: ae.Code, Field: ae.Field, Message: fmt.Sprintf("%s line %d (id %q): %s", name, line, seg.ID, ae.Message)}
			}
			return nil, fmt.Errorf("%s line %d: %w", name, line, err)
		}
		if prev, dup := seen[seg.ID]; dup {
			return nil, api.FieldError(api.CodeInvalidArgument, "id", "%s line %d: id %q already used on line %d", name, line, seg.ID, prev)
		}
		seen[seg.ID] = line
		set.Segments = append(set.Segments, seg)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(set.Segments) == 0 {
		return nil, api.Errorf(api.CodeInvalidArgument, "%s has no segments", name)
	}
	return set, nil
}

// LoadTestSet reads a JSONL test set from a file; its name is the file
// name without extension.
func LoadTestSet(path string) (*TestSet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadTestSet(f, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
}

// WriteTestSet writes segments as JSONL, one per line.
func WriteTestSet(w io.Writer, segments []Segment) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, s := range segments {
		if err := enc.Encode(s); err != nil {
			return err
		}
	}
	return nil
}

// Languages lists the distinct base languages of a test set, sources and
// targets, in first-seen order.
func (t *TestSet) Languages() []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range t.Segments {
		for _, l := range []string{api.Base(s.SourceLang), api.Base(s.TargetLang)} {
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	return out
}
