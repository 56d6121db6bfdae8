package deploy_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// alertRules is the part of a Prometheus rule file the checks read.
type alertRules struct {
	Groups []struct {
		Name  string `yaml:"name"`
		Rules []struct {
			Alert       string            `yaml:"alert"`
			Expr        string            `yaml:"expr"`
			For         string            `yaml:"for"`
			Labels      map[string]string `yaml:"labels"`
			Annotations map[string]string `yaml:"annotations"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

// summedReplicaGauge finds a moderation gauge added up across series:
// every moderation replica reports the whole queue, so a sum counts it
// once per replica (max is the number).
var summedReplicaGauge = regexp.MustCompile(`\b(?:sum|avg)\b[^()]*\([^()]*\bparley_moderation_`)

// TestAlertRules checks deploy/alerts.yml: every rule complete, every
// metric it names registered by the services (or Prometheus's own up),
// moderation's gauges never summed across replicas, and the file loaded
// everywhere Prometheus runs: prometheus.yml's rule_files, compose's
// mount, and the k8s ConfigMap, which must hold the same text.
func TestAlertRules(t *testing.T) {
	raw := readFile(t, "deploy/alerts.yml")
	var rules alertRules
	if err := yaml.Unmarshal(raw, &rules); err != nil {
		t.Fatal(err)
	}
	known := registeredFamilies(t)
	if !known["parley_moderation_oldest_waiting_seconds"] || !known["parley_nats_connected"] {
		t.Fatal("the source scan misses collectors' or svcmain's families")
	}
	known["up"] = true
	// The NATS rules read prometheus-nats-exporter's families, as the Helm
	// chart's sidecar names them (-prefix=nats; jetstream_* has no prefix).
	for _, f := range natsExporterFamilies {
		known[f] = true
	}
	names := regexp.MustCompile(`\b(?:parley|go|process|nats|jetstream)_[a-z0-9_]+\b|\bup\b`)
	alerts := map[string]bool{}
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			if r.Alert == "" || alerts[r.Alert] {
				t.Errorf("group %s: rule %q without a name or named twice", g.Name, r.Alert)
			}
			alerts[r.Alert] = true
			if _, err := time.ParseDuration(r.For); err != nil || r.Labels["severity"] == "" || r.Annotations["summary"] == "" {
				t.Errorf("%s: want a for duration, a severity and a summary: %q %v %v", r.Alert, r.For, r.Labels, r.Annotations)
			}
			used := names.FindAllString(r.Expr, -1)
			if len(used) == 0 {
				t.Errorf("%s: %q names no metric", r.Alert, r.Expr)
			}
			for _, n := range used {
				if !known[family(n, known)] {
					t.Errorf("%s: %s is registered by no service", r.Alert, n)
				}
			}
			if summedReplicaGauge.MatchString(r.Expr) {
				t.Errorf("%s: %q sums a moderation gauge every replica reports in full: use max", r.Alert, r.Expr)
			}
		}
	}
	for _, want := range []string{"parley_moderation_oldest_waiting_seconds", "parley_http_requests_total", "parley_translate_circuit_open",
		"parley_nats_connected", "parley_jetstream_available", "parley_view_fallbacks_total", "parley_view_degraded_total"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("no rule alerts on %s", want)
		}
	}
	checkOutageRules(t, rules)

	var prom struct {
		RuleFiles []string `yaml:"rule_files"`
	}
	readYAML(t, "prometheus.yml", &prom)
	if !slices.Equal(prom.RuleFiles, []string{"alerts.yml"}) {
		t.Errorf("prometheus.yml rule_files %v, want [alerts.yml] (next to it)", prom.RuleFiles)
	}
	if p := loadCompose(t).Services["prometheus"]; !slices.Contains(p.Volumes, "./alerts.yml:/etc/prometheus/alerts.yml:ro") {
		t.Errorf("compose's prometheus does not mount alerts.yml next to prometheus.yml: %v", p.Volumes)
	}
	objs := loadK8s(t)
	cm := findObj(objs.configMaps, "parley-prometheus-rules", func(o *corev1.ConfigMap) string { return o.Name })
	if cm == nil || cm.Data["alerts.yml"] != string(raw) {
		t.Error("deploy/k8s/prometheus-rules.yaml does not hold deploy/alerts.yml as it is")
	}

	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Log("promtool not installed (Debian package prometheus): rules checked by the YAML parse only")
		return
	}
	if out, err := exec.Command(promtool, "check", "rules", filepath.Join(repoRoot(t), "deploy", "alerts.yml")).CombinedOutput(); err != nil {
		t.Fatalf("promtool: %v\n%s", err, out)
	}
	// The rules' own unit tests: each outage fires its alert, and a
	// deployment without the optional rungs does not read 200% fallbacks.
	cmd := exec.Command(promtool, "test", "rules", "alerts.test.yml")
	cmd.Dir = filepath.Join(repoRoot(t), "deploy")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("promtool test rules: %v\n%s", err, out)
	}
}

// checkOutageRules: a service that is down must fire an alert even though
// nothing answers 5xx and no target is left to be down. Views degrade
// without its step (a rule by step on parley_view_degraded_total, with a
// for: so that one slow answer does not page), and every component that
// deploy/prometheus.yml scrapes has a rule that fires when none of its
// targets is up, absent ones included (absent(up{component=...} == 1)),
// under either spelling of the component label (compose's "quality", a
// cluster's "parley-quality").
func checkOutageRules(t *testing.T, rules alertRules) {
	t.Helper()
	var prom promConfig
	readYAML(t, "prometheus.yml", &prom)
	var components []string
	for _, sc := range prom.ScrapeConfigs {
		for _, d := range sc.DNSSDConfigs {
			components = append(components, d.Names...)
		}
	}
	if len(components) < 8 {
		t.Fatalf("prometheus.yml scrapes only %v", components)
	}
	degraded := false
	down := map[string]bool{}
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			expr := strings.Join(strings.Fields(r.Expr), " ")
			if strings.Contains(expr, "rate(parley_view_degraded_total[") && strings.Contains(expr, "by (step)") {
				degraded = true
				if d, err := time.ParseDuration(r.For); err != nil || d < 2*time.Minute {
					t.Errorf("%s: for %q: a degraded step must last minutes before it pages", r.Alert, r.For)
				}
			}
			for _, c := range components {
				if strings.Contains(expr, `absent(up{component=~"(parley-)?`+c+`"} == 1)`) {
					if r.Labels["component"] != c {
						t.Errorf("%s: alerts on %s but labels it component %q", r.Alert, c, r.Labels["component"])
					}
					down[c] = true
				}
			}
		}
	}
	if !degraded {
		t.Error("no rule alerts on rate(parley_view_degraded_total) by step")
	}
	for _, c := range components {
		if !down[c] {
			t.Errorf("no rule fires when no %s target is up (absent(up{component=~\"(parley-)?%s\"} == 1))", c, c)
		}
	}
}

// metricLabels collects the label names Parley's metrics carry, from the
// label lists of the *Vec constructors and NewDesc calls in the code.
func metricLabels(t *testing.T) map[string]bool {
	t.Helper()
	vecRE := regexp.MustCompile(`(?s)prometheus\.New(?:Counter|Gauge|Histogram|Summary)Vec\(prometheus\.\w+Opts\{.*?\},\s*\[\]string\{([^}]*)\}`)
	descRE := regexp.MustCompile(`(?s)prometheus\.NewDesc\("parley_[a-z0-9_]+",[^)]*?\[\]string\{([^}]*)\}`)
	wordRE := regexp.MustCompile(`"([a-z_]+)"`)
	out := map[string]bool{}
	for _, re := range []*regexp.Regexp{vecRE, descRE} {
		for _, m := range re.FindAllSubmatch(allGo(t), -1) {
			for _, w := range wordRE.FindAllSubmatch(m[1], -1) {
				out[string(w[1])] = true
			}
		}
	}
	return out
}

// TestPrometheusTargetLabels: a target label of the same name as one of
// the metrics' own labels overwrites it (Prometheus renames the scraped
// one exported_<name>), as "service" once did to parley_service_*'s.
func TestPrometheusTargetLabels(t *testing.T) {
	labels := metricLabels(t)
	for _, l := range []string{"service", "endpoint", "route", "backend", "status"} {
		if !labels[l] {
			t.Fatalf("the label scan found no %q: %v", l, labels)
		}
	}
	var prom struct {
		ScrapeConfigs []struct {
			JobName        string `yaml:"job_name"`
			HonorLabels    bool   `yaml:"honor_labels"`
			RelabelConfigs []struct {
				TargetLabel string `yaml:"target_label"`
			} `yaml:"relabel_configs"`
		} `yaml:"scrape_configs"`
	}
	readYAML(t, "prometheus.yml", &prom)
	for _, sc := range prom.ScrapeConfigs {
		for _, rc := range sc.RelabelConfigs {
			if labels[rc.TargetLabel] && !sc.HonorLabels {
				t.Errorf("job %s sets the target label %q, which Parley's metrics carry themselves", sc.JobName, rc.TargetLabel)
			}
		}
	}
	// The dashboard names processes by that label.
	if raw := string(readFile(t, "deploy/grafana/parley.json")); !strings.Contains(raw, "{{component}}") {
		t.Error("the dashboard does not name processes by the component label prometheus.yml sets")
	}
}

// TestDashboardSemantics: a panel whose title names status classes
// ("Error ratio (5xx and 4xx)") plots exactly those, and no query sums a
// moderation gauge that every replica reports in full.
func TestDashboardSemantics(t *testing.T) {
	var d dashboard
	if err := json.Unmarshal(readFile(t, "deploy/grafana/parley.json"), &d); err != nil {
		t.Fatal(err)
	}
	classRE := regexp.MustCompile(`\b([1-5])xx\b`)
	queryClassRE := regexp.MustCompile(`status=~"([1-5])\.\."`)
	moderation := false
	for _, top := range d.Panels {
		for _, p := range top.all() {
			var inTitle, inQueries []string
			for _, m := range classRE.FindAllStringSubmatch(p.Title, -1) {
				inTitle = append(inTitle, m[1])
			}
			for _, tg := range p.Targets {
				for _, m := range queryClassRE.FindAllStringSubmatch(tg.Expr, -1) {
					inQueries = append(inQueries, m[1])
				}
				if summedReplicaGauge.MatchString(tg.Expr) {
					t.Errorf("panel %q sums a moderation gauge every replica reports in full: %q (use max)", p.Title, tg.Expr)
				}
				moderation = moderation || strings.Contains(tg.Expr, "parley_moderation_")
			}
			if len(inTitle) == 0 {
				continue
			}
			slices.Sort(inTitle)
			slices.Sort(inQueries)
			if !slices.Equal(slices.Compact(inTitle), slices.Compact(inQueries)) {
				t.Errorf("panel %q names status classes %v but plots %v", p.Title, inTitle, inQueries)
			}
		}
	}
	if !moderation {
		t.Error("no panel shows the moderation queue")
	}
}

// TestNATSVersionEverywhere: compose and the Helm values run the
// nats-server that go.mod requires, which bin/nats-server, the tests and
// loadgen -spawn are built from.
func TestNATSVersionEverywhere(t *testing.T) {
	require := regexp.MustCompile(`(?m)^\s*(?:require\s+)?github\.com/nats-io/nats-server/v2 v([0-9.]+)`)
	m := require.FindStringSubmatch(string(readFile(t, "deploy/go.mod")))
	if m == nil {
		t.Fatal("deploy/go.mod requires no nats-server")
	}
	version := m[1]
	for _, dir := range []string{"shared", "services/gateway"} {
		if m := require.FindStringSubmatch(string(readFile(t, filepath.Join(dir, "go.mod")))); m == nil || m[1] != version {
			t.Errorf("%s/go.mod requires nats-server %v, deploy/go.mod %s", dir, m, version)
		}
	}
	c := loadCompose(t)
	for _, n := range []string{"nats-1", "nats-2", "nats-3"} {
		if img := c.Services[n].Image; img != "nats:"+version {
			t.Errorf("compose %s runs %s, want nats:%s (go.mod)", n, img, version)
		}
	}
	var values struct {
		Container struct {
			Image struct {
				Tag string `yaml:"tag"`
			} `yaml:"image"`
		} `yaml:"container"`
	}
	if err := yaml.Unmarshal(readFile(t, "deploy/k8s/nats-values.yaml"), &values); err != nil {
		t.Fatal(err)
	}
	if tag := values.Container.Image.Tag; tag != version && tag != version+"-alpine" {
		t.Errorf("the Helm values run nats %s, want %s (go.mod)", tag, version)
	}
	for _, doc := range []string{"README.md", "docs/deploy.md"} {
		for _, m := range regexp.MustCompile(`nats-server/v2@v([0-9.]+)|pin (?:nats:)?([0-9]+\.[0-9]+(?:\.[0-9]+)?)`).FindAllStringSubmatch(string(readFile(t, doc)), -1) {
			if v := m[1] + m[2]; v != version {
				t.Errorf("%s names nats-server %s, go.mod %s", doc, v, version)
			}
		}
	}
}

// TestComposeNATSOnLoopback: compose publishes every port on the host's
// loopback only: NATS's monitoring port has no authentication, nor has
// Prometheus, Grafana shows every metric, and the gateway is served to
// other hosts through a TLS proxy (docs/deploy.md, "Compose").
func TestComposeNATSOnLoopback(t *testing.T) {
	published := 0
	for name, s := range loadCompose(t).Services {
		for _, p := range s.Ports {
			published++
			if !strings.HasPrefix(p, "127.0.0.1:") {
				t.Errorf("%s publishes %s on every interface: bind it to 127.0.0.1", name, p)
			}
		}
	}
	if published < 4 {
		t.Fatalf("%d published ports: the scan is broken", published)
	}
}

// TestLoadtestAsDocumented: the command docs/deploy.md says `make
// loadtest` runs is the one the Makefile runs.
func TestLoadtestAsDocumented(t *testing.T) {
	mk := string(readFile(t, "Makefile"))
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^([A-Z_]+) \?= (.*)$`).FindAllStringSubmatch(mk, -1) {
		vars[m[1]] = strings.TrimSpace(m[2])
	}
	recipe := regexp.MustCompile(`(?m)^loadtest:.*\n\t(.*)$`).FindStringSubmatch(mk)
	if recipe == nil {
		t.Fatal("no loadtest target in the Makefile")
	}
	cmd := regexp.MustCompile(`\$\(([A-Z_]+)\)`).ReplaceAllStringFunc(recipe[1], func(v string) string {
		return vars[strings.TrimSuffix(strings.TrimPrefix(v, "$("), ")")]
	})
	_, args, ok := strings.Cut(cmd, "./deploy/cmd/loadgen ")
	if !ok {
		t.Fatalf("the loadtest recipe runs no loadgen: %s", recipe[1])
	}
	// -out is where the result goes, not how it is measured.
	args = regexp.MustCompile(`\s*-out \S+`).ReplaceAllString(args, "")
	want := strings.Fields(args)
	docs := string(readFile(t, "docs/deploy.md"))
	quoted := regexp.MustCompile("make loadtest` \\(`loadgen ([^`]*)`|make loadtest +# loadgen ([^:]*):").FindAllStringSubmatch(docs, -1)
	if len(quoted) == 0 {
		t.Fatal("docs/deploy.md does not say what make loadtest runs")
	}
	for _, q := range quoted {
		if got := strings.Fields(q[1] + q[2]); !slices.Equal(got, want) {
			t.Errorf("docs/deploy.md says make loadtest runs loadgen %v; the Makefile runs loadgen %v", got, want)
		}
	}
}

// TestProbeTimeouts: every Parley probe sets its timeout, and the
// gateway's readiness probe waits longer than the service pings its
// /readyz makes (GATEWAY_READY_TIMEOUT), so a hung service cannot time
// the probe out and take every gateway pod out of the Service.
func TestProbeTimeouts(t *testing.T) {
	objs := loadK8s(t)
	cm := objs.configMaps[0]
	for _, name := range services(t) {
		d := findObj(objs.deployments, "parley-"+name, func(o *appsv1.Deployment) string { return o.Name })
		if d == nil {
			t.Fatalf("no Deployment parley-%s", name)
		}
		c := d.Spec.Template.Spec.Containers[0]
		for what, p := range map[string]*corev1.Probe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe, "startup": c.StartupProbe} {
			if p == nil || p.TimeoutSeconds < 2 {
				t.Errorf("%s: %s probe without a timeout of 2 s or more (the kubelet's default is 1 s): %+v", name, what, p)
			}
		}
		if name != "gateway" {
			continue
		}
		ready := "1s" // ConfigFromEnv's default
		if v, ok := cm.Data["GATEWAY_READY_TIMEOUT"]; ok {
			ready = v
		}
		for _, e := range c.Env {
			if e.Name == "GATEWAY_READY_TIMEOUT" {
				ready = e.Value
			}
		}
		rt, err := time.ParseDuration(ready)
		if err != nil {
			t.Fatal(err)
		}
		if p := c.ReadinessProbe; p == nil || time.Duration(p.TimeoutSeconds)*time.Second <= rt+time.Second/2 {
			t.Errorf("gateway readiness timeout %+v: want more than GATEWAY_READY_TIMEOUT (%s) with room to answer", p, rt)
		}
	}
}
