package apertium

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// errDied reports that a process of the pipeline exited or a pipe broke in
// the middle of a request. The pipeline is restarted; the request may be
// retried.
var errDied = errors.New("apertium pipeline died")

// errStopped reports a pipeline that the engine has shut down.
var errStopped = errors.New("apertium pipeline stopped")

// pipeline is one running instance of a mode: the mode's programs
// connected stdout to stdin, all in null-flush mode. It serves one request
// at a time; its pool hands it to one caller at a time, so only that caller
// calls translate. kill may come from Close at any moment, which is why the
// process state sits behind mu.
type pipeline struct {
	mode *mode
	log  *slog.Logger

	mu      sync.Mutex
	stopped bool // Close was called: never start again
	procs   []*exec.Cmd
	stdin   *os.File      // write end into the first program
	stdout  *bufio.Reader // read end from the last program
	outFile *os.File
	exited  chan struct{} // closed when any program exits
	reaped  sync.WaitGroup
	stderr  *tailBuffer
	starts  int // how many times the programs were started, for tests and logs

	// nonce and seq make each request's sync marker (see exchange); only
	// the owner touches them.
	nonce string
	seq   uint64
	// idleSince is when the last request returned the pipeline to its
	// pool; only the owner touches it (the idle reaper owns it while it
	// looks).
	idleSince time.Time
	// late, when not nil, will carry the answer to a request whose caller
	// gave up (translate): until it comes, the pipeline is out of step and
	// serves no one (finishLate). Only the owner touches it.
	late chan exchangeResult
}

// exchangeResult is the answer to one exchange.
type exchangeResult struct {
	out string
	err error
}

func newPipeline(m *mode, log *slog.Logger) *pipeline {
	return &pipeline{mode: m, log: log}
}

// running reports whether the programs are up and none has exited.
func (p *pipeline) running() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.procs == nil {
		return false
	}
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// live reports whether the programs were started and not reset since,
// whether or not one has exited: they hold memory until reset.
func (p *pipeline) live() bool {
	return p.programs() > 0
}

// programs returns how many programs were started and not reset since.
func (p *pipeline) programs() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.procs)
}

// start launches the programs. The caller must own the pipeline and it
// must not be running.
func (p *pipeline) start() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return errStopped
	}
	stderr := &tailBuffer{max: 4096}
	cmds := make([]*exec.Cmd, len(p.mode.commands))
	var toClose []*os.File // the child ends, which the parent must close after Start
	closeAll := func(fs []*os.File) {
		for _, f := range fs {
			f.Close()
		}
	}
	inR, inW, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("pipe: %w", err)
	}
	toClose = append(toClose, inR)
	prev := inR
	var outR *os.File
	for i, argv := range p.mode.commands {
		c := exec.Command(argv[0], argv[1:]...)
		// Apertium reads and writes UTF-8; /usr/bin/apertium insists on a
		// UTF-8 LC_CTYPE for the same reason.
		c.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
		c.Stdin = prev
		c.Stderr = stderr
		r, w, err := os.Pipe()
		if err != nil {
			closeAll(toClose)
			inW.Close()
			return fmt.Errorf("pipe: %w", err)
		}
		c.Stdout = w
		toClose = append(toClose, w)
		if i < len(p.mode.commands)-1 {
			toClose = append(toClose, r)
		} else {
			outR = r
		}
		prev = r
		cmds[i] = c
	}
	exited := make(chan struct{})
	var once sync.Once
	for i, c := range cmds {
		if err := c.Start(); err != nil {
			for _, started := range cmds[:i] {
				started.Process.Kill()
			}
			closeAll(toClose)
			inW.Close()
			outR.Close()
			for _, started := range cmds[:i] {
				started.Wait()
			}
			return fmt.Errorf("start %s: %w", c.Path, err)
		}
	}
	// The children hold their own copies now; keeping the parent's would
	// stop EOF from reaching anyone when a program exits.
	closeAll(toClose)
	for _, c := range cmds {
		p.reaped.Add(1)
		go func() {
			defer p.reaped.Done()
			err := c.Wait()
			once.Do(func() { close(exited) })
			if err != nil {
				p.log.Debug("apertium program exited", "mode", p.mode.name, "program", c.Path, "err", err)
			}
		}()
	}
	p.procs = cmds
	p.stdin = inW
	p.outFile = outR
	p.stdout = bufio.NewReaderSize(outR, 64<<10)
	p.exited = exited
	p.stderr = stderr
	p.nonce = fmt.Sprintf("%016x", rand.Uint64())
	p.starts++
	p.log.Debug("apertium pipeline started", "mode", p.mode.name, "programs", len(cmds), "starts", p.starts)
	return nil
}

// kill signals every program. It is safe at any time, from any goroutine:
// an exchange in flight then sees EOF.
func (p *pipeline) kill() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.procs {
		c.Process.Kill()
	}
}

// reset kills the programs, reaps them and closes the pipes, leaving the
// pipeline ready to start again. The caller must own the pipeline and no
// exchange may be in flight.
func (p *pipeline) reset() {
	p.kill()
	p.reaped.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stdin != nil {
		p.stdin.Close()
		p.outFile.Close()
	}
	p.procs, p.stdin, p.stdout, p.outFile, p.exited = nil, nil, nil, nil, nil
}

// shutdown stops the pipeline for good: it will not start again, and the
// programs are killed so that a request in flight fails at once. Safe from
// any goroutine; the owner still calls reset to reap.
func (p *pipeline) shutdown() {
	p.mu.Lock()
	p.stopped = true
	p.mu.Unlock()
	p.kill()
}

