// Package ngram scores text with lingua-go's language models and lingua's
// algorithm (its rule engine, then the sum of n-gram log-probabilities
// with back-off to shorter n-grams, normalised by the unigrams found, then
// a softmax), but keeps the models in compact hash tables instead of
// lingua's map[string]float64: forty languages in high-accuracy mode take
// about 120 MB instead of 1.4 GB, and scoring a short message is several
// times faster because one look-up answers for every language at once.
//
// The answers are lingua's: TestAgreesWithLingua compares them with
// lingua-go itself. The one deliberate difference is that a tie between
// two alphabets is broken by alphabet order instead of at random.
package ngram

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"weak"

	"github.com/pemistahl/lingua-go"
)

// MaxOrder is the longest n-gram lingua models.
const MaxOrder = 5

// longText is the length (in letters) from which lingua scores trigrams
// only, even in high-accuracy mode.
const longText = 120

// Score is one language's confidence, 0 to 1; the scores of a Result sum
// to 1 unless no language matched at all.
type Score struct {
	Language lingua.Language
	Value    float64
}

// Result is what lingua's ComputeLanguageConfidenceValues would answer.
type Result struct {
	// Scores holds every configured language, best first (ties in
	// lingua's language order).
	Scores []Score
	// Rule is set when lingua's rules decided without n-grams: a script
	// only one configured language uses, or letters unique to it.
	Rule bool
	// Letters is the number of letters lingua looked at.
	Letters int
}

// Top returns the best language, or Unknown when no language scored.
func (r Result) Top() Score {
	if len(r.Scores) == 0 || r.Scores[0].Value <= 0 {
		return Score{Language: lingua.Unknown}
	}
	return r.Scores[0]
}

// Model scores texts against a fixed set of languages. It is safe for
// concurrent use. Models load per group of languages that share an
// alphabet, on first use or by Load.
type Model struct {
	languages []lingua.Language
	index     [lingua.Unknown + 1]int // language -> position in languages, -1 if absent
	low       bool
	rules     *rules
	groups    []*group
	groupOf   []int   // position -> group
	local     []int   // position -> index within its group
	global    [][]int // group, index within it -> position
}

// group is a set of languages that share an alphabet, with their tables.
// Its tables are built once, in their own goroutine, so that a request
// that gives up waiting does not abort the load for others. Models with
// the same languages in a group share it (see cachedGroup).
type group struct {
	languages []lingua.Language // in lingua's order; table entries index it
	low       bool
	once      sync.Once
	done      chan struct{}
	err       error
	tables    [MaxOrder + 1]*table
}

// groups caches groups by language set and mode, weakly: a second
// detector over the same languages (a test, a restarted service in the
// same process) reuses the tables while the first still holds them, and
// tables nobody holds are freed.
var groups = struct {
	sync.Mutex
	m map[string]weak.Pointer[group]
}{m: make(map[string]weak.Pointer[group])}

func cachedGroup(languages []lingua.Language, low bool) *group {
	key := fmt.Sprint(low, languages)
	groups.Lock()
	defer groups.Unlock()
	if g := groups.m[key].Value(); g != nil {
		return g
	}
	g := &group{languages: languages, low: low, done: make(chan struct{})}
	groups.m[key] = weak.Make(g)
	return g
}

// buildSem bounds the tables being built at once across the process:
// building is CPU-bound.
var buildSem = make(chan struct{}, runtime.GOMAXPROCS(0))

