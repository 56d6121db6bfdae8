package quality

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/parley-chat/parley/shared/api"
	ent "github.com/parley-chat/parley/shared/entity"
)

// Entity kinds: the parts of a chat message that a translation must carry
// over unchanged (or, for numbers, with the same digits).
const (
	KindLink        = "link"
	KindEmail       = "email"
	KindMention     = "mention"
	KindChannel     = "channel"
	KindChatToken   = "chat_token" // <@123>, <#123>, <:party:123>
	KindPlaceholder = "placeholder"
	KindSentinel    = "sentinel" // ⟦0⟧, a protected part that was never restored
	KindProtected   = "protected"
	KindNumber      = "number"
	KindEmoji       = "emoji"
	KindShortcode   = "shortcode" // :tada:
)

// entityCost is how much of the entity signal's value one missing entity
// of a kind takes. A lost link, mention or placeholder breaks the message
// (the link no longer works, the wrong person is notified, the app shows
// "{name}"), so one is enough to use the whole weight. A number missing
// with no other number in its place costs half: it may be written as a
// word the lists do not know ("3 PM" → "las tres"), while a changed or
// swapped one (numberCost) is a wrong dose, price or time. A dropped emoji
// costs little.
var entityCost = map[string]float64{
	KindLink: 1, KindEmail: 1, KindMention: 1, KindChannel: 1, KindChatToken: 1,
	KindPlaceholder: 1, KindSentinel: 1, KindProtected: 1,
	KindNumber: 0.5, KindEmoji: 0.25, KindShortcode: 0.25,
}

// numberCost is what a number costs that the translation changed (another
// value where it was: 1500 → 150, 15:30 → 13:30) or swapped with another of
// its unit: as much as a lost link, so that alone it flags the translation
// for review.
var numberCost = map[string]float64{"missing": entityCost[KindNumber], "changed": 1, "swapped": 1, "date": 1}

// maxMissingNumbersCost bounds what all the missing numbers of a
// translation cost together (entitySignal).
const maxMissingNumbersCost = 0.5

// addedCounts marks the kinds whose appearance in a translation without
// being in the source is itself a problem: an invented link or mention is
// worse than a lost one (a hallucinated URL is a phishing risk), and a
// sentinel means a protected term never came back. Added numbers and emoji
// are left alone: "dos" → "2" and a friendly 🙂 are harmless.
var addedCounts = map[string]bool{
	KindLink: true, KindEmail: true, KindMention: true, KindChannel: true, KindChatToken: true,
	KindPlaceholder: true, KindSentinel: true,
}

// entityPatterns find the structured entities, most specific kind first:
// a URL containing an @ is a link, not a mention, and a match that
// overlaps one of an earlier pattern is dropped. Each pattern runs only
// when one of its trigger characters occurs in the text, which keeps a
// plain message cheap. Links, addresses, mentions and channels are found
// by the finders of shared/entity (find), as the translate chain finds
// what it protects: a mention ends where the chain's does ("@राहुल", not
// "@र"), a link at the text glued to it ("https://example.com/docs" of
// "…/docsを見てください"), so the text after it counts as the
// translation's words. Mentions and channels must start a word, so that
// "a@b" and "C#" are not taken for them.
var entityPatterns = []struct {
	kind    string
	trigger string // any of these characters, or for links "://" or "www."
	re      *regexp.Regexp
	find    func(string) []ent.Span // instead of re
}{
	{kind: KindLink, find: ent.FindURLs},
	{kind: KindEmail, trigger: "@", find: ent.FindEmails},
	{kind: KindChatToken, trigger: "<", re: regexp.MustCompile(`<a?:\w+:\d+>|<[@#][!&]?\d+>`)},
	{kind: KindSentinel, trigger: "⟦", re: regexp.MustCompile(`⟦/?[a-z]*\d+⟧`)},
	{kind: KindPlaceholder, trigger: "{%$", re: regexp.MustCompile(`\{\{\s*[\p{L}_][\p{L}\p{N}_.]*\s*\}\}|\{[\p{L}_][\p{L}\p{N}_.]*\}|\{\d+\}|\$\{[^{}\s]+\}|%(?:\(\w+\))?(?:\d+\$)?[-+#0]?\d*(?:\.\d+)?[sdifuxXoegcq@]\b`)},
	{kind: KindMention, trigger: "@", find: ent.FindMentions},
	{kind: KindChannel, trigger: "#", find: channels},
	{kind: KindShortcode, trigger: ":", re: regexp.MustCompile(`:[a-z0-9_+-]*[a-z][a-z0-9_+-]*:`)},
}

