package metrics

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Smoothing methods for BLEU, as sacreBLEU names them.
const (
	SmoothExp   = "exp"   // NIST geometric sequence (mteval), sacreBLEU's default
	SmoothFloor = "floor" // a zero count becomes SmoothValue (default 0.1)
	SmoothAddK  = "add-k" // add SmoothValue (default 1) to counts of orders 2..4
	SmoothNone  = "none"  // no smoothing: one zero precision makes BLEU 0
)

// BLEU is Papineni et al.'s BLEU as sacreBLEU computes it. Start from
// CorpusBLEU or SentenceBLEU; the zero value is not useful.
type BLEU struct {
	// Tokenize names the tokenizer: Tok13a (default), TokNone, TokIntl or
	// TokChar.
	Tokenize string
	// Smooth is the smoothing method (SmoothExp by default).
	Smooth string
	// SmoothValue is the floor or k; 0 means the method's default.
	SmoothValue float64
	// EffectiveOrder stops at the largest order the hypothesis has n-grams
	// of, so that short sentences are not scored 0. sacreBLEU enables it
	// for sentence BLEU only.
	EffectiveOrder bool
	// Lowercase compares case-insensitively.
	Lowercase bool
	// MaxOrder is the largest n-gram order (4).
	MaxOrder int
}

// CorpusBLEU returns sacreBLEU's corpus BLEU defaults: 13a, exp smoothing,
// no effective order.
func CorpusBLEU() BLEU { return BLEU{Tokenize: Tok13a, Smooth: SmoothExp, MaxOrder: 4} }

// SentenceBLEU returns sacreBLEU's sentence_bleu defaults: CorpusBLEU with
// effective order.
func SentenceBLEU() BLEU {
	b := CorpusBLEU()
	b.EffectiveOrder = true
	return b
}

// Validate reports settings that sacreBLEU would reject.
func (b BLEU) Validate() error {
	if _, err := Tokenize(b.Tokenize, ""); err != nil {
		return err
	}
	switch b.smooth() {
	case SmoothExp, SmoothFloor, SmoothAddK, SmoothNone:
	default:
		return fmt.Errorf("metrics: unknown smoothing %q (want exp, floor, add-k or none)", b.Smooth)
	}
	if b.MaxOrder < 0 {
		return fmt.Errorf("metrics: BLEU max order %d is negative", b.MaxOrder)
	}
	return nil
}

func (b BLEU) order() int {
	if b.MaxOrder <= 0 {
		return 4
	}
	return b.MaxOrder
}

func (b BLEU) smooth() string {
	if b.Smooth == "" {
		return SmoothExp
	}
	return b.Smooth
}

func (b BLEU) tokenizer() string {
	if b.Tokenize == "" {
		return Tok13a
	}
	return b.Tokenize
}

// smoothValue is the floor or k in effect.
func (b BLEU) smoothValue() float64 {
	if b.SmoothValue != 0 {
		return b.SmoothValue
	}
	switch b.smooth() {
	case SmoothFloor:
		return 0.1
	case SmoothAddK:
		return 1
	}
	return 0
}

// Name is "BLEU".
func (b BLEU) Name() string { return "BLEU" }

// Signature is sacreBLEU's BLEU signature, e.g.
// "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"; floor and
// add-k carry their value: "smooth:floor[0.10]".
func (b BLEU) Signature(nrefs string) string {
	kase := "mixed"
	if b.Lowercase {
		kase = "lc"
	}
	smooth := b.smooth()
	if smooth == SmoothFloor || smooth == SmoothAddK {
		smooth += "[" + strconv.FormatFloat(b.smoothValue(), 'f', 2, 64) + "]"
	}
	return signature("nrefs", nrefs, "case", kase, "eff", yesNo(b.EffectiveOrder),
		"tok", b.tokenizer(), "smooth", smooth, "version", Version)
}

// preprocess lowercases, right-strips and tokenizes a segment and returns
// its tokens.
func (b BLEU) preprocess(s string) []string {
	if b.Lowercase {
		s = pyLower(s)
	}
	tok, err := Tokenize(b.tokenizer(), pyRStrip(s))
	if err != nil {
		// An unknown tokenizer is a programming error that Validate reports;
		// scoring with it must not silently use another one.
		panic(err)
	}
	return pyFields(tok)
}

// ngrams counts the n-grams of orders 1..max, keyed by the tokens joined
// with a space (tokens never contain white space).
func ngrams(tokens []string, maxOrder int) []map[string]int {
	out := make([]map[string]int, maxOrder)
	for n := 1; n <= maxOrder; n++ {
		m := make(map[string]int, max(0, len(tokens)-n+1))
		for i := 0; i+n <= len(tokens); i++ {
			if n == 1 {
				m[tokens[i]]++
			} else {
				m[strings.Join(tokens[i:i+n], " ")]++
			}
		}
		out[n-1] = m
	}
	return out
}