// New prepares a model for the given languages; lowAccuracy scores
// trigrams only, as lingua's low-accuracy mode does. Nothing is loaded yet.
func New(languages []lingua.Language, lowAccuracy bool) (*Model, error) {
	if len(languages) == 0 {
		return nil, fmt.Errorf("ngram: no languages")
	}
	m := &Model{low: lowAccuracy}
	for i := range m.index {
		m.index[i] = -1
	}
	for _, l := range languages {
		if l >= lingua.Unknown || l < 0 {
			return nil, fmt.Errorf("ngram: %v is not a lingua language", l)
		}
		if m.index[l] < 0 {
			m.index[l] = len(m.languages)
			m.languages = append(m.languages, l)
		}
	}
	m.rules = newRules(m.languages)

	// Union languages that share an alphabet (Japanese shares Han with
	// Chinese), so that one look-up serves every candidate of a script.
	parent := make([]int, len(m.languages))
	for i := range parent {
		parent[i] = i
	}
	root := func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	owner := make(map[alphabet]int)
	for i, l := range m.languages {
		for _, a := range alphabetsOf(l) {
			if j, ok := owner[a]; ok {
				parent[root(i)] = root(j)
			} else {
				owner[a] = i
			}
		}
	}
	members := make(map[int][]lingua.Language)
	var roots []int
	for i, l := range m.languages {
		r := root(i)
		if _, ok := members[r]; !ok {
			roots = append(roots, r)
		}
		members[r] = append(members[r], l)
	}
	m.groupOf = make([]int, len(m.languages))
	m.local = make([]int, len(m.languages))
	for gi, r := range roots {
		langs := members[r]
		slices.Sort(langs)
		g := cachedGroup(langs, lowAccuracy)
		m.groups = append(m.groups, g)
		pos := make([]int, len(langs))
		for j, l := range langs {
			i := m.index[l]
			pos[j] = i
			m.groupOf[i] = gi
			m.local[i] = j
		}
		m.global = append(m.global, pos)
	}
	return m, nil
}

// Languages returns the configured languages.
func (m *Model) Languages() []lingua.Language { return slices.Clone(m.languages) }

// LowAccuracy reports whether the model scores trigrams only.
func (m *Model) LowAccuracy() bool { return m.low }

// orders are the model orders a group loads: the scored ones and the
// shorter ones lingua backs off to.
func (g *group) orders() []int {
	if g.low {
		return []int{1, 2, 3}
	}
	return []int{1, 2, 3, 4, 5}
}

// start begins loading g (once) and returns its done channel.
func (g *group) start() <-chan struct{} {
	g.once.Do(func() {
		go func() {
			defer close(g.done)
			var wg sync.WaitGroup
			var mu sync.Mutex
			for _, order := range g.orders() {
				wg.Add(1)
				go func() {
					defer wg.Done()
					buildSem <- struct{}{}
					defer func() { <-buildSem }()
					t, err := buildTable(g.languages, order)
					mu.Lock()
					defer mu.Unlock()
					if err != nil && g.err == nil {
						g.err = fmt.Errorf("ngram: load %v: %w", g.languages, err)
					}
					g.tables[order] = t
				}()
			}
			wg.Wait()
			// Unzipping left some 100 MB of garbage; hand it back to the
			// OS now rather than whenever the scavenger gets to it, so
			// that the resident set after loading is the tables'.
			debug.FreeOSMemory()
		}()
	})
	return g.done
}

// wait loads the groups of the given languages and waits for them, or for
// ctx.
func (m *Model) wait(ctx context.Context, langs []lingua.Language) error {
	var need []*group
	for _, l := range langs {
		g := m.groups[m.groupOf[m.index[l]]]
		if !slices.Contains(need, g) {
			need = append(need, g)
			g.start()
		}
	}
	for _, g := range need {
		select {
		case <-g.done:
			if g.err != nil {
				return g.err
			}
		case <-ctx.Done():
			return fmt.Errorf("ngram: models still loading: %w", ctx.Err())
		}
	}
	return nil
}

// Load loads every group's models and waits for them (or for ctx).
func (m *Model) Load(ctx context.Context) error { return m.wait(ctx, m.languages) }

// Loaded reports whether every group's models are in memory.
func (m *Model) Loaded() bool {
	for _, g := range m.groups {
		select {
		case <-g.done:
		default:
			return false
		}
	}
	return true
}

