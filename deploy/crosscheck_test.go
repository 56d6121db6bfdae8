package deploy_test

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
)

// These tests cross-check the ways of running Parley against each other:
// the Procfile against `make build`, the URLs the manifests give against
// what they deploy, and compose against Kubernetes.

// ollamaUser says when a service calls Ollama and which variables name
// its model (the first one set wins).
type ollamaUser struct {
	on        func(env map[string]string) bool
	when      string
	modelKeys []string
}

// ollamaUsers are the services that can call Ollama. quality and safety
// read OLLAMA_HOST only with their judge or guard on: set without it, the
// variable reads as "Ollama is used" to an operator and does nothing.
var ollamaUsers = map[string]ollamaUser{
	"translate": {
		on:        func(env map[string]string) bool { return env["OLLAMA_HOST"] != "" },
		when:      "OLLAMA_HOST is set",
		modelKeys: []string{"OLLAMA_MODEL"},
	},
	"quality": {
		on:        func(env map[string]string) bool { return env["QUALITY_JUDGE"] == "true" },
		when:      "QUALITY_JUDGE=true",
		modelKeys: []string{"QUALITY_JUDGE_MODEL", "OLLAMA_MODEL"},
	},
	"safety": {
		on:        func(env map[string]string) bool { return env["SAFETY_GUARD_MODEL"] != "" },
		when:      "SAFETY_GUARD_MODEL is set",
		modelKeys: []string{"SAFETY_GUARD_MODEL"},
	},
}

// ollamaModel is the model service asks Ollama for under env, "" when it
// does not call Ollama.
func ollamaModel(service string, env map[string]string) string {
	u, ok := ollamaUsers[service]
	if !ok || !u.on(env) {
		return ""
	}
	for _, k := range u.modelKeys {
		if env[k] != "" {
			return env[k]
		}
	}
	return ""
}

// gatedEnvProblem says what is wrong when a service's environment points
// it at Ollama without it calling Ollama, or the other way round.
func gatedEnvProblem(service string, env map[string]string) string {
	host := env["OLLAMA_HOST"] != ""
	u, ok := ollamaUsers[service]
	switch {
	case !ok && host:
		return fmt.Sprintf("OLLAMA_HOST is set, but %s never calls Ollama", service)
	case !ok:
		return ""
	}
	on := u.on(env)
	switch {
	case host && !on:
		return fmt.Sprintf("OLLAMA_HOST is set but read only when %s: a dead variable", u.when)
	case on && !host:
		return fmt.Sprintf("%s, but no OLLAMA_HOST: it would call 127.0.0.1", u.when)
	case on && ollamaModel(service, env) == "":
		return fmt.Sprintf("%s, but none of %v names the model (its pull cannot be checked)", u.when, u.modelKeys)
	}
	return ""
}

func checkGatedEnv(t *testing.T, service string, env map[string]string) {
	t.Helper()
	if p := gatedEnvProblem(service, env); p != "" {
		t.Error(p)
	}
}

func TestGatedEnv(t *testing.T) {
	tests := []struct {
		service string
		env     map[string]string
		ok      bool
	}{
		{"translate", map[string]string{"OLLAMA_HOST": "http://ollama:11434", "OLLAMA_MODEL": "m"}, true},
		{"translate", map[string]string{"OLLAMA_HOST": "http://ollama:11434"}, false},
		{"translate", map[string]string{}, true},
		{"quality", map[string]string{"OLLAMA_HOST": "http://ollama:11434"}, false},
		{"quality", map[string]string{"OLLAMA_HOST": "http://ollama:11434", "QUALITY_JUDGE": "true", "OLLAMA_MODEL": "m"}, true},
		{"quality", map[string]string{"QUALITY_JUDGE": "true", "OLLAMA_MODEL": "m"}, false},
		{"safety", map[string]string{"OLLAMA_HOST": "http://ollama:11434"}, false},
		{"safety", map[string]string{"OLLAMA_HOST": "http://ollama:11434", "SAFETY_GUARD_MODEL": "llama-guard3:1b"}, true},
		{"safety", map[string]string{}, true},
		{"gateway", map[string]string{"OLLAMA_HOST": "http://ollama:11434"}, false},
	}
	for _, tt := range tests {
		if p := gatedEnvProblem(tt.service, tt.env); (p == "") != tt.ok {
			t.Errorf("%s %v: problem %q, want ok=%v", tt.service, tt.env, p, tt.ok)
		}
	}
}

// procfileLine is one process of deploy/Procfile: its command's
// environment and binary.
type procfileLine struct {
	env map[string]string
	bin string
}

