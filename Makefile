# Parley: `make run` installs what is missing, builds and starts the suite;
# `make test` runs every module's tests with the race detector.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)
GO ?= go

MODULES  := shared quality services/detect services/translate services/glossary services/quality services/safety services/moderation services/messages services/gateway deploy
SERVICES := detect translate glossary quality safety moderation messages gateway
# The Apertium pairs the offline rung serves out of the box.
APERTIUM_PKGS := apertium apertium-eng-spa apertium-eng-cat apertium-fr-es apertium-es-pt
TEST_TIMEOUT ?= 15m

.PHONY: all run deps deps-apertium deps-browser deps-go build test test-short bench vet fmt check-modules clean help eval eval-safety devset test-ollama bench-translate bench-detect loadtest soak

all: build

help:
	@echo "make run    install what is missing, build, start everything (embedded NATS, services, gateway on 127.0.0.1:8080)"
	@echo "make test   run every module's tests with -race"
	@echo "make bench  every benchmark in one markdown table with ratios (.state/bench.json, .state/bench.md)"
	@echo "make loadtest  max throughput of a local 3-node cluster; make soak  10 min at half of it (docs/deploy.md)"
	@echo "make test-ollama      run the translate LLM suite against a real Ollama at OLLAMA_HOST (skipped when unset)"
	@echo "make bench-translate  translate benchmarks: group chat (2 replicas), batching, chain overhead, Apertium vs spawn vs apertium-apy, pivot pairs"
	@echo "make bench-detect  detect vs lingua-go on lingua's test data: accuracy, precision, latency, memory (docs/detect.md)"
	@echo "make build  build bin/parley, one binary per service and bin/nats-server (for deploy/Procfile)"
	@echo "make eval   run a test set through the pipeline and write JSON + HTML reports (docs/evaluation.md)"

## deps: Apertium from Debian packages (apt when root) and Go modules.
deps: deps-apertium deps-go

