package gateway

import (
	"reflect"
	"testing"
)

// Type errors name what the client must send in JSON's terms: an integer
// field refuses 3.5 and 1e300 too, so "number" would not say what is
// wrong.
func TestJSONTypeNames(t *testing.T) {
	var (
		i   int
		u   uint32
		f   float64
		p   *int
		str string
	)
	for _, tt := range []struct {
		v    any
		want string
	}{
		{i, "integer"}, {u, "integer of 0 or more"}, {f, "number"}, {p, "integer"}, {str, "string"},
		{[]string{}, "array"}, {map[string]int{}, "object"}, {struct{}{}, "object"}, {true, "boolean"},
	} {
		if got := jsonType(reflect.TypeOf(tt.v)); got != tt.want {
			t.Errorf("jsonType(%T) = %q, want %q", tt.v, got, tt.want)
		}
	}
	if got := jsonType(nil); got != "value" {
		t.Errorf("jsonType(nil) = %q", got)
	}
}
