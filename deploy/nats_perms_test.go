package deploy_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nats-io/nats-server/v2/server"
	"gopkg.in/yaml.v3"

	"github.com/parley-chat/parley/deploy/cluster"
	"github.com/parley-chat/parley/deploy/natsperm"
)

var update = flag.Bool("update", false, "rewrite deploy/nats/users.conf from deploy/natsperm")

// TestNATSPermissions checks that the users and permissions of
// deploy/nats/users.conf (which nats.conf includes, and which compose and
// deploy/cluster run) and of the Helm values are deploy/natsperm's table,
// and that the table covers every service the harness runs and every
// JetStream asset for its owner. -update rewrites users.conf.
func TestNATSPermissions(t *testing.T) {
	want := map[string]*natsperm.Perms{}
	for _, u := range natsperm.Users() {
		want[u.Name] = u.Perms
	}
	same := func(t *testing.T, where, user string, pub, sub []string, responses bool) {
		t.Helper()
		p, ok := want[user]
		switch {
		case !ok:
			t.Errorf("%s: user %s is not in deploy/natsperm", where, user)
		case p == nil:
			if pub != nil || sub != nil || responses {
				t.Errorf("%s: operator %s has permissions: it may do everything", where, user)
			}
		case !slices.Equal(sorted(pub), p.Publish) || !slices.Equal(sorted(sub), p.Subscribe) || responses != p.Responses:
			t.Errorf("%s: %s's permissions are not deploy/natsperm's (go test -run TestNATSPermissions -update)", where, user)
		}
	}

	t.Run("users.conf", func(t *testing.T) {
		path := filepath.Join(repoRoot(t), "deploy", "nats", "users.conf")
		gen := natsperm.ConfHeader + natsperm.Conf()
		if *update {
			if err := os.WriteFile(path, []byte(gen), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if string(readFile(t, "deploy/nats/users.conf")) != gen {
			t.Errorf("deploy/nats/users.conf is not natsperm.Conf: run go test -run TestNATSPermissions -update")
		}
	})

	t.Run("nats.conf", func(t *testing.T) {
		for k, v := range cluster.NodeEnv("nats-1", userPasswords("0123456789abcdef-"), "0123456789abcdef-route") {
			t.Setenv(k, v)
		}
		opts, err := server.ProcessConfigFile(filepath.Join(repoRoot(t), "deploy", "nats", "nats.conf"))
		if err != nil {
			t.Fatal(err)
		}
		if len(opts.Users) != len(want) {
			t.Errorf("%d users, want %d", len(opts.Users), len(want))
		}
		for _, u := range opts.Users {
			var pub, sub []string
			responses := false
			if p := u.Permissions; p != nil {
				if p.Publish != nil {
					pub = p.Publish.Allow
				}
				if p.Subscribe != nil {
					sub = p.Subscribe.Allow
				}
				responses = p.Response != nil
				if (p.Publish != nil && p.Publish.Deny != nil) || (p.Subscribe != nil && p.Subscribe.Deny != nil) {
					t.Errorf("%s has deny lists: the table allows only", u.Username)
				}
			}
			same(t, "nats.conf", u.Username, pub, sub, responses)
		}
	})

	t.Run("helm values", func(t *testing.T) {
		var v struct {
			Config struct {
				Merge struct {
					Authorization struct {
						Users []struct {
							User        string
							Permissions *struct {
								Publish        struct{ Allow []string } `yaml:"publish"`
								Subscribe      struct{ Allow []string } `yaml:"subscribe"`
								AllowResponses bool                     `yaml:"allow_responses"`
							} `yaml:"permissions"`
						} `yaml:"users"`
					} `yaml:"authorization"`
				} `yaml:"merge"`
			} `yaml:"config"`
		}
		if err := yaml.Unmarshal(readFile(t, "deploy/k8s/nats-values.yaml"), &v); err != nil {
			t.Fatal(err)
		}
		users := v.Config.Merge.Authorization.Users
		if len(users) != len(want) {
			t.Errorf("%d users, want %d", len(users), len(want))
		}
		for _, u := range users {
			if p := u.Permissions; p != nil {
				same(t, "nats-values.yaml", u.User, p.Publish.Allow, p.Subscribe.Allow, p.AllowResponses)
			} else {
				same(t, "nats-values.yaml", u.User, nil, nil, false)
			}
		}
	})

	t.Run("services", func(t *testing.T) {
		// Every process the harness (and compose, and k8s) runs has a user.
		if !slices.Equal(cluster.Services, natsperm.Services) {
			t.Errorf("cluster.Services %v, natsperm.Services %v", cluster.Services, natsperm.Services)
		}
		if !slices.Equal(services(t), sorted(natsperm.Services)) {
			t.Errorf("the deployment's services %v, natsperm's %v", services(t), natsperm.Services)
		}
	})

	t.Run("jetstream assets", func(t *testing.T) {
		// The owner of every stream, bucket and object store may open
		// it; a shared one (owner shared/...) is used by some service.
		var st jetStreamStatement
		if err := yaml.Unmarshal(readFile(t, "deploy/nats/jetstream.yaml"), &st); err != nil {
			t.Fatal(err)
		}
		for _, a := range st.Assets {
			stream := map[string]string{"kv": "KV_", "object": "OBJ_", "stream": ""}[a.Kind] + a.Name
			info := "$JS.API.STREAM.INFO." + stream
			var users []string
			for _, svc := range natsperm.Services {
				if slices.Contains(natsperm.For(svc).Publish, info) {
					users = append(users, svc)
				}
			}
			if strings.HasPrefix(a.Owner, "shared/") && len(users) == 0 || !strings.HasPrefix(a.Owner, "shared/") && !slices.Contains(users, a.Owner) {
				t.Errorf("%s %s (owner %s): opened by %v", a.Kind, a.Name, a.Owner, users)
			}
		}
	})
}

// userPasswords is the passwords part of cluster.NodeEnv for a test: each
// user's password variable to a password of its own, prefix and the
// variable's name.
func userPasswords(prefix string) map[string]string {
	out := map[string]string{}
	for _, u := range natsperm.Users() {
		out[u.PasswordVar] = prefix + u.PasswordVar
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
