package deploy_test

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
	appsv1 "k8s.io/api/apps/v1"

	"github.com/parley-chat/parley/deploy/cluster"
	"github.com/parley-chat/parley/deploy/natsperm"
)

// natsSecret is the Secret every Kubernetes process takes the NATS
// passwords from (docs/deploy.md); the repository holds none.
const natsSecret = "parley-nats"

// composeVar is a compose interpolation: ${VAR}, or ${VAR:?message},
// which refuses to start without VAR.
var composeVar = regexp.MustCompile(`\$\{([A-Z_][A-Z0-9_]*)(:\?[^}]*)?\}`)

// interpolate replaces compose's variables in env as `docker compose`
// would with vars set.
func interpolate(env, vars map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range env {
		out[k] = composeVar.ReplaceAllStringFunc(v, func(m string) string {
			return vars[composeVar.FindStringSubmatch(m)[1]]
		})
	}
	return out
}

// required reports whether value is ${name:?...}: compose refuses to start
// without name, rather than starting an open or broken deployment.
func required(value, name string) bool {
	m := composeVar.FindStringSubmatch(value)
	return m != nil && m[0] == value && m[1] == name && m[2] != ""
}

// TestNATSCredentials checks that every Parley process of compose and
// Kubernetes connects to NATS as the user deploy/nats/nats.conf and the
// Helm values require, with the password of one secret, that the nodes
// get their secrets and authenticated routes, and that no password is in
// the repository.
func TestNATSCredentials(t *testing.T) {
	t.Run("compose", func(t *testing.T) {
		c := loadCompose(t)
		for _, name := range services(t) {
			// Each service as its own user, with its own password.
			env := c.Services[name].Environment
			u := serviceUser(t, name)
			if env["NATS_USER"] != u.Name || !required(env["NATS_PASSWORD"], u.PasswordVar) {
				t.Errorf("%s: NATS_USER %q, NATS_PASSWORD %q: want %s and ${%s:?...}", name, env["NATS_USER"], env["NATS_PASSWORD"], u.Name, u.PasswordVar)
			}
		}
		passwords := userPasswords("pw-")
		vars := maps.Clone(passwords)
		vars["PARLEY_NATS_ROUTE_PASSWORD"] = "route-pw"
		for _, n := range []string{"nats-1", "nats-2", "nats-3"} {
			raw := c.Services[n].Environment
			for k := range vars {
				if !required(raw[k], k) {
					t.Errorf("%s: %s=%q, want ${%s:?...}", n, k, raw[k], k)
				}
			}
			// What nats.conf reads, as the harness of the failover tests
			// gives it (cluster.NodeEnv): routes with the route password.
			if got, want := interpolate(raw, vars), cluster.NodeEnv(n, passwords, vars["PARLEY_NATS_ROUTE_PASSWORD"]); !maps.Equal(got, want) {
				t.Errorf("%s environment\n%v\nwant\n%v", n, got, want)
			}
		}
		// What does not talk to NATS does not get its secrets.
		for name, s := range c.Services {
			if slices.Contains(services(t), name) || strings.HasPrefix(name, "nats-") {
				continue
			}
			for k, v := range s.Environment {
				if strings.Contains(v, "PARLEY_NATS_") || strings.HasPrefix(k, "NATS_") {
					t.Errorf("%s gets %s", name, k)
				}
			}
		}
	})

	t.Run("kubernetes", func(t *testing.T) {
		objs := loadK8s(t)
		for _, name := range services(t) {
			d := findObj(objs.deployments, "parley-"+name, func(o *appsv1.Deployment) string { return o.Name })
			if d == nil || len(d.Spec.Template.Spec.Containers) != 1 {
				t.Fatalf("no Deployment parley-%s", name)
			}
			env := k8sEnv(objs, d.Spec.Template.Spec.Containers[0])
			u := serviceUser(t, name)
			if want := "secretKeyRef:" + natsSecret + "/" + u.SecretKey; env["NATS_USER"] != u.Name || env["NATS_PASSWORD"] != want {
				t.Errorf("%s: NATS_USER %q, NATS_PASSWORD %q: want %s and %s", name, env["NATS_USER"], env["NATS_PASSWORD"], u.Name, want)
			}
		}
		// No secret by value anywhere in the kustomization.
		for owner, spec := range podSpecs(objs) {
			for _, c := range spec.Containers {
				for _, e := range c.Env {
					if (strings.Contains(e.Name, "PASSWORD") || strings.Contains(e.Name, "TOKEN")) && e.Value != "" {
						t.Errorf("%s sets %s by value: take it from a Secret", owner, e.Name)
					}
				}
			}
		}
		for _, cm := range objs.configMaps {
			for k := range cm.Data {
				if strings.Contains(k, "PASSWORD") || strings.Contains(k, "TOKEN") {
					t.Errorf("ConfigMap %s holds %s", cm.Name, k)
				}
			}
		}
	})

	t.Run("helm values", func(t *testing.T) {
		type secretRef struct {
			ValueFrom struct {
				SecretKeyRef struct{ Name, Key string } `yaml:"secretKeyRef"`
			} `yaml:"valueFrom"`
		}
		var v struct {
			Config struct {
				Cluster struct {
					Merge struct {
						Authorization struct{ User, Password string } `yaml:"authorization"`
						Routes        struct {
							TplYaml string `yaml:"$tplYaml"`
						} `yaml:"routes"`
					} `yaml:"merge"`
				} `yaml:"cluster"`
				Merge struct {
					Authorization struct {
						Users []struct{ User, Password string } `yaml:"users"`
					} `yaml:"authorization"`
				} `yaml:"merge"`
			} `yaml:"config"`
			Container struct {
				Env map[string]yaml.Node `yaml:"env"`
			} `yaml:"container"`
			NatsBox struct {
				Container struct {
					Env map[string]yaml.Node `yaml:"env"`
				} `yaml:"container"`
			} `yaml:"natsBox"`
		}
		if err := yaml.Unmarshal(readFile(t, "deploy/k8s/nats-values.yaml"), &v); err != nil {
			t.Fatal(err)
		}
		secret := func(where string, env map[string]yaml.Node, name, key string) {
			t.Helper()
			n, ok := env[name]
			var ref secretRef
			if ok {
				_ = n.Decode(&ref)
			}
			if r := ref.ValueFrom.SecretKeyRef; r.Name != natsSecret || r.Key != key {
				t.Errorf("%s: %s from %+v, want Secret %s key %s", where, name, r, natsSecret, key)
			}
		}
		// The chart writes "<< $VAR >>" as the server config's $VAR.
		// The users and their permissions are checked by
		// TestNATSPermissions; here each one's password and Secret key.
		users := v.Config.Merge.Authorization.Users
		if len(users) != len(natsperm.Users()) {
			t.Errorf("%d client users, want %d", len(users), len(natsperm.Users()))
		}
		for i, u := range natsperm.Users() {
			if i < len(users) && (users[i].User != u.Name || users[i].Password != "<< $"+u.PasswordVar+" >>") {
				t.Errorf("client user %+v, want %s with << $%s >>", users[i], u.Name, u.PasswordVar)
			}
			secret("container.env", v.Container.Env, u.PasswordVar, u.SecretKey)
		}
		if a := v.Config.Cluster.Merge.Authorization; a.User != cluster.RouteUser || a.Password != "<< $PARLEY_NATS_ROUTE_PASSWORD >>" {
			t.Errorf("route authorization %+v, want %s with << $PARLEY_NATS_ROUTE_PASSWORD >>", a, cluster.RouteUser)
		}
		secret("container.env", v.Container.Env, "PARLEY_NATS_ROUTE_PASSWORD", "route-password")
		// The routes come whole from PARLEY_NATS_ROUTE_URL_<i>, which
		// Kubernetes builds with $(PARLEY_NATS_ROUTE_PASSWORD): defined
		// after it, as the chart writes env in name order.
		if !strings.Contains(v.Config.Cluster.Merge.Routes.TplYaml, "<< $PARLEY_NATS_ROUTE_URL_{{ $i }} >>") {
			t.Errorf("routes %q do not come from PARLEY_NATS_ROUTE_URL_<i>", v.Config.Cluster.Merge.Routes.TplYaml)
		}
		spread := v.Container.Env["ROUTE_URLS"]
		var tmpl struct {
			Spread string `yaml:"$tplYamlSpread"`
		}
		_ = spread.Decode(&tmpl)
		if !strings.Contains(tmpl.Spread, "PARLEY_NATS_ROUTE_URL_{{ $i }}:") || !strings.Contains(tmpl.Spread, cluster.RouteUser+":$(PARLEY_NATS_ROUTE_PASSWORD)@") {
			t.Errorf("route URLs %q", tmpl.Spread)
		}
		// nats-box's nats CLI reads NATS_USER and NATS_PASSWORD.
		var user string
		if n, ok := v.NatsBox.Container.Env["NATS_USER"]; ok {
			_ = n.Decode(&user)
		}
		if user != natsperm.Operator {
			t.Errorf("nats-box NATS_USER %q", user)
		}
		secret("natsBox.container.env", v.NatsBox.Container.Env, "NATS_PASSWORD", "password")
	})

	// The commands that create the Secret, in kustomization.yaml's header
	// and in docs/deploy.md, give every key a manifest or the Helm values
	// read: a missing key leaves its pods unable to start.
	t.Run("secret commands", func(t *testing.T) {
		used := secretKeys(t, natsSecret)
		for _, u := range natsperm.Users() {
			if !slices.Contains(used, u.SecretKey) {
				t.Fatalf("the manifests read no key %s of %s: the scan is broken (%v)", u.SecretKey, natsSecret, used)
			}
		}
		for _, f := range []string{"deploy/k8s/kustomization.yaml", "docs/deploy.md"} {
			created := createdKeys(string(readFile(t, f)), natsSecret)
			for _, k := range used {
				if !slices.Contains(created, k) {
					t.Errorf("%s: kubectl create secret generic %s does not create key %s (creates %v)", f, natsSecret, k, created)
				}
			}
		}
	})

	t.Run("docs", func(t *testing.T) {
		doc := string(readFile(t, "docs/deploy.md"))
		want := []string{natsSecret, "route-password", "PARLEY_NATS_PASSWORD", "PARLEY_NATS_ROUTE_PASSWORD", "NATS_CREDS", "NATS_NKEY_SEED", "NATS_TOKEN"}
		for _, u := range natsperm.Users() {
			// The secret to create lists every key.
			want = append(want, "--from-literal="+u.SecretKey+"=", u.PasswordVar)
		}
		for _, s := range want {
			if !strings.Contains(doc, s) {
				t.Errorf("docs/deploy.md does not mention %s", s)
			}
		}
	})
}

