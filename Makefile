# rocfault: `make run` and `make test` set everything up on a fresh Debian machine.
SWIFT       ?= swift
PREFIX      ?= /usr/local
DESTDIR     ?=
STATE_DIR   ?= $(CURDIR)/.state
CONFIG      ?= debug
BINDIR      ?= $(PREFIX)/bin
DATADIR     ?= $(PREFIX)/share
RULESDIR    ?= $(DATADIR)/rocfault/rules
MANDIR      ?= $(DATADIR)/man
UNITDIR     ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
BIN          = .build/$(CONFIG)
APT_PACKAGES = pkg-config libsystemd-dev libudev-dev libpcre2-dev libsqlite3-dev zlib1g-dev systemd systemd-journal-remote python3 tmux zsh fish prometheus prometheus-node-exporter
BENCH_PACKAGES = ripgrep time python3

.PHONY: all deps build run test lint bench fuzz soak install uninstall clean vocabulary messages-doc catalog-families

all: build

# Installs the Debian packages the build and tests need, when missing. As root it runs apt-get;
# otherwise it prints the exact command and stops.
deps:
	@./scripts/ensure-packages $(APT_PACKAGES)

build: deps
	$(SWIFT) build -c $(CONFIG)

# Runs the daemon in the foreground on the live journal and /dev/kmsg, state in $(STATE_DIR).
run: build
	@mkdir -p $(STATE_DIR)
	$(BIN)/rocfaultd --state-dir $(STATE_DIR) --rules $(CURDIR)/Rules

test: deps lint
	$(SWIFT) build --build-tests
	$(BIN)/rocfault rules lint Rules
	$(BIN)/rocfault rules test Rules
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Fuzz/Sources Package.swift

# Extracts every error and warning format of amdgpu/amdkfd/pm from Debian's linux-source-6.1 and
# -6.12 (installed when missing; KERNEL_SRC=DIR adds a tree) and the ROCr/HIP library strings, and
# reports how many the catalog classifies. Long: not part of `make test`.
vocabulary: build
	python3 scripts/vocabulary.py --rocfault $(BIN)/rocfault --rules $(CURDIR)/Rules \
		$(if $(KERNEL_SRC),--kernel-src $(KERNEL_SRC)) $(if $(MESSAGES),--messages $(MESSAGES)) $(VOCABULARY_FLAGS)

# Regenerates Rules/47-amdgpu-catalog.yaml (the amdgpu catalog families) from the kernel sources.
catalog-families:
	python3 scripts/catalog-families.py $(if $(KERNEL_SRC),--kernel-src $(KERNEL_SRC))

# Writes docs/amdgpu-messages.md from the catalog in Rules/ (CatalogDocumentTests checks it is current).
messages-doc: build
	$(BIN)/rocfault rules doc Rules >docs/amdgpu-messages.md

# Checks the real cases kept aside (Tests/RocfaultCoreTests/Fixtures/heldout) with the shipped rules
# and prints the figure per label (docs/rules.md, "Accuracy").
.PHONY: heldout
heldout:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter HeldOutFigureTests

bench: deps
	@./scripts/ensure-packages $(BENCH_PACKAGES)
	$(SWIFT) build -c release
	./Benchmarks/check-vs-ripgrep.sh
	python3 Benchmarks/daemon_bench.py

# libFuzzer targets for every parser, each run for FUZZ_SECONDS; reproducers go to Fuzz/crashes/.
FUZZ_SECONDS ?= 60
FUZZ_CONFIG  ?= release
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_CONFIG=$(FUZZ_CONFIG) SWIFT=$(SWIFT) ./scripts/fuzz

# Fault injection: SOAK_CYCLES SIGKILLs of a real rocfaultd while kernel and journal events are
# written, then checks for lost, duplicated, open and wrongly covered incidents. Needs root.
SOAK_CYCLES ?= 100
soak: build
	SOAK_CYCLES=$(SOAK_CYCLES) SOAK_DAEMON=$(BIN)/rocfaultd python3 scripts/soak.py

install:
	$(SWIFT) build -c release
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(RULESDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) \
		$(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions $(DESTDIR)$(DATADIR)/zsh/site-functions \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	install -m 0755 .build/release/rocfault .build/release/rocfaultd $(DESTDIR)$(BINDIR)/
	install -m 0644 Rules/*.yaml $(DESTDIR)$(RULESDIR)/
	sed -e 's|/usr/local/bin/rocfaultd|$(BINDIR)/rocfaultd --rules $(RULESDIR)|' systemd/rocfaultd.service \
		>$(DESTDIR)$(UNITDIR)/rocfaultd.service
	install -m 0644 systemd/rocfault.sysusers $(DESTDIR)$(SYSUSERSDIR)/rocfault.conf
	install -m 0644 systemd/rocfault.tmpfiles $(DESTDIR)$(TMPFILESDIR)/rocfault.conf
	install -m 0644 docs/man/rocfault.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 docs/man/rocfault.rules.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 docs/man/rocfaultd.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 completions/rocfault.bash $(DESTDIR)$(DATADIR)/bash-completion/completions/rocfault
	install -m 0644 completions/_rocfault $(DESTDIR)$(DATADIR)/zsh/site-functions/_rocfault
	install -m 0644 completions/rocfault.fish $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/rocfault.fish
	@echo "installed; as root: systemd-sysusers && systemd-tmpfiles --create && systemctl daemon-reload && systemctl enable --now rocfaultd"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rocfault $(DESTDIR)$(BINDIR)/rocfaultd $(DESTDIR)$(UNITDIR)/rocfaultd.service \
		$(DESTDIR)$(SYSUSERSDIR)/rocfault.conf $(DESTDIR)$(TMPFILESDIR)/rocfault.conf \
		$(DESTDIR)$(MANDIR)/man1/rocfault.1 $(DESTDIR)$(MANDIR)/man5/rocfault.rules.5 $(DESTDIR)$(MANDIR)/man8/rocfaultd.8 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/rocfault $(DESTDIR)$(DATADIR)/zsh/site-functions/_rocfault \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/rocfault.fish
	rm -rf $(DESTDIR)$(RULESDIR)

clean:
	rm -rf .build .build-fuzz $(STATE_DIR)
