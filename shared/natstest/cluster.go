package natstest

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// RunCluster starts n embedded JetStream servers routed into one cluster
// on loopback ports and returns them once a stream with n replicas can be
// placed (before that, a replicated stream fails with "no suitable
// peers"). They shut down when the test ends. It is the in-process
// counterpart of deploy/cluster, for tests of replication that need no
// service processes; ClusterURL lists the nodes for a client.
func RunCluster(tb testing.TB, n int) []*server.Server {
	tb.Helper()
	// Client ports too: a node started on port -1 could be given a route
	// port released here for a node not started yet, which then never
	// becomes ready.
	free := freePorts(tb, 2*n)
	ports, clientPorts := free[:n], free[n:]
	name := fmt.Sprintf("parley-test-%d", time.Now().UnixNano())
	var servers []*server.Server
	for i := range n {
		var routes []*url.URL
		for j, p := range ports {
			if j != i {
				routes = append(routes, &url.URL{Scheme: "nats-route", Host: "127.0.0.1:" + strconv.Itoa(p)})
			}
		}
		opts := &server.Options{
			ServerName:        "n" + strconv.Itoa(i+1),
			Host:              "127.0.0.1",
			Port:              clientPorts[i],
			JetStream:         true,
			StoreDir:          tb.TempDir(),
			JetStreamMaxStore: MaxFileStore,
			NoSigs:            true,
			NoLog:             true,
			Cluster:           server.ClusterOpts{Name: name, Host: "127.0.0.1", Port: ports[i]},
			Routes:            routes,
		}
		s, err := server.NewServer(opts)
		if err != nil {
			tb.Fatalf("cluster node %d: %v", i+1, err)
		}
		go s.Start()
		servers = append(servers, s)
		tb.Cleanup(func() {
			s.Shutdown()
			s.WaitForShutdown()
		})
	}
	for i, s := range servers {
		if !s.ReadyForConnections(10 * time.Second) {
			tb.Fatalf("cluster node %d not ready within 10s", i+1)
		}
	}
	waitPlacement(tb, servers)
	return servers
}

// ClusterURL is the client URL of every node of servers.
func ClusterURL(servers []*server.Server) string {
	urls := make([]string, len(servers))
	for i, s := range servers {
		urls[i] = s.ClientURL()
	}
	return strings.Join(urls, ",")
}

// freePorts finds n distinct loopback ports for the nodes' listeners,
// which must be known before the nodes start since each lists the others'
// routes. The listeners stay open until all are found, so that none is
// found twice.
func freePorts(tb testing.TB, n int) []int {
	tb.Helper()
	ports := make([]int, n)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatal(err)
		}
		defer l.Close()
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports
}

// waitPlacement waits until a stream with one replica per node can be
// created (the meta group knows every node).
func waitPlacement(tb testing.TB, servers []*server.Server) {
	tb.Helper()
	nc, err := nats.Connect(ClusterURL(servers))
	if err != nil {
		tb.Fatalf("connect to cluster: %v", err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		tb.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_, err = js.CreateStream(ctx, jetstream.StreamConfig{
			Name: "NATSTEST_PROBE", Subjects: []string{"natstest.probe"},
			Storage: jetstream.MemoryStorage, Replicas: len(servers),
		})
		if err == nil {
			err = js.DeleteStream(ctx, "NATSTEST_PROBE")
		}
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("cluster of %d cannot place a replicated stream: %v", len(servers), err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// ClusterConn connects to every node of servers (closed when the test
// ends) and returns the connection with its JetStream context.
func ClusterConn(tb testing.TB, servers []*server.Server) (*nats.Conn, jetstream.JetStream) {
	tb.Helper()
	nc, err := nats.Connect(ClusterURL(servers))
	if err != nil {
		tb.Fatalf("connect to the cluster: %v", err)
	}
	tb.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		tb.Fatalf("jetstream: %v", err)
	}
	return nc, js
}

// StreamReplicas is the number of replicas stream is configured with now.
func StreamReplicas(tb testing.TB, ctx context.Context, js jetstream.JetStream, stream string) int {
	tb.Helper()
	st, err := js.Stream(ctx, stream)
	if err != nil {
		tb.Fatalf("stream %s: %v", stream, err)
	}
	return st.CachedInfo().Config.Replicas
}

// NodeJetStreams connects to each node of servers on its own (closed when
// the test ends), so that requests through the i-th JetStream context go
// through the i-th node: a test of what a node that has not caught up
// answers.
func NodeJetStreams(tb testing.TB, servers []*server.Server) []jetstream.JetStream {
	tb.Helper()
	jss := make([]jetstream.JetStream, len(servers))
	for i, s := range servers {
		nc, err := nats.Connect(s.ClientURL(), nats.DontRandomize(), nats.NoReconnect())
		if err != nil {
			tb.Fatalf("connect to node %d: %v", i+1, err)
		}
		tb.Cleanup(nc.Close)
		if jss[i], err = jetstream.New(nc); err != nil {
			tb.Fatalf("jetstream on node %d: %v", i+1, err)
		}
	}
	return jss
}