// Stats returns [hyp_len, ref_len, correct_1..N, total_1..N]. References
// are merged by the maximum count of each n-gram; the reference length is
// the one closest to the hypothesis length, the shorter on ties.
func (b BLEU) Stats(hyp string, refs []string) []int {
	order := b.order()
	var refGrams []map[string]int
	var refLens []int
	for _, r := range usableRefs(refs) {
		toks := b.preprocess(r)
		refLens = append(refLens, len(toks))
		g := ngrams(toks, order)
		if refGrams == nil {
			refGrams = g
			continue
		}
		for n := range g {
			for k, c := range g[n] {
				refGrams[n][k] = max(refGrams[n][k], c)
			}
		}
	}
	htoks := b.preprocess(hyp)
	hyps := ngrams(htoks, order)
	stats := make([]int, 2+2*order)
	stats[0] = len(htoks)
	stats[1] = closestRefLen(len(htoks), refLens)
	for n := range hyps {
		for k, c := range hyps[n] {
			stats[2+order+n] += c
			if rc, ok := refGrams[n][k]; ok {
				stats[2+n] += min(c, rc)
			}
		}
	}
	return stats
}

func closestRefLen(hypLen int, refLens []int) int {
	closestDiff, closest := -1, -1
	for _, l := range refLens {
		d := hypLen - l
		if d < 0 {
			d = -d
		}
		if closestDiff == -1 || d < closestDiff {
			closestDiff, closest = d, l
		} else if d == closestDiff && l < closest {
			closest = l
		}
	}
	return closest
}

// ScoreStats computes BLEU (0-100) from summed statistics.
func (b BLEU) ScoreStats(stats []int) float64 {
	return b.Compute(stats).Score
}

// BLEUScore is BLEU with the parts sacreBLEU prints.
type BLEUScore struct {
	Score float64 `json:"score"`
	// Counts and Totals are the matched and hypothesis n-grams per order.
	Counts []int `json:"counts"`
	Totals []int `json:"totals"`
	// Precisions are the (smoothed) n-gram precisions in percent.
	Precisions []float64 `json:"precisions"`
	BP         float64   `json:"bp"`
	SysLen     int       `json:"sys_len"`
	RefLen     int       `json:"ref_len"`
}

// Ratio is the hypothesis to reference length ratio.
func (s BLEUScore) Ratio() float64 {
	if s.RefLen == 0 {
		return 0
	}
	return float64(s.SysLen) / float64(s.RefLen)
}

// Verbose formats the score as sacreBLEU's text output does, e.g.
// "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)".
func (s BLEUScore) Verbose() string {
	prec := make([]string, len(s.Precisions))
	for i, p := range s.Precisions {
		prec[i] = strconv.FormatFloat(p, 'f', 1, 64)
	}
	return fmt.Sprintf("BLEU = %.2f %s (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)",
		s.Score, strings.Join(prec, "/"), s.BP, s.Ratio(), s.SysLen, s.RefLen)
}

// Compute is sacreBLEU's compute_bleu over statistics from Stats.
func (b BLEU) Compute(stats []int) BLEUScore {
	order := (len(stats) - 2) / 2
	res := BLEUScore{
		SysLen: stats[0], RefLen: stats[1],
		Counts:     append([]int(nil), stats[2:2+order]...),
		Totals:     append([]int(nil), stats[2+order:]...),
		Precisions: make([]float64, order),
	}
	correct := make([]float64, order)
	total := make([]float64, order)
	anyCorrect := false
	for i := range order {
		correct[i], total[i] = float64(res.Counts[i]), float64(res.Totals[i])
		anyCorrect = anyCorrect || res.Counts[i] != 0
	}
	sysLen, refLen := float64(res.SysLen), float64(res.RefLen)
	res.BP = 1
	if sysLen < refLen {
		res.BP = 0
		if sysLen > 0 {
			res.BP = math.Exp(1 - refLen/sysLen)
		}
	}
	if !anyCorrect {
		return res
	}
	smooth, value := b.smooth(), b.smoothValue()
	smoothMteval := 1.0
	effOrder := order
	for n := 1; n <= order; n++ {
		if smooth == SmoothAddK && n > 1 {
			correct[n-1] += value
			total[n-1] += value
		}
		if total[n-1] == 0 {
			break
		}
		if b.EffectiveOrder {
			effOrder = n
		}
		if correct[n-1] == 0 {
			switch smooth {
			case SmoothExp:
				smoothMteval *= 2
				res.Precisions[n-1] = 100 / (smoothMteval * total[n-1])
			case SmoothFloor:
				res.Precisions[n-1] = 100 * value / total[n-1]
			case SmoothNone:
				res.Precisions[n-1] = 0
			}
		} else {
			res.Precisions[n-1] = 100 * correct[n-1] / total[n-1]
		}
	}
	sum := 0.0
	for _, p := range res.Precisions[:effOrder] {
		sum += myLog(p)
	}
	res.Score = res.BP * math.Exp(sum/float64(effOrder))
	return res
}

// myLog is sacreBLEU's my_log: a huge negative number for log(0), so that
// a zero precision drives the score to 0 without a math error.
func myLog(x float64) float64 {
	if x == 0 {
		return -9999999999
	}
	return math.Log(x)
}

// Sentence scores one hypothesis against its references.
func (b BLEU) Sentence(hyp string, refs []string) BLEUScore { return b.Compute(b.Stats(hyp, refs)) }

// Corpus scores a corpus (refs[i] are the references of hyps[i]).
func (b BLEU) Corpus(hyps []string, refs [][]string) (BLEUScore, error) {
	sum, _, err := CorpusStats(b, hyps, refs)
	if err != nil {
		return BLEUScore{}, err
	}
	if sum == nil {
		sum = make([]int, 2+2*b.order())
	}
	return b.Compute(sum), nil
}
