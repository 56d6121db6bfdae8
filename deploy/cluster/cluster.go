// Package cluster runs Parley on one machine the way it runs on many: a
// NATS cluster of several nodes with JetStream, and every service as its
// own process (several replicas each) connected to all the nodes. The
// failover tests, the load generator's -spawn mode and the cluster
// benchmarks use it.
//
// Every part is a process of its own: the NATS nodes are the nats-server
// the module depends on (BuildNATS), each with its own loopback ports,
// store and routes and the settings of deploy/nats/nats.conf; the services
// are built from the repository (Build).
package cluster

import (
	"bufio"
	"context"
	crand "crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/deploy/natsperm"
)

// Services are the service modules the cluster runs, in start order
// (gateway last, as in the all-in-one suite).
var Services = []string{"detect", "glossary", "translate", "quality", "safety", "moderation", "messages", "gateway"}

// Build compiles the service binaries of the repository at root into dir
// (as dir/parley-<name>) and returns the names it built. A service whose
// module has no command yet is left out; one that fails to compile is
// left out too, with its error in failed (the work of other services goes
// on while one is broken), and err is set only when nothing could be built.
func Build(ctx context.Context, root, dir string, names []string) (built []string, failed map[string]error, err error) {
	var want []string
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(root, "services", n, "cmd", n, "main.go")); err == nil {
			want = append(want, n)
		}
	}
	if len(want) == 0 {
		return nil, nil, errors.New("cluster: no service commands to build")
	}
	// One go build compiles the shared packages once for all commands;
	// when it fails, each command is built alone to find the broken ones.
	if buildInto(ctx, root, dir, want...) == nil {
		return want, nil, nil
	}
	failed = map[string]error{}
	for _, n := range want {
		if err := buildInto(ctx, root, dir, n); err != nil {
			failed[n] = err
			continue
		}
		built = append(built, n)
	}
	if len(built) == 0 {
		return nil, failed, fmt.Errorf("cluster: nothing builds: %v", failed)
	}
	return built, failed, nil
}

func buildInto(ctx context.Context, root, dir string, names ...string) error {
	tmp, err := os.MkdirTemp(dir, "build")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var pkgs []string
	for _, n := range names {
		pkgs = append(pkgs, "./services/"+n+"/cmd/"+n)
	}
	cmd := exec.CommandContext(ctx, goTool(), append([]string{"build", "-o", tmp + string(os.PathSeparator)}, pkgs...)...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %v: %w\n%s", names, err, out)
	}
	for _, n := range names {
		if err := os.Rename(filepath.Join(tmp, n), filepath.Join(dir, "parley-"+n)); err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
	}
	return nil
}

func goTool() string {
	if p := filepath.Join(os.Getenv("GOROOT"), "bin", "go"); os.Getenv("GOROOT") != "" {
		return p
	}
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return "/usr/local/go/bin/go"
}

// Config describes a cluster.
type Config struct {
	// Dir holds the nodes' stores and the services' logs.
	Dir string
	// Bin holds parley-<name> binaries (see Build).
	Bin string
	// NATSConf is deploy/nats/nats.conf: the nodes take their JetStream
	// and cluster settings from it (ports, routes and store are set here).
	NATSConf string
	// NATSServer is the nats-server binary (see BuildNATS).
	NATSServer string
	// TLS runs the nodes with TLS on the client port and the routes, as
	// deploy/nats/nats-tls.conf does (NATSConf must be it, or a config
	// with its tls blocks), with certificates of a throwaway CA made at
	// start (tls.go); the services get NATS_CA, and tls:// URLs.
	TLS bool
	// TLSVerifyClients (with TLS) also requires a client certificate of
	// every client, as `verify: true` in the client tls block would: the
	// services get NATS_CERT and NATS_KEY.
	TLSVerifyClients bool
	// Nodes is the number of NATS nodes (default 3).
	Nodes int
	// Replicas is the number of processes per service (default 2); a
	// service that is not in Services, or set to 0 here, is not started.
	Replicas map[string]int
	// Services lists what to start, in order (default: those of Services
	// with a binary in Bin).
	Services []string
	// Env is added to every service's environment (PARLEY_JS_REPLICAS is
	// set to the node count unless given).
	Env map[string]string
	// ServiceEnv adds per-service variables.
	ServiceEnv map[string]map[string]string
	// ReplicaEnv, when set, adds variables to one replica of a service
	// (e.g. its own fake LLM, so a test knows which replica called).
	ReplicaEnv func(svc string, i int) map[string]string
	// BeforeServices runs once the nodes are up and before any service
	// starts (to provision streams, as an operator would).
	BeforeServices func(nc *nats.Conn) error
	// Log receives the harness's own events (default: discarded).
	Log *slog.Logger
}

