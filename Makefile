# kioskd — build, test, demo, benchmark and install.
#   make demo    install what is missing, build, run the kiosk on this machine (Ctrl-C stops it)
#   make test    install what is missing, build once, start the real stacks, run every test
#   make bench   release build, run the benchmarks, print one table
#   make soak    every backend fault × every journal kill point (and, for the card, × every terminal behaviour)
#   make install FHS install (honours DESTDIR and PREFIX)

SHELL := /bin/bash
SWIFT ?= swift
PREFIX ?= /usr
SYSCONFDIR ?= /etc
DESTDIR ?=
BUILD := .build
DEBUG_BIN = $(shell $(SWIFT) build --show-bin-path 2>/dev/null)
DEMO_DIR := $(BUILD)/demo

# Debian 12 packages: to build, and additionally to run the test stacks (gcc: the tests build the
# vendor-library doubles, e.g. Tests/tools/sdtapi-double.c).
BUILD_PACKAGES := pkg-config libpcsclite-dev libusb-1.0-0-dev libcups2-dev libpango1.0-dev \
	libcairo2-dev libqrencode-dev libsqlite3-dev fonts-noto-cjk libumockdev-dev
TEST_PACKAGES := pcscd vsmartcard-vpcd umockdev libumockdev-dev python3 python3-venv systemd poppler-utils zbar-tools cups cups-ipp-utils cups-filters dbus gcc \
	chromium xvfb xdotool xauth x11-xserver-utils
# The browser tests drive the system Chromium with Playwright from PyPI (never its own browser download);
# the lockdown test (Tests/UITests/browser_lockdown.py) presses keys in Xvfb with xdotool.
PLAYWRIGHT_VERSION := 1.65.2
UI_VENV := $(BUILD)/ui-venv
# The card benchmark's peers: a C program on libpcsclite and pyscard.
BENCH_PACKAGES := gcc python3-pyscard

.PHONY: all build build-tests demo test soak bench install deps-build deps-test deps-ui stack-versions verify-units clean

all: build

deps-build:
	@Tests/tools/ensure-packages $(BUILD_PACKAGES)

deps-test: deps-build
	@Tests/tools/ensure-packages $(TEST_PACKAGES)
	@$(MAKE) --no-print-directory deps-ui

deps-ui:
	@if ! $(UI_VENV)/bin/python -c 'import playwright, sys; from importlib.metadata import version; sys.exit(version("playwright") != "$(PLAYWRIGHT_VERSION)")' 2>/dev/null; then \
		echo "installing Playwright $(PLAYWRIGHT_VERSION) into $(UI_VENV)"; \
		python3 -m venv $(UI_VENV) && $(UI_VENV)/bin/pip install -q playwright==$(PLAYWRIGHT_VERSION); \
	fi

# The versions of the real stacks the tests use (.ci/run prints them first).
stack-versions: deps-test
	@Tests/tools/stack-versions $(UI_VENV)

build: deps-build
	$(SWIFT) build

# One build for tests and tools together: the test run uses the kioskd/kioskctl it built.
build-tests: deps-test
	$(SWIFT) build --build-tests

