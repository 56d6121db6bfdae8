package api

import "bytes"

// LoneSurrogate reports whether a JSON text escapes half of a UTF-16
// surrogate pair on its own ("\ud83d" not followed by a low surrogate, or a
// low surrogate with no high one before it). Such an escape names no
// character: encoding/json and go-json decode it as U+FFFD without an
// error, so a text sent with one would be translated and stored with a
// replacement character the sender never wrote. The entry points refuse it
// as they refuse invalid UTF-8 (utf8.Valid cannot see it: the bytes are
// ASCII).
//
// It reads escapes only; a backslash-escaped backslash ("\\ud83d") is text.
// Outside strings a backslash is invalid JSON, which the decoder reports.
func LoneSurrogate(data []byte) bool {
	for {
		i := bytes.IndexByte(data, '\\')
		if i < 0 || i+1 >= len(data) {
			return false
		}
		data = data[i+1:]
		if data[0] != 'u' {
			data = data[1:] // \n, \", \\ and the like: skip the escaped byte
			continue
		}
		r, ok := hex4(data[1:])
		if !ok {
			data = data[1:] // malformed; the decoder reports it
			continue
		}
		data = data[5:]
		switch {
		case r >= 0xDC00 && r <= 0xDFFF:
			return true // a low half with no high half before it
		case r >= 0xD800 && r <= 0xDBFF:
			if len(data) < 6 || data[0] != '\\' || data[1] != 'u' {
				return true
			}
			lo, ok := hex4(data[2:])
			if !ok || lo < 0xDC00 || lo > 0xDFFF {
				return true
			}
			data = data[6:]
		}
	}
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	return r, true
}
