package deploy_test

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nats-io/nats-server/v2/conf"
	"github.com/nats-io/nats-server/v2/server"
	"gopkg.in/yaml.v3"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/parley-chat/parley/deploy/cluster"
	"github.com/parley-chat/parley/deploy/natsperm"
)

// repoRoot is the repository: deploy's tests run in deploy/.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// services lists the service modules under services/: each must be
// deployed everywhere.
func services(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(repoRoot(t), "services"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(repoRoot(t), "services", e.Name(), "go.mod")); e.IsDir() && err == nil {
			out = append(out, e.Name())
		}
	}
	if len(out) < 6 {
		t.Fatalf("found only %v under services/", out)
	}
	return out
}

var stringLiteral = regexp.MustCompile(`"([A-Z][A-Z0-9_]{2,})"`)

// codeKeys is every upper-case string literal in the Go code of services/
// and shared/: the configuration readers' keys are among them, so an env
// var a manifest sets that is not here is read by nothing.
func codeKeys(t *testing.T) map[string]bool {
	t.Helper()
	keys := map[string]bool{}
	for _, dir := range []string{"services", "shared"} {
		err := filepath.WalkDir(filepath.Join(repoRoot(t), dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range stringLiteral.FindAllSubmatch(b, -1) {
				keys[string(m[1])] = true
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{"NATS_URL", "PARLEY_JS_REPLICAS", "METRICS_ADDR", "GATEWAY_ADDR"} {
		if !keys[k] {
			t.Fatalf("the code reads no %s: the key scan is broken", k)
		}
	}
	return keys
}

func readFile(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func port(t *testing.T, hostport string) string {
	t.Helper()
	_, p, err := net.SplitHostPort(hostport)
	if err != nil {
		t.Fatalf("%q: %v", hostport, err)
	}
	return p
}

// TestNATSConfig parses the cluster node config with nats-server's own
// parser, as each of the three nodes would.
func TestNATSConfig(t *testing.T) {
	path := filepath.Join(repoRoot(t), "deploy", "nats", "nats.conf")
	// Secrets as `openssl rand -hex 32` makes them (docs/deploy.md).
	const password, routePassword = "4c1e0f6a9b2d3e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f", "0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d"
	passwords := userPasswords(password)
	env := cluster.NodeEnv("nats-2", passwords, routePassword)
	for k, v := range env {
		t.Setenv(k, v)
	}
	if _, err := conf.ParseFileWithChecks(path); err != nil {
		t.Fatalf("parse: %v", err)
	}
	opts, err := server.ProcessConfigFile(path)
	if err != nil {
		t.Fatalf("process: %v", err)
	}
	if opts.ServerName != "nats-2" {
		t.Errorf("server_name = %q, want it from NATS_SERVER_NAME", opts.ServerName)
	}
	if !opts.JetStream || opts.StoreDir == "" || opts.JetStreamMaxStore <= 0 {
		t.Errorf("JetStream with a file store: got js=%v dir=%q max=%d", opts.JetStream, opts.StoreDir, opts.JetStreamMaxStore)
	}
	if opts.Cluster.Name != "parley" || opts.Cluster.Port != 6222 {
		t.Errorf("cluster %q on %d", opts.Cluster.Name, opts.Cluster.Port)
	}
	var routes []string
	for _, r := range opts.Routes {
		routes = append(routes, r.Host)
		// A listed route authenticates with its URL's credentials only.
		if pw, _ := r.User.Password(); r.User.Username() != opts.Cluster.Username || pw != routePassword {
			t.Errorf("route %s authenticates as %s, want the cluster's route user with PARLEY_NATS_ROUTE_PASSWORD", r.Host, r.User.Username())
		}
	}
	slices.Sort(routes)
	if want := []string{"nats-1:6222", "nats-2:6222", "nats-3:6222"}; !slices.Equal(routes, want) {
		t.Errorf("routes %v, want %v", routes, want)
	}
	if opts.Port != 4222 || opts.HTTPPort != 8222 {
		t.Errorf("client port %d, monitor %d", opts.Port, opts.HTTPPort)
	}

	// Clients authenticate as the users of deploy/natsperm (each service
	// as its own, NATS_USER in compose and the Deployments; the tools as
	// the operator), each with its own variable's password; no user
	// without a password, no token, no anonymous fallback. Their
	// permissions: TestNATSPermissions.
	if len(opts.Users) != len(natsperm.Users()) {
		t.Errorf("%d users, want %d", len(opts.Users), len(natsperm.Users()))
	}
	for i, u := range natsperm.Users() {
		if i < len(opts.Users) && (opts.Users[i].Username != u.Name || opts.Users[i].Password != passwords[u.PasswordVar]) {
			t.Errorf("user %s, want %s with %s", opts.Users[i].Username, u.Name, u.PasswordVar)
		}
	}
	if opts.NoAuthUser != "" || opts.Authorization != "" || len(opts.Nkeys) != 0 {
		t.Errorf("no_auth_user %q, token set %v, %d nkeys: want user and password only", opts.NoAuthUser, opts.Authorization != "", len(opts.Nkeys))
	}
	// Routes as their own user, with their own password.
	if opts.Cluster.Username != cluster.RouteUser || opts.Cluster.Password != routePassword {
		t.Errorf("cluster authorization %q, want %s with PARLEY_NATS_ROUTE_PASSWORD", opts.Cluster.Username, cluster.RouteUser)
	}
	// A node started without one of its variables does not start, rather
	// than running open.
	for k := range env {
		t.Run("without "+k, func(t *testing.T) {
			t.Setenv(k, "")
			os.Unsetenv(k)
			if _, err := server.ProcessConfigFile(path); err == nil || !strings.Contains(err.Error(), k) {
				t.Errorf("error %v, want one naming %s", err, k)
			}
		})
	}
}

// jetStreamStatement is deploy/nats/jetstream.yaml.
type jetStreamStatement struct {
	Replicas int    `yaml:"replicas"`
	Env      string `yaml:"env"`
	Assets   []struct {
		// Bound is the setting of the stream's byte bound, if it has one.
		Kind, Name, Owner, Override, Bound string
	} `yaml:"assets"`
}

func TestJetStreamStatement(t *testing.T) {
	var st jetStreamStatement
	if err := yaml.Unmarshal(readFile(t, "deploy/nats/jetstream.yaml"), &st); err != nil {
		t.Fatal(err)
	}
	keys := codeKeys(t)
	if st.Replicas != 3 || !keys[st.Env] {
		t.Fatalf("replicas %d from %q", st.Replicas, st.Env)
	}
	code := allGo(t)
	for _, a := range st.Assets {
		t.Run(a.Name, func(t *testing.T) {
			if !slices.Contains([]string{"kv", "object", "stream"}, a.Kind) {
				t.Errorf("kind %q", a.Kind)
			}
			// Translate's buckets are named from a prefix.
			name := strings.TrimPrefix(a.Name, "parley_translate")
			if !bytes.Contains(code, []byte(`"`+name+`"`)) && !bytes.Contains(code, []byte(`"`+name)) {
				t.Errorf("no code names %s", a.Name)
			}
			if a.Override != "" && !keys[a.Override] {
				t.Errorf("override %s is read by nothing", a.Override)
			}
			if a.Bound != "" && !keys[a.Bound] {
				t.Errorf("bound %s is read by nothing", a.Bound)
			}
			if _, err := os.Stat(filepath.Join(repoRoot(t), "services", a.Owner)); err != nil {
				if _, err := os.Stat(filepath.Join(repoRoot(t), a.Owner)); err != nil {
					t.Errorf("owner %s does not exist", a.Owner)
				}
			}
		})
	}
}

func allGo(t *testing.T) []byte {
	t.Helper()
	var all bytes.Buffer
	for _, dir := range []string{"services", "shared"} {
		_ = filepath.WalkDir(filepath.Join(repoRoot(t), dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				b, _ := os.ReadFile(p)
				all.Write(b)
			}
			return nil
		})
	}
	return all.Bytes()
}

// composeFile is the part of deploy/compose.yaml the checks read.
type composeFile struct {
	Services map[string]struct {
		Image string `yaml:"image"`
		Build struct {
			Context    string `yaml:"context"`
			Dockerfile string `yaml:"dockerfile"`
		} `yaml:"build"`
		StopGracePeriod string            `yaml:"stop_grace_period"`
		Command         []string          `yaml:"command"`
		Entrypoint      []string          `yaml:"entrypoint"`
		Environment     map[string]string `yaml:"environment"`
		Ports           []string          `yaml:"ports"`
		Volumes         []string          `yaml:"volumes"`
		DependsOn       []string          `yaml:"depends_on"`
		Deploy          struct {
			Replicas  int `yaml:"replicas"`
			Resources struct {
				Limits struct {
					CPUs   string `yaml:"cpus"`
					Memory string `yaml:"memory"`
				} `yaml:"limits"`
			} `yaml:"resources"`
		} `yaml:"deploy"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

func loadCompose(t *testing.T) composeFile {
	t.Helper()
	var c composeFile
	if err := yaml.Unmarshal(readFile(t, "deploy/compose.yaml"), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCompose(t *testing.T) {
	c := loadCompose(t)
	keys := codeKeys(t)
	// Every container is bounded, so that one runaway (a model, a leak)
	// cannot take the host's memory from the NATS nodes. A service's own
	// `deploy:` replaces the whole anchored block unless it merges it
	// (the gateway's replicas once dropped its limits that way).
	for name, s := range c.Services {
		if l := s.Deploy.Resources.Limits; l.CPUs == "" || l.Memory == "" {
			t.Errorf("%s has no CPU and memory limits (deploy.resources.limits: %+v)", name, l)
		}
	}
	for _, n := range []string{"nats-1", "nats-2", "nats-3"} {
		s, ok := c.Services[n]
		if !ok {
			t.Fatalf("no %s in compose", n)
		}
		if s.Environment["NATS_SERVER_NAME"] != n || !slices.Contains(s.Volumes, "./nats/nats.conf:/etc/nats/nats.conf:ro") {
			t.Errorf("%s: name %q, volumes %v", n, s.Environment["NATS_SERVER_NAME"], s.Volumes)
		}
		if _, ok := c.Volumes[n]; !ok {
			t.Errorf("%s has no volume for its store", n)
		}
	}
	// Every file or folder the compose file mounts is in the repository.
	for name, s := range c.Services {
		for _, v := range s.Volumes {
			src := strings.Split(v, ":")[0]
			if !strings.HasPrefix(src, ".") {
				continue // a named volume
			}
			if _, err := os.Stat(filepath.Join(repoRoot(t), "deploy", src)); err != nil {
				t.Errorf("%s mounts %s, which does not exist", name, src)
			}
		}
	}
	for _, n := range []string{"ollama", "ollama-pull", "prometheus", "grafana"} {
		if _, ok := c.Services[n]; !ok {
			t.Errorf("no %s in compose", n)
		}
	}
	for _, name := range services(t) {
		t.Run(name, func(t *testing.T) {
			s, ok := c.Services[name]
			if !ok {
				t.Fatalf("service %s is missing from compose.yaml", name)
			}
			// The image's binary, as deploy/k8s runs it.
			if !slices.Equal(s.Command, []string{"/usr/local/bin/parley-" + name}) {
				t.Errorf("command %v does not run the image's /usr/local/bin/parley-%s", s.Command, name)
			}
			for k := range s.Environment {
				if !keys[k] {
					t.Errorf("env %s is read by no code", k)
				}
			}
			env := s.Environment
			checkGatedEnv(t, name, env)
			if env["PARLEY_JS_REPLICAS"] != "3" {
				t.Errorf("PARLEY_JS_REPLICAS=%q", env["PARLEY_JS_REPLICAS"])
			}
			urls := strings.Split(env["NATS_URL"], ",")
			var hosts []string
			for _, u := range urls {
				hp := strings.TrimPrefix(u, "nats://")
				if port(t, hp) != "4222" {
					t.Errorf("NATS_URL %s: the nodes listen on 4222", u)
				}
				hosts = append(hosts, strings.Split(hp, ":")[0])
			}
			if !slices.Equal(hosts, []string{"nats-1", "nats-2", "nats-3"}) {
				t.Errorf("NATS_URL %q does not list the three nodes", env["NATS_URL"])
			}
			// The gateway too: its API port holds /metrics to an admin
			// key once keys exist.
			if port(t, env["METRICS_ADDR"]) != "9090" {
				t.Errorf("METRICS_ADDR %q: prometheus.yml scrapes 9090", env["METRICS_ADDR"])
			}
			if name == "gateway" {
				if p := port(t, env["GATEWAY_ADDR"]); !slices.Contains(s.Ports, "127.0.0.1:"+p+":"+p) {
					t.Errorf("gateway listens on %s but publishes %v (want it on the host's loopback)", p, s.Ports)
				}
				return
			}
			if s.Deploy.Replicas < 2 {
				t.Errorf("%d replicas, want 2", s.Deploy.Replicas)
			}
		})
	}
}

type promConfig struct {
	ScrapeConfigs []struct {
		JobName      string `yaml:"job_name"`
		DNSSDConfigs []struct {
			Names []string `yaml:"names"`
			Port  int      `yaml:"port"`
		} `yaml:"dns_sd_configs"`
	} `yaml:"scrape_configs"`
}

func TestPrometheus(t *testing.T) {
	var p promConfig
	if err := yaml.Unmarshal(readFile(t, "deploy/prometheus.yml"), &p); err != nil {
		t.Fatal(err)
	}
	scraped := map[string]int{}
	for _, sc := range p.ScrapeConfigs {
		for _, d := range sc.DNSSDConfigs {
			for _, n := range d.Names {
				scraped[n] = d.Port
			}
		}
	}
	for _, name := range services(t) {
		// Every service, the gateway included, on METRICS_ADDR.
		want := 9090
		if scraped[name] != want {
			t.Errorf("%s scraped on port %d, want %d", name, scraped[name], want)
		}
	}
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Log("promtool not installed (Debian package prometheus): syntax checked by the YAML parse only")
		return
	}
	out, err := exec.Command(promtool, "check", "config", filepath.Join(repoRoot(t), "deploy", "prometheus.yml")).CombinedOutput()
	if err != nil {
		t.Fatalf("promtool: %v\n%s", err, out)
	}
}

// k8sObjects decodes every document of a manifest strictly into the API
// type of its kind: an unknown or misspelt field fails.
type k8sObjects struct {
	deployments []*appsv1.Deployment
	services    []*corev1.Service
	hpas        []*autoscalingv2.HorizontalPodAutoscaler
	pdbs        []*policyv1.PodDisruptionBudget
	configMaps  []*corev1.ConfigMap
	pvcs        []*corev1.PersistentVolumeClaim
	jobs        []*batchv1.Job
}

func decodeK8s(t *testing.T, file string, into *k8sObjects) {
	t.Helper()
	for i, doc := range bytes.Split(readFile(t, file), []byte("\n---\n")) {
		var meta struct {
			Kind string `json:"kind"`
		}
		if err := sigsyaml.Unmarshal(doc, &meta); err != nil {
			t.Fatalf("%s doc %d: %v", file, i, err)
		}
		var obj any
		switch meta.Kind {
		case "Deployment":
			o := new(appsv1.Deployment)
			into.deployments, obj = append(into.deployments, o), o
		case "Service":
			o := new(corev1.Service)
			into.services, obj = append(into.services, o), o
		case "HorizontalPodAutoscaler":
			o := new(autoscalingv2.HorizontalPodAutoscaler)
			into.hpas, obj = append(into.hpas, o), o
		case "PodDisruptionBudget":
			o := new(policyv1.PodDisruptionBudget)
			into.pdbs, obj = append(into.pdbs, o), o
		case "ConfigMap":
			o := new(corev1.ConfigMap)
			into.configMaps, obj = append(into.configMaps, o), o
		case "PersistentVolumeClaim":
			o := new(corev1.PersistentVolumeClaim)
			into.pvcs, obj = append(into.pvcs, o), o
		case "Job":
			o := new(batchv1.Job)
			into.jobs, obj = append(into.jobs, o), o
		default:
			t.Fatalf("%s doc %d: unexpected kind %q", file, i, meta.Kind)
		}
		if err := sigsyaml.UnmarshalStrict(doc, obj); err != nil {
			t.Fatalf("%s doc %d (%s): %v", file, i, meta.Kind, err)
		}
	}
}

// loadK8s decodes every resource of the kustomization.
func loadK8s(t *testing.T) k8sObjects {
	t.Helper()
	var kust struct {
		Resources          []string `yaml:"resources"`
		ConfigMapGenerator []struct {
			Name string   `yaml:"name"`
			Envs []string `yaml:"envs"`
		} `yaml:"configMapGenerator"`
	}
	if err := yaml.Unmarshal(readFile(t, "deploy/k8s/kustomization.yaml"), &kust); err != nil {
		t.Fatal(err)
	}
	var objs k8sObjects
	// Generated ConfigMaps (their names get a hash of the data, which
	// kustomize writes into every reference: a change rolls the pods).
	for _, g := range kust.ConfigMapGenerator {
		cm := &corev1.ConfigMap{Data: map[string]string{}}
		cm.Name = g.Name
		for _, f := range g.Envs {
			for i, line := range strings.Split(string(readFile(t, filepath.Join("deploy", "k8s", f))), "\n") {
				line = strings.TrimSpace(line)
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				k, v, ok := strings.Cut(line, "=")
				if !ok {
					t.Fatalf("%s:%d: %q is no KEY=VALUE", f, i+1, line)
				}
				cm.Data[k] = v
			}
		}
		objs.configMaps = append(objs.configMaps, cm)
	}
	for _, r := range kust.Resources {
		decodeK8s(t, filepath.Join("deploy", "k8s", r), &objs)
	}
	// The settings every service reads come first; the only other
	// ConfigMap is deploy/alerts.yml's (TestAlertRules).
	if len(objs.configMaps) != 2 || objs.configMaps[0].Name != "parley-config" || objs.configMaps[1].Name != "parley-prometheus-rules" {
		t.Fatalf("ConfigMaps %v, want parley-config first, then parley-prometheus-rules", objs.configMaps)
	}
	return objs
}

func TestKubernetes(t *testing.T) {
	objs := loadK8s(t)
	keys := codeKeys(t)
	cm := objs.configMaps[0]
	for k := range cm.Data {
		if !keys[k] {
			t.Errorf("ConfigMap sets %s, read by no code", k)
		}
	}
	if cm.Data["PARLEY_JS_REPLICAS"] != "3" || port(t, cm.Data["METRICS_ADDR"]) != "9090" {
		t.Errorf("ConfigMap %v", cm.Data)
	}
	for _, name := range services(t) {
		t.Run(name, func(t *testing.T) {
			full := "parley-" + name
			d := findObj(objs.deployments, full, func(o *appsv1.Deployment) string { return o.Name })
			svc := findObj(objs.services, full, func(o *corev1.Service) string { return o.Name })
			hpa := findObj(objs.hpas, full, func(o *autoscalingv2.HorizontalPodAutoscaler) string { return o.Name })
			pdb := findObj(objs.pdbs, full, func(o *policyv1.PodDisruptionBudget) string { return o.Name })
			if d == nil || svc == nil || hpa == nil || pdb == nil {
				t.Fatalf("%s needs a Deployment, Service, HPA and PDB: got %v %v %v %v", full, d != nil, svc != nil, hpa != nil, pdb != nil)
			}
			labels := d.Spec.Template.Labels
			if !selects(d.Spec.Selector.MatchLabels, labels) || !selects(svc.Spec.Selector, labels) || !selects(pdb.Spec.Selector.MatchLabels, labels) {
				t.Errorf("selectors do not match the pod labels %v", labels)
			}
			// The HPA owns the count: spec.replicas in the manifest would
			// reset it at every kubectl apply.
			if d.Spec.Replicas != nil || hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas < 2 || hpa.Spec.MaxReplicas <= *hpa.Spec.MinReplicas {
				t.Errorf("replicas: deployment %v (want none: the HPA's), hpa %v..%d", d.Spec.Replicas, hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas)
			}
			if ref := hpa.Spec.ScaleTargetRef; ref.Kind != "Deployment" || ref.Name != full {
				t.Errorf("HPA scales %s/%s", ref.Kind, ref.Name)
			}
			if pdb.Spec.MinAvailable == nil && pdb.Spec.MaxUnavailable == nil {
				t.Error("PDB sets no budget")
			}
			if len(d.Spec.Template.Spec.Containers) != 1 {
				t.Fatalf("%d containers", len(d.Spec.Template.Spec.Containers))
			}
			c := d.Spec.Template.Spec.Containers[0]
			if !slices.Equal(c.Command, []string{"/usr/local/bin/parley-" + name}) {
				t.Errorf("command %v", c.Command)
			}
			if len(c.EnvFrom) != 1 || c.EnvFrom[0].ConfigMapRef == nil || c.EnvFrom[0].ConfigMapRef.Name != cm.Name {
				t.Errorf("envFrom %v does not use %s", c.EnvFrom, cm.Name)
			}
			env := map[string]string{}
			for k, v := range cm.Data {
				env[k] = v
			}
			for _, e := range c.Env {
				if !keys[e.Name] {
					t.Errorf("env %s is read by no code", e.Name)
				}
				env[e.Name] = e.Value
			}
			checkGatedEnv(t, name, env)
			// The container port is where the process really listens.
			wantPort := "9090"
			addr := env["METRICS_ADDR"]
			if port(t, addr) != "9090" || d.Spec.Template.Annotations["prometheus.io/port"] != "9090" {
				t.Errorf("METRICS_ADDR %q, scraped on %q: want 9090", addr, d.Spec.Template.Annotations["prometheus.io/port"])
			}
			if name == "gateway" {
				// The gateway's container port is its API; /metrics is
				// scraped on METRICS_ADDR, as every service's.
				addr = env["GATEWAY_ADDR"]
				wantPort = "8080"
			}
			if addr == "" || port(t, addr) != wantPort {
				t.Errorf("listens on %q, want port %s", addr, wantPort)
			}
			if len(c.Ports) != 1 || c.Ports[0].ContainerPort != int32(atoi(wantPort)) {
				t.Fatalf("container ports %v", c.Ports)
			}
			pname := c.Ports[0].Name
			for what, p := range map[string]*corev1.Probe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe} {
				if p == nil || p.HTTPGet == nil || p.HTTPGet.Port.StrVal != pname {
					t.Errorf("%s probe %+v must GET the %s port", what, p, pname)
				}
			}
			if c.ReadinessProbe != nil && c.ReadinessProbe.HTTPGet != nil && c.ReadinessProbe.HTTPGet.Path != "/readyz" {
				t.Errorf("readiness path %s", c.ReadinessProbe.HTTPGet.Path)
			}
			if c.Resources.Requests.Cpu().IsZero() || c.Resources.Requests.Memory().IsZero() || c.Resources.Limits.Memory().IsZero() {
				t.Errorf("resources %v", c.Resources)
			}
			if len(svc.Spec.Ports) != 1 || svc.Spec.Ports[0].TargetPort.StrVal != pname {
				t.Errorf("service ports %v", svc.Spec.Ports)
			}
		})
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func findObj[T any](objs []T, name string, nameOf func(T) string) T {
	var zero T
	for _, o := range objs {
		if nameOf(o) == name {
			return o
		}
	}
	return zero
}

func selects(selector, labels map[string]string) bool {
	if len(selector) == 0 {
		return false
	}
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// TestNATSValues checks the Helm values for the official chart: a 3-node
// cluster with JetStream on volumes.
func TestNATSValues(t *testing.T) {
	var v struct {
		Config struct {
			Cluster struct {
				Enabled  bool `yaml:"enabled"`
				Replicas int  `yaml:"replicas"`
			} `yaml:"cluster"`
			JetStream struct {
				Enabled   bool `yaml:"enabled"`
				FileStore struct {
					Enabled bool   `yaml:"enabled"`
					MaxSize string `yaml:"maxSize"`
					PVC     struct {
						Enabled bool   `yaml:"enabled"`
						Size    string `yaml:"size"`
					} `yaml:"pvc"`
				} `yaml:"fileStore"`
			} `yaml:"jetstream"`
		} `yaml:"config"`
		PodDisruptionBudget struct {
			Enabled bool `yaml:"enabled"`
		} `yaml:"podDisruptionBudget"`
	}
	if err := yaml.Unmarshal(readFile(t, "deploy/k8s/nats-values.yaml"), &v); err != nil {
		t.Fatal(err)
	}
	c := v.Config
	if !c.Cluster.Enabled || c.Cluster.Replicas != 3 || !c.JetStream.Enabled || !c.JetStream.FileStore.Enabled ||
		!c.JetStream.FileStore.PVC.Enabled || c.JetStream.FileStore.PVC.Size == "" || !v.PodDisruptionBudget.Enabled {
		t.Fatalf("values %+v", v)
	}
	// max_file_store: without maxSize the chart writes the PVC's size, and
	// the filesystem fills before JetStream's limit (a node with a full
	// disk keeps its write error until restarted). At most 90% of it.
	fs := c.JetStream.FileStore
	pvc, err := resource.ParseQuantity(fs.PVC.Size)
	if err != nil {
		t.Fatalf("pvc.size %q: %v", fs.PVC.Size, err)
	}
	if maxSize, err := resource.ParseQuantity(fs.MaxSize); err != nil || maxSize.Value()*10 > pvc.Value()*9 {
		t.Errorf("fileStore.maxSize %q (%v): want it set, at most 90%% of pvc.size %s", fs.MaxSize, err, fs.PVC.Size)
	}
	// The ConfigMap's NATS_URL names the chart's client Service.
	if cm := loadK8s(t).configMaps[0]; cm.Data["NATS_URL"] != "nats://nats:4222" {
		t.Errorf("parley-config's NATS_URL %q does not point at the chart's nats Service", cm.Data["NATS_URL"])
	}
}
