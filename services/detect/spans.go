package detect

import (
	"context"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// Span segmentation: every word is scored on its own, and a Viterbi pass
// picks one language per word, paying switchCost (in nats) for every
// change of language. Two words that each favour another language about
// 20:1 (or one word in another script) are enough for a new span; one
// ambiguous word is not.
const (
	switchCost = 6.0
	// floorConf keeps a language a word does not support at all from
	// costing more than switching would.
	floorConf = 1e-4
)

// token is a word of the cleaned text with its byte offsets.
type token struct{ start, end int }

// tokens finds the words of the cleaned text: runs of letters and marks
// (with inner apostrophes and hyphens), and runs of Han and kana, which
// are written without spaces.
func tokens(prose string) []token {
	var out []token
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.M, r) }
	for i := 0; i < len(prose); {
		r, size := utf8.DecodeRuneInString(prose[i:])
		if !isWord(r) {
			i += size
			continue
		}
		cjk := unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
		j := i + size
		for j < len(prose) {
			r2, s2 := utf8.DecodeRuneInString(prose[j:])
			inner := (r2 == '\'' || r2 == '’' || r2 == '-') && j+s2 < len(prose)
			if inner {
				r3, _ := utf8.DecodeRuneInString(prose[j+s2:])
				inner = isWord(r3) && !cjk
			}
			if !(isWord(r2) && unicode.In(r2, unicode.Han, unicode.Hiragana, unicode.Katakana) == cjk) && !inner {
				break
			}
			j += s2
		}
		out = append(out, token{i, j})
		i = j
	}
	return out
}

// spans splits the text into single-language stretches.
func (d *Detector) spans(ctx context.Context, text string, c cleaned, answer string) ([]api.DetectSpan, error) {
	toks := tokens(c.prose)
	if len(toks) == 0 {
		return nil, nil
	}
	n := len(d.langs)
	// emit[t][i] is log P(word t | language i), up to a constant.
	emit := make([][]float64, len(toks))
	for t, tok := range toks {
		res, err := d.confidences(ctx, c.prose[tok.start:tok.end])
		if err != nil {
			return nil, err
		}
		e := make([]float64, n)
		for i := range e {
			e[i] = math.Log(floorConf)
		}
		for _, s := range res.Scores {
			if s.Value > floorConf {
				e[d.pos[s.Language]] = math.Log(s.Value)
			}
		}
		emit[t] = e
	}
	// The whole message's answer is the likeliest start: ties go to it.
	bias := make([]float64, n)
	if l, ok := lookup(answer); ok {
		if i, ok := d.pos[l]; ok {
			bias[i] = 1e-6
		}
	}
	score := make([]float64, n)
	for i := range score {
		score[i] = emit[0][i] + bias[i]
	}
	back := make([][]int, len(toks))
	for t := 1; t < len(toks); t++ {
		best, bestScore := 0, math.Inf(-1)
		for i, s := range score {
			if s > bestScore {
				best, bestScore = i, s
			}
		}
		next := make([]float64, n)
		back[t] = make([]int, n)
		for i := range next {
			stay := score[i]
			if move := bestScore - switchCost; move > stay {
				next[i] = move + emit[t][i] + bias[i]
				back[t][i] = best
			} else {
				next[i] = stay + emit[t][i] + bias[i]
				back[t][i] = i
			}
		}
		score = next
	}
	path := make([]int, len(toks))
	path[len(toks)-1] = slices.Index(score, slices.Max(score))
	for t := len(toks) - 1; t > 0; t-- {
		path[t-1] = back[t][path[t]]
	}

	var out []api.DetectSpan
	for t := 0; t < len(toks); {
		u := t
		for u+1 < len(toks) && path[u+1] == path[t] {
			u++
		}
		start, end := toks[t].start, toks[u].end
		part := c.prose[start:end]
		lang := d.langs[path[t]]
		res, err := d.confidences(ctx, part)
		if err != nil {
			return nil, err
		}
		conf := 0.0
		for _, s := range res.Scores {
			if s.Language == lang {
				conf = s.Value
			}
		}
		out = append(out, api.DetectSpan{
			Start: start, End: end,
			Language:   tagFor(d.tags[lang], takeCensus(text[start:end])),
			Confidence: round(conf),
		})
		t = u + 1
	}
	return out, nil
}
