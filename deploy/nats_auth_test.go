package deploy_test

import (
	"maps"
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
