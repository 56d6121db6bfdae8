package natsperm

// ConfHeader opens deploy/nats/users.conf, which nats.conf includes: the
// file is Conf, written by deploy's tests (TestNATSPermissions -update).
const ConfHeader = `# The NATS users of Parley and their permissions, included by nats.conf.
# GENERATED from deploy/natsperm (the one table of what each service may
# publish and subscribe); do not edit: change the table and run
#   cd deploy && go test -run TestNATSPermissions -update .
# Each service connects as parley-<service> with the password the node
# reads from $PARLEY_NATS_PASSWORD_<SERVICE>; the operators' tools as
# parley ($PARLEY_NATS_PASSWORD), which may do everything. Replies go to
# each user's own inboxes (_INBOX.<user>.>, set by shared/svcmain), so no
# service can read the answers another one gets.
`
