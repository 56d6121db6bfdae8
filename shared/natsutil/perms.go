package natsutil

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/nats-io/nats.go"
)

// InboxPrefix is the prefix of the inboxes (reply subjects) of a process
// connected as user: _INBOX.<user>. With per-service NATS users
// (deploy/natsperm), each user may subscribe to its own inboxes only, so
// that no service can read the replies another one receives (chat
// messages, glossaries, API keys): nats.go's default _INBOX.<random>
// would need _INBOX.> for everyone.
func InboxPrefix(user string) string { return "_INBOX." + user }

// InboxOptions returns the option that gives a process connecting as
// NATS_USER the inboxes of InboxPrefix, none without NATS_USER (creds,
// nkeys, tokens and servers without authentication keep _INBOX.) or with
// a user that is no subject token.
func InboxOptions(getenv func(string) string) []nats.Option {
	user := getenv(EnvUser)
	if user == "" || strings.ContainsAny(user, ".*> \t\r\n") {
		return nil
	}
	return []nats.Option{nats.CustomInboxPrefix(InboxPrefix(user))}
}

// logAsyncError logs an error nats.go reports outside of any call. A
// permissions violation (the server refused a publish or subscription of
// this connection's user) gets a message of its own, naming the user:
// the request it broke otherwise only times out, and a subscription the
// server refused never receives anything.
func logAsyncError(log *slog.Logger, nc *nats.Conn, sub *nats.Subscription, err error) {
	subj := ""
	if sub != nil {
		subj = sub.Subject
	}
	if errors.Is(err, nats.ErrPermissionViolation) {
		log.Error("nats permissions violation: this process's NATS user may not use the subject (deploy/natsperm lists what each service may)",
			"user", nc.Opts.User, "subject", subj, "err", err)
		return
	}
	log.Log(context.Background(), asyncErrorLevel(err, nc.IsDraining() || nc.IsClosed()), "nats async error", "subject", subj, "err", err)
}