// channels finds the channels and hashtags that hold a letter: "#1" is a
// number, compared by its digits (numbers).
func channels(s string) []ent.Span {
	spans := ent.FindHashtags(s)
	out := spans[:0]
	for _, sp := range spans {
		if strings.ContainsFunc(s[sp.Start:sp.End], unicode.IsLetter) {
			out = append(out, sp)
		}
	}
	return out
}

// span is a matched entity's place in the text.
type span struct {
	start, end int
	e          entity
}

// entity is one entity found in a text.
type entity struct {
	kind string
	// key is what must match between source and translation: the text
	// itself, or the digits of a number.
	key string
	// text is the entity as written, for reasons.
	text string
}

// extracted is a text's entities and the text with them blanked out, for
// the signals that look at words and lengths: rest has neither the
// entities nor markup and code (blankNonProse).
type extracted struct {
	entities []entity
	// numbers are the numbers among entities, with their readings.
	numbers []number
	// dates are the dates written with digits (compareDates).
	dates []date
	rest  string
	// work is how many bytes the checks for overlapping matches went
	// over (TestExtractEntitiesWorkIsLinear).
	work int
}

// extractEntities finds the entities of s and the protected terms in it.
func extractEntities(s string, protect []string) extracted {
	var ents []entity
	// Protected terms go first, and are blanked before the patterns run:
	// a do-not-translate term may contain digits or look like a mention.
	masked := s
	for _, p := range protect {
		if p == "" {
			continue
		}
		for n := strings.Count(s, p); n > 0; n-- {
			ents = append(ents, entity{kind: KindProtected, key: p, text: p})
		}
		masked = strings.ReplaceAll(masked, p, strings.Repeat(" ", len(p)))
	}
	var spans []span
	// taken marks the bytes of the entities found so far: checking a
	// match costs its length. Searching the list of spans for every
	// match took time quadratic in the number of entities (a translation
	// of 20,000 numbers, 1 s).
	taken := make([]bool, len(masked))
	work := 0
	overlaps := func(a, b int) bool {
		work += b - a
		return slices.Contains(taken[a:b], true)
	}
	add := func(sp span) {
		spans = append(spans, sp)
		for i := sp.start; i < sp.end; i++ {
			taken[i] = true
		}
	}
	for _, p := range entityPatterns {
		if p.kind == KindLink && !strings.Contains(masked, "://") && !strings.Contains(masked, "www.") && !strings.Contains(masked, "WWW.") ||
			p.kind != KindLink && !strings.ContainsAny(masked, p.trigger) {
			continue
		}
		var found []ent.Span
		if p.find != nil {
			found = p.find(masked)
		} else {
			for _, m := range p.re.FindAllStringIndex(masked, -1) {
				found = append(found, ent.Span{Start: m[0], End: m[1]})
			}
		}
		for _, f := range found {
			start, end := f.Start, f.End
			text := masked[start:end]
			key := text
			switch p.kind {
			case KindShortcode, KindMention, KindChannel, KindEmail:
				key = strings.ToLower(text)
			}
			if !overlaps(start, end) {
				add(span{start, end, entity{kind: p.kind, key: key, text: text}})
			}
		}
	}
	var nums []number
	for _, n := range numbers(masked) {
		if !overlaps(n.start, n.end) {
			add(span{n.start, n.end, entity{kind: KindNumber, key: n.key(), text: n.text}})
			nums = append(nums, n)
		}
	}
	ds := dates(masked)
	markRanges(masked, nums, ds)
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	// The rest is built from the text without markup and code (offsets
	// unchanged), so that tags, attributes and programs are no words.
	prose := blankNonProse(masked)
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		ents = append(ents, sp.e)
		b.WriteString(prose[last:sp.start])
		b.WriteString(" ")
		last = sp.end
	}
	b.WriteString(prose[last:])
	rest := b.String()
	ents = append(ents, emoji(rest)...)
	return extracted{entities: ents, numbers: nums, dates: ds, rest: stripEmoji(rest), work: work}
}