// Bytes is the size of the loaded tables.
func (m *Model) Bytes() int {
	n := 0
	for _, g := range m.groups {
		select {
		case <-g.done:
			for _, t := range g.tables {
				if t != nil {
					n += t.bytes()
				}
			}
		default:
		}
	}
	return n
}

// isCJK reports runes that lingua treats as a word on their own.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana)
}

// Words splits text into lingua's words: lower-cased runs of letters, and
// every Han, Hangul, Hiragana or Katakana character on its own.
func Words(text string) []string {
	lower := strings.ToLower(text)
	var words []string
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		switch {
		case isCJK(r):
			words = append(words, lower[i:i+size])
			i += size
		case unicode.IsLetter(r):
			// Like lingua's regexp, a run that starts on another letter
			// goes on through any letter, CJK included.
			j := i + size
			for j < len(lower) {
				r2, s2 := utf8.DecodeRuneInString(lower[j:])
				if !unicode.IsLetter(r2) && !isCJK(r2) {
					break
				}
				j += s2
			}
			words = append(words, lower[i:j])
			i = j
		default:
			i += size
		}
	}
	return words
}

// Confidences scores text like lingua's ComputeLanguageConfidenceValues.
// It waits (within ctx) for models that are still loading.
func (m *Model) Confidences(ctx context.Context, text string) (Result, error) {
	return m.ConfidencesWords(ctx, Words(text))
}

// ConfidencesWords is Confidences on text already split by Words.
func (m *Model) ConfidencesWords(ctx context.Context, words []string) (Result, error) {
	res := Result{Scores: make([]Score, len(m.languages))}
	for i, l := range m.languages {
		res.Scores[i] = Score{Language: l}
	}
	for _, w := range words {
		res.Letters += utf8.RuneCountInString(w)
	}
	if len(words) == 0 {
		sortScores(res.Scores)
		return res, nil
	}
	if l := m.rules.detect(words); l != lingua.Unknown {
		// lingua reports the rule's language with certainty, or nothing
		// when the rule names a language outside the set.
		if i := m.index[l]; i >= 0 {
			res.Scores[i].Value = 1
		}
		res.Rule = true
		sortScores(res.Scores)
		return res, nil
	}
	candidates := m.rules.filter(words)
	if len(candidates) == 1 {
		res.Scores[m.index[candidates[0]]].Value = 1
		res.Rule = true
		sortScores(res.Scores)
		return res, nil
	}
	if m.low && res.Letters < 3 {
		sortScores(res.Scores)
		return res, nil
	}
	if err := m.wait(ctx, candidates); err != nil {
		return res, err
	}
	orders := []int{1, 2, 3, 4, 5}
	if res.Letters >= longText || m.low {
		orders = []int{3}
	}
	sums := m.score(words, candidates, orders)
	// Softmax over the languages with a sum, as lingua does (it uses
	// arbitrary precision where exp underflows; subtracting the maximum
	// gives the same ratios in float64).
	best := math.Inf(-1)
	for _, c := range candidates {
		if s := sums[m.index[c]]; s != 0 && s > best {
			best = s
		}
	}
	if math.IsInf(best, -1) {
		sortScores(res.Scores)
		return res, nil
	}
	total := 0.0
	for _, c := range candidates {
		if s := sums[m.index[c]]; s != 0 {
			total += math.Exp(s - best)
		}
	}
	for _, c := range candidates {
		i := m.index[c]
		if s := sums[i]; s != 0 {
			res.Scores[i].Value = math.Exp(s-best) / total
		}
	}
	sortScores(res.Scores)
	return res, nil
}

func sortScores(s []Score) {
	slices.SortFunc(s, func(a, b Score) int {
		switch {
		case a.Value > b.Value:
			return -1
		case a.Value < b.Value:
			return 1
		}
		return int(a.Language) - int(b.Language)
	})
}

// gram is one distinct n-gram of the text with the hashes of its prefixes:
// h[k-1] is the hash of its first k runes, the back-off chain.
type gram struct{ h [MaxOrder]uint64 }

