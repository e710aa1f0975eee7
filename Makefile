# stet — the two commands a new user needs: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libgit2-dev libsqlite3-dev libxml2-dev pkg-config
# Only for the tests: the web interface is checked in a real headless browser.
TEST_APT_PACKAGES := chromium
DEMO_ARCHIVE := .stet/demo/archive.git
STET := .build/debug/stet

.PHONY: demo demo-watch test deps test-deps apt-install build release clean

## Install the system libraries stet links (Debian/Ubuntu), only those that are missing.
deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

test-deps: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT_PACKAGES)" || echo "note: chromium could not be installed; the browser tests will be skipped"
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema 2>/dev/null || echo "note: python3 jsonschema not available; the schema validation test will be skipped"

apt-install:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Snapshot the Samples/belgorod series into a fresh archive, then show its history and the FCDO update.
demo: build
	@rm -rf .stet/demo
	@echo "== Snapshotting Samples/belgorod into a fresh archive ($(DEMO_ARCHIVE))"
	@grep -v '^#' Samples/belgorod/captures.txt | while read -r at file; do \
	  $(STET) snapshot --archive $(DEMO_ARCHIVE) --at "$$at" "Samples/belgorod/$$file" || exit 1; \
	done
	@echo
	@echo "== stet log: the article's update history"
	@$(STET) log --archive $(DEMO_ARCHIVE) newsweek.com/russia
	@echo
	@echo "== stet diff: the update of 1/3/24 (version 2 → 3)"
	@$(STET) diff --archive $(DEMO_ARCHIVE) newsweek.com/russia 2 3

## Periodic capture with no internet: a server on 127.0.0.1 changes the Samples/belgorod page
## between rounds of `stet watch --once`; then the log and the FCDO diff.
demo-watch: build
	@STET=$(STET) bash Tests/Peers/demo/demo-watch.sh

test: test-deps
	$(SWIFT) build --build-tests
	# One test at a time: the end-to-end suites run the stet binary and servers, and on a 2-core
	# machine parallel suites starve each other's timers (a serial run is also the fastest here).
	$(SWIFT) test --no-parallel

clean:
	rm -rf .build .stet

## Extraction quality beside the peers (trafilatura, readability-lxml, newspaper4k from PyPI in .venv).
PEERS_JSON ?= .build/peers-extraction.json
.PHONY: eval-extraction eval eval-baseline
eval-extraction: deps
	$(SWIFT) build -c release --product stet
	test -x .venv/bin/python || (python3 -m venv .venv && .venv/bin/pip install -q -U pip && .venv/bin/pip install -q trafilatura readability-lxml newspaper4k lxml_html_clean)
	test -f $(PEERS_JSON) || .venv/bin/python Tests/Peers/extraction/run_peers.py ../shared/corpus/extraction $(PEERS_JSON)
	.build/release/stet eval extraction ../shared/corpus/extraction --peers $(PEERS_JSON)

## The differ's quality on real revisions and on generated edits.
eval: build
	$(STET) eval revisions ../shared/corpus/revisions
	$(STET) eval edits ../shared/corpus/revisions

## The Python baselines beside stet (difflib sentence matcher; + regexes on the generated edits).
eval-baseline: build
	python3 Tests/Peers/difflib_revisions.py ../shared/corpus/revisions
	@for seed in 7 99 2024; do \
	  rm -rf .eval/edits-$$seed && $(STET) eval edits ../shared/corpus/revisions --seed $$seed --export .eval/edits-$$seed >/dev/null && \
	  python3 Tests/Peers/difflib_edits.py .eval/edits-$$seed >/dev/null && \
	  echo "== difflib + regex, seed $$seed" && $(STET) eval edits ../shared/corpus/revisions --seed $$seed --score-answers .eval/edits-$$seed || exit 1; \
	done

# `make bench` (peers beside stet) and `make fuzz` (libFuzzer, bounded time).
include bench.mk
