package messages

import (
	"crypto/sha256"

	"github.com/parley-chat/parley/shared/api"
)

// maxEarlierTexts bounds the earlier revisions remembered per message
// (the latest are kept).
const maxEarlierTexts = 64

// revisionText is the digest of the text of one revision of a message.
type revisionText struct {
	rev int
	sum [sha256.Size]byte
}

// rememberText records the digest of msg's text at its revision, before
// an edit replaces it. Caller holds l.mu.
func (l *Log) rememberText(msg *api.Message) {
	if l.earlier == nil {
		l.earlier = map[Key][]revisionText{}
	}
	k := KeyOf(*msg)
	texts := append(l.earlier[k], revisionText{rev: max(msg.Revision, 1), sum: sha256.Sum256([]byte(msg.Text))})
	if len(texts) > maxEarlierTexts {
		texts = texts[len(texts)-maxEarlierTexts:]
	}
	l.earlier[k] = texts
}

// TextMatch is what Log.SaidAt found.
type TextMatch int

// Results of Log.SaidAt.
const (
	// TextSame: the message said text at that revision.
	TextSame TextMatch = iota
	// TextDiffers: the message said something else at that revision.
	TextDiffers
	// TextUnknown: the read model does not hold the message (never
	// posted, dropped by retention, or deleted), or not that revision's
	// text: an edit from before this process followed the stream whose
	// post retention dropped, or a revision the message never reached.
	TextUnknown
)

// SaidAt reports whether tenant's message id said text at revision rev
// (0 is revision 1): what a moderation case shows of a message (its
// original and message revision) against what the chat stream stored.
func (l *Log) SaidAt(tenant, id string, rev int, text string) TextMatch {
	rev = max(rev, 1)
	l.mu.RLock()
	defer l.mu.RUnlock()
	k := Key{Tenant: tenant, ID: id}
	m, ok := l.byID[k]
	switch {
	case !ok || m.Deleted:
		return TextUnknown
	case rev == max(m.Revision, 1):
		if m.Text == text {
			return TextSame
		}
		return TextDiffers
	case rev > m.Revision:
		return TextDiffers // a revision the message never had
	}
	sum := sha256.Sum256([]byte(text))
	for _, e := range l.earlier[k] {
		if e.rev == rev {
			if e.sum == sum {
				return TextSame
			}
			return TextDiffers
		}
	}
	return TextUnknown
}
