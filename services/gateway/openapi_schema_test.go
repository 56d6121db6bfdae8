package gateway_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// schemaChecker holds a JSON value to a schema of the served document.
// It knows the subset of JSON Schema 2020-12 the document uses (no
// validator library is among the module's dependencies): $ref to
// components, type, enum, properties, required, additionalProperties,
// items, minItems, maxItems, minimum, maximum, oneOf, anyOf, allOf and
// the date-time format. Any other keyword that could assert something is
// reported, so that a schema the checker would pass without reading is
// a failure rather than a gap.
type schemaChecker struct {
	schemas map[string]any // components.schemas
}

// annotations are keywords that assert nothing.
var annotations = map[string]bool{"description": true, "default": true, "example": true, "examples": true, "title": true, "contentMediaType": true}

// check returns what is wrong with v under schema, each problem prefixed
// with the JSON path at which it was found.
func (sc schemaChecker) check(schema any, v any, at string) []string {
	s, ok := schema.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: the schema is a %T, not an object", at, schema)}
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	for _, k := range slices.Sorted(maps.Keys(s)) {
		kw := s[k]
		switch k {
		case "$ref":
			name, ok := strings.CutPrefix(fmt.Sprint(kw), "#/components/schemas/")
			target, found := sc.schemas[name]
			if !ok || !found {
				bad("$ref %v names no component schema", kw)
				continue
			}
			errs = append(errs, sc.check(target, v, at)...)
		case "type":
			if !typeMatches(kw, v) {
				bad("%s is not of type %v", describe(v), kw)
			}
		case "enum":
			if !slices.ContainsFunc(kw.([]any), func(e any) bool { return jsonEqual(e, v) }) {
				bad("%s is not one of %v", describe(v), kw)
			}
		case "required":
			if o, ok := v.(map[string]any); ok {
				for _, name := range kw.([]any) {
					if _, ok := o[name.(string)]; !ok {
						bad("required property %q is missing", name)
					}
				}
			}
		case "properties":
			if o, ok := v.(map[string]any); ok {
				props := kw.(map[string]any)
				for _, name := range slices.Sorted(maps.Keys(o)) {
					if ps, ok := props[name]; ok {
						errs = append(errs, sc.check(ps, o[name], at+"."+name)...)
					}
				}
			}
		case "additionalProperties":
			o, ok := v.(map[string]any)
			if !ok {
				continue
			}
			props, _ := s["properties"].(map[string]any)
			for _, name := range slices.Sorted(maps.Keys(o)) {
				if _, declared := props[name]; declared {
					continue
				}
				switch ap := kw.(type) {
				case bool:
					if !ap {
						bad("property %q is not allowed", name)
					}
				default:
					errs = append(errs, sc.check(ap, o[name], at+"."+name)...)
				}
			}
		case "items":
			if a, ok := v.([]any); ok {
				for i, e := range a {
					errs = append(errs, sc.check(kw, e, fmt.Sprintf("%s[%d]", at, i))...)
				}
			}
		case "minItems", "maxItems":
			if a, ok := v.([]any); ok {
				n := int(kw.(float64))
				if k == "minItems" && len(a) < n || k == "maxItems" && len(a) > n {
					bad("%d items, %s is %d", len(a), k, n)
				}
			}
		case "minimum", "maximum":
			if f, ok := v.(float64); ok {
				lim := kw.(float64)
				if k == "minimum" && f < lim || k == "maximum" && f > lim {
					bad("%v is outside %s %v", f, k, lim)
				}
			}
		case "format":
			if str, ok := v.(string); ok && kw == "date-time" {
				if _, err := time.Parse(time.RFC3339Nano, str); err != nil {
					bad("%q is not a date-time: %v", str, err)
				}
			}
		case "oneOf", "anyOf", "allOf":
			matched := 0
			var sub []string
			for i, alt := range kw.([]any) {
				if e := sc.check(alt, v, fmt.Sprintf("%s(%s %d)", at, k, i)); len(e) == 0 {
					matched++
				} else {
					sub = append(sub, e...)
				}
			}
			n := len(kw.([]any))
			switch {
			case k == "oneOf" && matched != 1:
				bad("%s matches %d of oneOf's %d schemas, not one: %v", describe(v), matched, n, sub)
			case k == "anyOf" && matched == 0:
				bad("%s matches none of anyOf's schemas: %v", describe(v), sub)
			case k == "allOf" && matched != n:
				errs = append(errs, sub...)
			}
		default:
			if !annotations[k] {
				bad("the checker does not know the keyword %q (teach it, in openapi_schema_test.go)", k)
			}
		}
	}
	return errs
}

