package quality

import (
	"fmt"
	"strings"

	"github.com/parley-chat/parley/shared/api"
)

// WeightRepetition is what a degenerate translation costs: a model caught
// in a loop gives the reader the same words over and over, which is no
// better than no translation.
const WeightRepetition = 60

// maxLoopN is the longest unit, in words, whose repetition counts as a
// loop: LLMs loop on single tokens, phrases and whole sentences.
const maxLoopN = 40

// loop is the longest run of one unit repeated back to back.
type loop struct {
	n, reps int
	unit    string
}

// words returns the length of the run in words.
func (l loop) words() int { return l.n * l.reps }

// findLoop finds the longest back-to-back repetition of an n-gram (n from
// 1 to maxLoopN) in ws. A run where ws[i] == ws[i+n] for k consecutive i
// is the unit repeated k/n+1 times, so one pass per n suffices.
func findLoop(ws []word) loop {
	var best loop
	for n := 1; n <= maxLoopN && 2*n <= len(ws); n++ {
		run := 0
		for i := 0; i+n < len(ws); i++ {
			if ws[i].lower != ws[i+n].lower {
				run = 0
				continue
			}
			run++
			reps := run/n + 1
			if reps >= 2 && reps*n > best.words() {
				// The run covers ws[i-run+1 : i+n+1]; its first n words
				// are the unit.
				start := i - run + 1
				best = loop{n: n, reps: reps, unit: joinWords(ws[start : start+n])}
			}
		}
	}
	return best
}

func joinWords(ws []word) string {
	parts := make([]string, len(ws))
	dense := true
	for i, w := range ws {
		parts[i] = w.lower
		dense = dense && w.dense
	}
	if dense {
		return strings.Join(parts, "")
	}
	return strings.Join(parts, " ")
}

// degenerate reports whether l is a loop rather than emphasis: one word
// said three times ("no no no", "very very very") is chat; four times or
// a phrase said three times over six words or more is a model looping.
func (l loop) degenerate() bool {
	switch {
	case l.n == 1:
		return l.reps >= 4
	default:
		return l.reps >= 3 && l.words() >= 6
	}
}

// duplicateShare is the share of a text's word trigrams that repeat an
// earlier one: 0 for ordinary prose, near 1 for a text that says one
// thing again and again, even if not back to back.
func duplicateShare(ws []word) (float64, int) {
	const n = 3
	if len(ws) < n {
		return 0, 0
	}
	seen := make(map[[n]string]bool, len(ws))
	dup, total := 0, 0
	for i := 0; i+n <= len(ws); i++ {
		k := [n]string{ws[i].lower, ws[i+1].lower, ws[i+2].lower}
		total++
		if seen[k] {
			dup++
		}
		seen[k] = true
	}
	return float64(dup) / float64(total), total
}

// minRepetitionTrigrams is the fewest trigrams on which the duplicate
// share is judged: in a short text one repeated phrase is a large share.
const minRepetitionTrigrams = 12

// repetitionSignal flags degenerate output: a token or phrase looping,
// or a text that keeps repeating itself, beyond what the source does (a
// source that says "ha ha ha ha" may be translated "ja ja ja ja").
func repetitionSignal(in *input) api.Signal {
	sg := api.Signal{Name: SignalRepetition, Value: 1}
	if len(in.trWords) < 4 {
		sg.Reason = "neutral: too short to repeat itself"
		return sg
	}
	sg.Weight = WeightRepetition
	tl, sl := findLoop(in.trWords), findLoop(in.srcWords)
	loopValue := 1.0
	if tl.degenerate() && !(sl.degenerate() && 2*sl.reps >= tl.reps) {
		// A loop over a quarter of the text, or eight repetitions, is
		// the whole answer going wrong; a shorter one is a stutter.
		loopValue = 0.5
		if 4*tl.words() >= len(in.trWords) || tl.reps >= 8 {
			loopValue = 0
		}
	}
	ts, tn := duplicateShare(in.trWords)
	ss, _ := duplicateShare(in.srcWords)
	shareValue := 1.0
	excess := ts - ss
	if tn >= minRepetitionTrigrams && excess > 0.15 {
		// 15 points more repeated trigrams than the source is noise;
		// 50 points more is a text that repeats itself.
		shareValue = round2(max(0, 1-(excess-0.15)/0.35))
	}
	sg.Value = min(loopValue, shareValue)
	if sg.Value == 1 {
		sg.Reason = "no repeated words or phrases beyond the source's"
		return sg
	}
	var parts []string
	if loopValue < 1 {
		parts = append(parts, fmt.Sprintf("%q repeats %d times in a row", shorten(tl.unit, 60), tl.reps))
	}
	if shareValue < 1 {
		parts = append(parts, fmt.Sprintf("%.0f%% of its word trigrams are repeats (source %.0f%%)", 100*ts, 100*ss))
	}
	sg.Reason = "the translation degenerates: " + strings.Join(parts, "; ")
	return sg
}

// shorten cuts s to n characters.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
