# Builds govcheck as a release binary that carries its own Swift runtime, and installs it with what
# it reads at run time: the shipped rule packs (PREFIX/share/govcheck/Rules, found relative to the
# binary), shell completions and a man page.
#
#   make                                   build .build/release/govcheck
#   make install [PREFIX=/usr/local]       build, then install (DESTDIR= stages for a package)
#   make install-files [BINARY=path]       install an already-built binary without building
#   make uninstall [PREFIX=/usr/local]     remove what install put there

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
PYTHON ?= python3
BUILD_FLAGS ?= -c release --static-swift-stdlib
BINARY ?= .build/release/govcheck

root        := $(DESTDIR)$(PREFIX)
bindir      := $(root)/bin
rulesdir    := $(root)/share/govcheck/Rules
bashdir     := $(root)/share/bash-completion/completions
zshdir      := $(root)/share/zsh/site-functions
fishdir     := $(root)/share/fish/vendor_completions.d
man1dir     := $(root)/share/man/man1

# Every folder under Rules/ is shipped (the packs with their tests, questions and vocabulary), as
# Package.swift bundles them; ShippedRules.swift is source, not data. They are copied from Rules/
# rather than from SwiftPM's only resource bundle (govcheck_ShippedRules.resources, a copy of the
# same folders): the manifest lists the folders when it is evaluated, so a bundle in a build
# folder made before a folder was added lacks it.
rule_folders := $(sort $(patsubst Rules/%/,%,$(wildcard Rules/*/)))

.PHONY: all build install install-files uninstall

all: build

build:
	$(SWIFT) build $(BUILD_FLAGS) --product govcheck

install: build
	$(MAKE) install-files BINARY=.build/release/govcheck

install-files:
	@test -n "$(PREFIX)" || { echo "make: PREFIX is empty; give an installation folder such as PREFIX=/usr/local" >&2; exit 2; }
	@test -x "$(BINARY)" || { echo "make: no govcheck binary at $(BINARY); run 'make install' (which builds it) or pass BINARY=path/to/govcheck" >&2; exit 2; }
	install -d "$(bindir)" "$(rulesdir)" "$(bashdir)" "$(zshdir)" "$(fishdir)" "$(man1dir)"
	install -m 755 "$(BINARY)" "$(bindir)/govcheck"
	@# Replace the packs wholesale, so a pack removed from this release does not linger.
	rm -rf "$(rulesdir)"
	install -d "$(rulesdir)"
	cp -R $(addprefix Rules/,$(rule_folders)) "$(rulesdir)/"
	@# Completions and the man page come from the installed binary itself, so they match it.
	"$(bindir)/govcheck" --generate-completion-script bash > "$(bashdir)/govcheck"
	"$(bindir)/govcheck" --generate-completion-script zsh > "$(zshdir)/_govcheck"
	"$(bindir)/govcheck" --generate-completion-script fish > "$(fishdir)/govcheck.fish"
	$(PYTHON) scripts/manpage.py "$(bindir)/govcheck" > "$(man1dir)/govcheck.1"
	@# The installed binary must find the installed packs from any folder, not this checkout's.
	@# (Run from the bin folder: pack paths below the working folder would be shown relative to it.)
	@bin=$$(cd "$(bindir)" && pwd -P) && rules=$$(cd "$(rulesdir)" && pwd -P) && cd "$$bin" \
	  && env -u GOVCHECK_RULES "$$bin/govcheck" packs show eu-ai-act | grep -qF "file $$rules/eu-ai-act/pack.yaml" \
	  || { echo "make: the installed govcheck does not read the packs in $(rulesdir)" >&2; exit 1; }
	@echo "installed govcheck in $(bindir) with $(words $(rule_folders)) rule folders in $(rulesdir)"

uninstall:
	@test -n "$(PREFIX)" || { echo "make: PREFIX is empty" >&2; exit 2; }
	rm -f "$(bindir)/govcheck" "$(bashdir)/govcheck" "$(zshdir)/_govcheck" "$(fishdir)/govcheck.fish" "$(man1dir)/govcheck.1"
	rm -rf "$(root)/share/govcheck"
