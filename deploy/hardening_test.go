package deploy_test

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// natsExporterFamilies are the prometheus-nats-exporter families that
// deploy/alerts.yml may name, as the Helm chart's sidecar exports them
// (-prefix=nats -varz -jsz=all; compose adds -healthz): the exporter's
// varz collector flattens /varz (jetstream.stats.storage becomes
// nats_varz_jetstream_stats_storage), its jsz collector names
// jetstream_server_* with server_name, meta_leader and is_meta_leader.
var natsExporterFamilies = []string{
	"nats_varz_jetstream_stats_storage",
	"nats_varz_jetstream_config_max_storage",
	"nats_varz_connections",
	"nats_healthz_status",
	"jetstream_server_max_storage",
	"jetstream_server_total_message_bytes",
	"jetstream_server_jetstream_disabled",
}

// parleyComponent matches the component label of Parley's own targets, as
// prometheus.yml sets it or a cluster's Prometheus copies it from
// app.kubernetes.io/name.
const parleyComponent = `component=~"(parley-)?(detect|glossary|translate|quality|safety|moderation|messages|gateway)"`

// TestGatewayRequiresKeys: both deployments close the gateway until the
// first API key exists; open, /v1/messages, /v1/translate and /metrics on
// the API port answer anyone who reaches it.
func TestGatewayRequiresKeys(t *testing.T) {
	if got := loadCompose(t).Services["gateway"].Environment["GATEWAY_REQUIRE_KEYS"]; got != "true" {
		t.Errorf("compose's gateway: GATEWAY_REQUIRE_KEYS=%q, want true", got)
	}
	objs := loadK8s(t)
	d := findObj(objs.deployments, "parley-gateway", func(o *appsv1.Deployment) string { return o.Name })
	if d == nil {
		t.Fatal("no Deployment parley-gateway")
	}
	if got := k8sEnv(objs, d.Spec.Template.Spec.Containers[0])["GATEWAY_REQUIRE_KEYS"]; got != "true" {
		t.Errorf("Kubernetes gateway: GATEWAY_REQUIRE_KEYS=%q, want true", got)
	}
	// The docs say how to create the first key, with the command's real
	// name and flags, in both deployments.
	doc := string(readFile(t, "docs/deploy.md"))
	for _, want := range []string{
		"exec -T gateway sh -c",
		"kubectl exec -i deploy/parley-gateway -- sh -c",
		"parley keys create --name ops --roles admin",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("docs/deploy.md does not show %q", want)
		}
	}
	usage := string(readFile(t, "services/gateway/cmd/parley/keys.go"))
	for _, flag := range []string{"create   --name N --roles"} {
		if !strings.Contains(usage, flag) {
			t.Errorf("parley keys has no %q: the docs' command is stale", flag)
		}
	}
}

// TestGrafanaCredentials: no anonymous viewer, no admin/admin: the
// password comes from the environment, and compose refuses to start
// without it, as with the NATS passwords.
func TestGrafanaCredentials(t *testing.T) {
	env := loadCompose(t).Services["grafana"].Environment
	if env["GF_AUTH_ANONYMOUS_ENABLED"] == "true" {
		t.Error("Grafana lets anonymous viewers in")
	}
	if !required(env["GF_SECURITY_ADMIN_PASSWORD"], "PARLEY_GRAFANA_ADMIN_PASSWORD") {
		t.Errorf("GF_SECURITY_ADMIN_PASSWORD=%q, want ${PARLEY_GRAFANA_ADMIN_PASSWORD:?...}", env["GF_SECURITY_ADMIN_PASSWORD"])
	}
	if !strings.Contains(string(readFile(t, "docs/deploy.md")), "PARLEY_GRAFANA_ADMIN_PASSWORD") {
		t.Error("docs/deploy.md does not make PARLEY_GRAFANA_ADMIN_PASSWORD")
	}
}

// pinned reports whether an image reference names a tag other than latest
// (or a digest).
func pinned(image string) bool {
	if strings.Contains(image, "@sha256:") {
		return true
	}
	i := strings.LastIndex(image, ":")
	if i < 0 || strings.Contains(image[i:], "/") {
		return false
	}
	tag := image[i+1:]
	return tag != "" && tag != "latest"
}