func readProcfile(t *testing.T) map[string]procfileLine {
	t.Helper()
	out := map[string]procfileLine{}
	sc := bufio.NewScanner(bytes.NewReader(readFile(t, "deploy/Procfile")))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, cmd, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("Procfile line %q is not name: command", line)
		}
		p := procfileLine{env: map[string]string{}}
		for _, f := range strings.Fields(cmd) {
			if k, v, ok := strings.Cut(f, "="); ok && p.bin == "" && k == strings.ToUpper(k) {
				p.env[k] = v
				continue
			}
			p.bin = f
			break
		}
		if _, dup := out[name]; dup {
			t.Fatalf("Procfile names %s twice", name)
		}
		out[name] = p
	}
	return out
}

var makeServices = regexp.MustCompile(`(?m)^SERVICES\s*:=\s*(.+)$`)

// TestProcfile checks that the Procfile runs every binary `make build`
// makes, that `make build` makes one for every service module, and that
// every process reaches the Procfile's NATS server.
func TestProcfile(t *testing.T) {
	m := makeServices.FindSubmatch(readFile(t, "Makefile"))
	if m == nil {
		t.Fatal("no SERVICES := in the Makefile")
	}
	built := strings.Fields(string(m[1]))
	mods := services(t)
	if !slices.Equal(slices.Sorted(slices.Values(built)), slices.Sorted(slices.Values(mods))) {
		t.Errorf("make build builds %v, the service modules are %v", built, mods)
	}
	procs := readProcfile(t)
	nats, ok := procs["nats"]
	if !ok || nats.bin != "./bin/nats-server" {
		t.Fatalf("no nats: ./bin/nats-server line in the Procfile (%+v)", procs)
	}
	// Nothing else installs nats-server: make build must make the one the
	// Procfile runs.
	if !regexp.MustCompile(`(?m)^\t\$\(GO\) build -o bin/nats-server github\.com/nats-io/nats-server/v2\s*$`).Match(readFile(t, "Makefile")) {
		t.Error("make build does not build bin/nats-server, which the Procfile runs")
	}
	natsPort := regexp.MustCompile(`-p (\d+)`).FindStringSubmatch(procfileCommand(t, "nats"))
	if natsPort == nil {
		t.Fatal("the nats line names no port (-p)")
	}
	keys := codeKeys(t)
	for _, name := range built {
		t.Run(name, func(t *testing.T) {
			p, ok := procs[name]
			if !ok {
				t.Fatalf("service %s, built by make build, is missing from deploy/Procfile", name)
			}
			if p.bin != "./bin/parley-"+name {
				t.Errorf("runs %q, want ./bin/parley-%s", p.bin, name)
			}
			for k := range p.env {
				if !keys[k] {
					t.Errorf("env %s is read by no code", k)
				}
			}
			if u := p.env["NATS_URL"]; u == "" || port(t, strings.TrimPrefix(u, "nats://")) != natsPort[1] {
				t.Errorf("NATS_URL %q: the Procfile's nats-server listens on %s", u, natsPort[1])
			}
			checkGatedEnv(t, name, p.env)
		})
	}
}

func procfileCommand(t *testing.T, name string) string {
	t.Helper()
	for _, line := range strings.Split(string(readFile(t, "deploy/Procfile")), "\n") {
		if n, cmd, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(n) == name {
			return cmd
		}
	}
	return ""
}

// envURL finds the hosts and ports of the URLs in an environment value
// (NATS_URL lists several, comma-separated), past any user:password@ (the
// NATS routes' credentials).
var envURL = regexp.MustCompile(`[a-z][a-z0-9+.-]*://(?:[^@/\s,]*@)?([A-Za-z0-9.-]+)(?::(\d+))?`)

// inCluster is the Service name a URL host names, "" for a host outside
// the cluster.
func inCluster(host string) string {
	if !strings.Contains(host, ".") {
		return host
	}
	if name, rest, _ := strings.Cut(host, "."); strings.Contains(rest, "svc") {
		return name
	}
	return ""
}

// k8sEnv is a container's environment: the ConfigMaps it takes whole,
// then its own variables; one from a Secret reads
// "secretKeyRef:<secret>/<key>".
func k8sEnv(objs k8sObjects, c corev1.Container) map[string]string {
	env := map[string]string{}
	for _, from := range c.EnvFrom {
		if from.ConfigMapRef == nil {
			continue
		}
		if cm := findObj(objs.configMaps, from.ConfigMapRef.Name, func(o *corev1.ConfigMap) string { return o.Name }); cm != nil {
			maps.Copy(env, cm.Data)
		}
	}
	for _, e := range c.Env {
		env[e.Name] = e.Value
		if e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil {
			env[e.Name] = "secretKeyRef:" + e.ValueFrom.SecretKeyRef.Name + "/" + e.ValueFrom.SecretKeyRef.Key
		}
	}
	return env
}