// secretKeys lists, sorted, the keys of Secret name that deploy/k8s's
// manifests and Helm values read (secretKeyRef), wherever they are.
func secretKeys(t *testing.T, name string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "deploy/k8s/*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value != "secretKeyRef" {
					continue
				}
				var ref struct{ Name, Key string }
				if err := n.Content[i+1].Decode(&ref); err != nil {
					t.Errorf("secretKeyRef at line %d: %v", n.Content[i+1].Line, err)
				}
				if ref.Name == name && !slices.Contains(keys, ref.Key) {
					keys = append(keys, ref.Key)
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		for {
			var doc yaml.Node
			if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			walk(&doc)
		}
	}
	slices.Sort(keys)
	return keys
}

// createdKeys lists the keys that the command "kubectl create secret
// generic name" in text creates: its --from-literal=<key>= options, up to
// the line that does not continue the command with a backslash. A YAML
// or shell comment's leading "#" is ignored.
func createdKeys(text, name string) []string {
	var keys []string
	in := false
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
		if strings.HasPrefix(line, "kubectl create secret generic "+name+" ") {
			in = true
		}
		if !in {
			continue
		}
		for _, m := range fromLiteral.FindAllStringSubmatch(line, -1) {
			keys = append(keys, m[1])
		}
		if !strings.HasSuffix(line, "\\") {
			in = false
		}
	}
	return keys
}

var fromLiteral = regexp.MustCompile(`--from-literal=([^=\s]+)=`)

// serviceUser is service name's user of deploy/natsperm.
func serviceUser(t *testing.T, name string) natsperm.User {
	t.Helper()
	for _, u := range natsperm.Users() {
		if u.Service == name {
			return u
		}
	}
	t.Fatalf("deploy/natsperm has no user for service %s", name)
	return natsperm.User{}
}