// TestImagesPinned: every image of compose and of the rendered
// kustomization has a tag (never latest, which neither rolls on an upgrade
// nor back on `rollout undo`), Parley's comes from the kustomization's
// images: with a pull policy, and the docs pin the NATS chart.
func TestImagesPinned(t *testing.T) {
	for name, s := range loadCompose(t).Services {
		if !pinned(s.Image) {
			t.Errorf("compose %s runs %q: pin a tag", name, s.Image)
		}
	}
	var kust struct {
		Images []struct {
			Name   string `yaml:"name"`
			NewTag string `yaml:"newTag"`
		} `yaml:"images"`
	}
	if err := yaml.Unmarshal(readFile(t, "deploy/k8s/kustomization.yaml"), &kust); err != nil {
		t.Fatal(err)
	}
	tags := map[string]string{}
	for _, im := range kust.Images {
		tags[im.Name] = im.NewTag
	}
	if tag := tags[parleyImage]; tag == "" || tag == "latest" {
		t.Errorf("kustomization.yaml images: %s newTag %q: want a release's tag", parleyImage, tag)
	}
	objs := loadK8s(t)
	for owner, spec := range podSpecs(objs) {
		for _, c := range spec.Containers {
			image := c.Image
			if tag, ok := tags[image]; ok {
				image += ":" + tag
			}
			if !pinned(image) {
				t.Errorf("%s/%s runs %q: pin a tag", owner, c.Name, c.Image)
			}
			if strings.HasPrefix(c.Image, parleyImage) && (c.Image != parleyImage || c.ImagePullPolicy != corev1.PullIfNotPresent) {
				t.Errorf("%s/%s: image %q, pull policy %q: want %s (tagged by images:) and IfNotPresent", owner, c.Name, c.Image, c.ImagePullPolicy, parleyImage)
			}
		}
	}
	var values struct {
		PromExporter struct {
			Image struct {
				Tag string `yaml:"tag"`
			} `yaml:"image"`
		} `yaml:"promExporter"`
	}
	readYAML(t, "k8s/nats-values.yaml", &values)
	if values.PromExporter.Image.Tag == "" {
		t.Error("nats-values.yaml: promExporter.image.tag is not pinned")
	}
	helm := regexp.MustCompile(`helm (?:install|upgrade)[^\n]*nats/nats[^\n]*`)
	for _, f := range []string{"docs/deploy.md", "deploy/k8s/kustomization.yaml", "deploy/k8s/nats-values.yaml", "deploy/k8s/nats-values-tls.yaml"} {
		for _, cmd := range helm.FindAllString(string(readFile(t, f)), -1) {
			if !strings.Contains(cmd, "--version ") {
				t.Errorf("%s: %q installs whatever chart is newest: add --version", f, cmd)
			}
		}
	}
	// The kustomization renders with kubectl's kustomize (the generated
	// ConfigMap's hashed name reaches every Deployment).
	if kubectl, err := exec.LookPath("kubectl"); err == nil {
		out, err := exec.Command(kubectl, "kustomize", filepath.Join(repoRoot(t), "deploy", "k8s")).CombinedOutput()
		if err != nil {
			t.Fatalf("kubectl kustomize: %v\n%s", err, out)
		}
		if n := strings.Count(string(out), "image: "+parleyImage+":"+tags[parleyImage]); n != len(services(t)) {
			t.Errorf("rendered: %d containers run %s:%s, want %d", n, parleyImage, tags[parleyImage], len(services(t)))
		}
		if !regexp.MustCompile(`name: parley-config-[a-z0-9]{10}\n`).Match(out) {
			t.Error("rendered: parley-config has no hash suffix: edits would not roll the pods")
		}
	}
}

const parleyImage = "ghcr.io/parley-chat/parley"

