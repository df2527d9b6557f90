# Builds and installs modelwarden.
#
#   make                       release binaries, man pages and shell completions in .build/dist
#   make install               into PREFIX (default /usr/local); DESTDIR stages a package
#   make uninstall             removes what install put there; policies and the journal stay
#   make deb                   modelwarden_VERSION_ARCH.deb in .build/deb (debhelper; see docs/packaging.md)
#
# Installing to / as root also refreshes journald's message catalog (journalctl --update-catalog).
# A user install without root (see the README):
#   make install PREFIX=$HOME/.local SYSCONFDIR=$HOME/.config SYSTEMD_USERUNITDIR=$HOME/.local/share/systemd/user

PREFIX ?= /usr/local
DESTDIR ?=
SYSCONFDIR ?= /etc
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man/man1
SYSTEMD_UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSTEMD_USERUNITDIR ?= $(PREFIX)/lib/systemd/user
CATALOGDIR ?= $(PREFIX)/lib/systemd/catalog
BASH_COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETIONDIR ?= $(PREFIX)/share/zsh/site-functions
FISH_COMPLETIONDIR ?= $(PREFIX)/share/fish/vendor_completions.d
POLICYDIR ?= $(SYSCONFDIR)/modelwarden/policies.d

SWIFT ?= swift
# A static Swift runtime starts faster and uses less memory: the timer pays start-up hourly.
# script/swift-build-release holds the release build's flags, for make and the measuring scripts.
SWIFT_BUILD = SWIFT=$(SWIFT) script/swift-build-release
DIST = .build/dist
UNITS = modelwarden.service modelwarden.timer modelwarden-watch.service

VERSION := $(shell head -n 1 VERSION)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
MAINTAINER := $(shell sed -n 's/^Maintainer: //p' debian/control)

.PHONY: all build man completions install uninstall clean deb
all: build man completions

build:
	# SwiftPM does not know link/modelwarden.order is an input of the link: link again when it changed.
	bin="$$($(SWIFT_BUILD) --show-bin-path)/modelwarden"; [ ! link/modelwarden.order -nt "$$bin" ] || rm -f "$$bin"
	$(SWIFT_BUILD) --product modelwarden
	$(SWIFT_BUILD) --product modelwarden-sim
	mkdir -p $(DIST)/bin
	cp "$$($(SWIFT_BUILD) --show-bin-path)/modelwarden" "$$($(SWIFT_BUILD) --show-bin-path)/modelwarden-sim" $(DIST)/bin/

