package llm

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"syscall"
	"unicode/utf8"
)

// IsConnError reports whether err means the server could not be reached
// at all: no connection was made (refused, an unresolvable name, no route,
// a dial timeout, a TLS handshake the server's certificate failed). The
// rung is then unavailable until a probe finds the server again.
//
// An error on a connection that was made (reset, broken pipe, closed
// before or while answering) is not one: the server took the request and
// may well serve the next one, so it is a failure of this call, which the
// chain retries and the circuit breaker counts (IsConnLost). Marking the
// rung unavailable for it would take the rung out for every request until
// the next probe, over one bad connection.
func IsConnError(err error) bool {
	if err == nil {
		return false
	}
	// Only the dial (or a proxy's) phase counts. errors.As stops at the
	// outermost *net.OpError; a dial error may sit under another op
	// (proxyconnect), hence the walk.
	var oe *net.OpError
	for e := err; errors.As(e, &oe); e = oe.Err {
		if oe.Op == "dial" || oe.Op == "proxyconnect" {
			return true
		}
	}
	var (
		de  *net.DNSError
		cve *tls.CertificateVerificationError
		rhe tls.RecordHeaderError
	)
	return errors.As(err, &de) || errors.As(err, &cve) || errors.As(err, &rhe) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH)
}

// IsConnLost reports whether err is a connection that broke after it was
// made: reset by the peer or a proxy, a broken pipe, closed before the
// answer or in the middle of it. Such a call failed (backend.ErrFailed,
// transient); the server is not known to be gone.
func IsConnLost(err error) bool {
	if err == nil || IsConnError(err) {
		return false
	}
	var oe *net.OpError
	return errors.As(err, &oe) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
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