// translate sends one deformatted request and returns the raw output up to
// the NUL that ends it. On a failure the programs are restarted (restartAfter).
// When ctx ends first, the request is left running and p.late set: the
// owner must call finishLate before anyone else uses the pipeline.
func (p *pipeline) translate(ctx context.Context, stream string) (string, error) {
	if !p.running() {
		p.reset()
		if err := p.start(); err != nil {
			return "", err
		}
	}
	done := make(chan exchangeResult, 1)
	go func() {
		out, err := p.exchange(stream)
		done <- exchangeResult{out, err}
	}()
	select {
	case r := <-done:
		if r.err == nil {
			return r.out, nil
		}
		return "", p.restartAfter(r.err)
	case <-ctx.Done():
		// The programs are still at work on this request, most often
		// loading a cold mode's data; whether to wait for them is the
		// owner's call (finishLate), not this caller's.
		p.late = done
		return "", ctx.Err()
	}
}

// errAbandoned is why a pipeline restarts when its owner would not wait
// for a late answer.
var errAbandoned = errors.New("request abandoned")

// finishLate deals with the request p.late stands for: it waits up to
// bound for the answer, so that the work in flight is not thrown away. A
// pipeline killed instead would load its mode again, and under a steady
// stream of requests whose budget is shorter than that load (a busy
// machine, a short APERTIUM_TIMEOUT) each would kill the next one's load
// and the mode would never answer (docs/apertium.md, "Requests that give
// up"). Past bound, a program that hangs, or with bound <= 0 the pipeline
// is restarted. finishLate reports whether the pipeline is back in step
// without a restart.
func (p *pipeline) finishLate(bound time.Duration) bool {
	late := p.late
	p.late = nil
	var r exchangeResult
	if bound > 0 {
		t := time.NewTimer(bound)
		defer t.Stop()
		select {
		case r = <-late:
			if r.err == nil {
				return true
			}
		case <-t.C:
			r.err = fmt.Errorf("%w: no answer %v after its caller gave up", errAbandoned, bound)
		}
	} else {
		r.err = errAbandoned
	}
	if errors.Is(r.err, errAbandoned) {
		// The exchange may be blocked on a pipe; killing makes it return.
		p.kill()
		<-late
	}
	p.restartAfter(r.err)
	return false
}

// restartAfter restarts the programs after a failed exchange, so that no stale
// output can reach the next request and the next caller finds the pipeline
// warm. It returns err, or errStopped when the engine shut the pipeline
// down.
func (p *pipeline) restartAfter(err error) error {
	tail := p.stderr.String()
	p.reset()
	p.mu.Lock()
	stopped := p.stopped
	p.mu.Unlock()
	switch {
	case stopped:
		return errStopped
	case errors.Is(err, errDied):
		p.log.Warn("apertium pipeline died; restarting", "mode", p.mode.name, "stderr", tail)
	default:
		p.log.Warn("apertium request abandoned; restarting pipeline", "mode", p.mode.name, "err", err)
	}
	if serr := p.start(); serr != nil && !errors.Is(serr, errStopped) {
		p.log.Error("apertium pipeline restart failed", "mode", p.mode.name, "err", serr)
	}
	return err
}

// exchange writes stream and its NUL, and reads until the answering NUL.
//
// The stream ends with a superblank that no user text can produce (user
// brackets are escaped) holding a per-start nonce and a sequence number;
// every stage copies superblanks through in order, so a true answer ends
// with it. Anything else means the pipeline is out of step with its
// requests: a program that dies makes the ones after it flush a NUL at
// EOF, which would otherwise pass for an empty answer.
//
// Writing runs beside reading: a long text fills the pipes before the
// first program sees the NUL, and the last program blocks until someone
// reads.
func (p *pipeline) exchange(stream string) (string, error) {
	p.mu.Lock()
	stdin, stdout := p.stdin, p.stdout
	p.mu.Unlock()
	p.seq++
	marker := "[" + p.nonce + "-" + strconv.FormatUint(p.seq, 10) + "]"
	werr := make(chan error, 1)
	go func() {
		buf := make([]byte, 0, len(stream)+len(marker)+1)
		buf = append(buf, stream...)
		buf = append(buf, marker...)
		buf = append(buf, 0)
		_, err := stdin.Write(buf)
		werr <- err
	}()
	out, rerr := stdout.ReadString(0)
	if rerr != nil {
		// The write may be blocked on a full pipe whose reader is gone;
		// killing makes sure it returns.
		p.kill()
		<-werr
		return "", fmt.Errorf("%w: read: %v", errDied, rerr)
	}
	if err := <-werr; err != nil {
		return "", fmt.Errorf("%w: write: %v", errDied, err)
	}
	out = strings.TrimSuffix(out, "\x00")
	if !strings.HasSuffix(out, marker) {
		return "", fmt.Errorf("%w: answer out of step with request (%d bytes without its marker)", errDied, len(out))
	}
	return strings.TrimSuffix(out, marker), nil
}

// startCount returns how many times the programs were started.
func (p *pipeline) startCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.starts
}

// pids returns the process ids of the running programs, for tests.
func (p *pipeline) pids() []int {
	p.mu.Lock()
	defer p.mu.Unlock()
	var ids []int
	for _, c := range p.procs {
		ids = append(ids, c.Process.Pid)
	}
	return ids
}

// tailBuffer keeps the last max bytes written to it: the programs' stderr,
// for the log line when a pipeline dies.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

var _ io.Writer = (*tailBuffer)(nil)

func (t *tailBuffer) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, b...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(b), nil
}

func (t *tailBuffer) String() string {
	if t == nil {
		return ""
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
