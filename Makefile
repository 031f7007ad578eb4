# Debrief. `make help` lists the targets.
# `make run` and `make test` install the system packages they need first (.ci/deps).

GO          ?= go
# Debrief touches widgets from its own goroutines only through fyne.Do, so
# it builds with Fyne's migrated_fynedo tag (FyneApp.toml says the same for
# fyne package). Without it Fyne checks the calling goroutine, a
# runtime.Stack call, on every refresh: half the CPU of a pan on the board.
export GOFLAGS += -tags=migrated_fynedo
BIN         := build/debrief
ARGS        ?=
FYNE_TOOLS  := fyne.io/tools/cmd/fyne@v1.7.4
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GO_FILES    := $(shell find . -name '*.go' -not -path './build/*')
EMBEDDED    := $(shell find assets app/store/migrations -type f) app/coach/rules.tsv

.DEFAULT_GOAL := help
.PHONY: help run build test unit race e2e bench fuzz lint package icon deps deps-test clean

help: ## list the targets
	@echo "Debrief: blameless post-mortems on one screen."
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "  make run ARGS='--db /tmp/t.db'   passes flags to debrief"
	@echo "  docs/architecture.md             who owns the open debrief; how a change flows"

run: deps $(BIN) ## build and open the app (data in your data folder; ARGS='--db PATH' for another)
	./$(BIN) $(ARGS)

build: deps $(BIN) ## build ./build/debrief

$(BIN): $(GO_FILES) $(EMBEDDED) go.mod go.sum Makefile FyneApp.toml
	$(GO) build -o $(BIN) .

test: deps-test ## what CI runs: lint, unit tests, race, then the end-to-end test in a real window under Xvfb
	$(MAKE) --no-print-directory lint
	$(GO) test ./...
	$(MAKE) --no-print-directory race
	$(MAKE) --no-print-directory e2e

unit: ## vet and unit tests only (no display needed)
	$(GO) vet ./...
	$(GO) test ./...

# The packages that run goroutines of their own: the app (its board saver,
# timers and the instance watcher; the store, the coach and any new package
# under app/ come with ./app/...) and the board. About 2.5 minutes on 2 cores
# once built, 10 with a cold build cache; app/coach's TestHostileInput takes
# 80 s of it (3 s without -race).
RACE_PKGS := ./app/... ./canvas
race: deps ## unit tests of the app and the board under the race detector (-race needs cgo, as the build does)
	$(GO) test -race $(RACE_PKGS)

e2e: deps-test $(BIN) ## the real window under Xvfb: first start, the board, a whole debrief, kill -9, a bad file, presenting, the room (screenshots in build/e2e)
	.ci/e2e $(BIN) build/e2e

BENCH_PKGS := ./canvas ./app/store ./export ./app/ui ./app/insights
# Benchmarks of many seconds an operation, run once (opening the editor on a
# 100,000-character card takes about 14 s): five runs would take minutes.
BENCH_ONCE := CardEditor100k
# The room under load (app/room): 50 participants writing and voting over
# loopback, one run of about 12 s each, three times, beside a 1-participant
# baseline; .ci/benchreport writes their section from these lines.
BENCH_ROOM := ^BenchmarkRoom
bench: SHELL := /bin/bash
bench: .SHELLFLAGS := -o pipefail -c
bench: $(BIN) ## Go benchmarks and the frames of the real window under Xvfb; writes docs/benchmarks.md (about 8 min on 2 cores)
	@.ci/deps bench
	@mkdir -p build/bench && rm -f build/bench/go.txt build/bench/frames.tsv && date +%s >build/bench/started
	$(GO) test -p 1 -run '^$$' -bench . -skip '$(BENCH_ONCE)' -benchtime 500ms -benchmem -count 5 $(BENCH_PKGS) 2>&1 | tee build/bench/go.txt
	$(GO) test -p 1 -run '^$$' -bench '$(BENCH_ONCE)' -benchtime 1x -benchmem -count 1 ./canvas 2>&1 | tee -a build/bench/go.txt
	$(GO) test -p 1 -run '^$$' -bench '$(BENCH_ROOM)' -benchtime 1x -count 3 ./app/room 2>&1 | tee -a build/bench/go.txt
	.ci/bench-frames $(BIN) build/bench
	$(GO) run ./.ci/benchreport -go build/bench/go.txt -frames build/bench/frames.tsv \
		-started $$(cat build/bench/started) -out docs/benchmarks.md

FUZZTIME ?= 60s
fuzz: ## fuzz the JSON reader (its results and its memory), the calendar writer and the coach, FUZZTIME each (default 60s)
	$(GO) test ./export -run '^$$' -fuzz '^FuzzReadJSON$$' -fuzztime $(FUZZTIME)
	$(GO) test ./export -run '^$$' -fuzz '^FuzzReadJSONMemory$$' -fuzztime $(FUZZTIME)
	$(GO) test ./export -run '^$$' -fuzz '^FuzzWriteICS$$' -fuzztime $(FUZZTIME)
	$(GO) test ./app/coach -run '^$$' -fuzz '^FuzzCheck$$' -fuzztime $(FUZZTIME)

lint: ## gofmt, go vet and staticcheck
	@test -z "$$(gofmt -l $(GO_FILES))" || { echo "gofmt would change:"; gofmt -l $(GO_FILES); exit 1; }
	$(GO) vet ./... ./.ci/benchreport ./.ci/roomload
	$(GO) run $(STATICCHECK) ./... ./.ci/benchreport ./.ci/roomload

package: deps ## make a Linux package (build/Debrief.tar.xz) with fyne package
	$(GO) run $(FYNE_TOOLS) package --os linux --release
	mkdir -p build && mv -f Debrief.tar.xz build/
	@echo "build/Debrief.tar.xz: unpack and run 'sudo make install' inside to add Debrief to the desktop menu"

icon: ## redraw assets/icon.png from assets/icon.svg (needs rsvg-convert)
	rsvg-convert -w 512 -h 512 assets/icon.svg -o assets/icon.png

deps: ## install the C headers the build needs, if missing
	@.ci/deps build

deps-test: ## install the build headers and the test tools (Xvfb, xdotool, ...), if missing
	@.ci/deps test

clean: ## remove build output
	rm -rf build
