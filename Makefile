# plumb: conformance test harness and contract fuzzer.
# The two commands a newcomer types: `make run` (the main job) and `make test`.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO ?= go
REPORTS ?= plumb-reports

.PHONY: run test test-race bench lint build install fuzz-emulator selftest html-check bench-peers clean

## run: run the Gherkin conformance suite against the embedded emulator; writes all five reports to $(REPORTS)/
run:
	$(GO) run ./cmd/plumb run --report-dir $(REPORTS)

## test: vet, gofmt check, and every test (race detector on)
test: lint
	$(GO) test -race -count=1 -timeout 15m ./...

## bench: throughput vs the raw-loop ceiling, time to first finding per fault, peak RSS; plumb
## derive of whole services and of the largest JSON-protocol model (time, peak RSS)
bench:
	$(GO) test -run '^$$' -bench 'Campaign|RawLoop' -benchtime 20000x ./fuzz/
	$(GO) test -run '^$$' -bench 'TimeToFinding' -benchtime 5x ./fuzz/
	$(GO) test -run '^$$' -bench 'PeakRSS' -benchtime 1x -timeout 30m ./fuzz/
	$(GO) test -run '^$$' -bench . -benchtime 1s ./check/ ./generators/ ./target/ ./emulator/
	$(GO) test -run '^$$' -bench 'Derive' -benchtime 1x ./derive/

## lint: gofmt and go vet must be clean
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

## build: the plumb binary in ./bin
build:
	$(GO) build -o bin/plumb ./cmd/plumb

## install: go install ./cmd/plumb into $(go env GOPATH)/bin (put that on PATH); plumb --version
## then names the VCS revision
install:
	$(GO) install -buildvcs=auto ./cmd/plumb
	@bin=$$($(GO) env GOBIN); bin=$${bin:-$$($(GO) env GOPATH)/bin}; echo "installed $$bin/plumb: $$($$bin/plumb --version)"

## fuzz-emulator: Go native fuzzing of the emulator's request decoding (FUZZTIME=30s per target)
FUZZTIME ?= 30s
fuzz-emulator:
	for f in FuzzStartConnection FuzzGetConnectionPath FuzzCreateConnection FuzzBodyBounds; do \
	  $(GO) test ./emulator/ -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; done

## emulator-load: plumb serve under 1 MiB bodies of 80,000 keys (concurrency 50, 20 s) and 1M
## StartConnections; prints req/s and the server's RSS before, during and after (Linux)
.PHONY: emulator-load
emulator-load:
	$(GO) run ./scripts/emulator-load

## hostile: plumb run and plumb fuzz against hostile targets (1 GiB body, endless chunked body,
## 50 MB JSON string, gzip bomb, a target that never answers, TLS/plain-HTTP mismatches): exit
## code, wall time and peak RSS per case, exit 1 if one is out of bounds; not part of make test
.PHONY: hostile
hostile:
	$(GO) run ./scripts/hostile

## selftest: mutation score of plumb against the emulator's fault catalogue
selftest:
	$(GO) run ./cmd/plumb selftest --report-dir $(REPORTS)/selftest

## figures: re-run the selftest (seed 1, 1500 cases) and rewrite README.md's mutation score
## between its figures:selftest markers from the JSON report (exit 1 from selftest, a missed
## fault, still writes the figures: they say what was missed)
FIGURES_DIR ?= $(REPORTS)/figures
.PHONY: figures
figures:
	$(GO) run ./cmd/plumb selftest --seed 1 --budget 1500 --format json --report-dir $(FIGURES_DIR) || [ $$? -eq 1 ]
	$(GO) run ./scripts/figures -report $(FIGURES_DIR)/plumb-report.json -budget 1500 -readme README.md

## moto: plumb run against moto 5.2's Direct Connect backend (the README's moto figures); a NOTICE where moto is absent
.PHONY: moto
moto:
	./scripts/moto-run.sh run

## moto-derived: derive all of Direct Connect from botocore, then plumb run and plumb fuzz with it
## against moto: a verdict per operation (a NOTICE where moto or botocore is absent)
.PHONY: moto-derived
moto-derived:
	./scripts/moto-derived.sh

## derive-compare: the installed botocore models against the committed specs of the three seed
## operations, constraint by constraint (the README's "Deriving specs" output; exit 1 from a
## comparison is its disagreements, printed)
.PHONY: derive-compare
derive-compare: build
	bin/plumb derive --compare botocore:directconnect specs/directconnect.yaml || [ $$? -eq 1 ]
	bin/plumb derive --compare botocore:outposts specs/outposts.yaml || [ $$? -eq 1 ]

## specs: regenerate the committed specs (specs/outposts.yaml, specs/directconnect.yaml) with
## plumb derive from the sources kept in specs/sources (the seed documents, botocore's Direct
## Connect model for DescribeConnections) and the overlay derive/overlay/seeds.yaml
SPEC_SOURCES = specs/sources/seeds specs/sources/botocore/data/directconnect/2012-10-25/service-2.json.gz
SPEC_OPERATIONS = StartConnection GetConnection CreateConnection DescribeConnections
.PHONY: specs
specs: build
	bin/plumb derive --out specs $(SPEC_SOURCES) $(addprefix --operation ,$(SPEC_OPERATIONS))

## derive-seeds: derive the three seed operations from the seed documents (../shared/seeds)
## and the committed overlay (derive/overlay/seeds.yaml) into $(SEEDS_OUT)/, then compare them
## with the committed specs and with the installed botocore models, constraint by constraint
## (the README's "Deriving specs" output; exit 1 from a comparison is its disagreements, printed)
SEEDS ?= specs/sources/seeds
SEEDS_OUT ?= specs-seeds
.PHONY: derive-seeds
derive-seeds: build
	bin/plumb derive --out $(SEEDS_OUT) $(SEEDS)
	bin/plumb derive --compare $(SEEDS) specs/outposts.yaml || [ $$? -eq 1 ]
	bin/plumb derive --compare $(SEEDS) specs/directconnect.yaml || [ $$? -eq 1 ]
	bin/plumb derive --compare $(SEEDS) botocore:outposts || [ $$? -eq 1 ]
	bin/plumb derive --compare $(SEEDS) botocore:directconnect || [ $$? -eq 1 ]

## html-check: render the HTML report in headless Chromium and check it shows the counts
html-check:
	./scripts/html-check.sh $(REPORTS)/plumb-report.html

## bench-peers: plumb beside Stoplight Prism and Dredd on the same emulator and faults
bench-peers:
	./bench/peers/run.sh

clean:
	rm -rf bin $(REPORTS)