// TestComposeRunsTheImage: compose's Parley services run the image
// deploy/k8s runs, built from deploy/Dockerfile: no host binaries, no
// package install at start, nothing of the repository mounted (which
// exposed deploy/.env to every container), a drain within the stop grace.
func TestComposeRunsTheImage(t *testing.T) {
	c := loadCompose(t)
	for _, name := range services(t) {
		s := c.Services[name]
		if !strings.HasPrefix(s.Image, parleyImage+":") || s.Build.Context != ".." || s.Build.Dockerfile != "deploy/Dockerfile" {
			t.Errorf("%s: image %q, build %+v: want %s built from deploy/Dockerfile", name, s.Image, s.Build, parleyImage)
		}
		if s.StopGracePeriod != "30s" {
			t.Errorf("%s: stop_grace_period %q, want 30s (terminationGracePeriodSeconds)", name, s.StopGracePeriod)
		}
	}
	for name, s := range c.Services {
		for _, v := range s.Volumes {
			src := strings.Split(v, ":")[0]
			if src == ".." || src == "../" || strings.Contains(src, ".env") || src == "./nats/certs" && !strings.HasPrefix(name, "nats-") {
				t.Errorf("%s mounts %s: the repository and its secrets stay on the host", name, v)
			}
		}
		if cmd := strings.Join(append(s.Entrypoint, s.Command...), " "); strings.Contains(cmd, "apt-get") {
			t.Errorf("%s installs packages at start: %s", name, cmd)
		}
	}
	dockerfile := string(readFile(t, "deploy/Dockerfile"))
	if !regexp.MustCompile(`(?m)^(CMD|ENTRYPOINT) `).MatchString(dockerfile) {
		t.Error("deploy/Dockerfile has no CMD")
	}
	// The build context leaves the secrets and local state out.
	ignored := map[string]bool{}
	for _, line := range strings.Split(string(readFile(t, ".dockerignore")), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			ignored[strings.TrimSuffix(line, "/")] = true
		}
	}
	for _, want := range []string{"deploy/.env", "deploy/nats/certs", ".git", ".state", "bin"} {
		if !ignored[want] {
			t.Errorf(".dockerignore does not leave out %s", want)
		}
	}
}

// TestNATSMonitored: Prometheus scrapes every NATS node through an
// exporter with the chart's flags, the Helm values expose the sidecar to
// Prometheus, and alerts.yml covers JetStream storage, health and the meta
// leader.
func TestNATSMonitored(t *testing.T) {
	c := loadCompose(t)
	var prom struct {
		ScrapeConfigs []struct {
			JobName       string `yaml:"job_name"`
			StaticConfigs []struct {
				Targets []string          `yaml:"targets"`
				Labels  map[string]string `yaml:"labels"`
			} `yaml:"static_configs"`
		} `yaml:"scrape_configs"`
	}
	readYAML(t, "prometheus.yml", &prom)
	scraped := map[string]string{}
	for _, sc := range prom.ScrapeConfigs {
		for _, st := range sc.StaticConfigs {
			for _, tg := range st.Targets {
				scraped[tg] = st.Labels["component"]
			}
		}
	}
	for i := 1; i <= 3; i++ {
		name := fmt.Sprintf("nats-exporter-%d", i)
		s, ok := c.Services[name]
		if !ok {
			t.Errorf("compose runs no %s", name)
			continue
		}
		args := strings.Join(s.Command, " ")
		for _, want := range []string{"-prefix=nats", "-varz", "-jsz=all", "-healthz", "-port=7777", fmt.Sprintf("http://nats-%d:8222/", i)} {
			if !strings.Contains(args, want) {
				t.Errorf("%s: %q lacks %s", name, args, want)
			}
		}
		if scraped[name+":7777"] != "nats" {
			t.Errorf("prometheus.yml does not scrape %s:7777 as component nats", name)
		}
	}
	var values struct {
		PodTemplate struct {
			Merge struct {
				Metadata struct {
					Annotations map[string]string `yaml:"annotations"`
				} `yaml:"metadata"`
			} `yaml:"merge"`
		} `yaml:"podTemplate"`
		PromExporter struct {
			Enabled bool `yaml:"enabled"`
			Port    int  `yaml:"port"`
		} `yaml:"promExporter"`
	}
	readYAML(t, "k8s/nats-values.yaml", &values)
	ann := values.PodTemplate.Merge.Metadata.Annotations
	if !values.PromExporter.Enabled || ann["prometheus.io/scrape"] != "true" || ann["prometheus.io/port"] != fmt.Sprint(values.PromExporter.Port) {
		t.Errorf("nats-values.yaml: exporter %+v, pod annotations %v: Prometheus would not scrape it", values.PromExporter, ann)
	}
	raw := string(readFile(t, "deploy/alerts.yml"))
	for _, want := range []string{
		"nats_varz_jetstream_stats_storage / (nats_varz_jetstream_config_max_storage > 0)",
		"nats_healthz_status",
		`jetstream_server_max_storage{is_meta_leader="true"}`,
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("alerts.yml has no rule on %s", want)
		}
	}
	if !strings.Contains(string(readFile(t, "docs/operations.md")), "Alertmanager") {
		t.Error("docs/operations.md does not say how alerts are delivered")
	}
}