// bare reports whether schema says no more of a value than that it is a
// JSON object (or nothing at all): such an answer could hold anything,
// and the document would drift from it unseen.
func (sc schemaChecker) bare(schema any) bool {
	s, _ := schema.(map[string]any)
	if r, ok := s["$ref"].(string); ok {
		return sc.bare(sc.schemas[strings.TrimPrefix(r, "#/components/schemas/")])
	}
	for _, k := range []string{"properties", "additionalProperties", "items", "oneOf", "anyOf", "allOf", "enum"} {
		if _, ok := s[k]; ok {
			return false
		}
	}
	return s["type"] == nil || s["type"] == "object"
}

// typeMatches applies JSON Schema's type keyword: one name or a list.
func typeMatches(t any, v any) bool {
	if list, ok := t.([]any); ok {
		return slices.ContainsFunc(list, func(t any) bool { return typeMatches(t, v) })
	}
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	}
	return false
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// describe names a value in a problem, cut short.
func describe(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}

// TestSchemaChecker holds the checker that TestOpenAPIOperationsAnswerAsDocumented
// relies on to what it must refuse: a checker that passed everything would
// let the document drift again.
func TestSchemaChecker(t *testing.T) {
	sc := schemaChecker{schemas: map[string]any{
		"Item":  map[string]any{"type": "object", "required": []any{"code"}, "properties": map[string]any{"code": map[string]any{"type": "string"}}},
		"Items": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/Item"}},
		"Bare":  map[string]any{"type": "object"},
		"Text": map[string]any{"oneOf": []any{map[string]any{"type": "string"},
			map[string]any{"type": "array", "items": map[string]any{"type": "string"}}}},
	}}
	ref := func(name string) any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	tests := []struct {
		name   string
		schema any
		value  string
		ok     bool
	}{
		{"array of items", ref("Items"), `[{"code":"en"}]`, true},
		{"an object for an array", ref("Items"), `{"code":"en"}`, false},
		{"an item without its required property", ref("Items"), `[{"name":"English"}]`, false},
		{"an item property of the wrong type", ref("Items"), `[{"code":5}]`, false},
		{"integer", map[string]any{"type": "integer"}, `3`, true},
		{"a fraction for an integer", map[string]any{"type": "integer"}, `3.5`, false},
		{"null where an array goes", map[string]any{"type": "array"}, `null`, false},
		{"null allowed by a type list", map[string]any{"type": []any{"array", "null"}}, `null`, true},
		{"enum", map[string]any{"enum": []any{"ok"}}, `"ok"`, true},
		{"outside the enum", map[string]any{"enum": []any{"ok"}}, `"OK"`, false},
		{"oneOf string", ref("Text"), `"hello"`, true},
		{"oneOf array", ref("Text"), `["hello"]`, true},
		{"oneOf neither", ref("Text"), `5`, false},
		{"anyOf none", map[string]any{"anyOf": []any{map[string]any{"type": "string"}}}, `true`, false},
		{"additionalProperties", map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}}, `{"a":"b","c":1}`, false},
		{"maximum", map[string]any{"type": "number", "maximum": 100.0}, `101`, false},
		{"minItems", map[string]any{"type": "array", "minItems": 1.0}, `[]`, false},
		{"date-time", map[string]any{"type": "string", "format": "date-time"}, `"2026-12-01T09:00:00Z"`, true},
		{"not a date-time", map[string]any{"type": "string", "format": "date-time"}, `"yesterday"`, false},
		{"unknown ref", ref("Nope"), `{}`, false},
		{"unknown keyword", map[string]any{"pattern": "^a"}, `"a"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The schema as the document serves it: through JSON.
			var schema, v any
			b, _ := json.Marshal(tt.schema)
			if err := json.Unmarshal(b, &schema); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tt.value), &v); err != nil {
				t.Fatal(err)
			}
			if errs := sc.check(schema, v, "$"); (len(errs) == 0) != tt.ok {
				t.Fatalf("check(%s) = %v, want ok %v", tt.value, errs, tt.ok)
			}
		})
	}
	for name, want := range map[string]bool{"Bare": true, "Item": false, "Items": false, "Text": false} {
		if got := sc.bare(ref(name)); got != want {
			t.Errorf("bare(%s) = %v, want %v", name, got, want)
		}
	}
}
