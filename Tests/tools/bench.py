#!/usr/bin/env python3
"""kioskd benchmarks: run the release binaries in BIN_DIR and print one table.

Each later feature adds its measurement as one function in BENCHMARKS. A row is
(name, measured value, unit, target, whether the target is met)."""
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/release"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONF = os.path.join(REPO, "kiosk.conf")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def median_ms(samples):
    return round(statistics.median(samples) * 1000, 1)


class Daemon:
    """kioskd --demo in a temporary folder, with a NOTIFY_SOCKET to see READY=1."""

    def __init__(self, ui_port=0):
        self.ui_port = ui_port
        self.work = tempfile.mkdtemp(prefix="kioskd-bench.")
        self.socket_path = os.path.join(self.work, "admin.sock")
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(os.path.join(self.work, "notify.sock"))
        self.notify.settimeout(10)
        env = dict(os.environ,
                   NOTIFY_SOCKET=os.path.join(self.work, "notify.sock"),
                   KIOSK_ADMIN_SOCKET=self.socket_path, KIOSK_ADMIN_GROUP="",
                   KIOSK_JOURNAL_PATH=os.path.join(self.work, "journal.sqlite"),
                   KIOSK_UPDATES_HISTORY_DIRECTORY=os.path.join(self.work, "config-history"),
                   KIOSK_DEVICES_DATABASE=os.path.join(REPO, "Devices"),
                   KIOSK_UI_LISTEN=f"127.0.0.1:{ui_port}", KIOSK_UI_ROOT=os.path.join(REPO, "Sources/KioskServer/UI"))
        self.started = time.monotonic()
        self.process = subprocess.Popen([f"{BIN}/kioskd", "--demo", "--config", CONF, "--log-level", "warning",
                                         "--sandbox-residents", os.path.join(REPO, "Sources/SandboxBackend/Data/residents.toml"),
                                         "--sandbox-policies", os.path.join(REPO, "Sources/ContributionPolicy/Policies")],
                                        env=env, stdout=subprocess.DEVNULL)
        while True:
            message = self.notify.recv(4096).decode()
            if "READY=1" in message:
                self.ready_after = time.monotonic() - self.started
                return

    def stop(self):
        began = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(timeout=10)
        elapsed = time.monotonic() - began
        self.notify.close()
        shutil.rmtree(self.work, ignore_errors=True)
        return status, elapsed

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def check_config():
    samples = []
    for _ in range(10):
        began = time.monotonic()
        subprocess.run([f"{BIN}/kioskd", "--check-config", CONF], check=True, stdout=subprocess.DEVNULL)
        samples.append(time.monotonic() - began)
    value = median_ms(samples)
    return [("kioskd --check-config kiosk.conf (median of 10)", value, "ms", "< 200", value < 200)]


def lifecycle():
    ready, stops, statuses = [], [], []
    for _ in range(5):
        daemon = Daemon()
        ready.append(daemon.ready_after)
        status, elapsed = daemon.stop()
        stops.append(elapsed)
        statuses.append(status)
    ready_ms, stop_ms = median_ms(ready), median_ms(stops)
    clean = all(status == 0 for status in statuses)
    return [
        ("kioskd start to READY=1 (median of 5)", ready_ms, "ms", "< 1000", ready_ms < 1000),
        ("SIGTERM to exit 0, idle (median of 5)", stop_ms, "ms", "< 2000, exit 0", stop_ms < 2000 and clean),
    ]


def admin_and_idle():
    daemon = Daemon()
    try:
        samples = []
        for _ in range(10):
            began = time.monotonic()
            subprocess.run([f"{BIN}/kioskctl", "status", "--json", "--socket", daemon.socket_path],
                           check=True, stdout=subprocess.DEVNULL)
            samples.append(time.monotonic() - began)
        time.sleep(2)
        before, began = daemon.cpu_seconds(), time.monotonic()
        time.sleep(20)
        idle = round(100 * (daemon.cpu_seconds() - before) / (time.monotonic() - began), 2)
    finally:
        daemon.stop()
    status_ms = median_ms(samples)
    return [
        ("kioskctl status --json, whole command (median of 10)", status_ms, "ms", "< 300", status_ms < 300),
        ("kioskd idle CPU over 20 s", idle, "%", "< 1", idle < 1),
    ]


