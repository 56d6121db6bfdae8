package gateway

import (
	"reflect"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"note", "note", 0},
		{"", "abc", 3},
		{"forbiden", "forbidden", 1}, // a letter left out
		{"tennant", "tenant", 1},     // one too many
		{"entires", "entries", 1},    // two letters swapped
		{"priorty", "priority", 1},
		{"inflexion", "inflection", 2}, // replaced and left out
		{"ab", "ba", 1},
		{"ca", "abc", 3}, // optimal string alignment: no edit of a swapped pair
		{"términ", "término", 1},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestSuggestField(t *testing.T) {
	glossary, update, rollback := reflect.TypeFor[api.Glossary](), reflect.TypeFor[api.GlossaryUpdateRequest](), reflect.TypeFor[RollbackRequest]()
	for _, tc := range []struct {
		t    reflect.Type
		name string
		want string // "" for no hint
	}{
		{glossary, "caseSensitive", "case_sensitive"},
		{glossary, "Part-Of-Speech", "part_of_speech"},
		{glossary, "forbiden", "forbidden"},
		{glossary, "tennant", "tenant"},
		{glossary, "entires", "entries"},
		{glossary, "priorty", "priority"},
		{glossary, "inflexion", "inflection"},
		{glossary, "descripton", "description"},
		{glossary, "txt", "text"},
		{update, "base_verison", "base_version"},
		{rollback, "versoin", "version"},
		// Too far, or too short to tell.
		{glossary, "prio", ""},
		{glossary, "colour", ""},
		{rollback, "base", ""},
		{glossary, "xy", ""},
	} {
		got := suggestField(tc.t, tc.name)
		want := ""
		if tc.want != "" {
			want = ` (did you mean "` + tc.want + `"?)`
		}
		if got != want {
			t.Errorf("suggestField(%s, %q) = %q, want %q", tc.t, tc.name, got, want)
		}
	}
}

func TestRefuseDuplicateKeys(t *testing.T) {
	for _, tc := range []struct {
		doc   string
		fold  bool
		field string // "" for accepted
		msg   string
	}{
		{`{"id":"a","note":"x"}`, true, "", ""},
		{`{"id":"a","id":"b"}`, true, "id", `field "id" is given twice`},
		{`{"note":"x","Note":"y"}`, true, "Note", `(also sent as "note")`},
		{`{"note":"x","Note":"y"}`, false, "", ""},
		{`{"entries":[{"id":"a"},{"id":"b","terms":[{"text":"x","TEXT":"y"}]}]}`, true, "TEXT", "in entries[1].terms[0]"},
		{`{"a":{"x":1},"b":{"x":1}}`, true, "", ""}, // the same key in two objects
		{`{"target_lang":"DE","target_lang":"ES"}`, false, "target_lang", "given twice"},
		{`[{"a":1},{"a":1}]`, true, "", ""},
		{`{"a":`, true, "", ""}, // not JSON: left to the decoder
		{`{"[x]":{"y":1,"y":2}}`, true, "y", `in [x]`},
		{`{"a":{"[0]":[{"y":1,"y":2}]}}`, true, "y", `in a.[0][0]`},
		// As deep as a body may nest, and one level more.
		{strings.Repeat(`{"a":`, maxJSONDepth) + "1" + strings.Repeat("}", maxJSONDepth), true, "", ""},
		{strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth), true, "", ""},
		{`{"x":` + strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth) + "}", true, "", "more than 32 levels deep"},
		{strings.Repeat(`{"a":`, maxJSONDepth+1), false, "", "more than 32 levels deep"},
	} {
		err := refuseDuplicateKeys([]byte(tc.doc), tc.fold)
		if tc.field == "" && tc.msg != "" {
			if ae := api.AsError(err); err == nil || ae.Code != api.CodeInvalidJSON || !strings.Contains(ae.Message, tc.msg) {
				t.Errorf("%.40s…: %v, want invalid_json with %q", tc.doc, err, tc.msg)
			}
			continue
		}
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.doc, err)
			}
			continue
		}
		ae := api.AsError(err)
		if err == nil || ae.Code != api.CodeInvalidJSON || ae.Field != tc.field || !strings.Contains(ae.Message, tc.msg) {
			t.Errorf("%s: %v, want invalid_json on %s with %q", tc.doc, err, tc.field, tc.msg)
		}
	}
}
