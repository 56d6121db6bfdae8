// Package eval measures the safety checks against a labelled set: short
// chat messages in eleven languages, each labelled by hand with the
// categories a moderator would give it (profanity, sexual_content, hate,
// self_harm, pii, or none), of six kinds: clean, tricky (innocent text
// that looks like a match: Scunthorpe, dates, everyday words), profane,
// obfuscated (leetspeak, look-alikes, invisible characters, drawn-out
// letters, and a few spellings the checks do not read), pii, and
// self_harm (first-person intent, self-harm urged on someone else, and
// everyday lines with the same verbs).
//
// It reports precision and recall per category, and for "unsafe" (any
// harm category, PII aside), overall and per kind, with every miss and
// false alarm listed, so that a change to the lists or the normalizer shows
// what it gains and what it costs. The LLM guard is not involved.
package eval

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/parley-chat/parley/services/safety"
	"github.com/parley-chat/parley/shared/api"
)

//go:embed labelled.jsonl
var labelled []byte

// Case is one labelled message.
type Case struct {
	ID   string `json:"id"`
	Lang string `json:"lang"`
	// Kind is clean, tricky, profane, obfuscated, pii or self_harm
	// (first-person intent, self-harm urged on someone else, and everyday
	// lines with the same verbs).
	Kind string `json:"kind"`
	Text string `json:"text"`
	// Labels are the categories the message deserves; none when clean.
	Labels []string `json:"labels"`
}

// Unsafe is the pseudo-category of any harm (every label but pii).
const Unsafe = "unsafe"

// Kinds are the kinds of case, in report order.
var Kinds = []string{"clean", "tricky", "profane", "obfuscated", "pii", "self_harm"}

// Labelled returns the embedded set.
func Labelled() ([]Case, error) { return Load(bytes.NewReader(labelled)) }

// Load reads a set in JSON Lines, one Case per line.
func Load(r io.Reader) ([]Case, error) {
	var out []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var c Case
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if c.ID == "" || c.Text == "" || !slices.Contains(Kinds, c.Kind) {
			return nil, fmt.Errorf("line %d: a case needs an id, a text and a kind of %v", n, Kinds)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read set: %w", err)
	}
	return out, nil
}

// Score is precision and recall of one category.
type Score struct {
	Category   string
	TP, FP, FN int
}

// Precision is TP/(TP+FP); 1 when nothing was predicted.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP/(TP+FN); 1 when nothing was to be found.
func (s Score) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Outcome is what the checks made of one case.
type Outcome struct {
	Case
	Predicted []string
}

// Report is the result of a run.
type Report struct {
	Cases int
	// Scores are per category (the labels' and Unsafe), sorted by name.
	Scores []Score
	// ByKind scores Unsafe and pii per kind of case.
	ByKind map[string][]Score
	// Wrong lists the cases whose predicted categories differ from their
	// labels.
	Wrong []Outcome
}

// Score returns the score of a category (zero when absent).
func (r *Report) Score(category string) Score {
	for _, s := range r.Scores {
		if s.Category == category {
			return s
		}
	}
	return Score{Category: category}
}

// Run checks every case's text on its own (as a source in its language)
// and scores the categories found against the labels.
func Run(ctx context.Context, c *safety.Checker, cases []Case) (*Report, error) {
	r := &Report{Cases: len(cases), ByKind: map[string][]Score{}}
	scores := map[string]*Score{}
	kindScores := map[string]map[string]*Score{}
	tally := func(m map[string]*Score, cat string, want, got bool) {
		s := m[cat]
		if s == nil {
			s = &Score{Category: cat}
			m[cat] = s
		}
		switch {
		case want && got:
			s.TP++
		case got:
			s.FP++
		case want:
			s.FN++
		}
	}
	for _, cs := range cases {
		resp, err := c.Check(ctx, &api.SafetyRequest{Source: cs.Text, SourceLang: cs.Lang})
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", cs.ID, err)
		}
		got := resp.Source.Categories
		cats := map[string]bool{}
		for _, l := range append(slices.Clone(cs.Labels), got...) {
			cats[l] = true
		}
		if kindScores[cs.Kind] == nil {
			kindScores[cs.Kind] = map[string]*Score{}
		}
		for cat := range cats {
			tally(scores, cat, slices.Contains(cs.Labels, cat), slices.Contains(got, cat))
		}
		wantUnsafe := slices.ContainsFunc(cs.Labels, isHarm)
		gotUnsafe := !resp.Source.Safe
		tally(scores, Unsafe, wantUnsafe, gotUnsafe)
		tally(kindScores[cs.Kind], Unsafe, wantUnsafe, gotUnsafe)
		tally(kindScores[cs.Kind], api.CategoryPII, slices.Contains(cs.Labels, api.CategoryPII), slices.Contains(got, api.CategoryPII))
		if !sameSet(cs.Labels, got) {
			r.Wrong = append(r.Wrong, Outcome{Case: cs, Predicted: got})
		}
	}
	for _, s := range scores {
		r.Scores = append(r.Scores, *s)
	}
	slices.SortFunc(r.Scores, func(a, b Score) int { return strings.Compare(a.Category, b.Category) })
	for kind, m := range kindScores {
		for _, cat := range []string{Unsafe, api.CategoryPII} {
			if s := m[cat]; s != nil {
				r.ByKind[kind] = append(r.ByKind[kind], *s)
			}
		}
	}
	return r, nil
}

func isHarm(category string) bool { return category != api.CategoryPII }

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// WriteText writes the report as plain-text tables; verbose adds every
// wrong case.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "category\tTP\tFP\tFN\tprecision\trecall\tF1\t\n")
	for _, s := range r.Scores {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", s.Category, s.TP, s.FP, s.FN, s.Precision(), s.Recall(), s.F1())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "kind\tcategory\tTP\tFP\tFN\tprecision\trecall\t\n")
	for _, kind := range Kinds {
		for _, s := range r.ByKind[kind] {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%.3f\t%.3f\t\n", kind, s.Category, s.TP, s.FP, s.FN, s.Precision(), s.Recall())
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d cases, %d with categories other than their labels\n", r.Cases, len(r.Wrong))
	if verbose {
		for _, o := range r.Wrong {
			fmt.Fprintf(w, "  %s (%s) %q: labels %v, found %v\n", o.ID, o.Kind, o.Text, o.Labels, o.Predicted)
		}
	}
	return nil
}

// Main is the safety-eval command: it runs the embedded set, or the one
// named by -set, through the default checker and prints the report.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("safety-eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	set := fs.String("set", "", "labelled set in JSON Lines (default: the embedded one)")
	verbose := fs.Bool("v", false, "list every case whose categories differ from its labels")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0 // the usage that was asked for is printed
		}
		return 2
	}
	cases, err := Labelled()
	if *set != "" {
		var f *os.File
		if f, err = os.Open(*set); err == nil {
			cases, err = Load(f)
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "safety-eval: %v\n", err)
		return 1
	}
	c, err := safety.NewDefault()
	if err != nil {
		fmt.Fprintf(stderr, "safety-eval: %v\n", err)
		return 1
	}
	r, err := Run(context.Background(), c, cases)
	if err == nil {
		err = r.WriteText(stdout, *verbose)
	}
	if err != nil {
		fmt.Fprintf(stderr, "safety-eval: %v\n", err)
		return 1
	}
	return 0
}
