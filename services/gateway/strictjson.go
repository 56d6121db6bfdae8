package gateway

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// encoding/json lets the last of two equal keys win, and matches
	// keys to fields ignoring case, so "note" and "Note" both set Note:
	// one of the two values would be dropped without a word.
	if err := refuseDuplicateKeys(data, true); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// encoding/json has no type for this error, only its text.
		if quoted, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			name, uerr := strconv.Unquote(quoted)
			if uerr != nil {
				name = quoted
			}
			return api.FieldError(api.CodeInvalidJSON, fieldName(name), "unknown field %s%s", api.Quote(name), suggestField(reflect.TypeOf(v), name))
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
// of the types inside it) is most likely what name meant: the same name
// with other case or separators ("caseSensitive", "part-of-speech"), else
// the one closest to it by at most two edits ("tennant", "entires",
// "inflexion"; see closeEnough), the fields of the outer types first.
// Otherwise "".
func suggestField(t reflect.Type, name string) string {
	if t == nil {
		return ""
	}
	want := normField(name)
	best, bestDist := "", -1
	for _, f := range jsonFields(t) {
		d := 0
		if nf := normField(f); nf != want {
			if d = editDistance(want, nf); !closeEnough(want, d) {
				continue
			}
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = f, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + strconv.Quote(best) + "?)"
}

// normField is a field name without case or separators.
func normField(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' {
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// closeEnough reports whether a name d edits from a field reads as a
// misspelling of it: at most two edits, and no more than a third of the
// name's letters, so that a short name ("base") is not taken for another
// short one ("name").
func closeEnough(name string, d int) bool {
	return d <= 2 && d*3 <= utf8.RuneCountInString(name)
}

// jsonFields lists the JSON field names of t and of the struct types
// inside it (through pointers, slices, arrays and maps), breadth first:
// the outer type's fields before those of the types they hold.
func jsonFields(t reflect.Type) []string {
	var names []string
	seen := map[reflect.Type]bool{}
	queue := []reflect.Type{t}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			continue
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
			names = append(names, tag)
			queue = append(queue, f.Type)
		}
	}
	return names
}

// editDistance is the optimal string alignment distance between a and b
// (Levenshtein with the transposition of two neighbouring letters as one
// edit: "entires" is one from "entries"), counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows: the one before the previous is for transpositions.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// maxJSONDepth is the deepest nesting of objects and arrays a request
// body may have. Parley's own bodies nest four levels (a glossary's
// entries' terms); the compatible APIs' fewer. The walk below is the
// first to read a body, before encoding/json (whose limit is 10,000),
// and 100,000 nested brackets fit the 256 KiB a body may have.
const maxJSONDepth = 32

// refuseDuplicateKeys returns a 400 invalid_json naming the first key
// that an object of the JSON document data holds twice, or saying that
// data nests deeper than maxJSONDepth; nil if neither (or data is not
// JSON: the decoder that follows says why). With fold, keys equal but
// for case count as the same, as encoding/json matches them to one
// struct field ("note", "Note").
func refuseDuplicateKeys(data []byte, fold bool) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := keyWalk{dec: dec, fold: fold}
	dup, first, err := w.value()
	if errors.Is(err, errTooDeep) {
		return api.Errorf(api.CodeInvalidJSON, "request body nests objects and arrays more than %d levels deep", maxJSONDepth)
	}
	if err != nil || dup == "" {
		return nil
	}
	where := ""
	if path := w.at; path != "" {
		where = " in " + fieldName(path)
	}
	also := ""
	if first != dup {
		also = fmt.Sprintf(" (also sent as %s)", api.Quote(first))
	}
	return api.FieldError(api.CodeInvalidJSON, fieldName(dup), "field %s%s is given twice%s; send each field once", api.Quote(dup), where, also)
}

// errTooDeep ends a keyWalk at maxJSONDepth.
var errTooDeep = errors.New("too deeply nested")

// fieldName is a name the client sent (a JSON key, or a path of them), as
// an error's field or message may carry it: at most api.MaxQuotedRunes
// characters, cut with a "…" (api.Clip), for the reason api.Quote cuts
// what it quotes: a 5,000-character key must not come back whole.
func fieldName(s string) string { return api.Clip(s, api.MaxQuotedRunes) }

// keyWalk reads a JSON document token by token for duplicateKey.
// The path to the value being read is kept as segments and joined only
// for the object that repeats a key: a path string built at each level
// cost memory quadratic in the depth (a body of 100,000 nested arrays
// took 23 GB).
type keyWalk struct {
	dec  *json.Decoder
	fold bool
	path []pathSeg // entries, [2], terms, [0]
	at   string    // the path of the object with the duplicate
}

// value reads one JSON value and returns the first key an object in it
// repeats and the spelling it was first sent in; w.at is then the path of
// that object ("entries[2].terms[0]"; "" for the top level).
func (w *keyWalk) value() (dup, first string, err error) {
	tok, err := w.dec.Token()
	if err != nil {
		return "", "", err
	}
	if _, open := tok.(json.Delim); open && len(w.path) >= maxJSONDepth {
		return "", "", errTooDeep // a value that begins with a delimiter opens an object or array
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]string{}
		for w.dec.More() {
			kt, err := w.dec.Token()
			if err != nil {
				return "", "", err
			}
			k, _ := kt.(string)
			fk := k
			if w.fold {
				fk = foldKey(k)
			}
			if prev, ok := seen[fk]; ok {
				w.at = joinPath(w.path)
				return k, prev, nil
			}
			seen[fk] = k
			w.path = append(w.path, pathSeg{key: k})
			dup, first, err := w.value()
			w.path = w.path[:len(w.path)-1]
			if dup != "" || err != nil {
				return dup, first, err
			}
		}
		_, err = w.dec.Token()
	case json.Delim('['):
		for i := 0; w.dec.More(); i++ {
			w.path = append(w.path, pathSeg{index: i, isIndex: true})
			dup, first, err := w.value()
			w.path = w.path[:len(w.path)-1]
			if dup != "" || err != nil {
				return dup, first, err
			}
		}
		_, err = w.dec.Token()
	}
	return "", "", err
}

// pathSeg is a step of a path into a JSON document: an object's key or
// an array's index.
type pathSeg struct {
	key     string
	index   int
	isIndex bool
}

// joinPath writes a path as a client reads one: "entries[2].terms[0]".
func joinPath(segs []pathSeg) string {
	var b strings.Builder
	for i, s := range segs {
		switch {
		case s.isIndex:
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
		case i > 0:
			b.WriteString("." + s.key)
		default:
			b.WriteString(s.key)
		}
	}
	return b.String()
}

// foldKey is a key as encoding/json compares it with a field name:
// each letter in one case (its fold of "K", the Kelvin sign, "k" alike).
func foldKey(k string) string {
	return strings.Map(func(r rune) rune { return unicode.ToUpper(unicode.ToLower(r)) }, k)
}