// nonProse are the kinds of entity.Scan token that hold no words of the
// message's language: HTML tags (their names, attributes and values:
// "class", "note", "href"), elements a translator keeps whole (script,
// style, code, pre, kbd, samp, translate="no", class="notranslate"),
// markup escapes, Markdown code, and the links, addresses, mentions,
// channels, custom emoji and placeholders the translate chain protects.
// A translation keeps them byte for byte (the chain refuses one that does
// not), so counted as words they read as the source left untranslated
// ("npm", "install", "save" copied) and inflate both lengths alike.
// Markdown emphasis delimiters ("**", "_", "~~": only the delimiters are
// of that kind, the words between are prose) style words and say none;
// the translation may rightly have fewer of them (Apertium drops a pair
// with its words where the target language does not say them: "**I**
// will fix it" is "Lo fijaré"), which counted as text reads as a
// translation cut short.
var nonProse = map[ent.Kind]bool{
	ent.HTMLTag: true, ent.HTMLElement: true, ent.HTMLEscape: true,
	ent.CodeBlock: true, ent.InlineCode: true,
	ent.URL: true, ent.Email: true, ent.Mention: true, ent.Channel: true,
	ent.CustomEmoji: true, ent.Placeholder: true, ent.Emphasis: true,
}

// charRef matches an HTML character reference (&amp;, &nbsp;, &#233;,
// &#xE9;): in HTML a reference is no word ("nbsp", "eacute").
var charRef = regexp.MustCompile(`&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8});`)

