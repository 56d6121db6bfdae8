package llm

import (
	"errors"
	"net"
	"net/url"
	"syscall"
	"unicode/utf8"
)

// IsConnError reports whether err means the server could not be reached at
// all (refused, unresolvable, reset before an answer), as opposed to a
// server that answered with an error.
func IsConnError(err error) bool {
	var ue *url.Error
	var oe *net.OpError
	var de *net.DNSError
	return errors.As(err, &oe) || errors.As(err, &de) || errors.Is(err, syscall.ECONNREFUSED) ||
		(errors.As(err, &ue) && !ue.Timeout())
}

// Clip shortens a server's error message for an attempt record.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
