# rocfault: `make run` and `make test` set everything up on a fresh Debian machine.
SWIFT       ?= swift
PREFIX      ?= /usr/local
DESTDIR     ?=
STATE_DIR   ?= $(CURDIR)/.state
CONFIG      ?= debug
BIN          = .build/$(CONFIG)
APT_PACKAGES = pkg-config libsystemd-dev libudev-dev libpcre2-dev libsqlite3-dev systemd systemd-journal-remote python3
BENCH_PACKAGES = ripgrep time python3

.PHONY: all deps build run test lint rules-check bench install uninstall clean

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
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

bench: deps
	@./scripts/ensure-packages $(BENCH_PACKAGES)
	$(SWIFT) build -c release
	./Benchmarks/check-vs-ripgrep.sh

install:
	$(SWIFT) build -c release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/rocfault/rules
	install -m 0755 .build/release/rocfault .build/release/rocfaultd $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 Rules/*.yaml $(DESTDIR)$(PREFIX)/share/rocfault/rules/

clean:
	rm -rf .build $(STATE_DIR)
