package textmatch

import (
	"cmp"
	"slices"
)

// Ranged is a candidate match: its byte range in the text and a rank that
// breaks ties between equal ranges (lower wins).
type Ranged interface {
	Range() (start, end, rank int)
}

// Resolve keeps the longest matches and drops any match that overlaps one
// already kept, then returns the survivors in text order. It reorders hits
// but returns a new slice.
func Resolve[H Ranged](hits []H) []H {
	slices.SortFunc(hits, func(a, b H) int {
		as, ae, ar := a.Range()
		bs, be, br := b.Range()
		if c := cmp.Compare(be-bs, ae-as); c != 0 {
			return c
		}
		if c := cmp.Compare(as, bs); c != 0 {
			return c
		}
		return cmp.Compare(ar, br)
	})
	kept := hits[:0:0]
	for _, h := range hits {
		start, end, _ := h.Range()
		i, _ := slices.BinarySearchFunc(kept, start, func(k H, start int) int {
			ks, _, _ := k.Range()
			return cmp.Compare(ks, start)
		})
		if i > 0 {
			if _, pe, _ := kept[i-1].Range(); pe > start {
				continue
			}
		}
		if i < len(kept) {
			if ns, _, _ := kept[i].Range(); ns < end {
				continue
			}
		}
		kept = slices.Insert(kept, i, h)
	}
	return kept
}
