package memlimit_test

import (
	"testing"
	"testing/fstest"

	"github.com/parley-chat/parley/shared/memlimit"
)

const (
	mib     = 1 << 20
	v1NoMax = "9223372036854771712\n"
)

func TestContainer(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name  string
		fs    fstest.MapFS
		limit int64 // 0: none
	}{
		{"v2, limit on the container's cgroup (cgroup namespace)", fstest.MapFS{
			"proc/self/cgroup":         file("0::/\n"),
			"sys/fs/cgroup/memory.max": file("536870912\n"),
		}, 512 * mib},
		{"v2, no limit", fstest.MapFS{
			"proc/self/cgroup":         file("0::/\n"),
			"sys/fs/cgroup/memory.max": file("max\n"),
		}, 0},
		{"v2, nested: the pod's smaller limit binds the container", fstest.MapFS{
			"proc/self/cgroup":                           file("0::/kubepods/pod1/ctr\n"),
			"sys/fs/cgroup/kubepods/pod1/ctr/memory.max": file("max\n"),
			"sys/fs/cgroup/kubepods/pod1/memory.max":     file("268435456\n"),
			"sys/fs/cgroup/kubepods/memory.max":          file("1073741824\n"),
		}, 256 * mib},
		{"v2, nested: the container's own limit", fstest.MapFS{
			"proc/self/cgroup":                           file("0::/kubepods/pod1/ctr\n"),
			"sys/fs/cgroup/kubepods/pod1/ctr/memory.max": file("134217728\n"),
			"sys/fs/cgroup/kubepods/pod1/memory.max":     file("268435456\n"),
		}, 128 * mib},
		{"v1, limit", fstest.MapFS{
			"proc/self/cgroup": file("12:pids:/docker/abc\n4:memory:/docker/abc\n0::/\n"),
			"sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes": file("805306368\n"),
			"sys/fs/cgroup/memory/memory.limit_in_bytes":            file(v1NoMax),
		}, 768 * mib},
		{"v1 without a cgroup namespace: the host's path is missing, the mount's root is the container", fstest.MapFS{
			"proc/self/cgroup":                           file("4:memory:/docker/abc\n"),
			"sys/fs/cgroup/memory/memory.limit_in_bytes": file("805306368\n"),
		}, 768 * mib},
		{"v1, no limit (this build machine)", fstest.MapFS{
			"proc/self/cgroup": file("4:memory:/process_api/952074cb\n0::/\n"),
			"sys/fs/cgroup/memory/process_api/952074cb/memory.limit_in_bytes": file(v1NoMax),
			"sys/fs/cgroup/memory/memory.limit_in_bytes":                      file(v1NoMax),
		}, 0},
		{"v1 controller listed with others", fstest.MapFS{
			"proc/self/cgroup":                           file("3:cpu,memory:/\n"),
			"sys/fs/cgroup/memory/memory.limit_in_bytes": file("1073741824"),
		}, 1024 * mib},
		{"garbage", fstest.MapFS{
			"proc/self/cgroup":         file("0::/\n"),
			"sys/fs/cgroup/memory.max": file("lots\n"),
		}, 0},
		{"zero is no limit", fstest.MapFS{
			"proc/self/cgroup":         file("0::/\n"),
			"sys/fs/cgroup/memory.max": file("0\n"),
		}, 0},
		{"no /proc (not Linux)", fstest.MapFS{}, 0},
		{"no memory controller", fstest.MapFS{
			"proc/self/cgroup": file("1:cpu:/\n"),
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			limit, ok := memlimit.Container(tt.fs)
			if limit != tt.limit || ok != (tt.limit != 0) {
				t.Errorf("Container() = %d, %v; want %d", limit, ok, tt.limit)
			}
		})
	}
}

func TestChoose(t *testing.T) {
	limited := fstest.MapFS{
		"proc/self/cgroup":         {Data: []byte("0::/\n")},
		"sys/fs/cgroup/memory.max": {Data: []byte("1000000000\n")},
	}
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	if soft, container, why := memlimit.Choose(env(nil), limited); soft != 900000000 || container != 1000000000 || why != "90% of the cgroup's 1000000000 bytes" {
		t.Errorf("limited: %d, %d, %q", soft, container, why)
	}
	// GOMEMLIMIT, read by the runtime at start, is the operator's choice.
	if soft, _, why := memlimit.Choose(env(map[string]string{"GOMEMLIMIT": "300MiB"}), limited); soft != 0 || why != "GOMEMLIMIT=300MiB is set" {
		t.Errorf("with GOMEMLIMIT: %d, %q", soft, why)
	}
	if soft, _, why := memlimit.Choose(env(nil), fstest.MapFS{}); soft != 0 || why != "no memory limit on the process's cgroup" {
		t.Errorf("unlimited: %d, %q", soft, why)
	}
}