// podSpecs are the pod templates of the kustomization, by owner name.
func podSpecs(objs k8sObjects) map[string]corev1.PodSpec {
	out := map[string]corev1.PodSpec{}
	for _, d := range objs.deployments {
		out["Deployment "+d.Name] = d.Spec.Template.Spec
	}
	for _, j := range objs.jobs {
		out["Job "+j.Name] = j.Spec.Template.Spec
	}
	return out
}

// TestKubernetesServiceURLs checks that every Service an environment URL
// names (OLLAMA_HOST=http://ollama:11434, ...) is in the kustomization,
// on that port, and selects pods that serve it: a URL to a Service nobody
// created leaves a rung unavailable for good.
func TestKubernetesServiceURLs(t *testing.T) {
	objs := loadK8s(t)
	// Created by the official NATS chart (nats-values.yaml), not by the
	// kustomization: the Service and its client port.
	external := map[string]string{"nats": "4222"}
	checked := 0
	check := func(where, value string) {
		for _, m := range envURL.FindAllStringSubmatch(value, -1) {
			name, p := inCluster(m[1]), m[2]
			if name == "" {
				continue
			}
			checked++
			if want, ok := external[name]; ok {
				if p != want {
					t.Errorf("%s: %s on port %s, the chart serves %s", where, name, p, want)
				}
				continue
			}
			svc := findObj(objs.services, name, func(o *corev1.Service) string { return o.Name })
			if svc == nil {
				t.Errorf("%s names the Service %s (%s), which the kustomization does not create", where, name, m[0])
				continue
			}
			var target string
			for _, sp := range svc.Spec.Ports {
				if p == "" || itoa(sp.Port) == p {
					target = sp.TargetPort.String()
				}
			}
			if target == "" {
				t.Errorf("%s: Service %s has no port %s (%v)", where, name, p, svc.Spec.Ports)
				continue
			}
			if !servesPort(objs.deployments, svc.Spec.Selector, target) {
				t.Errorf("%s: Service %s selects no Deployment whose pods serve port %s", where, name, target)
			}
		}
	}
	for k, v := range objs.configMaps[0].Data {
		check("ConfigMap "+k, v)
	}
	for owner, spec := range podSpecs(objs) {
		for _, c := range spec.Containers {
			for _, e := range c.Env {
				check(owner+" "+e.Name, e.Value)
			}
		}
	}
	if checked < 2 {
		t.Fatalf("found %d URLs: the URL scan is broken", checked)
	}
}