// TestScopedToParley: in a Prometheus shared with other workloads, the
// rules on up and the dashboard's process panels look at Parley's targets
// only, and the dashboard's HTTP error and latency panels leave out the
// probes, as ParleyHighErrorRatio does.
func TestScopedToParley(t *testing.T) {
	var rules alertRules
	readYAML(t, "alerts.yml", &rules)
	bareUp := regexp.MustCompile(`\bup\s*(==|!=|>|<|$|\))`)
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			if bareUp.MatchString(r.Expr) {
				t.Errorf("%s: %q reads every target's up: scope it by component", r.Alert, r.Expr)
			}
		}
	}
	var d dashboard
	if err := json.Unmarshal(readFile(t, "deploy/grafana/parley.json"), &d); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, top := range d.Panels {
		for _, p := range top.all() {
			for _, tg := range p.Targets {
				if regexp.MustCompile(`\b(go|process)_[a-z_]+\b`).MatchString(tg.Expr) {
					seen++
					if !strings.Contains(tg.Expr, parleyComponent) {
						t.Errorf("panel %q: %q shows every process Prometheus scrapes: add {%s}", p.Title, tg.Expr, parleyComponent)
					}
				}
				if strings.Contains(p.Title, "Error ratio") || strings.Contains(p.Title, "Latency") {
					if strings.Contains(tg.Expr, "parley_http_request") && strings.Count(tg.Expr, `route!~"/healthz|/readyz|/metrics"`) != strings.Count(tg.Expr, "parley_http_request") {
						t.Errorf("panel %q: %q counts the probes", p.Title, tg.Expr)
					}
				}
			}
		}
	}
	if seen < 2 {
		t.Fatalf("%d process panels found: the scan is broken", seen)
	}
}

// TestNATSScheduling: the chart's cluster is named as nats.conf's (the
// chart has no name value: it goes through merge) and its nodes are on
// different Kubernetes nodes, required.
func TestNATSScheduling(t *testing.T) {
	var values struct {
		Config struct {
			Cluster struct {
				Name  string `yaml:"name"`
				Merge struct {
					Name string `yaml:"name"`
				} `yaml:"merge"`
			} `yaml:"cluster"`
		} `yaml:"config"`
	}
	raw := readFile(t, "deploy/k8s/nats-values.yaml")
	if err := yaml.Unmarshal(raw, &values); err != nil {
		t.Fatal(err)
	}
	if values.Config.Cluster.Name != "" || values.Config.Cluster.Merge.Name != "parley" {
		t.Errorf("cluster name %q, merge.name %q: want merge.name parley (config.cluster.name is no chart value)", values.Config.Cluster.Name, values.Config.Cluster.Merge.Name)
	}
	// yaml.v3 does not know the API types' json tags: read the
	// anti-affinity through a JSON round trip of the generic tree.
	var generic struct {
		PodTemplate struct {
			Merge map[string]any `yaml:"merge"`
		} `yaml:"podTemplate"`
	}
	if err := yaml.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(generic.PodTemplate.Merge["spec"])
	if err != nil {
		t.Fatal(err)
	}
	var spec corev1.PodSpec
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	var ok bool
	if spec.Affinity != nil && spec.Affinity.PodAntiAffinity != nil {
		for _, term := range spec.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution {
			if term.TopologyKey == "kubernetes.io/hostname" && term.LabelSelector != nil &&
				term.LabelSelector.MatchLabels["app.kubernetes.io/component"] == "nats" {
				ok = true
			}
		}
	}
	if !ok {
		t.Errorf("no required podAntiAffinity on kubernetes.io/hostname for the NATS pods: %+v", spec.Affinity)
	}
}
