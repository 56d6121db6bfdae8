package cliflag_test

import (
	"flag"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/cliflag"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		pos     []string
		grace   time.Duration
		json    bool
		wantErr bool
	}{
		{"flags first", []string{"--grace", "24h", "id1"}, []string{"id1"}, 24 * time.Hour, false, false},
		{"flags after the argument", []string{"id1", "--grace", "24h"}, []string{"id1"}, 24 * time.Hour, false, false},
		{"interspersed", []string{"a", "-json", "b", "-grace=1h", "c"}, []string{"a", "b", "c"}, time.Hour, true, false},
		{"no arguments", []string{"-json"}, nil, 0, true, false},
		{"nothing", nil, nil, 0, false, false},
		{"double dash ends the flags", []string{"a", "--", "-json", "b"}, []string{"a", "-json", "b"}, 0, false, false},
		{"lone dash is an argument", []string{"-", "-json"}, []string{"-"}, 0, true, false},
		{"unknown flag after the argument", []string{"a", "--nope"}, nil, 0, false, true},
		{"bad value after the argument", []string{"a", "--grace", "soon"}, nil, 0, false, true},
		{"missing value after the argument", []string{"a", "--grace"}, nil, 0, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			grace := fs.Duration("grace", 0, "")
			asJSON := fs.Bool("json", false, "")
			pos, err := cliflag.Parse(fs, tt.args)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if !slices.Equal(pos, tt.pos) || *grace != tt.grace || *asJSON != tt.json {
				t.Fatalf("positional %q grace %v json %v; want %q %v %v", pos, *grace, *asJSON, tt.pos, tt.grace, tt.json)
			}
		})
	}
}
