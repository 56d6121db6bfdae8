// Package natsperm is the one table of what each Parley service may
// publish and subscribe on NATS: every service connects as its own user
// (parley-<service>) with least-privilege permissions, and the operators'
// tools as user parley, which may do everything.
//
// deploy/nats/nats.conf, deploy/compose.yaml and deploy/k8s (the Helm
// values and the Deployments) are checked against it by deploy's tests
// (TestNATSPermissions); deploy/cluster runs each service process under
// its user with the permissions nats.conf gives, so the failover and
// cluster tests exercise them. Conf writes the authorization block of
// nats.conf from it.
//
// The table names subjects and JetStream assets, not code paths: a service
// that starts using another bucket, stream or service needs a line here,
// or its NATS connection reports a permissions violation (logged at error
// level as "nats permissions violation", shared/natsutil) and the request
// fails. Assets are the default names of deploy/nats/jetstream.yaml; a
// deployment that renames one (TRANSLATE_KV_PREFIX renames the translate
// buckets <prefix>_cache, _overrides and _config) must edit the users'
// permissions too.
package natsperm

import (
	"fmt"
	"slices"
	"strings"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

// Operator is the user with every permission: the operators' tools
// (bin/parley keys and registry, the glossary CLI, quality/cmd/eval and
// experiments, the nats CLI of nats-box) and the deploy/cluster harness's
// own checks connect as it. No service runs as it.
const Operator = "parley"

// Services are the services with a user of their own, in the order of
// deploy/cluster.Services.
var Services = []string{"detect", "glossary", "translate", "quality", "safety", "moderation", "messages", "gateway"}

// User is one NATS user of the shipped configuration.
type User struct {
	// Name is the NATS user (NATS_USER of its processes).
	Name string
	// Service is the service that connects as it; empty for Operator.
	Service string
	// PasswordVar is the node's environment variable its password comes
	// from (nats.conf's $VARIABLE).
	PasswordVar string
	// SecretKey is the key of the Kubernetes Secret parley-nats that
	// holds the password.
	SecretKey string
	// Perms is nil for Operator: everything is allowed.
	Perms *Perms
}

// Perms are a user's allow lists. Everything else is denied.
type Perms struct {
	Publish, Subscribe []string
	// Responses lets the user answer requests it received (nats-server's
	// allow_responses: one reply to each request's reply subject), which
	// a micro service and the log-level subscription need, without
	// publish permission on other users' inboxes.
	Responses bool
}

// UserName is the NATS user of service svc.
func UserName(svc string) string { return "parley-" + svc }

// Users returns the operator and one user per service.
func Users() []User {
	out := []User{{Name: Operator, PasswordVar: "PARLEY_NATS_PASSWORD", SecretKey: "password"}}
	for _, svc := range Services {
		p := For(svc)
		out = append(out, User{
			Name: UserName(svc), Service: svc,
			PasswordVar: "PARLEY_NATS_PASSWORD_" + strings.ToUpper(svc),
			SecretKey:   "password-" + svc,
			Perms:       &p,
		})
	}
	return out
}

// access is what a service does with a JetStream asset.
type access int

const (
	// read: open it (which creates it when missing and raises its
	// replicas: shared/natsutil), get, watch and consume it.
	read access = iota
	// write: read, and publish to the given subjects: a KV put, delete
	// and purge are publishes to the key's subject (the JetStream API's
	// message delete and stream purge are granted apart, to the few that
	// use them: deletes, and object).
	write
)

// grants collects one service's permissions.
type grants struct {
	pub, sub []string
}

func (g *grants) publish(s ...string)   { g.pub = append(g.pub, s...) }
func (g *grants) subscribe(s ...string) { g.sub = append(g.sub, s...) }

// microService is the subscriptions of a micro service named name whose
// endpoints are under prefix: its endpoints, and the $SRV discovery
// subjects (PING, INFO, STATS: all, by name, by name and id) the
// gateway's /readyz and `nats micro` use.
func (g *grants) microService(name, prefix string) {
	g.subscribe(prefix, "$SRV.*", "$SRV.*."+name, "$SRV.*."+name+".*")
}

// stream grants the JetStream API of one stream: a KV bucket is stream
// KV_<bucket>, an object store OBJ_<store>. subjects are the stream's own
// subjects, which a writer publishes to.
func (g *grants) stream(name string, a access, subjects ...string) {
	g.publish(
		"$JS.API.STREAM.INFO."+name,
		// Every opener creates a missing asset and raises its replicas.
		"$JS.API.STREAM.CREATE."+name,
		"$JS.API.STREAM.UPDATE."+name,
		"$JS.API.STREAM.MSG.GET."+name,
		"$JS.API.DIRECT.GET."+name,
		"$JS.API.DIRECT.GET."+name+".>",
		// Consumers: KV watchers and object reads (ordered consumers),
		// durable pull consumers, with their flow control and acks.
		"$JS.API.CONSUMER.CREATE."+name,
		"$JS.API.CONSUMER.CREATE."+name+".>",
		"$JS.API.CONSUMER.DURABLE.CREATE."+name+".>",
		"$JS.API.CONSUMER.INFO."+name+".>",
		"$JS.API.CONSUMER.DELETE."+name+".>",
		"$JS.API.CONSUMER.MSG.NEXT."+name+".>",
		"$JS.API.CONSUMER.LIST."+name,
		"$JS.API.CONSUMER.NAMES."+name,
		"$JS.ACK."+name+".>",
		"$JS.FC."+name+".>",
	)
	if a == write {
		g.publish(subjects...)
	}
}

// deletes grants deleting single messages of a stream by sequence
// (SecureDeleteMsg, DeleteMsg), for a service that erases or consumes
// them.
func (g *grants) deletes(stream string) { g.publish("$JS.API.STREAM.MSG.DELETE." + stream) }

func (g *grants) kv(bucket string, a access) { g.stream("KV_"+bucket, a, "$KV."+bucket+".>") }

// object grants an object store; a writer also purges its stream by
// subject: nats.go removes the chunks of an object deleted or replaced so.
func (g *grants) object(store string, a access) {
	g.stream("OBJ_"+store, a, "$O."+store+".>")
	if a == write {
		g.publish("$JS.API.STREAM.PURGE.OBJ_" + store)
	}
}

// The JetStream assets shared by several services (deploy/nats/jetstream.yaml).
const (
	bucketFlags       = "parley-flags"
	bucketRegistry    = "parley-registry"
	bucketExperiments = "parley-experiments"
	bucketReaders     = "parley-readers"
	streamExperiments = "PARLEY_EXPERIMENTS"
	streamFeedback    = "PARLEY_FEEDBACK"
	// Experiment events are <prefix>.<type>.<experiment> (Event.Subject);
	// each writer publishes its own types only.
	subjectExposures = api.SubjectExperimentEvents + ".exposure.*"
	subjectOutcomes  = api.SubjectExperimentEvents + ".outcome.*"
	subjectRepeats   = api.SubjectExperimentEvents + ".repeat.*"
	// Feedback is <prefix>.<experiment>.<key digest> (FeedbackSubject).
	subjectFeedback = api.SubjectExperimentFeedback + ".*.*"
)

// pipeline is what renders a view (shared/pipeline, in the gateway and the
// messages service) asks of the other services, and the moderation intake
// it publishes flagged views to (shared/client.Moderation.Flagged, which
// creates the stream when moderation has not yet).
func (g *grants) pipeline() {
	g.publish(
		api.SubjectDetect, api.SubjectDetectBatch,
		api.SubjectTranslate, api.SubjectTranslateBatch, api.SubjectTranslateLangs, api.SubjectTranslateCancel,
		api.SubjectTranslateInvalidate,
		api.SubjectGlossaryPrepare, api.SubjectGlossaryVerify, api.SubjectGlossaryList,
		api.SubjectQualityScore, api.SubjectSafetyCheck,
	)
	g.stream(api.StreamModerationIntake, write, api.SubjectModerationIntake)
	// Experiment outcomes, and the repeats folded into them
	// (shared/experiment.OnOutcome); exposures are translate's.
	g.stream(streamExperiments, write, subjectOutcomes, subjectRepeats)
	g.kv(bucketExperiments, read)
	g.kv(bucketFlags, read)
}

// For returns the permissions of service svc; it panics on a service that
// is not in Services (a programming error: the table is static).
func For(svc string) Perms {
	g := &grants{}
	// Every process: its inboxes (replies to its requests, JetStream
	// API answers, KV watchers' deliveries), the log level of
	// shared/logging.ServeLevel, and JetStream's account info
	// (readiness and metrics). The inboxes are the user's own
	// (natsutil.InboxOptions, which shared/svcmain sets from NATS_USER),
	// never the replies another service receives.
	g.subscribe(natsutil.InboxPrefix(UserName(svc))+".>", "parley.ops.v1.loglevel.*")
	g.publish("$JS.API.INFO")
	switch svc {
	case "detect":
		g.microService(api.ServiceDetect, "parley.detect.v1.>")
	case "glossary":
		g.microService(api.ServiceGlossary, "parley.glossary.v1.>")
		g.kv("parley_glossaries", write)
		g.object("parley_glossary_docs", write)
		g.object(api.BucketGlossaryTransfer, write)
	case "translate":
		g.microService(api.ServiceTranslate, "parley.translate.v1.>")
		// Cross-replica coalescing: claims' liveness (answered by the
		// claim's owner, asked by the replicas waiting on it) and the
		// in-memory cache's deletion notices to the other replicas.
		g.subscribe("parley.translate.claims.>")
		g.publish("parley.translate.claims.>", "parley.translate.v1.cache.forget.>")
		g.kv("parley_translate_cache", write)
		g.kv("parley_translate_overrides", write)
		g.kv("parley_translate_config", write)
		g.kv(bucketFlags, read)
		g.kv(bucketRegistry, read)
		// The experiment guard stops an experiment that breaches its
		// guardrails, from the events and feedback it reads; the
		// service records exposures (control.go).
		g.kv(bucketExperiments, write)
		g.stream(streamExperiments, write, subjectExposures)
		g.stream(streamFeedback, read)
	case "quality":
		g.microService(api.ServiceQuality, "parley.quality.v1.>")
		// Detection, and detect's languages from its micro info.
		g.publish(api.SubjectDetect, api.SubjectDetectBatch, "$SRV.INFO."+api.ServiceDetect)
	case "safety":
		g.microService(api.ServiceSafety, "parley.safety.v1.>")
		g.kv(bucketFlags, read)
	case "moderation":
		g.microService(api.ServiceModeration, "parley.moderation.v1.cases.>")
		g.subscribe(api.SubjectModerationAudit)
		// A correction becomes a translation override.
		g.publish(api.SubjectTranslateOverride)
		g.kv(api.BucketModerationCases, write)
		g.stream(api.StreamModerationIntake, write, api.SubjectModerationIntake)
		// An intake message is deleted once its case holds it (jsstore).
		g.deletes(api.StreamModerationIntake)
		g.stream(api.StreamModerationAudit, write, api.SubjectModerationAuditPrefix+".>")
		// Deletes of messages redact their cases (a durable consumer of
		// the chat stream), and its MaxAge bounds the cases' texts.
		g.stream(api.StreamChat, read)
	case "messages":
		g.microService(api.ServiceMessages, "parley.messages.v1.>")
		g.pipeline()
		g.stream(api.StreamChat, write, api.SubjectChatPrefix+">")
		// A deleted or erased message is overwritten in the chat stream,
		// and its feedback in the feedback stream
		// (services/messages/erase.go): read the feedback, delete
		// events, never write feedback.
		g.deletes(api.StreamChat)
		g.stream(streamFeedback, read)
		g.deletes(streamFeedback)
		g.kv(bucketReaders, write)
		g.kv(api.BucketMessageModeration, write)
		// Moderators' decisions, applied to readers' views: the audit
		// entry names the case, whose message and locale it reads
		// (TestNATSPermissionsPaths: without it no decision applied).
		g.stream(api.StreamModerationAudit, read)
		g.publish(api.SubjectModerationGet)
		// Pre-translated views to the gateways' readers.
		g.publish(api.SubjectViewsPrefix + ">")
	case "gateway":
		// No micro service of its own: the HTTP API in front of all.
		g.pipeline()
		g.subscribe(api.SubjectViewsPrefix + ">")
		// /readyz pings every service.
		for _, s := range api.Services {
			g.publish("$SRV.PING." + s)
		}
		// The management APIs: glossaries, moderation, the cache.
		g.publish(
			api.SubjectGlossaryGet, api.SubjectGlossaryCreate, api.SubjectGlossaryUpdate, api.SubjectGlossaryDelete,
			api.SubjectGlossaryEntries, api.SubjectGlossaryEntryGet, api.SubjectGlossaryEntryPut, api.SubjectGlossaryEntryDelete,
			api.SubjectGlossaryImport, api.SubjectGlossaryExport, api.SubjectGlossaryVersions, api.SubjectGlossaryDiff,
			api.SubjectGlossaryRollback,
			api.SubjectModerationList, api.SubjectModerationGet, api.SubjectModerationClaim, api.SubjectModerationRelease,
			api.SubjectModerationDecide, api.SubjectModerationNote, api.SubjectModerationReopen, api.SubjectModerationAudit,
			api.SubjectModerationWithdraw,
			// GET /v1/admin/export: the cases of an author's messages.
			api.SubjectModerationExport,
		)
		// Large glossary files travel through the transfer store.
		g.object(api.BucketGlossaryTransfer, write)
		g.stream(api.StreamChat, write, api.SubjectChatPrefix+">")
		g.kv(bucketReaders, write)
		// Moderators' decisions the messages service records, which the
		// gateway's message views, pages and event streams apply
		// (TestNATSPermissionsPaths: without it the message store was
		// unavailable, 503, to every message route).
		g.kv(api.BucketMessageModeration, read)
		// The glossary store's heads, which the view cache follows so
		// that a glossary change renders message views afresh.
		g.kv("parley_glossaries", read)
		g.kv("parley_api_keys", write)
		g.kv("parley_usage", write)
		// Flags and experiments are read only (message views, and
		// feedback checked against its experiment): operators edit
		// them with their own tools, as user parley. Readers' feedback
		// is published, never deleted (the messages service erases it).
		g.kv(bucketFlags, read)
		g.kv(bucketExperiments, read)
		g.kv(bucketRegistry, read)
		g.stream(streamFeedback, write, subjectFeedback)
	default:
		panic(fmt.Sprintf("natsperm: no service %q", svc))
	}
	return Perms{Publish: dedup(g.pub), Subscribe: dedup(g.sub), Responses: true}
}

// dedup sorts s and drops repeats (the pipeline and a service may grant
// the same asset).
func dedup(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// Conf is the authorization block of deploy/nats/nats.conf: every user,
// its password from the node's environment, and its permissions.
func Conf() string {
	var b strings.Builder
	b.WriteString("authorization {\n  users: [\n")
	for _, u := range Users() {
		if u.Perms == nil {
			fmt.Fprintf(&b, "    {user: %s, password: $%s}\n", u.Name, u.PasswordVar)
			continue
		}
		fmt.Fprintf(&b, "    {user: %s, password: $%s, permissions: {\n", u.Name, u.PasswordVar)
		fmt.Fprintf(&b, "      publish: {allow: %s}\n", list(u.Perms.Publish))
		fmt.Fprintf(&b, "      subscribe: {allow: %s}\n", list(u.Perms.Subscribe))
		if u.Perms.Responses {
			b.WriteString("      allow_responses: true\n")
		}
		b.WriteString("    }}\n")
	}
	b.WriteString("  ]\n}\n")
	return b.String()
}

// list writes subjects as a config list, one per line, quoted: a
// subject starting with $ would otherwise read as a variable.
func list(subjects []string) string {
	var b strings.Builder
	b.WriteString("[\n")
	for _, s := range subjects {
		fmt.Fprintf(&b, "        %q\n", s)
	}
	b.WriteString("      ]")
	return b.String()
}
