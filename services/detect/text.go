package detect

import (
	"regexp"
	"strings"
	"unicode"
)

// nonLanguage matches the parts of a chat message that are not written in
// any language: links, e-mail addresses, @mentions, chat-platform tokens for
// users, channels and custom emoji (<@123>, <#123>, <:name:123>) and emoji
// short codes (:thumbsup:). Left in, their Latin letters would pull every
// message towards English or whatever language their spelling resembles.
var nonLanguage = regexp.MustCompile(`(?i)` + strings.Join([]string{
	`\b(?:https?|ftp)://\S+`,
	`\bwww\.\S+`,
	`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`,
	`<a?:\w+:\d+>`,
	`<[@#][!&]?\d+>`,
	`(?:^|\s)@[\p{L}\p{N}_.-]+`,
	`:[a-z0-9_+-]+:`,
}, "|"))

// stripNonLanguage blanks out links, addresses, mentions and emoji tokens.
func stripNonLanguage(s string) string {
	return nonLanguage.ReplaceAllString(s, " ")
}

// hasLetters reports whether s has any letter in any script.
func hasLetters(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}