// blankNonProse returns s with what is not prose (nonProse tokens and
// character references) replaced by spaces, byte for byte, so that
// offsets into s hold. It reads markup and code as the translate chain
// does (entity.Scan), as the detect service does before identifying a
// language (blankMarkup), in chat text and HTML alike: chat messages
// carry code spans and tags too. Only a text with a character that
// starts such markup is scanned; the links, mentions and placeholders of
// any other text are the entity patterns' (extractEntities).
func blankNonProse(s string) string {
	if !strings.ContainsAny(s, "<`~&{*_|") {
		return s
	}
	b := []byte(s)
	pos := 0
	for _, t := range ent.Scan(s, nil) {
		if nonProse[t.Kind] {
			from, to := pos, pos+len(t.Text)
			// "***x***" is scanned as a "*" of text on either side
			// of a "**" pair: the outer "*" are markup too.
			switch {
			case t.Kind == ent.Emphasis && t.Role == ent.Open:
				for from > 0 && s[from-1] == t.Text[0] {
					from--
				}
			case t.Kind == ent.Emphasis && t.Role == ent.Close:
				for to < len(s) && s[to] == t.Text[0] {
					to++
				}
			}
			for i := from; i < to; i++ {
				b[i] = ' '
			}
		}
		pos += len(t.Text)
	}
	if strings.IndexByte(s, '&') >= 0 {
		for _, m := range charRef.FindAllIndex(b, -1) {
			for i := m[0]; i < m[1]; i++ {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// isEmojiRune reports whether r is a pictographic emoji base: the emoji
// blocks, dingbats and miscellaneous symbols. Modifiers, joiners and
// variation selectors are not bases: "👍🏽" and "👍" both count as "👍",
// since skin tones are often dropped or added without changing meaning.
func isEmojiRune(r rune) bool {
	switch {
	case r >= 0x1F3FB && r <= 0x1F3FF: // skin tones
		return false
	case r >= 0x1F1E6 && r <= 0x1F1FF: // regional indicators, paired below
		return true
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF, r >= 0x2B00 && r <= 0x2BFF:
		return unicode.IsSymbol(r) || r >= 0x1F000
	case r >= 0x2300 && r <= 0x23FF:
		return unicode.IsSymbol(r)
	}
	return false
}

// emoji lists the emoji of s, one per cluster as a reader sees it
// (grapheme clusters, Unicode UAX #29, as api.ClipPrefix cuts them): a ZWJ
// sequence ("👨‍👩‍👧‍👦", "👩🏽‍💻"), a flag (two regional indicators, or a
// subdivision flag's tag sequence) and a keycap ("#️⃣") are one emoji
// each, so a translation that breaks a family into four people loses the
// family. The key leaves out skin tones and variation selectors (see
// isEmojiRune): "👩🏽‍💻" and "👩‍💻" are one emoji.
func emoji(s string) []entity {
	if !strings.ContainsFunc(s, func(r rune) bool { return isEmojiRune(r) || r == '\u20e3' }) {
		return nil
	}
	var out []entity
	state := -1
	for rest := s; rest != ""; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		// A keycap ends with U+20E3 after its base, one of "#*0123456789";
		// digits are taken by the numbers before emoji are looked for, so
		// "1️⃣" counts as the number 1.
		if r, _ := utf8.DecodeRuneInString(cluster); isEmojiRune(r) || strings.ContainsRune("#*0123456789", r) && strings.HasSuffix(cluster, "\u20e3") {
			out = append(out, entity{kind: KindEmoji, key: emojiKey(cluster), text: cluster})
		}
	}
	return out
}

// emojiKey is how an emoji cluster compares: without skin tones and
// variation selectors, which are often dropped or added without changing
// what the emoji says.
func emojiKey(cluster string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x1F3FB && r <= 0x1F3FF || r == '\ufe0e' || r == '\ufe0f' {
			return -1
		}
		return r
	}, cluster)
}

func stripEmoji(s string) string {
	if !strings.ContainsFunc(s, isEmojiRune) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isEmojiRune(r) {
			return ' '
		}
		return r
	}, s)
}

// entityFinding is a missing or added entity.
type entityFinding struct {
	e     entity
	added bool
}

// compareEntities lists what the translation lost or invented. Entities
// are compared as multisets: "@ana @ana" translated with one "@ana" lost
// a mention.
func compareEntities(src, tr []entity) []entityFinding {
	type k struct{ kind, key string }
	count := map[k]int{}
	first := map[k]entity{}
	for _, e := range src {
		count[k{e.kind, e.key}]++
		if _, ok := first[k{e.kind, e.key}]; !ok {
			first[k{e.kind, e.key}] = e
		}
	}
	var out []entityFinding
	for _, e := range tr {
		if e.kind == KindNumber {
			continue // compareNumbers
		}
		key := k{e.kind, e.key}
		if count[key] > 0 {
			count[key]--
			continue
		}
		if _, inSource := first[key]; inSource {
			continue // more copies than the source has: harmless
		}
		if addedCounts[e.kind] {
			out = append(out, entityFinding{e: e, added: true})
		}
	}
	// Missing ones in source order, so that reasons read naturally.
	for _, e := range src {
		if e.kind == KindNumber {
			continue
		}
		key := k{e.kind, e.key}
		if count[key] > 0 {
			count[key]--
			out = append(out, entityFinding{e: e})
		}
	}
	return out
}

// WeightEntities is what losing a link, mention or placeholder costs.
const WeightEntities = 45

