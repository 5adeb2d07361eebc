# Mamori. `make run` runs the agent, `make test` runs every test; each
# installs what it needs first (scripts/deps).
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)
export GOTOOLCHAIN ?= auto
GO ?= go

.PHONY: all build run test vet deps-run deps-test clean

all: build

build:
	$(GO) build -o bin/mamori ./cmd/agent

# Until the tray agent lands, running the agent means one run of the checks.
# Its exit code reports the findings (1 warn, 2 critical, 3 unknown), which
# is not a failure of `make run`.
run: deps-run build
	./bin/mamori check || [ $$? -le 3 ]

test: deps-test vet
	MAMORI_REAL_TESTS=1 $(GO) test -count=1 ./...

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	GOOS=darwin $(GO) vet ./...

deps-run:
	@scripts/deps run

deps-test:
	@scripts/deps test

clean:
	rm -rf bin