func servesPort(deps []*appsv1.Deployment, selector map[string]string, target string) bool {
	for _, d := range deps {
		if !selects(selector, d.Spec.Template.Labels) {
			continue
		}
		for _, c := range d.Spec.Template.Spec.Containers {
			for _, cp := range c.Ports {
				if cp.Name == target || itoa(cp.ContainerPort) == target {
					return true
				}
			}
		}
	}
	return false
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

// TestComposeServiceURLs is TestKubernetesServiceURLs for compose: every
// host an environment URL names is a compose service.
func TestComposeServiceURLs(t *testing.T) {
	c := loadCompose(t)
	checked := 0
	for name, s := range c.Services {
		for k, v := range s.Environment {
			for _, m := range envURL.FindAllStringSubmatch(v, -1) {
				if strings.Contains(m[1], ".") {
					continue
				}
				checked++
				if _, ok := c.Services[m[1]]; !ok {
					t.Errorf("%s %s=%s names %s, which compose does not run", name, k, v, m[1])
				}
			}
		}
	}
	if checked < 2 {
		t.Fatalf("found %d URLs: the URL scan is broken", checked)
	}
}

// TestComposeAndKubernetesAgree checks that the two deployments configure
// every service alike, and run Ollama alike.
func TestComposeAndKubernetesAgree(t *testing.T) {
	c := loadCompose(t)
	objs := loadK8s(t)
	// Values that must differ: where NATS is and how its password comes.
	// (Both run the same image, so the glossaries are in the same place.)
	differ := map[string]string{
		"NATS_URL":      "compose lists its three nodes, Kubernetes the chart's Service",
		"NATS_PASSWORD": "compose takes it from PARLEY_NATS_PASSWORD, Kubernetes from a Secret (TestNATSCredentials)",
	}
	models := map[string]bool{}
	for _, name := range services(t) {
		t.Run(name, func(t *testing.T) {
			cs, ok := c.Services[name]
			d := findObj(objs.deployments, "parley-"+name, func(o *appsv1.Deployment) string { return o.Name })
			if !ok || d == nil || len(d.Spec.Template.Spec.Containers) != 1 {
				t.Fatalf("%s: in compose %v, in Kubernetes %v", name, ok, d != nil)
			}
			kenv := k8sEnv(objs, d.Spec.Template.Spec.Containers[0])
			cenv := cs.Environment
			for _, k := range slices.Sorted(maps.Keys(cenv)) {
				kv, ok := kenv[k]
				switch {
				case !ok:
					t.Errorf("compose sets %s=%q, Kubernetes does not", k, cenv[k])
				case kv != cenv[k] && differ[k] == "":
					t.Errorf("%s: compose %q, Kubernetes %q", k, cenv[k], kv)
				}
			}
			for _, k := range slices.Sorted(maps.Keys(kenv)) {
				if _, ok := cenv[k]; !ok {
					t.Errorf("Kubernetes sets %s=%q, compose does not", k, kenv[k])
				}
			}
			for _, env := range []map[string]string{cenv, kenv} {
				if m := ollamaModel(name, env); m != "" {
					models[m] = true
				}
			}
		})
	}
	if len(models) == 0 {
		t.Fatal("no service calls Ollama: translate's LLM rung is off everywhere")
	}

	// The Ollama server: same settings, a volume for the models, a probe,
	// and the pull of every model a service asks for.
	d := findObj(objs.deployments, "ollama", func(o *appsv1.Deployment) string { return o.Name })
	job := findObj(objs.jobs, "ollama-pull", func(o *batchv1.Job) string { return o.Name })
	if d == nil || job == nil || len(d.Spec.Template.Spec.Containers) != 1 || len(job.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("Kubernetes needs an ollama Deployment with one container and an ollama-pull Job")
	}
	oc := d.Spec.Template.Spec.Containers[0]
	if want := c.Services["ollama"].Environment; !maps.Equal(k8sEnv(objs, oc), want) {
		t.Errorf("ollama env: Kubernetes %v, compose %v", k8sEnv(objs, oc), want)
	}
	for _, k := range []string{"OLLAMA_NUM_PARALLEL", "OLLAMA_KEEP_ALIVE"} {
		if k8sEnv(objs, oc)[k] == "" {
			t.Errorf("ollama sets no %s", k)
		}
	}
	if p := oc.ReadinessProbe; p == nil || p.HTTPGet == nil || !slices.Contains([]string{"/api/version", "/api/tags"}, p.HTTPGet.Path) {
		t.Errorf("ollama readiness probe %+v", p)
	}
	if oc.Resources.Requests.Memory().IsZero() || oc.Resources.Limits.Memory().IsZero() || oc.Resources.Requests.Cpu().IsZero() {
		t.Errorf("ollama resources %v", oc.Resources)
	}
	var mounted bool
	for _, v := range d.Spec.Template.Spec.Volumes {
		if v.PersistentVolumeClaim == nil {
			continue
		}
		pvc := findObj(objs.pvcs, v.PersistentVolumeClaim.ClaimName, func(o *corev1.PersistentVolumeClaim) string { return o.Name })
		for _, vm := range oc.VolumeMounts {
			if vm.Name == v.Name && vm.MountPath == "/root/.ollama" && pvc != nil {
				mounted = true
			}
		}
	}
	if !mounted {
		t.Error("ollama keeps its models on no PersistentVolumeClaim of the kustomization (/root/.ollama)")
	}
	pulls := []struct{ where, cmd string }{
		{"the ollama-pull Job", strings.Join(job.Spec.Template.Spec.Containers[0].Command, " ")},
		{"compose's ollama-pull", strings.Join(append(c.Services["ollama-pull"].Entrypoint, c.Services["ollama-pull"].Command...), " ")},
	}
	for _, p := range pulls {
		pulled := map[string]bool{}
		for _, m := range ollamaPull.FindAllStringSubmatch(p.cmd, -1) {
			pulled[m[1]] = true
		}
		for m := range models {
			if !pulled[m] {
				t.Errorf("%s pulls %v, not %s (%s)", p.where, slices.Sorted(maps.Keys(pulled)), m, p.cmd)
			}
		}
	}
}

var ollamaPull = regexp.MustCompile(`ollama pull ([^\s;&|"']+)`)