// entitySignal checks that links, e-mail addresses, mentions, channels,
// chat tokens, placeholders, protected terms, numbers and emoji of the
// source are in the translation, and that none was invented. Numbers are
// compared by value (compareNumbers).
func entitySignal(in *input) api.Signal {
	sg := api.Signal{Name: SignalEntities, Value: 1}
	findings := compareEntities(in.srcEnt.entities, in.trEnt.entities)
	nums := compareNumbers(in.srcEnt.numbers, in.trEnt.numbers, in.sourceLang, in.targetLang, in.srcEnt.rest, in.trEnt.rest)
	nums.findings = append(nums.findings, compareDates(in.srcEnt.dates, in.trEnt.dates, in.sourceLang, in.targetLang)...)
	if len(in.srcEnt.entities) == 0 && len(findings) == 0 {
		sg.Reason = "neutral: no links, mentions, numbers, emoji or placeholders to preserve"
		return sg
	}
	sg.Weight = WeightEntities
	var spelled string
	if len(nums.spelled) > 0 {
		spelled = "; written as words: " + listShort(nums.spelled)
	}
	if len(findings) == 0 && len(nums.findings) == 0 {
		sg.Reason = fmt.Sprintf("all %d links, mentions, numbers, emoji and placeholders are preserved%s", len(in.srcEnt.entities), spelled)
		return sg
	}
	cost := 0.0
	var lost, added, changed, swapped, redated []string
	for _, f := range findings {
		cost += entityCost[f.e.kind]
		item := fmt.Sprintf("%s %s", strings.ReplaceAll(f.e.kind, "_", " "), quoteShort(f.e.text))
		if f.added {
			added = append(added, item)
		} else {
			lost = append(lost, item)
		}
	}
	missing := 0.0
	for _, f := range nums.findings {
		if f.kind == "missing" {
			missing += numberCost[f.kind]
		} else {
			cost += numberCost[f.kind]
		}
		switch f.kind {
		case "missing":
			lost = append(lost, "number "+quoteShort(f.src.text))
		case "changed":
			changed = append(changed, fmt.Sprintf("%s → %s", quoteShort(f.src.text), quoteShort(f.other.text)))
		case "swapped":
			swapped = append(swapped, fmt.Sprintf("%s and %s", quoteShort(f.src.text), quoteShort(f.other.text)))
		case "date":
			redated = append(redated, fmt.Sprintf("%s → %s", quoteShort(f.src.text), quoteShort(f.other.text)))
		}
	}
	// Numbers missing with none in their place cost together at most what
	// one does: each may be written in words the lists do not have ("a
	// couple", "las tres y media"), so alone they never flag.
	cost += min(missing, maxMissingNumbersCost)
	sg.Value = round2(max(0, 1-cost))
	var parts []string
	if len(changed) > 0 {
		parts = append(parts, "numbers changed: "+listShort(changed))
	}
	if len(swapped) > 0 {
		parts = append(parts, "numbers in each other's place ("+swappedUnit(nums.findings)+"): "+listShort(swapped))
	}
	if len(redated) > 0 {
		parts = append(parts, "dates changed (day, month and year in another order, or no date): "+listShort(redated))
	}
	if len(lost) > 0 {
		parts = append(parts, "missing from the translation: "+listShort(lost))
	}
	if len(added) > 0 {
		parts = append(parts, "not in the source: "+listShort(added))
	}
	sg.Reason = strings.Join(parts, "; ") + spelled
	return sg
}

// swappedUnit names the unit of the first swapped pair.
func swappedUnit(fs []numberFinding) string {
	for _, f := range fs {
		if f.kind == "swapped" {
			if f.src.unit == "" {
				return "a range"
			}
			return f.src.unit
		}
	}
	return ""
}

// quoteShort quotes s, shortened to 40 characters.
func quoteShort(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// listShort joins at most five items.
func listShort(items []string) string {
	if len(items) > 5 {
		return strings.Join(items[:5], ", ") + fmt.Sprintf(" and %d more", len(items)-5)
	}
	return strings.Join(items, ", ")
}
