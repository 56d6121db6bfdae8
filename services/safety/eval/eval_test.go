package eval_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parley-chat/parley/services/safety"
	"github.com/parley-chat/parley/services/safety/eval"
	"github.com/parley-chat/parley/shared/api"
)

func TestLabelledSet(t *testing.T) {
	cases, err := eval.Labelled()
	if err != nil {
		t.Fatal(err)
	}
	langs, kinds, ids := map[string]int{}, map[string]int{}, map[string]bool{}
	known := []string{api.CategoryProfanity, api.CategorySexualContent, api.CategoryHate, api.CategorySelfHarm, api.CategoryPII}
	for _, c := range cases {
		langs[c.Lang]++
		kinds[c.Kind]++
		if ids[c.ID] || !utf8.ValidString(c.Text) {
			t.Errorf("case %s: duplicate id or invalid text", c.ID)
		}
		ids[c.ID] = true
		for _, l := range c.Labels {
			if !slices.Contains(known, l) {
				t.Errorf("case %s: unknown label %q", c.ID, l)
			}
		}
		if (c.Kind == "clean" || c.Kind == "tricky") != (len(c.Labels) == 0) {
			t.Errorf("case %s: kind %s with labels %v", c.ID, c.Kind, c.Labels)
		}
	}
	// The issue asks for at least six languages and every kind.
	big := 0
	for _, n := range langs {
		if n >= 10 {
			big++
		}
	}
	if big < 6 {
		t.Errorf("%d languages with at least ten cases, want 6: %v", big, langs)
	}
	for _, k := range eval.Kinds {
		if kinds[k] < 10 {
			t.Errorf("%d %s cases, want at least 10", kinds[k], k)
		}
	}
}

// TestEvaluation runs the set and holds the checks to floors a little
// under what they reach, so that a change that costs precision or recall
// fails here; run with -v for the report.
func TestEvaluation(t *testing.T) {
	cases, err := eval.Labelled()
	if err != nil {
		t.Fatal(err)
	}
	c, err := safety.NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	r, err := eval.Run(context.Background(), c, cases)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := r.WriteText(&b, true); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	floors := []struct {
		category          string
		precision, recall float64
	}{
		{eval.Unsafe, 0.95, 0.94},
		{api.CategoryProfanity, 0.95, 0.93},
		{api.CategoryHate, 0.95, 0.80},
		{api.CategoryPII, 0.98, 0.98},
		{api.CategorySelfHarm, 0.95, 0.95},
	}
	for _, f := range floors {
		s := r.Score(f.category)
		if s.Precision() < f.precision || s.Recall() < f.recall {
			t.Errorf("%s: precision %.3f recall %.3f, want at least %.2f and %.2f", f.category, s.Precision(), s.Recall(), f.precision, f.recall)
		}
	}
	for _, s := range r.ByKind["clean"] {
		if s.FP > 0 {
			t.Errorf("clean messages flagged: %+v", s)
		}
	}
}

func TestLoadRejectsBadLines(t *testing.T) {
	for _, line := range []string{
		`{"id": "x", "lang": "en", "kind": "clean"}`,
		`{"id": "x", "lang": "en", "kind": "weird", "text": "hi"}`,
		`{"id": "x", "lang": "en", "kind": "clean", "text": "hi", "label": []}`,
		`not json`,
	} {
		if _, err := eval.Load(strings.NewReader(line)); err == nil {
			t.Errorf("Load accepted %s", line)
		}
	}
}

func TestCommand(t *testing.T) {
	var out, errb strings.Builder
	if code := eval.Main([]string{"-v"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "unsafe") {
		t.Errorf("Main = %d, out %q, err %q", code, out.String(), errb.String())
	}
	if code := eval.Main([]string{"-set", "/nonexistent.jsonl"}, &out, &errb); code != 1 {
		t.Errorf("missing set: code %d", code)
	}
	// -h prints the usage that was asked for: success, not a usage error.
	for _, tt := range []struct {
		args []string
		code int
	}{{[]string{"-h"}, 0}, {[]string{"-help"}, 0}, {[]string{"--bogus"}, 2}} {
		errb.Reset()
		if code := eval.Main(tt.args, &out, &errb); code != tt.code || !strings.Contains(errb.String(), "Usage of safety-eval") {
			t.Errorf("%v: code %d, want %d; stderr %q", tt.args, code, tt.code, errb.String())
		}
	}
}
