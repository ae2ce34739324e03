#!/usr/bin/env python3
"""kioskd benchmarks: run the release binaries in BIN_DIR and print one table.

Each later feature adds its measurement as one function in BENCHMARKS. A row is
(name, measured value, unit, target, whether the target is met). A benchmark that cannot measure
(a stack that does not start, a program that fails) is named with why; the others still run."""
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


class Unmeasured(Exception):
    """A benchmark (or one group inside kiosk-bench) that could not measure, and why."""

    def __init__(self, name, why):
        super().__init__(f"{name}: {why}")
        self.name, self.why = name, why


def run_program(name, command, **kwargs):
    """Runs a measuring program; its output, or Unmeasured with its exit status and the end of its stderr."""
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    if result.returncode != 0 and not result.stdout.strip():
        tail = " ".join(result.stderr.strip().splitlines()[-6:])
        raise Unmeasured(name, f"{os.path.basename(command[0])} exited with status {result.returncode}: {tail[-600:]}")
    return result


def rows_of(name, result):
    """ROW lines as rows; UNMEASURED lines (one group of kiosk-bench failed) as (name, why) pairs."""
    rows, unmeasured = [], []
    for line in result.stdout.splitlines():
        fields = line.split("\t")
        if len(fields) == 6 and fields[0] == "ROW":
            rows.append((fields[1], float(fields[2]), fields[3], fields[4], fields[5] == "1"))
        elif len(fields) == 3 and fields[0] == "UNMEASURED":
            unmeasured.append((fields[1], fields[2]))
    if result.returncode != 0:
        tail = " ".join(result.stderr.strip().splitlines()[-4:])
        unmeasured.append((name, f"exited with status {result.returncode} after {len(rows)} rows: {tail[-400:]}"))
    if not rows and not unmeasured:
        raise Unmeasured(name, "printed no rows: " + result.stdout[-400:])
    return rows, unmeasured


def scanner():
    """kiosk-bench --scanner inside umockdev-wrapper: a libumockdev scanner behind real libusb."""
    work = tempfile.mkdtemp(prefix="kiosk-bench-usb.")
    env = dict(os.environ, KIOSK_TEST_USB_TESTBED="1", TMPDIR=work)
    try:
        result = run_program("scanner", ["umockdev-wrapper", f"{BIN}/kiosk-bench", "--scanner", "--kioskd", f"{BIN}/kioskd", "--config", CONF,
                                         "--devices", os.path.join(REPO, "Devices")], env=env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows_of("scanner", result)


def in_process():
    """kiosk-bench: the measurements that need the kiosk's libraries in-process (backend client,
    sandbox throughput, state machine, journal). It prints ROW<TAB>name<TAB>value<TAB>unit<TAB>target<TAB>met."""
    work = tempfile.mkdtemp(prefix="kiosk-bench.")
    floor = os.path.join(work, "pcsc-floor")
    subprocess.run(["cc", "-O2", "-I/usr/include/PCSC", "-o", floor, os.path.join(REPO, "Tests/tools/pcsc-floor.c"), "-lpcsclite"],
                   check=True)
    try:
        result = run_program("in-process", [f"{BIN}/kiosk-bench", "--pcsc-floor", floor, "--pyscard", os.path.join(REPO, "Tests/tools/pcsc_pyscard.py"),
                                             "--devices", os.path.join(REPO, "Devices")])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows_of("in-process", result)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ui_enrollment():
    """Card inserted -> enrollment rendered in the real browser (system Chromium driven by Playwright)."""
    daemon = Daemon(ui_port=free_port())
    try:
        output = run_program("card -> enrollment in Chromium", [os.path.join(REPO, ".build/ui-venv/bin/python"), os.path.join(REPO, "Tests/UITests/bench_enrollment.py"),
                                                                 "--url", f"http://127.0.0.1:{daemon.ui_port}", "--n", "30", "--warmup", "2"]).stdout
    finally:
        daemon.stop()
    result = json.loads(output.strip().splitlines()[-1])
    return [
        (f"card inserted -> enrollment on screen, p50 (n={result['n']})", result["p50_ms"], "ms", "< 300", result["p50_ms"] < 300),
        (f"card inserted -> enrollment on screen, p95 (n={result['n']})", result["p95_ms"], "ms", "< 500", result["p95_ms"] < 500),
    ]


def card_to_screen():
    """Card inserted -> enrollment on screen through each card back end: kioskd as in production (not --demo)
    on the sandbox, the reader's back end at its own polling, the page in Chromium (kiosk-bench runs them all)."""
    result = run_program("card -> enrollment through each back end", [
        f"{BIN}/kiosk-bench", "--card-to-screen", "--screen-python", os.path.join(REPO, ".build/ui-venv/bin/python"),
        "--screen-probe", os.path.join(REPO, "Tests/UITests/bench_card_screen.py")], timeout=1800)
    return rows_of("card -> enrollment through each back end", result)


BENCHMARKS = [check_config, lifecycle, admin_and_idle, in_process, scanner, ui_enrollment, card_to_screen]


def main():
    rows, unmeasured = [], []
    for benchmark in BENCHMARKS:
        try:
            measured = benchmark()
        except Unmeasured as error:
            unmeasured.append((error.name, error.why))
            continue
        except Exception as error:  # a benchmark's own failure must not take the other rows with it
            unmeasured.append((benchmark.__name__, f"{type(error).__name__}: {error}"))
            continue
        if isinstance(measured, tuple):
            measured, missing = measured
            unmeasured.extend(missing)
        rows.extend(measured)
    width = max([len(row[0]) for row in rows] + [len("benchmark")])
    print(f"{'benchmark'.ljust(width)}  {'value':>10}  unit  target")
    for name, value, unit, target, met in rows:
        print(f"{name.ljust(width)}  {value:>10}  {unit:<4}  {target}{'' if met else '   MISSED'}")
    if unmeasured:
        print(f"\nnot measured ({len(unmeasured)}):")
        for name, why in unmeasured:
            print(f"  {name}: {why}")
    sys.exit(0 if rows and not unmeasured and all(row[4] for row in rows) else 1)


if __name__ == "__main__":
    main()