// Cluster is a running NATS cluster with Parley's services.
type Cluster struct {
	cfg Config
	log *slog.Logger
	// id makes the cluster's name unique, so that two harnesses on one
	// machine (parallel test packages) can never route into each other.
	id string

	// The nodes' secrets, this cluster's own: the routes' password, and
	// a password for each client user of deploy/natsperm (by user name),
	// which nats.conf's users read from their variables. user is the
	// operator, which the harness's own connections use; empty when the
	// config requires no authentication.
	routePassword string
	passwords     map[string]string
	user          string

	// tls holds the certificate files when Config.TLS is set.
	tls *tlsFiles

	mu    sync.Mutex
	nodes []*node
	procs map[string][]*Proc
}

type node struct {
	name string
	proc *Proc
}

// Proc is one service process.
type Proc struct {
	Service string
	Index   int
	// Addr is where it listens: the gateway's HTTP address, or the
	// metrics address of the others.
	Addr string
	env  []string
	bin  string
	args []string
	log  string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

// Start starts the nodes and then the services, and waits until the
// gateway answers /readyz.
func Start(ctx context.Context, cfg Config) (*Cluster, error) {
	if cfg.Nodes <= 0 {
		cfg.Nodes = 3
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Services == nil {
		for _, s := range Services {
			if _, err := os.Stat(filepath.Join(cfg.Bin, "parley-"+s)); err == nil {
				cfg.Services = append(cfg.Services, s)
			}
		}
	}
	c := &Cluster{cfg: cfg, log: cfg.Log, id: fmt.Sprintf("%08x", rand.Uint32()), procs: map[string][]*Proc{},
		passwords: map[string]string{}, routePassword: crand.Text()}
	for _, u := range natsperm.Users() {
		c.passwords[u.Name] = crand.Text()
	}
	if err := c.makeTLS(); err != nil {
		return nil, err
	}
	if err := c.startNodes(); err != nil {
		c.Stop()
		return nil, err
	}
	if cfg.BeforeServices != nil {
		nc, err := nats.Connect(c.NATSURL(), c.ConnectOptions()...)
		if err == nil {
			err = cfg.BeforeServices(nc)
			nc.Close()
		}
		if err != nil {
			c.Stop()
			return nil, fmt.Errorf("cluster: before services: %w", err)
		}
	}
	for _, s := range cfg.Services {
		n, ok := cfg.Replicas[s]
		if !ok {
			n = 2
		}
		for i := range n {
			p, err := c.newProc(s, i)
			if err != nil {
				c.Stop()
				return nil, err
			}
			c.procs[s] = append(c.procs[s], p)
			if err := c.startProc(ctx, p); err != nil {
				c.Stop()
				return nil, err
			}
		}
	}
	if err := c.WaitReady(ctx); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

// freePort finds a loopback port that is free now, for a process started
// afterwards to listen on. It picks below the kernel's ephemeral range:
// a port from that range (what listening on port 0 gives) can be taken by
// any outgoing connection between this check and the process's bind, and
// a node that cannot bind its route port leaves the cluster short of a
// member (seen in CI, with the failover test's connections beside it).
func freePort() (int, error) {
	low := ephemeralLow()
	for range 100 {
		port := 10000 + rand.IntN(low-10000)
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			continue // taken
		}
		l.Close()
		return port, nil
	}
	return 0, fmt.Errorf("cluster: no free loopback port below %d", low)
}

// ephemeralLow is the first port of the kernel's ephemeral range (Linux's
// default, 32768, where the range cannot be read), read once.
var ephemeralLow = sync.OnceValue(func() int {
	const def = 32768
	data, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err != nil {
		return def
	}
	f := strings.Fields(string(data))
	if len(f) < 1 {
		return def
	}
	if n, err := strconv.Atoi(f[0]); err == nil && n > 11000 {
		return n
	}
	return def
})

func (c *Cluster) startNodes() error {
	type ports struct{ client, cluster int }
	ps := make([]ports, c.cfg.Nodes)
	for i := range ps {
		var err error
		if ps[i].client, err = freePort(); err != nil {
			return err
		}
		if ps[i].cluster, err = freePort(); err != nil {
			return err
		}
	}
	for i := range c.cfg.Nodes {
		name := "nats-" + strconv.Itoa(i+1)
		opts, err := processConf(c.cfg.NATSConf, c.withTLSEnv(NodeEnv(name, c.passwordVars(), c.routePassword)))
		if err != nil {
			return fmt.Errorf("cluster: %s: %w", c.cfg.NATSConf, err)
		}
		if err := checkPasswords(opts); err != nil {
			return fmt.Errorf("cluster: %s: %w", c.cfg.NATSConf, err)
		}
		// The shipped authorization, with this cluster's secrets: its
		// users for clients with their permissions (each service
		// connects as its own, the harness as the operator), its route
		// user for the routes.
		var auth, routeAuth string
		for _, u := range opts.Users {
			auth += fmt.Sprintf("    {user: %q, password: %q%s}\n", u.Username, u.Password, permsConf(u.Permissions))
		}
		if auth != "" {
			auth = "authorization {\n  users: [\n" + auth + "  ]\n}\n"
			c.user = natsperm.Operator
		}
		var routeUser *url.Userinfo
		if opts.Cluster.Username != "" {
			routeAuth = fmt.Sprintf("  authorization {\n    user: %q\n    password: %q\n  }\n", opts.Cluster.Username, opts.Cluster.Password)
			routeUser = url.UserPassword(opts.Cluster.Username, opts.Cluster.Password)
		}
		var routes []string
		for j := range c.cfg.Nodes {
			if j != i {
				u := url.URL{Scheme: "nats-route", User: routeUser, Host: "127.0.0.1:" + strconv.Itoa(ps[j].cluster)}
				routes = append(routes, strconv.Quote(u.String()))
			}
		}
		// TLS: the client block at the top level, the routes' inside the
		// cluster block.
		clientTLS, routeTLS, err := c.tlsBlocks(opts)
		if err != nil {
			return fmt.Errorf("cluster: %s: %w", c.cfg.NATSConf, err)
		}
		// The shipped settings, on this node's loopback ports and store.
		conf := fmt.Sprintf(`server_name: %q
listen: "127.0.0.1:%d"
max_payload: %d
write_deadline: %q
ping_interval: %q
ping_max: %d
%sjetstream {
  store_dir: %q
  max_memory_store: %d
  max_file_store: %d
}
%scluster {
%s  name: %q
  listen: "127.0.0.1:%d"
%s  routes: [%s]
}
`, name, ps[i].client, opts.MaxPayload, opts.WriteDeadline.String(), opts.PingInterval.String(), opts.MaxPingsOut,
			auth, filepath.Join(c.cfg.Dir, name), opts.JetStreamMaxMemory, opts.JetStreamMaxStore,
			clientTLS, routeTLS, opts.Cluster.Name+"-"+c.id, ps[i].cluster, routeAuth, strings.Join(routes, ", "))
		path := filepath.Join(c.cfg.Dir, name+".conf")
		// It holds the secrets.
		if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
			return err
		}
		n := &node{name: name}
		n.proc = &Proc{
			Service: "nats", Index: i, Addr: "127.0.0.1:" + strconv.Itoa(ps[i].client),
			bin: c.cfg.NATSServer, args: []string{"-c", path}, env: []string{"PATH=" + os.Getenv("PATH")},
			log: filepath.Join(c.cfg.Dir, name+".log"),
		}
		c.nodes = append(c.nodes, n)
	}
	for i := range c.nodes {
		if err := c.startNode(i); err != nil {
			return err
		}
	}
	return c.waitPlacement()
}

// jetStream connects a short-lived JetStream client to the cluster for the
// harness's own checks; the returned func closes it.
func (c *Cluster) jetStream() (jetstream.JetStream, func(), error) {
	nc, err := nats.Connect(c.NATSURL(), append(c.ConnectOptions(), nats.Timeout(2*time.Second))...)
	if err != nil {
		return nil, nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return js, nc.Close, nil
}

// waitPlacement waits until the meta leader knows every node, by creating
// (and deleting) a stream with one replica per node: until then, streams
// with replicas fail with "no suitable peers for placement".
func (c *Cluster) waitPlacement() error {
	js, closeJS, err := c.jetStream()
	if err != nil {
		return err
	}
	defer closeJS()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err = js.CreateStream(ctx, jetstream.StreamConfig{
			Name: "PARLEY_CLUSTER_PROBE", Subjects: []string{"parley.cluster.probe"},
			Storage: jetstream.MemoryStorage, Replicas: len(c.nodes),
		})
		if err == nil {
			err = js.DeleteStream(ctx, "PARLEY_CLUSTER_PROBE")
		}
		cancel()
		if err == nil {
			return nil
		}
		for _, n := range c.nodes {
			if n.proc.PID() == 0 {
				return fmt.Errorf("cluster: %s exited while the cluster formed:\n%s", n.name, tail(n.proc.Log(), 20))
			}
		}
		if time.Now().After(deadline) {
			var logs strings.Builder
			for _, n := range c.nodes {
				fmt.Fprintf(&logs, "%s:\n%s\n", n.name, tail(n.proc.Log(), 10))
			}
			return fmt.Errorf("cluster: cannot place a stream on %d nodes: %w\n%s", len(c.nodes), err, logs.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// RouteUser is the user the routes of deploy/nats/nats.conf authenticate
// as (its cluster authorization).
const RouteUser = "parley-route"

// NodeEnv is the environment deploy/nats/nats.conf reads on node name
// (nats-1, nats-2 or nats-3), as deploy/compose.yaml gives it: the node's
// name, the clients' passwords (passwords: each user's variable of
// deploy/natsperm, PARLEY_NATS_PASSWORD for the operator and
// PARLEY_NATS_PASSWORD_<SERVICE> for the services, to its value), the
// routes' password and the URL of each of the three routes with the route
// credentials in it (nats-server takes a listed route's credentials from
// its URL alone, and a config cannot splice a variable into a string).
func NodeEnv(name string, passwords map[string]string, routePassword string) map[string]string {
	env := map[string]string{
		"NATS_SERVER_NAME":           name,
		"PARLEY_NATS_ROUTE_PASSWORD": routePassword,
	}
	maps.Copy(env, passwords)
	for i := 1; i <= 3; i++ {
		u := url.URL{Scheme: "nats-route", User: url.UserPassword(RouteUser, routePassword), Host: "nats-" + strconv.Itoa(i) + ":6222"}
		env["PARLEY_NATS_ROUTE_URL_"+strconv.Itoa(i)] = u.String()
	}
	return env
}

// MinPasswordLen is the least a node's password may be (clients' and
// routes'): nats-server's config takes an empty $PARLEY_NATS_PASSWORD,
// and user parley then gets in with an empty password, so whatever
// starts nats.conf checks it (docs/deploy.md; openssl rand -hex 32).
const MinPasswordLen = 16

// checkPasswords refuses a config whose users or route user have a
// password shorter than MinPasswordLen.
func checkPasswords(opts *server.Options) error {
	for _, u := range opts.Users {
		if len(u.Password) < MinPasswordLen {
			return fmt.Errorf("user %s has a password of %d characters, want at least %d (PARLEY_NATS_PASSWORD empty or short? openssl rand -hex 32 makes one)", u.Username, len(u.Password), MinPasswordLen)
		}
	}
	if opts.Cluster.Username != "" && len(opts.Cluster.Password) < MinPasswordLen {
		return fmt.Errorf("route user %s has a password of %d characters, want at least %d (PARLEY_NATS_ROUTE_PASSWORD empty or short? openssl rand -hex 32 makes one)", opts.Cluster.Username, len(opts.Cluster.Password), MinPasswordLen)
	}
	return nil
}

// processConf reads the shipped node config, which takes its server name
// and secrets from the environment (env), the way a node started with
// them would.
func processConf(path string, env map[string]string) (*server.Options, error) {
	for k, v := range env {
		prev, had := os.LookupEnv(k)
		if err := os.Setenv(k, v); err != nil {
			return nil, err
		}
		defer func() {
			if had {
				_ = os.Setenv(k, prev)
			} else {
				_ = os.Unsetenv(k)
			}
		}()
	}
	return server.ProcessConfigFile(path)
}

func (c *Cluster) startNode(i int) error {
	n := c.nodes[i]
	if n.proc.PID() != 0 {
		return nil
	}
	if err := n.proc.start(); err != nil {
		return err
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", n.proc.Addr, time.Second)
		if err == nil {
			conn.Close()
			break
		}
		if time.Now().After(deadline) || n.proc.PID() == 0 {
			return fmt.Errorf("cluster: %s not accepting connections: %v\n%s", n.name, err, tail(n.proc.Log(), 20))
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.log.Info("nats node started", "node", n.name, "addr", n.proc.Addr)
	return nil
}

// StartNode restarts node i on its store as it was left, and waits until
// JetStream has a meta leader again.
func (c *Cluster) StartNode(i int) error {
	if err := c.startNode(i); err != nil {
		return err
	}
	return c.waitJetStream()
}

// StopNode shuts node i down (SIGTERM: a clean shutdown, without lame
// duck mode); its clients reconnect to the other nodes.
func (c *Cluster) StopNode(i int) {
	_ = c.nodes[i].proc.signal(syscall.SIGTERM, 20*time.Second)
	c.log.Info("nats node stopped", "node", c.nodes[i].name)
}

// waitJetStream waits until JetStream answers through every running node,
// so that the services can create their streams.
func (c *Cluster) waitJetStream() error {
	deadline := time.Now().Add(60 * time.Second)
	var last error
	for _, n := range c.nodes {
		if n.proc.PID() == 0 {
			continue
		}
		for {
			last = jetStreamReady(c.scheme()+n.proc.Addr, c.ConnectOptions())
			if last == nil {
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("cluster: JetStream not ready through %s: %w", n.name, last)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	return nil
}

// ConnectOptions are the operator's credentials (none when the node
// config requires none), which may do everything: the harness's and the
// tests' own connections use them, as an operator's tools would. The
// services connect as their own users (newProc).
func (c *Cluster) ConnectOptions() []nats.Option {
	opts := c.tlsOptions()
	if c.user == "" {
		return opts
	}
	return append(opts, nats.UserInfo(c.user, c.passwords[c.user]))
}

// passwordVars maps the variable each user's password comes from
// (natsperm.User.PasswordVar) to this cluster's password for it.
func (c *Cluster) passwordVars() map[string]string {
	out := map[string]string{}
	for _, u := range natsperm.Users() {
		out[u.PasswordVar] = c.passwords[u.Name]
	}
	return out
}

// permsConf writes a user's permissions as parsed from nats.conf back in
// the config's syntax (empty for a user without any: everything allowed).
func permsConf(p *server.Permissions) string {
	if p == nil {
		return ""
	}
	side := func(name string, sp *server.SubjectPermission) string {
		if sp == nil {
			return ""
		}
		var out []string
		for _, k := range []struct {
			key  string
			subj []string
		}{{"allow", sp.Allow}, {"deny", sp.Deny}} {
			if len(k.subj) == 0 {
				continue
			}
			q := make([]string, len(k.subj))
			for i, s := range k.subj {
				q[i] = strconv.Quote(s)
			}
			out = append(out, k.key+": ["+strings.Join(q, ", ")+"]")
		}
		return ", " + name + ": {" + strings.Join(out, ", ") + "}"
	}
	out := side("publish", p.Publish) + side("subscribe", p.Subscribe)
	if r := p.Response; r != nil {
		out += fmt.Sprintf(", allow_responses: {max: %d, expires: %q}", r.MaxMsgs, r.Expires.String())
	}
	return ", permissions: {" + strings.TrimPrefix(out, ", ") + "}"
}

// NATSURL lists every node, as the services get it.
func (c *Cluster) NATSURL() string {
	var urls []string
	for _, n := range c.nodes {
		urls = append(urls, c.scheme()+n.proc.Addr)
	}
	return strings.Join(urls, ",")
}

// Nodes is the number of NATS nodes.
func (c *Cluster) Nodes() int { return len(c.nodes) }

func (c *Cluster) newProc(svc string, i int) (*Proc, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	env := map[string]string{
		"PATH":               os.Getenv("PATH"),
		"HOME":               os.Getenv("HOME"),
		"NATS_URL":           c.NATSURL(),
		"PARLEY_JS_REPLICAS": strconv.Itoa(min(len(c.nodes), 3)),
		"LOG_FORMAT":         "json",
		"LOG_LEVEL":          "warn",
	}
	if c.user != "" {
		// Its own user, as deploy/compose.yaml and deploy/k8s give it:
		// the service runs with the permissions nats.conf gives it.
		u := natsperm.UserName(svc)
		env["NATS_USER"], env["NATS_PASSWORD"] = u, c.passwords[u]
	}
	// NATS_CA (and the client certificate) when the nodes run TLS.
	maps.Copy(env, c.tlsEnv())
	if svc == "gateway" {
		env["GATEWAY_ADDR"] = addr
	} else {
		env["METRICS_ADDR"] = addr
	}
	for k, v := range c.cfg.Env {
		env[k] = v
	}
	for k, v := range c.cfg.ServiceEnv[svc] {
		env[k] = v
	}
	if c.cfg.ReplicaEnv != nil {
		for k, v := range c.cfg.ReplicaEnv(svc, i) {
			env[k] = v
		}
	}
	var list []string
	for k, v := range env {
		list = append(list, k+"="+v)
	}
	return &Proc{
		Service: svc, Index: i, Addr: addr, env: list,
		bin: filepath.Join(c.cfg.Bin, "parley-"+svc),
		log: filepath.Join(c.cfg.Dir, fmt.Sprintf("%s-%d.log", svc, i)),
	}, nil
}

func (p *Proc) start() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	f, err := os.OpenFile(p.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(p.bin, p.args...)
	cmd.Env = p.env
	// A test that dies (a timeout, a panic) must not leave its cluster
	// running: the kernel ends each child with its parent.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		return fmt.Errorf("cluster: start %s: %w", p.bin, err)
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		f.Close()
		close(done)
	}()
	p.cmd, p.done = cmd, done
	return nil
}

// PID is the process id (0 when not running).
func (p *Proc) PID() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil || p.cmd.Process == nil {
		return 0
	}
	select {
	case <-p.done:
		return 0
	default:
		return p.cmd.Process.Pid
	}
}

// signal sends sig and waits up to wait for the process to exit.
func (p *Proc) signal(sig syscall.Signal, wait time.Duration) error {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	p.mu.Unlock()
	if cmd == nil {
		return nil
	}
	select {
	case <-done:
		return nil
	default:
	}
	_ = cmd.Process.Signal(sig)
	select {
	case <-done:
		return nil
	case <-time.After(wait):
		_ = cmd.Process.Kill()
		<-done
		return fmt.Errorf("cluster: %s-%d did not exit within %s of %v", p.Service, p.Index, wait, sig)
	}
}

// Log returns the process's output so far (for failure messages).
func (p *Proc) Log() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

// Procs returns the processes of a service.
func (c *Cluster) Procs(svc string) []*Proc {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*Proc(nil), c.procs[svc]...)
}

// All returns every service process.
func (c *Cluster) All() []*Proc {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*Proc
	for _, s := range c.cfg.Services {
		out = append(out, c.procs[s]...)
	}
	return out
}

// Kill ends a process at once (SIGKILL): what it was doing is lost.
func (c *Cluster) Kill(p *Proc) error { return p.signal(syscall.SIGKILL, 10*time.Second) }

// Restart starts a stopped or killed process again and waits until it is
// ready.
func (c *Cluster) Restart(ctx context.Context, p *Proc) error { return c.startProc(ctx, p) }

// startProc starts one process and waits until it answers /readyz, which
// it does once its Start function has returned. Processes start one at a
// time because nats-server (2.15) can leave concurrent creations of the
// same replicated stream unanswered: two replicas creating their buckets
// at the same moment would time out (docs/deploy.md).
//
// A process that exits before it is ready is started again, up to three
// times, as compose's restart policy or a Kubernetes Deployment would (a
// stream whose leader is still being elected can fail a start).
func (c *Cluster) startProc(ctx context.Context, p *Proc) error {
	var err error
	for attempt := range 3 {
		if attempt > 0 {
			c.log.Warn("restarting a process that exited during start", "svc", p.Service, "replica", p.Index, "err", err)
			time.Sleep(time.Second)
		}
		if err = p.start(); err != nil {
			return err
		}
		if err = p.waitReady(ctx); err == nil || p.PID() != 0 {
			return err
		}
	}
	return err
}

// Gateways returns the gateways' base URLs.
func (c *Cluster) Gateways() []string {
	var out []string
	for _, p := range c.Procs("gateway") {
		out = append(out, "http://"+p.Addr)
	}
	return out
}

// WaitReady waits until every gateway answers /readyz?all with 200 (NATS
// connected, its key store open, every service answering $SRV.PING) and
// every other process answers its /readyz.
func (c *Cluster) WaitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	for _, p := range c.All() {
		if err := p.waitReady(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (p *Proc) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	u := "http://" + p.Addr + "/readyz"
	if p.Service == "gateway" {
		// Its probe is ready with services missing (degraded); the
		// cluster is started once every service answers.
		u += "?all"
	}
	for {
		err := get(ctx, u)
		if err == nil {
			return nil
		}
		if p.PID() == 0 {
			return fmt.Errorf("cluster: %s-%d exited:\n%s", p.Service, p.Index, tail(p.Log(), 40))
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("cluster: %s-%d not ready: %v\n%s", p.Service, p.Index, err, tail(p.Log(), 40))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func get(ctx context.Context, u string) error {
	rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(rctx, http.MethodGet, u, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %d %s", u, res.StatusCode, body)
	}
	return nil
}

func tail(s string, lines int) string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
		if len(out) > lines {
			out = out[1:]
		}
	}
	return strings.Join(out, "\n")
}

// StopServices stops every service process gracefully (SIGTERM: each
// drains), gateways first.
func (c *Cluster) StopServices() error {
	all := c.All()
	var errs []error
	for i := len(all) - 1; i >= 0; i-- {
		if err := all[i].signal(syscall.SIGTERM, 20*time.Second); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// StartServices starts every service process again (after StopServices).
func (c *Cluster) StartServices(ctx context.Context) error {
	for _, p := range c.All() {
		if p.PID() != 0 {
			continue
		}
		if err := c.startProc(ctx, p); err != nil {
			return err
		}
	}
	return c.WaitReady(ctx)
}

// StopNodes shuts every NATS node down.
func (c *Cluster) StopNodes() {
	for i := range c.nodes {
		c.StopNode(i)
	}
}

// StartNodes starts every node again on its store.
func (c *Cluster) StartNodes() error {
	for i := range c.nodes {
		if err := c.startNode(i); err != nil {
			return err
		}
	}
	if err := c.waitPlacement(); err != nil {
		return err
	}
	return c.waitStreamLeaders()
}

// waitStreamLeaders waits until every existing stream has elected a
// leader again after the whole cluster restarted: until then a service
// binding to its bucket times out.
func (c *Cluster) waitStreamLeaders() error {
	js, closeJS, err := c.jetStream()
	if err != nil {
		return err
	}
	defer closeJS()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		missing := 0
		lister := js.ListStreams(ctx)
		for info := range lister.Info() {
			if info.Cluster == nil || info.Cluster.Leader == "" {
				missing++
			}
		}
		err := lister.Err()
		cancel()
		if err == nil && missing == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("cluster: %d streams without a leader (%v)", missing, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// Node returns the process of NATS node i.
func (c *Cluster) Node(i int) *Proc { return c.nodes[i].proc }

// Stop ends everything.
func (c *Cluster) Stop() {
	_ = c.StopServices()
	c.StopNodes()
}

// jetStreamReady asks JetStream for the account's info through the node
// at url: it answers only once the cluster has a meta leader.
func jetStreamReady(url string, auth []nats.Option) error {
	nc, err := nats.Connect(url, append(auth, nats.Timeout(2*time.Second))...)
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err = js.AccountInfo(ctx)
	return err
}

// BuildNATS builds the nats-server the module depends on into dir and
// returns its path: the nodes run as their own processes, like the
// services.
func BuildNATS(ctx context.Context, moduleDir, dir string) (string, error) {
	out := filepath.Join(dir, "nats-server")
	cmd := exec.CommandContext(ctx, goTool(), "build", "-o", out, "github.com/nats-io/nats-server/v2")
	cmd.Dir = moduleDir
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("cluster: build nats-server: %w\n%s", err, b)
	}
	return out, nil
}
