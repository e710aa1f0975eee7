# stet — the two commands a new user needs: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libgit2-dev libsqlite3-dev libxml2-dev pkg-config
DEMO_ARCHIVE := .stet/demo/archive.git
STET := .build/debug/stet
BELGOROD_ID := newsweek.com/russia-blames-nato-countries-terror-attack-belgorod-1857063

.PHONY: demo demo-watch test deps build release clean

## Install the system libraries stet links (Debian/Ubuntu), only those that are missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema 2>/dev/null || echo "note: python3 jsonschema not available; the schema validation test will be skipped"

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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

clean:
	rm -rf .build .stet
