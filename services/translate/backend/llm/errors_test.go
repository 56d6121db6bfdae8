package llm

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"syscall"
	"testing"
	"time"
)

// TestConnErrorClassification: only an error that kept the connection
// from being made says the server is unreachable (the rung goes
// unavailable); a connection that broke after the request went out is one
// failed call (retried, counted by the breaker).
func TestConnErrorClassification(t *testing.T) {
	post := func(err error) error { return &url.Error{Op: "Post", URL: "http://127.0.0.1:11434/api/chat", Err: err} }
	op := func(name string, err error) error {
		return &net.OpError{Op: name, Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 11434}, Err: err}
	}
	sys := func(call string, errno syscall.Errno) error { return os.NewSyscallError(call, errno) }
	tests := []struct {
		name            string
		err             error
		wantUnreachable bool
		wantLost        bool
	}{
		{name: "nil", err: nil},
		{name: "plain error", err: errors.New("an error was encountered while running the model")},
		{name: "deadline", err: context.DeadlineExceeded},
		{name: "canceled", err: post(context.Canceled)},

		{name: "refused", err: post(op("dial", sys("connect", syscall.ECONNREFUSED))), wantUnreachable: true},
		{name: "no such host", err: post(op("dial", &net.DNSError{Err: "no such host", Name: "ollama.invalid", IsNotFound: true})), wantUnreachable: true},
		{name: "dial timeout", err: post(op("dial", os.ErrDeadlineExceeded)), wantUnreachable: true},
		{name: "host unreachable", err: post(op("dial", sys("connect", syscall.EHOSTUNREACH))), wantUnreachable: true},
		{name: "network unreachable", err: post(op("dial", sys("connect", syscall.ENETUNREACH))), wantUnreachable: true},
		{name: "proxy refused", err: post(op("proxyconnect", op("dial", sys("connect", syscall.ECONNREFUSED)))), wantUnreachable: true},
		{name: "bad certificate", err: post(&tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}), wantUnreachable: true},
		{name: "TLS to a plain HTTP server", err: post(tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}), wantUnreachable: true},

		// The request went out: the server answered in part, or closed.
		{name: "reset mid-body", err: op("read", sys("read", syscall.ECONNRESET)), wantLost: true},
		{name: "reset mid-body, wrapped", err: fmt.Errorf("error reading response body: %w", op("read", sys("read", syscall.ECONNRESET))), wantLost: true},
		{name: "reset before the headers", err: post(op("read", sys("read", syscall.ECONNRESET))), wantLost: true},
		{name: "broken pipe sending the request", err: post(op("write", sys("write", syscall.EPIPE))), wantLost: true},
		{name: "closed before answering", err: post(io.EOF), wantLost: true},
		{name: "body cut short", err: io.ErrUnexpectedEOF, wantLost: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsConnError(tt.err); got != tt.wantUnreachable {
				t.Errorf("IsConnError(%v) = %v, want %v", tt.err, got, tt.wantUnreachable)
			}
			if got := IsConnLost(tt.err); got != tt.wantLost {
				t.Errorf("IsConnLost(%v) = %v, want %v", tt.err, got, tt.wantLost)
			}
		})
	}
}

// TestConnErrorClassificationOnTheWire checks the classification against
// the errors net/http really returns: a refused dial, and a server that
// sends the status and half the body and then resets the connection.
func TestConnErrorClassificationOnTheWire(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				buf := make([]byte, 4096)
				_, _ = c.Read(buf) // the request
				_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100\r\n\r\n{\"model\":\"qwen")
				time.Sleep(20 * time.Millisecond)
				_ = c.(*net.TCPConn).SetLinger(0) // close with RST
				_ = c.Close()
			}()
		}
	}()
	hc := &http.Client{}
	defer hc.CloseIdleConnections()
	// The server waits before the reset so that it hits the body; on a
	// slow machine it may hit the headers, which is the same finding.
	resp, err := hc.Post("http://"+l.Addr().String()+"/api/chat", "application/json", nil)
	if err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if err == nil || IsConnError(err) || !IsConnLost(err) {
		t.Errorf("reset mid-body: %v: unreachable %v, lost %v; want lost only", err, IsConnError(err), IsConnLost(err))
	}

	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := closed.Addr().String()
	closed.Close()
	_, err = hc.Post("http://"+addr+"/api/chat", "application/json", nil)
	if err == nil || !IsConnError(err) || IsConnLost(err) {
		t.Errorf("refused: %v: unreachable %v, lost %v; want unreachable only", err, IsConnError(err), IsConnLost(err))
	}
}
