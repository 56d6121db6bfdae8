package glossary

import "github.com/parley-chat/parley/shared/entity"

// maskEntities blanks out the chat entities of text (URLs, e-mail
// addresses, @mentions, #channels, code, placeholders, HTML tags, link
// targets: entity.Opaque) so that prepare and verify never see a term
// inside one. The translator keeps entities byte for byte, so "meeting" in
// https://x.io/meeting is neither a term to hint and count in the source
// nor a rendering to count or repair in the translation; before, a repair
// rewrote the URL.
//
// Each entity byte becomes a NUL: the length stays the same, so offsets
// into the masked text are offsets into the text as sent; NUL is not white
// space, so a multi-word term cannot match across an entity ("pull
// `x` request" is no "pull request"), and not a word character, so the
// words beside an entity keep their boundaries; and no glossary term holds
// one (validate rejects control characters).
func maskEntities(text string) string {
	spans := entity.Opaque(text)
	if len(spans) == 0 {
		return text
	}
	b := []byte(text)
	for _, s := range spans {
		clear(b[s.Start:s.End])
	}
	return string(b)
}