# The man pages come from the ArgumentParser definitions, through swift-argument-parser's own
# generate-manual tool reading `modelwarden --experimental-dump-help`.
man: build
	$(SWIFT) build --product generate-manual
	rm -rf $(DIST)/man && mkdir -p $(DIST)/man
	"$$($(SWIFT) build --show-bin-path)/generate-manual" $(DIST)/bin/modelwarden --multi-page \
		--date "$$(date -u +%F)" --output-directory $(DIST)/man
	# An empty line is not mdoc: a paragraph break is .Pp (groff warns of each one otherwise).
	sed -i 's/^$$/.Pp/' $(DIST)/man/*.1

completions: build
	mkdir -p $(DIST)/completions
	# Sourced by bash-completion, never run: no #! line.
	$(DIST)/bin/modelwarden --generate-completion-script bash | sed '1{/^#!/d}' > $(DIST)/completions/modelwarden.bash
	$(DIST)/bin/modelwarden --generate-completion-script zsh > $(DIST)/completions/_modelwarden
	$(DIST)/bin/modelwarden --generate-completion-script fish > $(DIST)/completions/modelwarden.fish

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(SYSTEMD_UNITDIR) \
		$(DESTDIR)$(SYSTEMD_USERUNITDIR) $(DESTDIR)$(CATALOGDIR) $(DESTDIR)$(BASH_COMPLETIONDIR) \
		$(DESTDIR)$(ZSH_COMPLETIONDIR) $(DESTDIR)$(FISH_COMPLETIONDIR)
	# Stripped: the debug information is most of an unstripped Swift binary (160 MB).
	install -m 0755 -s $(DIST)/bin/modelwarden $(DIST)/bin/modelwarden-sim $(DESTDIR)$(BINDIR)/
	install -m 0644 $(DIST)/man/*.1 $(DESTDIR)$(MANDIR)/
	for unit in $(UNITS); do \
		sed 's|/usr/local/bin/|$(BINDIR)/|g' systemd/$$unit > $(DESTDIR)$(SYSTEMD_UNITDIR)/$$unit; \
		sed 's|/usr/local/bin/|$(BINDIR)/|g' systemd/user/$$unit > $(DESTDIR)$(SYSTEMD_USERUNITDIR)/$$unit; \
		chmod 0644 $(DESTDIR)$(SYSTEMD_UNITDIR)/$$unit $(DESTDIR)$(SYSTEMD_USERUNITDIR)/$$unit; \
	done
	install -m 0644 systemd/modelwarden.catalog $(DESTDIR)$(CATALOGDIR)/modelwarden.catalog
	install -m 0644 $(DIST)/completions/modelwarden.bash $(DESTDIR)$(BASH_COMPLETIONDIR)/modelwarden
	install -m 0644 $(DIST)/completions/_modelwarden $(DESTDIR)$(ZSH_COMPLETIONDIR)/_modelwarden
	install -m 0644 $(DIST)/completions/modelwarden.fish $(DESTDIR)$(FISH_COMPLETIONDIR)/modelwarden.fish
	# The default policy, only where the admin has none of that name: never overwrite theirs.
	install -d -m 0755 $(DESTDIR)$(POLICYDIR)
	if [ -e $(DESTDIR)$(POLICYDIR)/50-default.yaml ]; then \
		echo "keeping $(DESTDIR)$(POLICYDIR)/50-default.yaml"; \
	else \
		install -m 0644 policies/default.yaml $(DESTDIR)$(POLICYDIR)/50-default.yaml; \
	fi
	if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v journalctl >/dev/null; then journalctl --update-catalog; fi
	@echo "installed; next: systemctl daemon-reload && systemctl enable --now modelwarden.timer"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/modelwarden $(DESTDIR)$(BINDIR)/modelwarden-sim
	rm -f $(DESTDIR)$(MANDIR)/modelwarden.1 $(DESTDIR)$(MANDIR)/modelwarden.*.1
	for unit in $(UNITS); do rm -f $(DESTDIR)$(SYSTEMD_UNITDIR)/$$unit $(DESTDIR)$(SYSTEMD_USERUNITDIR)/$$unit; done
	rm -f $(DESTDIR)$(CATALOGDIR)/modelwarden.catalog
	rm -f $(DESTDIR)$(BASH_COMPLETIONDIR)/modelwarden $(DESTDIR)$(ZSH_COMPLETIONDIR)/_modelwarden \
		$(DESTDIR)$(FISH_COMPLETIONDIR)/modelwarden.fish
	if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v journalctl >/dev/null; then journalctl --update-catalog; fi
	@echo "left alone: $(POLICYDIR) (your policies) and the journal in /var/lib/modelwarden"

clean:
	rm -rf $(DIST)

# The package's version is VERSION's, as `modelwarden --version`'s is: the changelog is written
# from it here (a native package's one entry), then debhelper builds in this tree.
deb:
	printf 'modelwarden (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
		"$(VERSION)" "$(VERSION)" "$(MAINTAINER)" "$$(date -R)" > debian/changelog
	dpkg-buildpackage --build=binary --no-sign
	mkdir -p .build/deb
	mv ../modelwarden_$(VERSION)_$(DEB_ARCH).deb ../modelwarden_$(VERSION)_$(DEB_ARCH).buildinfo \
		../modelwarden_$(VERSION)_$(DEB_ARCH).changes .build/deb/
	@echo "built .build/deb/modelwarden_$(VERSION)_$(DEB_ARCH).deb"
