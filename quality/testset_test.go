package quality_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/quality"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/repo"
)

func TestReadTestSet(t *testing.T) {
	const good = `{"id":"a1","source":"Hello @anna, see https://x.io","source_lang":"en","target_lang":"es","references":["Hola @anna, mira https://x.io"],"tags":["entity"]}

{"id":"a2","source":"Open the workspace","source_lang":"en_US","target_lang":"pt-br","references":["Abra o espaço de trabalho"],"tags":["glossary"],"terms":[{"source":"Workspace","target":"espaço de trabalho"}]}
`
	set, err := quality.ReadTestSet(strings.NewReader(good), "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Segments) != 2 {
		t.Fatalf("%d segments", len(set.Segments))
	}
	s := set.Segments[1]
	if s.SourceLang != "en-US" || s.TargetLang != "pt-BR" || s.Pair() != "en-US-pt-BR" {
		t.Errorf("languages not canonical: %+v", s)
	}
	if got := set.Languages(); strings.Join(got, ",") != "en,es,pt" {
		t.Errorf("languages %v", got)
	}
	var buf bytes.Buffer
	if err := quality.WriteTestSet(&buf, set.Segments); err != nil {
		t.Fatal(err)
	}
	again, err := quality.ReadTestSet(&buf, "t")
	if err != nil || len(again.Segments) != 2 || again.Segments[0].Source != set.Segments[0].Source {
		t.Fatalf("round trip: %v %+v", err, again)
	}
}

func TestReadTestSetRejects(t *testing.T) {
	const base = `"source":"Hello","source_lang":"en","target_lang":"es","references":["Hola"]`
	cases := []struct {
		name, line, field string
	}{
		{"bad json", `{"id":"x",`, ""},
		{"unknown field", `{"id":"x",` + base + `,"refs":["typo"]}`, ""},
		{"no id", `{` + base + `}`, "id"},
		{"bad id", `{"id":"a b",` + base + `}`, "id"},
		{"empty source", `{"id":"x","source":"  ","source_lang":"en","target_lang":"es","references":["Hola"]}`, "source"},
		{"bad language", `{"id":"x","source":"Hello","source_lang":"english!","target_lang":"es","references":["Hola"]}`, "source_lang"},
		{"same language", `{"id":"x","source":"Hello","source_lang":"en","target_lang":"en-GB","references":["Hola"]}`, "target_lang"},
		{"no references", `{"id":"x","source":"Hello","source_lang":"en","target_lang":"es","references":[]}`, "references"},
		{"blank reference", `{"id":"x","source":"Hello","source_lang":"en","target_lang":"es","references":["Hola"," "]}`, "references[1]"},
		{"bad tag", `{"id":"x",` + base + `,"tags":["Entity"]}`, "tags[0]"},
		{"entity not in source", `{"id":"x",` + base + `,"entities":["@bob"]}`, "entities[0]"},
		{"term not in source", `{"id":"x",` + base + `,"terms":[{"source":"channel","target":"canal"}]}`, "terms[0]"},
		{"glossary tag without terms", `{"id":"x",` + base + `,"tags":["glossary"]}`, "terms"},
		{"injection tag without forbidden", `{"id":"x",` + base + `,"tags":["injection"]}`, "forbidden"},
		{"duplicate id", `{"id":"x",` + base + "}\n" + `{"id":"x",` + base + `}`, "id"},
		{"empty file", "\n\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := quality.ReadTestSet(strings.NewReader(c.line), "t")
			var ae *api.Error
			if !errors.As(err, &ae) {
				t.Fatalf("error %v, want *api.Error", err)
			}
			if ae.Status() != 400 || ae.Field != c.field {
				t.Errorf("error %+v, want a 400 on field %q", ae, c.field)
			}
		})
	}
}

// The committed seed set must stay valid and keep the tags the harness
// reports on.
func TestSeedSet(t *testing.T) {
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	set, err := quality.LoadTestSet(filepath.Join(root, "quality", "testsets", "seed.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	info := set.Info("", nil)
	if info.Segments < 25 {
		t.Errorf("seed set has %d segments", info.Segments)
	}
	for _, tag := range []string{quality.TagEntity, quality.TagGlossary, quality.TagInjection} {
		if info.Tags[tag] < 3 {
			t.Errorf("seed set has %d segments tagged %s, want at least 3", info.Tags[tag], tag)
		}
	}
	// Every segment's entities must be found in its own references:
	// otherwise the entity check would penalise a perfect translation.
	for _, s := range set.Segments {
		c := quality.CheckEntities(quality.ExtractEntities(s.Source), s.References[0])
		if len(s.Entities) > 0 {
			var es []quality.Entity
			for _, e := range s.Entities {
				es = append(es, quality.Entity{Kind: quality.EntityExplicit, Text: e})
			}
			c = quality.CheckEntities(es, s.References[0])
		}
		if c.Preserved != c.Total {
			t.Errorf("%s: reference misses entities %v", s.ID, c.Missing)
		}
		tc := quality.CheckTerms(s.Terms, s.References[0])
		if tc.Applied != tc.Total {
			t.Errorf("%s: reference misses terms %v", s.ID, tc.Missing)
		}
	}
}

// The committed chat set (chat's set phrases and everyday lines, for the
// Apertium rung's chat fixes: docs/apertium.md) must stay valid: every
// segment a chat line with a reference that keeps its entities.
func TestChatSet(t *testing.T) {
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	set, err := quality.LoadTestSet(filepath.Join(root, "quality", "testsets", "chat.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	info := set.Info("", nil)
	if info.Segments < 50 || info.Tags["chat"] != info.Segments {
		t.Errorf("chat set has %d segments, %d tagged chat; want 50 or more, all chat", info.Segments, info.Tags["chat"])
	}
	for _, s := range set.Segments {
		if c := quality.CheckEntities(quality.ExtractEntities(s.Source), s.References[0]); c.Preserved != c.Total {
			t.Errorf("%s: reference misses entities %v", s.ID, c.Missing)
		}
	}
}