def rows_of(output):
    rows = []
    for line in output.splitlines():
        fields = line.split("\t")
        if len(fields) == 6 and fields[0] == "ROW":
            rows.append((fields[1], float(fields[2]), fields[3], fields[4], fields[5] == "1"))
    if not rows:
        raise SystemExit("kiosk-bench printed no rows:\n" + output)
    return rows


def scanner():
    """kiosk-bench --scanner inside umockdev-wrapper: a libumockdev scanner behind real libusb."""
    work = tempfile.mkdtemp(prefix="kiosk-bench-usb.")
    env = dict(os.environ, KIOSK_TEST_USB_TESTBED="1", TMPDIR=work)
    try:
        output = subprocess.run(["umockdev-wrapper", f"{BIN}/kiosk-bench", "--scanner", "--kioskd", f"{BIN}/kioskd", "--config", CONF,
                                 "--devices", os.path.join(REPO, "Devices")], check=True, stdout=subprocess.PIPE, text=True, env=env).stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows_of(output)


def in_process():
    """kiosk-bench: the measurements that need the kiosk's libraries in-process (backend client,
    sandbox throughput, state machine, journal). It prints ROW<TAB>name<TAB>value<TAB>unit<TAB>target<TAB>met."""
    work = tempfile.mkdtemp(prefix="kiosk-bench.")
    floor = os.path.join(work, "pcsc-floor")
    subprocess.run(["cc", "-O2", "-I/usr/include/PCSC", "-o", floor, os.path.join(REPO, "Tests/tools/pcsc-floor.c"), "-lpcsclite"],
                   check=True)
    try:
        output = subprocess.run([f"{BIN}/kiosk-bench", "--pcsc-floor", floor, "--pyscard", os.path.join(REPO, "Tests/tools/pcsc_pyscard.py"),
                                 "--devices", os.path.join(REPO, "Devices")],
                                check=True, stdout=subprocess.PIPE, text=True).stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows_of(output)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ui_enrollment():
    """Card inserted -> enrollment rendered in the real browser (system Chromium driven by Playwright)."""
    daemon = Daemon(ui_port=free_port())
    try:
        output = subprocess.run([os.path.join(REPO, ".build/ui-venv/bin/python"), os.path.join(REPO, "Tests/UITests/bench_enrollment.py"),
                                 "--url", f"http://127.0.0.1:{daemon.ui_port}", "--n", "30", "--warmup", "2"],
                                check=True, stdout=subprocess.PIPE, text=True).stdout
    finally:
        daemon.stop()
    result = json.loads(output.strip().splitlines()[-1])
    return [
        (f"card inserted -> enrollment on screen, p50 (n={result['n']})", result["p50_ms"], "ms", "< 300", result["p50_ms"] < 300),
        (f"card inserted -> enrollment on screen, p95 (n={result['n']})", result["p95_ms"], "ms", "< 500", result["p95_ms"] < 500),
    ]


BENCHMARKS = [check_config, lifecycle, admin_and_idle, in_process, scanner, ui_enrollment]


def main():
    rows = []
    for benchmark in BENCHMARKS:
        rows.extend(benchmark())
    width = max(len(row[0]) for row in rows)
    print(f"{'benchmark'.ljust(width)}  {'value':>10}  unit  target")
    for name, value, unit, target, met in rows:
        print(f"{name.ljust(width)}  {value:>10}  {unit:<4}  {target}{'' if met else '   MISSED'}")
    sys.exit(0 if all(row[4] for row in rows) else 1)


if __name__ == "__main__":
    main()