// langSet is a set of language positions (lingua has fewer than 128).
type langSet [2]uint64

func (s *langSet) add(i int)     { s[i>>6] |= 1 << (i & 63) }
func (s *langSet) remove(i int)  { s[i>>6] &^= 1 << (i & 63) }
func (s langSet) has(i int) bool { return s[i>>6]&(1<<(i&63)) != 0 }
func (s langSet) empty() bool    { return s[0] == 0 && s[1] == 0 }

// score returns, per language position, lingua's summed log-probabilities
// (0 for a language no n-gram was found for).
func (m *Model) score(words []string, candidates []lingua.Language, orders []int) []float64 {
	// The candidates of each group, by index within the group.
	var gs []int
	var need []langSet
	for _, c := range candidates {
		i := m.index[c]
		k := slices.Index(gs, m.groupOf[i])
		if k < 0 {
			k = len(gs)
			gs = append(gs, m.groupOf[i])
			need = append(need, langSet{})
		}
		need[k].add(m.local[i])
	}

	n := len(m.languages)
	total := make([]float64, n)
	orderSum := make([]float64, n)
	unigrams := make([]int, n)
	var grams []gram
	var seen []uint64
	for _, order := range orders {
		grams, seen = collect(grams[:0], seen, words, order)
		clear(orderSum)
		for _, g := range grams {
			for k, gi := range gs {
				left := need[k]
				tables := &m.groups[gi].tables
				global := m.global[gi]
				// Back off to ever shorter prefixes until every
				// candidate has a probability or none is left to try.
				for o := order; o >= 1 && !left.empty(); o-- {
					for _, e := range tables[o].find(g.h[o-1]) {
						j := int(e >> 16 & 0xff)
						if !left.has(j) {
							continue
						}
						left.remove(j)
						i := global[j]
						orderSum[i] -= float64(e&0xffff) / logScale
						if order == 1 {
							unigrams[i]++
						}
					}
				}
			}
		}
		// lingua keeps an order's sum only when it is below zero.
		for i, s := range orderSum {
			if s < 0 {
				total[i] += s
			}
		}
	}
	if slices.Contains(orders, 1) {
		for i := range total {
			if unigrams[i] > 0 {
				total[i] /= float64(unigrams[i])
			}
		}
	}
	return total
}

// collect appends the distinct n-grams of one order found inside words;
// seen is scratch space for the set of their hashes.
func collect(grams []gram, seen []uint64, words []string, order int) ([]gram, []uint64) {
	var offs [64]int
	for _, w := range words {
		// Offsets of the runes of w, plus its end.
		idx := offs[:0]
		for i := range w {
			idx = append(idx, i)
		}
		idx = append(idx, len(w))
		runes := len(idx) - 1
		for start := 0; start+order <= runes; start++ {
			var g gram
			h := uint64(fnvOffset)
			for k := 1; k <= order; k++ {
				h = fnvAddString(h, w[idx[start+k-1]:idx[start+k]])
				g.h[k-1] = finish(h)
			}
			grams = append(grams, g)
		}
	}
	// Keep the first of each n-gram, as lingua keeps a set: an
	// open-addressing set of the full n-grams' hashes (0 marks a free
	// slot; a hash of 0 is taken as 1, which only merges two n-grams in
	// 2^63).
	size := 16
	for size < 2*len(grams) {
		size *= 2
	}
	if cap(seen) < size {
		seen = make([]uint64, size)
	}
	seen = seen[:size]
	clear(seen)
	mask := uint64(size - 1)
	kept := grams[:0]
	for _, g := range grams {
		h := max(g.h[order-1], 1)
		for i := h & mask; ; i = (i + 1) & mask {
			if seen[i] == h {
				break
			}
			if seen[i] == 0 {
				seen[i] = h
				kept = append(kept, g)
				break
			}
		}
	}
	return kept, seen
}
