# Mamori. `make run` runs the agent, `make test` runs every test; each
# installs what it needs first (scripts/deps).
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)
export GOTOOLCHAIN ?= auto
GO ?= go

.PHONY: all build run test fuzz bench bench-report vet deps-run deps-test deps-bench deps-package clean windows package release

all: build

# Three programs: the resident agent (no GUI toolkit, and no cgo: it needs
# no C library, and mapping libc costs resident memory; internal/testenv.Build
# builds it the same way for the tests), the checks' worker beside it, and
# the window process.
build:
	@echo "Building mamori (the agent) and mamori-worker (the checks)..."
	CGO_ENABLED=0 $(GO) build -o bin/mamori ./cmd/agent
	CGO_ENABLED=0 $(GO) build -o bin/mamori-worker ./cmd/worker
	@echo "Building mamori-window (the windows, Fyne and OpenGL in C): the first build"
	@echo "compiles them and can take 5 to 15 minutes with no output; later builds take seconds."
	$(GO) build -o bin/mamori-window ./cmd/window
	@echo "Built bin/mamori, bin/mamori-worker and bin/mamori-window."

# The packages, into dist/: the .deb (scripts/package-deb) and the .msi
# (scripts/package-msi, per user, from the Windows programs), and the
# macOS .app layout (scripts/package-macos; its programs are built on a
# Mac).
package: deps-package
	GO=$(GO) scripts/package-deb dist
	GO=$(GO) scripts/package-msi dist
	GO=$(GO) scripts/package-macos dist

deps-package:
	@scripts/deps package

# A release's files in dist/release: the .msi and the .deb, signed when a
# key is given (MAMORI_SIGN_CERT and MAMORI_SIGN_KEY, or a .pfx; see
# scripts/release and README's Windows section), and SHA256SUMS. Without
# a key it says what it would sign.
release: deps-package
	GO=$(GO) scripts/release dist/release

# The Windows programs, mamori.exe and mamori-window.exe, into
# dist/windows/ (mingw-w64 builds Fyne's C parts; a cold build takes about
# five minutes here).
windows: deps-test
	GO=$(GO) scripts/windows-build dist/windows

# Runs the agent: tray icon, checks, notifications, until it is quit from
# the tray menu or with Ctrl-C. `./bin/mamori check` runs the checks once.
run: deps-run build
	./bin/mamori

# Every stage (vet, the tests against real components, the Windows tests
# under Wine, the fuzz targets) runs whatever the others did, and the end
# says which failed (scripts/test). The window test leaves its screenshots
# in test-artifacts/.
test: deps-test
	GO=$(GO) scripts/test

# Fuzzes every parser of outside text for half a million inputs each.
fuzz:
	GO=$(GO) scripts/fuzz 500000x

# Measures the agent's footprint, the sweep, event latency, window start and
# scale in one run (about 6 minutes here) and writes bench/RESULTS.md and
# bench/results.json.
bench: deps-bench
	cd bench && MAMORI_REAL_TESTS=1 $(GO) test -tags bench -run '^TestBench$$' -count=1 -v -timeout 30m .

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	@# Every package but the Fyne ones (and the benchmark references, which use
	@# Fyne and systray) builds for Windows and macOS here; Fyne
	@# needs cgo and that system's C toolchain, which this machine lacks.
	GOOS=windows $(GO) vet $$(GOOS=windows $(GO) list ./... 2>/dev/null | grep -v -e /cmd/window -e /internal/ui -e /bench/ref/)
	GOOS=darwin $(GO) vet $$(GOOS=darwin $(GO) list ./... 2>/dev/null | grep -v -e /cmd/window -e /internal/ui -e /bench/ref/)

deps-run:
	@scripts/deps run

deps-test:
	@scripts/deps test

# bench-report rewrites bench/RESULTS.md from bench/results.json, without
# measuring again (after a change to the report's wording).
bench-report:
	cd bench && $(GO) test -tags bench -run '^TestRenderResults$$' -count=1 .

deps-bench:
	@scripts/deps bench

clean:
	rm -rf bin dist
