package gateway

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/parley-chat/parley/shared/api"
)

// unmarshalStrict is json.Unmarshal refusing fields v does not have: an
// unknown field is a 400 invalid_json naming it, with the known field it
// most likely meant ("caseSensitive": did you mean "case_sensitive"?).
// Only the routes that use Server.decodeStrict get it (the /v1/glossaries
// writes, whose bodies Parley's own clients send); the translation routes
// and the compatible APIs keep ignoring extra fields, which the clients of
// other APIs send.
func unmarshalStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// encoding/json has no type for this error, only its text.
		if quoted, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			name, uerr := strconv.Unquote(quoted)
			if uerr != nil {
				name = quoted
			}
			return api.FieldError(api.CodeInvalidJSON, name, "unknown field %q%s", name, suggestField(reflect.TypeOf(v), name))
		}
		return err
	}
	// As json.Unmarshal, nothing may follow the value.
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}

// suggestField returns ` (did you mean "x"?)` when a JSON field of t (or
// of the types inside it) spells name with other case or separators, else
// "".
func suggestField(t reflect.Type, name string) string {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '_' || r == '-' {
				return -1
			}
			return r
		}, strings.ToLower(s))
	}
	want := norm(name)
	seen := map[reflect.Type]bool{}
	var find func(t reflect.Type) string
	find = func(t reflect.Type) string {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return ""
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if tag == "-" {
				continue
			}
			if tag == "" {
				tag = f.Name
			}
			if norm(tag) == want {
				return tag
			}
			if got := find(f.Type); got != "" {
				return got
			}
		}
		return ""
	}
	if t == nil {
		return ""
	}
	if got := find(t); got != "" {
		return " (did you mean " + strconv.Quote(got) + "?)"
	}
	return ""
}
