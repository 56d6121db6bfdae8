package metrics

import (
	"strconv"
	"strings"
)

// CHRF is the character n-gram F-score (Popović 2015) as sacreBLEU
// computes it. The zero value is not useful; start from ChrF or ChrFPP.
type CHRF struct {
	// CharOrder is the largest character n-gram (sacreBLEU: 6).
	CharOrder int
	// WordOrder is the largest word n-gram: 0 for chrF, 2 for chrF++.
	WordOrder int
	// Beta weighs recall over precision (sacreBLEU: 2).
	Beta int
	// Lowercase compares case-insensitively (Python's str.lower()).
	Lowercase bool
	// Whitespace keeps white space in character n-grams; by default it is
	// removed before counting.
	Whitespace bool
	// EpsSmoothing averages per-order F-scores with a 1e-16 floor, as
	// chrF++.py, NLTK and Moses do, instead of sacreBLEU's default of
	// averaging precision and recall over the orders that occur (the
	// "effective order", eff:yes in the signature).
	EpsSmoothing bool
}

// ChrF returns sacreBLEU's default chrF (chrF2): character 6-grams, no word
// n-grams, beta 2.
func ChrF() CHRF { return CHRF{CharOrder: 6, Beta: 2} }

// ChrFPP returns sacreBLEU's chrF++ (chrF2++): ChrF plus word 1- and
// 2-grams.
func ChrFPP() CHRF { return CHRF{CharOrder: 6, WordOrder: 2, Beta: 2} }

// Name is "chrF" + beta + one "+" per word order: "chrF2", "chrF2++".
func (c CHRF) Name() string {
	return "chrF" + strconv.Itoa(c.Beta) + strings.Repeat("+", c.WordOrder)
}

// Signature is sacreBLEU's chrF signature, e.g.
// "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0".
func (c CHRF) Signature(nrefs string) string {
	kase := "mixed"
	if c.Lowercase {
		kase = "lc"
	}
	return signature("nrefs", nrefs, "case", kase, "eff", yesNo(!c.EpsSmoothing),
		"nc", strconv.Itoa(c.CharOrder), "nw", strconv.Itoa(c.WordOrder),
		"space", yesNo(c.Whitespace), "version", Version)
}

// Sentence scores one hypothesis against its references.
func (c CHRF) Sentence(hyp string, refs []string) Score { return Sentence(c, hyp, refs) }

// Corpus scores a corpus (refs[i] are the references of hyps[i]).
func (c CHRF) Corpus(hyps []string, refs [][]string) (Score, error) { return Corpus(c, hyps, refs) }

// chrfGrams are the n-gram counts of one text: CharOrder character orders
// then WordOrder word orders.
type chrfGrams []map[string]int

func (c CHRF) grams(s string) chrfGrams {
	if c.Lowercase {
		s = pyLower(s)
	}
	out := make(chrfGrams, 0, c.CharOrder+c.WordOrder)
	chars := s
	if !c.Whitespace {
		chars = pyRemoveSpace(s)
	}
	// Byte offsets of rune starts, so that n-grams are counted over code
	// points (as Python indexes strings) and keys are substrings of chars.
	starts := make([]int, 0, len(chars)+1)
	for i := range chars {
		starts = append(starts, i)
	}
	starts = append(starts, len(chars))
	runes := len(starts) - 1
	for n := 1; n <= c.CharOrder; n++ {
		m := make(map[string]int, max(0, runes-n+1))
		for i := 0; i+n <= runes; i++ {
			m[chars[starts[i]:starts[i+n]]]++
		}
		out = append(out, m)
	}
	if c.WordOrder > 0 {
		words := chrfWords(s)
		for n := 1; n <= c.WordOrder; n++ {
			m := make(map[string]int, max(0, len(words)-n+1))
			for i := 0; i+n <= len(words); i++ {
				m[strings.Join(words[i:i+n], " ")]++
			}
			out = append(out, m)
		}
	}
	return out
}

// chrfPuncts is Python's string.punctuation, which chrF++ splits off words.
const chrfPuncts = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// chrfWords is sacreBLEU's primitive chrF++ tokenization: split on white
// space, then split one punctuation mark off the end of each token of two
// or more characters, or else off its start (so "(hi)" gives "(hi" and ")").
func chrfWords(s string) []string {
	fields := pyFields(s)
	out := make([]string, 0, len(fields)+len(fields)/4)
	for _, w := range fields {
		first, last, n := firstLast(w)
		switch {
		case n < 2:
			out = append(out, w)
		case strings.ContainsRune(chrfPuncts, last):
			out = append(out, w[:len(w)-1], w[len(w)-1:])
		case strings.ContainsRune(chrfPuncts, first):
			out = append(out, w[:1], w[1:])
		default:
			out = append(out, w)
		}
	}
	return out
}

// firstLast returns the first and last runes of w and whether w has 0, 1
// or at least 2 runes (n is capped at 2).
func firstLast(w string) (first, last rune, n int) {
	for _, r := range w {
		if n == 0 {
			first = r
		}
		last = r
		if n < 2 {
			n++
		}
	}
	return first, last, n
}

// Stats returns the statistics of the best-scoring reference: for each
// order [hypothesis n-grams, reference n-grams, matches], character orders
// first. Like sacreBLEU, a hypothesis count is 0 for an order in which the
// reference has no n-grams, and with several references the one with the
// highest F-score wins (the first on ties).
func (c CHRF) Stats(hyp string, refs []string) []int {
	h := c.grams(hyp)
	var best []int
	bestF := -1.0
	for _, ref := range usableRefs(refs) {
		r := c.grams(ref)
		stats := make([]int, 0, 3*len(h))
		for i := range h {
			stats = append(stats, matchStats(h[i], r[i])...)
		}
		if f := c.ScoreStats(stats); f > bestF {
			bestF, best = f, stats
		}
	}
	return best
}

func matchStats(hyp, ref map[string]int) []int {
	hypCount, refCount, match := 0, 0, 0
	for _, n := range ref {
		refCount += n
	}
	for g, n := range hyp {
		hypCount += n
		if m, ok := ref[g]; ok {
			match += min(n, m)
		}
	}
	if len(ref) == 0 {
		hypCount = 0
	}
	return []int{hypCount, refCount, match}
}

// ScoreStats computes the F-score (0-100) of summed statistics.
func (c CHRF) ScoreStats(stats []int) float64 {
	const eps = 1e-16
	factor := float64(c.Beta * c.Beta)
	score, avgPrec, avgRec := 0.0, 0.0, 0.0
	effective := 0
	order := len(stats) / 3
	for i := range order {
		nHyp, nRef, nMatch := float64(stats[3*i]), float64(stats[3*i+1]), float64(stats[3*i+2])
		prec, rec := eps, eps
		if nHyp > 0 {
			prec = nMatch / nHyp
		}
		if nRef > 0 {
			rec = nMatch / nRef
		}
		if denom := factor*prec + rec; denom > 0 {
			score += (1 + factor) * prec * rec / denom
		} else {
			score += eps
		}
		if nHyp > 0 && nRef > 0 {
			avgPrec += prec
			avgRec += rec
			effective++
		}
	}
	if c.EpsSmoothing {
		return 100 * score / float64(order)
	}
	if effective == 0 {
		return 0
	}
	avgPrec /= float64(effective)
	avgRec /= float64(effective)
	if avgPrec+avgRec == 0 {
		return 0
	}
	// The same operations in the same order as sacreBLEU, so that results
	// agree to the last bit more often than not.
	score = (1 + factor) * avgPrec * avgRec
	score /= factor*avgPrec + avgRec
	return 100 * score
}