test: build-tests verify-units
	@mkdir -p $(BUILD)/test-results
	@rm -f $(BUILD)/test-results/*.xml
	@set -o pipefail; status=0; \
	timeout --kill-after=30 2400 $(SWIFT) test --skip-build --skip 'UIJourneyTests|BrowserLockdownTests' --xunit-output $(BUILD)/test-results/xunit.xml 2>&1 \
		| tee $(BUILD)/test-results/swift-test.log || status=$$?; \
	echo "browser journeys (Chromium runs alone, so it does not starve the timing-sensitive suites):"; \
	timeout --kill-after=30 1200 $(SWIFT) test --skip-build --filter UIJourneyTests --xunit-output $(BUILD)/test-results/ui.xml 2>&1 \
		| tee $(BUILD)/test-results/swift-test-ui.log || status=$$?; \
	echo "the browser against a keyboard (Xvfb, xdotool; after the journeys, so two Chromiums never share the cores):"; \
	timeout --kill-after=30 1800 $(SWIFT) test --skip-build --filter BrowserLockdownTests --xunit-output $(BUILD)/test-results/lockdown.xml 2>&1 \
		| tee $(BUILD)/test-results/swift-test-lockdown.log || status=$$?; \
	python3 Tests/tools/test-summary.py $(BUILD)/test-results || status=1; \
	exit $$status

# Exactly-once, exhaustively: every backend fault at every call combined with a SIGKILL at every
# journal commit (make test runs a seeded sample). Prints schedules per minute and the invariant tally.
soak: build-tests
	@set -o pipefail; KIOSK_SOAK=1 timeout --kill-after=30 5400 $(SWIFT) test --skip-build --filter 'FaultKillExplorerTests|ExactlyOnceExplorerTests|CardCrashRecoveryTests' 2>&1 \
		| grep -E 'explorer:|crash recovery|✘|Test run with'

# The units must pass `systemd-analyze verify` as installed, and stay within the exposure goal.
verify-units: build
	@rm -rf $(BUILD)/unit-root
	@$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(BUILD)/unit-root BUILD_CONFIGURATION=debug >/dev/null
	@Tests/tools/verify-units $(CURDIR)/$(BUILD)/unit-root

demo: build
	@mkdir -p $(DEMO_DIR)
	@# The demo runs its own copy of kiosk.conf (signed bundles rewrite it) and trusts a demo operator key.
	@cp kiosk.conf $(DEMO_DIR)/kiosk.conf && rm -rf $(DEMO_DIR)/config-history
	@[ -e $(DEMO_DIR)/operator.key ] || $(DEBUG_BIN)/kioskctl config keygen --output $(DEMO_DIR)/operator.key >/dev/null
	@echo "kioskd demo: open http://127.0.0.1:8080/demo (kiosk screen + demo controls) or http://127.0.0.1:8080/ (the screen alone)"
	@echo "  in another terminal: $(DEBUG_BIN)/kioskctl status --socket $(DEMO_DIR)/admin.sock"
	@echo "  signed configuration: $(DEBUG_BIN)/kioskctl config sign FILE --key $(DEMO_DIR)/operator.key --kiosk NT-CHONGCHUAN-0001 --output b.json"
	@echo "                        $(DEBUG_BIN)/kioskctl config push b.json --wait --socket $(DEMO_DIR)/admin.sock"
	KIOSK_ADMIN_SOCKET=$(CURDIR)/$(DEMO_DIR)/admin.sock KIOSK_ADMIN_GROUP= KIOSK_UI_ROOT=$(CURDIR)/Sources/KioskServer/UI \
	KIOSK_JOURNAL_PATH=$(CURDIR)/$(DEMO_DIR)/journal.sqlite KIOSK_UPDATES_HISTORY_DIRECTORY=$(CURDIR)/$(DEMO_DIR)/config-history \
	KIOSK_DEVICES_DATABASE=$(CURDIR)/Devices KIOSK_UPDATES_TRUSTED_KEYS=$$($(DEBUG_BIN)/kioskctl config public-key --key $(DEMO_DIR)/operator.key) \
		$(DEBUG_BIN)/kioskd --demo --config $(DEMO_DIR)/kiosk.conf \
		--sandbox-residents Sources/SandboxBackend/Data/residents.toml --sandbox-policies Sources/ContributionPolicy/Policies

bench: deps-test
	@Tests/tools/ensure-packages $(BENCH_PACKAGES)
	$(SWIFT) build -c release
	python3 Tests/tools/bench.py $(shell $(SWIFT) build -c release --show-bin-path)

BUILD_CONFIGURATION ?= release
install:
	@if [ "$(BUILD_CONFIGURATION)" = release ]; then $(SWIFT) build -c release; fi
	$(eval BIN := $(shell $(SWIFT) build -c $(BUILD_CONFIGURATION) --show-bin-path))
	install -Dm755 $(BIN)/kioskd $(DESTDIR)$(PREFIX)/sbin/kioskd
	install -Dm755 $(BIN)/kioskctl $(DESTDIR)$(PREFIX)/bin/kioskctl
	install -Dm755 $(BIN)/kiosk-backend $(DESTDIR)$(PREFIX)/bin/kiosk-backend
	install -Dm755 $(BIN)/kiosk-sim $(DESTDIR)$(PREFIX)/bin/kiosk-sim
	install -Dm755 $(BIN)/kiosk-browser $(DESTDIR)$(PREFIX)/lib/kioskd/kiosk-browser
	install -d $(DESTDIR)$(PREFIX)/share/kioskd/sandbox/policies
	install -m644 Sources/ContributionPolicy/Policies/*.toml $(DESTDIR)$(PREFIX)/share/kioskd/sandbox/policies/
	install -Dm644 Sources/SandboxBackend/Data/residents.toml $(DESTDIR)$(PREFIX)/share/kioskd/sandbox/residents.toml
	install -d $(DESTDIR)$(PREFIX)/share/kioskd/ui
	@# The demo control panel is for `make demo` (which serves the repository's copy), never a kiosk.
	cp -R Sources/KioskServer/UI/. $(DESTDIR)$(PREFIX)/share/kioskd/ui/
	rm -f $(DESTDIR)$(PREFIX)/share/kioskd/ui/demo.*
	install -d $(DESTDIR)$(PREFIX)/share/kioskd/devices
	cp -R Devices/. $(DESTDIR)$(PREFIX)/share/kioskd/devices/
	install -Dm644 Devices/udev/70-kioskd-scanner.rules $(DESTDIR)$(PREFIX)/lib/udev/rules.d/70-kioskd-scanner.rules
	install -Dm644 Devices/udev/70-kioskd-idcard-serial.rules $(DESTDIR)$(PREFIX)/lib/udev/rules.d/70-kioskd-idcard-serial.rules
	install -Dm644 systemd/kioskd.service $(DESTDIR)$(PREFIX)/lib/systemd/system/kioskd.service
	install -Dm644 systemd/kioskd-ui.socket $(DESTDIR)$(PREFIX)/lib/systemd/system/kioskd-ui.socket
	install -Dm644 systemd/kiosk-browser.service $(DESTDIR)$(PREFIX)/lib/systemd/system/kiosk-browser.service
	@# Chromium's managed policy: the kiosk browser's lockdown (the allow-listed URL must match [ui] listen).
	install -Dm644 systemd/kiosk-browser-policy.json $(DESTDIR)$(SYSCONFDIR)/chromium/policies/managed/kioskd.json
	install -Dm644 systemd/kioskd.sysusers $(DESTDIR)$(PREFIX)/lib/sysusers.d/kioskd.conf
	install -Dm644 systemd/kioskd.tmpfiles $(DESTDIR)$(PREFIX)/lib/tmpfiles.d/kioskd.conf
	install -Dm644 README.md $(DESTDIR)$(PREFIX)/share/doc/kioskd/README.md
	install -Dm644 kiosk.conf $(DESTDIR)$(PREFIX)/share/kioskd/kiosk.conf.default
	@# An operator's /etc/kioskd/kiosk.conf is never overwritten.
	@if [ ! -e $(DESTDIR)$(SYSCONFDIR)/kioskd/kiosk.conf ]; then \
		install -Dm640 kiosk.conf $(DESTDIR)$(SYSCONFDIR)/kioskd/kiosk.conf; \
	else echo "kept existing $(DESTDIR)$(SYSCONFDIR)/kioskd/kiosk.conf"; fi

clean:
	rm -rf $(BUILD)
