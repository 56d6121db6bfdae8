package safety

import (
	"context"
	"errors"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/services/safety/guard"
)

// maxGuardPieces bounds how many pieces a text too long for the guard's
// context is sent in. A translation may be twice api.MaxTextRunes, about
// 80 KB of four-byte characters; the default context holds about 23 KB.
const maxGuardPieces = 8

// guardOverlap is how many bytes the two halves of a split text share, so
// that a threat written across the cut is whole in one of them.
const guardOverlap = 256

// classifyText asks the guard about text. A text too long for the guard's
// context is not left unchecked, which would let padding ("I will kill
// you tomorrow." and 9,000 emoji) wave a threat through: it is split in
// two overlapping halves, at white space near the middle, each asked in
// parallel, and split again while too long, up to maxGuardPieces pieces.
// The text is unsafe when any piece is, with the codes of all; otherwise
// a failed piece fails the whole.
func (c *Checker) classifyText(ctx context.Context, text string) (guard.Result, error) {
	return c.classifyPiece(ctx, text, maxGuardPieces)
}

func (c *Checker) classifyPiece(ctx context.Context, text string, budget int) (guard.Result, error) {
	res, err := c.guard.Classify(ctx, text)
	if !errors.Is(err, guard.ErrTooLong) || budget < 2 {
		return res, err
	}
	left, right, ok := halves(text)
	if !ok {
		return res, err
	}
	var (
		wg   sync.WaitGroup
		rs   [2]guard.Result
		errs [2]error
	)
	for i, piece := range [2]string{left, right} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rs[i], errs[i] = c.classifyPiece(ctx, piece, budget/2)
		}()
	}
	wg.Wait()
	return combine(rs, errs)
}

// combine joins the answers for two pieces of one text.
func combine(rs [2]guard.Result, errs [2]error) (guard.Result, error) {
	out := guard.Result{Safe: true, Memo: rs[0].Memo}
	for i, r := range rs {
		if errs[i] != nil || r.Safe {
			continue
		}
		out.Safe = false
		for _, code := range r.Codes {
			if !slices.Contains(out.Codes, code) {
				out.Codes = append(out.Codes, code)
			}
		}
	}
	if rs[1].Memo != out.Memo {
		out.Memo = ""
	}
	if out.Safe {
		if err := errors.Join(errs[0], errs[1]); err != nil {
			return guard.Result{}, err
		}
	}
	return out, nil
}

// halves splits text near its middle, at white space within an eighth of
// the length when there is some, else at a character boundary; the halves
// overlap by about guardOverlap bytes.
func halves(text string) (left, right string, ok bool) {
	if len(text) < 2*guardOverlap {
		return "", "", false
	}
	mid := len(text) / 2
	cut := -1
	for d := 0; d < len(text)/8 && cut < 0; d++ {
		for _, i := range [2]int{mid - d, mid + d} {
			if i > 0 && i < len(text) && utf8.RuneStart(text[i]) {
				if r, _ := utf8.DecodeRuneInString(text[i:]); unicode.IsSpace(r) {
					cut = i
					break
				}
			}
		}
	}
	if cut < 0 {
		cut = runeStart(text, mid)
	}
	return text[:runeStart(text, min(len(text), cut+guardOverlap))], text[runeStart(text, max(0, cut-guardOverlap)):], true
}

// runeStart moves i back to the start of the character it is in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