deps-apertium:
	@missing=""; for p in $(APERTIUM_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Apertium:$$missing"; \
	  { apt-get install -y --no-install-recommends $$missing >/dev/null 2>&1 || \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; }; } \
	  || echo "warning: could not install$$missing; the Apertium rung will be unavailable"; \
	else \
	  echo "note: Apertium packages missing:$$missing"; \
	  echo "      install them with: sudo apt-get install$$missing"; \
	  echo "      (without them Parley still runs; the offline rung is unavailable and tests that need it skip)"; \
	fi

## deps-browser: Debian's chromium for the browser tests (apt when root; the
## tests skip with a message when it is missing).
deps-browser:
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium for the browser tests"; \
	  { apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }; } \
	  || echo "warning: could not install chromium; browser tests will skip"; \
	else echo "note: chromium missing; browser tests will skip (sudo apt-get install chromium)"; fi

deps-go:
	@for m in $(MODULES); do (cd $$m && $(GO) mod download) || exit 1; done

build: deps-go
	@mkdir -p bin
	$(GO) build -o bin/parley ./services/gateway/cmd/parley
	@for s in $(SERVICES); do $(GO) build -o bin/parley-$$s ./services/$$s/cmd/$$s || exit 1; done
	# The NATS server deploy/Procfile runs, at the version go.mod requires
	# (bin/parley embeds the same one).
	$(GO) build -o bin/nats-server github.com/nats-io/nats-server/v2

run: deps build
	./bin/parley

test: deps
	$(GO) test -race -timeout $(TEST_TIMEOUT) $(addprefix ./,$(addsuffix /...,$(MODULES)))

test-short: deps-go
	$(GO) test -short -timeout $(TEST_TIMEOUT) $(addprefix ./,$(addsuffix /...,$(MODULES)))

## bench: every Benchmark* of every module in one markdown table (per area,
## with ratios against each family's baseline), also written to
## .state/bench.json and .state/bench.md (deploy/cmd/benchreport, docs/deploy.md).
## Then bench-detect (~15 minutes), only if BENCH (a regexp, . by default)
## matches "Detect": a subset such as BENCH=Pipeline skips it.
BENCH ?= .
BENCH_ARGS ?=
bench: deps
	$(GO) run ./deploy/cmd/benchreport -bench '$(BENCH)' $(BENCH_ARGS) $(MODULES)
	@re='$(BENCH)'; if [[ Detect =~ $$re ]]; then $(MAKE) bench-detect; \
	else echo "bench: BENCH='$(BENCH)' does not match Detect: bench-detect skipped"; fi

## loadtest: find the highest rate the local cluster (3 NATS nodes, 2
## processes per service, instant fake LLM) holds (p99 <= 1s, errors <= 0.1%);
## soak: SOAK_DURATION at half of it, sampling memory and goroutines
## (deploy/cmd/loadgen, docs/deploy.md). LOADGEN_ARGS='-url http://host:8080'
## without -spawn targets a running deployment instead.
LOADGEN_ARGS ?= -spawn
# Each step of max; docs/deploy.md's measurements used 8s.
LOADTEST_STEP ?= 8s
SOAK_DURATION ?= 10m
# The translation cache fills (TRANSLATE_CACHE_MEMORY_ENTRIES) during the warm-up.
SOAK_WARMUP ?= 3m
loadtest: deps-go
	$(GO) run ./deploy/cmd/loadgen max $(LOADGEN_ARGS) -unique -step $(LOADTEST_STEP) -out .state/loadtest.json

soak: deps-go
	@test -f .state/loadtest.json || $(MAKE) loadtest
	$(GO) run ./deploy/cmd/loadgen soak $(LOADGEN_ARGS) -unique -warmup $(SOAK_WARMUP) -rate-from .state/loadtest.json -duration $(SOAK_DURATION) -out .state/soak.json

vet:
	$(GO) vet $(addprefix ./,$(addsuffix /...,$(MODULES)))

fmt:
	gofmt -l -w shared services quality deploy

## eval: the offline evaluation harness (docs/evaluation.md). By default the
## committed seed set through an embedded suite; override EVAL_SET and
## EVAL_ARGS, e.g. make eval EVAL_SET=quality/testsets/dev.jsonl \
##   EVAL_ARGS='-embed -pairs en-es -config apertium:backends=apertium'
EVAL_SET  ?= quality/testsets/seed.jsonl
EVAL_ARGS ?= -embed -config default
EVAL_OUT  ?= quality/reports
eval: deps eval-safety
	$(GO) run ./quality/cmd/eval run -set $(EVAL_SET) -out $(EVAL_OUT) $(EVAL_ARGS)

## eval-safety: precision and recall of the safety checks on their labelled set
## (services/safety/eval, docs/safety.md).
eval-safety:
	$(GO) run ./services/safety/cmd/safety-eval -v

## devset: build quality/testsets/dev.jsonl from the gettext catalogs on this machine.
devset:
	quality/scripts/build-devset.sh

# Each module must also build on its own go.mod, not only inside go.work.
check-modules:
	@for m in $(MODULES); do (cd $$m && GOWORK=off $(GO) build ./... && GOWORK=off $(GO) vet ./...) || exit 1; done

# The LLM suite against a real Ollama (docs/translate.md): OLLAMA_HOST, and
# OLLAMA_MODEL (default qwen2.5:3b, which must be pulled).
test-ollama: deps-go
	@if [ -z "$$OLLAMA_HOST" ]; then echo "OLLAMA_HOST is not set: skipping the real-Ollama suite"; exit 0; fi; \
	cd services/translate && PARLEY_TEST_OLLAMA=1 $(GO) test -count=1 -v -run 'TestRealOllama' -timeout 60m .

bench-translate: deps-go
	cd services/translate && $(GO) test -run '^$$' -bench 'BenchmarkGroupChat|BenchmarkBatching' -benchtime 1x -timeout 30m .
	cd services/translate && $(GO) test -run '^$$' -bench 'BenchmarkChain' -benchmem .
	cd services/translate && $(GO) test -run '^$$' -bench 'BenchmarkSideBySide|BenchmarkPivot' -benchtime 3s ./apertium/

## bench-detect: the detect service's default configuration side by side with
## lingua-go (all languages, high and low accuracy) on ../shared/testdata/lingua,
## one child process per configuration (docs/detect.md records the table).
## DETECT_EVAL_ARGS=-step 10 samples every tenth text for a quick run.
DETECT_EVAL_ARGS ?=
bench-detect: deps-go
	@if [ -d ../shared/testdata/lingua ]; then \
	  $(GO) run ./services/detect/cmd/detect-eval $(DETECT_EVAL_ARGS); \
	else echo "bench-detect: no ../shared/testdata/lingua beside the repository; skipped"; fi

clean:
	rm -rf bin .state
