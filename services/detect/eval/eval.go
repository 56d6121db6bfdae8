// Package eval measures language detectors on lingua's test data
// (../shared/testdata/lingua: single words, word pairs and sentences in 75
// languages, the texts behind lingua's published accuracy figures).
//
// Accuracy is the mean over languages of the share of texts answered with
// the right language, as lingua reports it; "und" is never right for a
// language the detector knows. A deployment knows fewer languages than
// the test set has, so two figures are kept: over the deployed languages
// only, and over all 75, where the right answer for a text in a language
// the deployment does not know is "und" (anything else sends the message
// to translation as the wrong language). Precision is the share of the
// answers other than "und" that are right, over the deployed languages;
// abstention the share of their texts answered "und".
package eval

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Kinds are the text lengths of the test set, shortest first.
var Kinds = []string{"single-words", "word-pairs", "sentences"}

// Text is one test text.
type Text struct {
	Kind string
	// Lang is the canonical BCP 47 base language ("fil" for lingua's tl).
	Lang string
	Text string
	// Line is the text's line number in its file (from 0).
	Line int
}

// Canonical is the canonical BCP 47 base language of a tag, so that "tl"
// and "fil", "pt-BR" and "pt" compare equal; "und" stays "und".
func Canonical(tag string) string {
	if tag == "und" {
		// x/text would guess a base language for und.
		return tag
	}
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	b, _ := t.Base()
	return language.Make(b.String()).String()
}

// Each calls fn with every step-th line (every line with step 1) of the
// given kinds in dir, in a fixed order, without holding them in memory.
func Each(dir string, kinds []string, step int, fn func(Text)) error {
	step = max(step, 1)
	for _, kind := range kinds {
		files, err := filepath.Glob(filepath.Join(dir, kind, "*.txt"))
		if err != nil {
			return err
		}
		if len(files) == 0 {
			return fmt.Errorf("no test files in %s", filepath.Join(dir, kind))
		}
		for _, f := range files {
			lang := Canonical(strings.TrimSuffix(filepath.Base(f), ".txt"))
			if err := readLines(f, func(i int, line string) {
				if i%step == 0 && strings.TrimSpace(line) != "" {
					fn(Text{Kind: kind, Lang: lang, Text: line, Line: i})
				}
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Load reads every step-th line of the given kinds from dir.
func Load(dir string, kinds []string, step int) ([]Text, error) {
	var out []Text
	err := Each(dir, kinds, step, func(t Text) { out = append(out, t) })
	return out, err
}

func readLines(path string, fn func(int, string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for i := 0; sc.Scan(); i++ {
		fn(i, sc.Text())
	}
	return sc.Err()
}

// Result is a detector's figures for one kind of text.
type Result struct {
	Kind string `json:"kind"`
	// Accuracy is over the deployed languages, AccuracyAll over every
	// language of the test set (percent, mean over languages).
	Accuracy    float64 `json:"accuracy"`
	AccuracyAll float64 `json:"accuracy_all"`
	// AccuracyOn is the accuracy over the languages of Scorer.On (another
	// detector's deployment, for a like-for-like comparison).
	AccuracyOn float64 `json:"accuracy_on"`
	// Precision of the non-"und" answers and the share of "und"
	// (percent, over the deployed languages' texts).
	Precision  float64 `json:"precision"`
	Abstention float64 `json:"abstention"`
	// MedianMicros and P99Micros are per message.
	MedianMicros float64 `json:"median_us"`
	P99Micros    float64 `json:"p99_us"`
	Texts        int     `json:"texts"`
}

// tally counts one language's answers.
type tally struct{ texts, answered, right int }

// Scorer accumulates answers and computes the figures per kind.
type Scorer struct {
	deployed map[string]bool
	// On names the languages AccuracyOn is computed over.
	On    map[string]bool
	per   map[string]map[string]*tally // kind -> language
	times map[string][]time.Duration   // kind -> time per message
}

// NewScorer scores a detector that can answer the deployed canonical base
// languages.
func NewScorer(deployed map[string]bool) *Scorer {
	return &Scorer{deployed: deployed, per: make(map[string]map[string]*tally), times: make(map[string][]time.Duration)}
}

// Add records the answer got (a language or "und") for t, which took d.
func (s *Scorer) Add(t Text, got string, d time.Duration) {
	per := s.per[t.Kind]
	if per == nil {
		per = make(map[string]*tally)
		s.per[t.Kind] = per
	}
	s.times[t.Kind] = append(s.times[t.Kind], d)
	c := per[t.Lang]
	if c == nil {
		c = &tally{}
		per[t.Lang] = c
	}
	c.texts++
	got = Canonical(got)
	if got != "und" {
		c.answered++
	}
	if got == t.Lang || (!s.deployed[t.Lang] && got == "und") {
		c.right++
	}
}

// Results returns the figures per kind, shortest texts first.
func (s *Scorer) Results() []Result {
	var out []Result
	for _, kind := range Kinds {
		per := s.per[kind]
		if per == nil {
			continue
		}
		r := Result{Kind: kind}
		var inSum, allSum, onSum float64
		var inN, allN, onN, texts, answered, right int
		for lang, c := range per {
			share := 100 * float64(c.right) / float64(c.texts)
			allSum += share
			allN++
			if s.On[lang] {
				onSum += share
				onN++
			}
			if !s.deployed[lang] {
				continue
			}
			inSum += share
			inN++
			texts += c.texts
			answered += c.answered
			right += c.right
		}
		r.Accuracy = inSum / float64(max(inN, 1))
		r.AccuracyAll = allSum / float64(max(allN, 1))
		r.AccuracyOn = onSum / float64(max(onN, 1))
		r.Precision = 100 * float64(right) / float64(max(answered, 1))
		r.Abstention = 100 * float64(texts-answered) / float64(max(texts, 1))
		r.Texts = texts
		times := slices.Clone(s.times[kind])
		slices.Sort(times)
		r.MedianMicros = micros(times[len(times)/2])
		r.P99Micros = micros(times[len(times)*99/100])
		out = append(out, r)
	}
	return out
}

// Score runs detect over texts (answering a base language or "und") and
// computes the figures per kind.
func Score(texts []Text, deployed map[string]bool, detect func(Text) string) []Result {
	s := NewScorer(deployed)
	for _, t := range texts {
		start := time.Now()
		got := detect(t)
		s.Add(t, got, time.Since(start))
	}
	return s.Results()
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }

// Languages returns the distinct languages of texts, sorted.
func Languages(texts []Text) []string {
	seen := make(map[string]bool)
	for _, t := range texts {
		seen[t.Lang] = true
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
