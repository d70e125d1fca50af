#!/usr/bin/env python3
"""`make soak`: fault injection against a real rocfaultd.

While two injectors write countable events, rocfaultd is SIGKILLed at a random point and restarted,
SOAK_CYCLES times (default 100):

  kernel events   one amdgpu page-fault line each, written to /dev/kmsg (the daemon runs with
                  --accept-injected-kernel-lines), each with its own pasid
  journal events  one ROCr "Memory access fault" line each, sent to journald by its own short-lived
                  process (a distinct _PID), each with its own fault address

Then a last clean run, past the quiet period, and the checks on the store:

  lost        an injected event that is in no incident's evidence
  duplicated  an injected event in the evidence more than once (twice in one incident, or in two)
  open        an incident holding injected events that is not final
  coverage    an incident holding injected events whose kernel-log verdict is not `covered`,
              although the daemon read every kmsg record of the soak (no kmsg gap recorded over
              it, no kernel event lost); after a recorded loss, only incidents whose time the
              store's own kmsg coverage contains must say `covered`

Also a violation: a daemon run that ended by itself before its kill, or a last stop other than 0.
Also reported, not counted: stretches of the soak that the store's kmsg coverage rows miss.
Prints one summary line and exits 1 on any violation (2 on a set-up problem). Needs root, a built
rocfaultd and systemd-journald; a journald is started by hand when none serves the standard socket.
Environment: SOAK_CYCLES, SOAK_SEED, SOAK_DAEMON (default .build/debug/rocfaultd), SOAK_QUIET_PERIOD.
"""
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import warnings

from journald_by_hand import JOURNAL_SOCKET, ensure_journald

warnings.filterwarnings("ignore", category=DeprecationWarning)  # fork() with injector threads running

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = os.path.join(ROOT, "Rules")
JOURNALD_LOCK = "/run/rocfault-test-journald.lock"  # the lock RocfaultTestKit's TestJournald takes


def log(message):
    print(f"soak: {message}", file=sys.stderr, flush=True)


class Injector:
    """Writes numbered events on its own thread until stopped; remembers every token written."""

    def __init__(self, name, interval, write):
        self.name, self.interval, self.write = name, interval, write
        self.tokens = []
        self.written_us = {}  # token -> kernel monotonic time just before it was written
        self.errors = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        number = 0
        while not self.stopping.is_set():
            try:
                before = kernel_monotonic_us()
                token = self.write(number)
                self.tokens.append(token)
                self.written_us[token] = before
            except OSError as error:
                self.errors += 1
                log(f"{self.name} event {number} not written: {error}")
            number += 1
            self.stopping.wait(self.interval)

    def stop(self):
        self.stopping.set()
        self.thread.join()


def kernel_writer(base_pasid):
    def write(number):
        pasid = base_pasid + number
        line = f"<3>amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:{pasid})\n"
        # One open per line: the kernel rate-limits writes per open file, not per process.
        descriptor = os.open("/dev/kmsg", os.O_WRONLY | os.O_CLOEXEC)
        try:
            os.write(descriptor, line.encode())
        finally:
            os.close(descriptor)
        return f"pasid:{pasid})"

    return write


def journal_writer(run_id):
    """Each event from a fresh child process, so every line has its own trusted _PID."""

    def write(number):
        address = f"0x7f{run_id:04x}{number:06x}000"
        message = (
            f"Memory access fault by GPU node-1 (Agent handle: 0x55d0c0de0000) on address {address}. "
            "Reason: Page not present or supervisor privilege."
        )
        send_to_journal(message)
        return f"on address {address}."

    return write


class Daemon:
    def __init__(self, executable, state, quiet_period):
        self.arguments = [
            executable, "--state-dir", state, "--rules", RULES, "--accept-injected-kernel-lines",
            "--process-scan-interval", "0", "--journal-start", "tail", "--quiet-period", str(quiet_period),
        ]
        self.log_path = os.path.join(state, "rocfaultd.log")
        self.process = None
        self.starts = 0
        self.exits = []  # exit statuses of runs that ended before the soak killed them

    def start(self):
        self.log_offset = os.path.getsize(self.log_path) if os.path.exists(self.log_path) else 0
        with open(self.log_path, "a") as output:
            self.process = subprocess.Popen(self.arguments, stdout=output, stderr=subprocess.STDOUT)
        self.starts += 1

    def logged_since_start(self, text):
        with open(self.log_path, errors="replace") as handle:
            handle.seek(self.log_offset)
            return text in handle.read()

    def wait_ready(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.logged_since_start("rocfaultd ready"):
                return
            if self.process.poll() is not None:
                raise SystemExit(f"soak: rocfaultd exited ({self.process.returncode}); see {self.log_path}")
            time.sleep(0.05)
        raise SystemExit(f"soak: rocfaultd not ready in {timeout} s; see {self.log_path}")

    def kill(self):
        if self.process.poll() is not None:
            self.exits.append(self.process.returncode)
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            return None


def send_to_journal(message):
    """Sends one journal entry from a fresh child process; returns the child's pid (its _PID)."""
    datagram = f"MESSAGE={message}\nSYSLOG_IDENTIFIER=rocfault-soak\nPRIORITY=3\n".encode()
    child = os.fork()
    if child == 0:
        status = 0
        try:
            sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            sender.sendto(datagram, JOURNAL_SOCKET)
        except OSError:
            status = 1
        os._exit(status)
    _, status = os.waitpid(child, 0)
    if status != 0:
        raise OSError(f"child {child} could not send")
    return child


def wait_caught_up(database_path, timeout=120):
    """Waits until the daemon stored incidents for a journal and a kernel probe line sent now, and
    with them its journal and kmsg positions: a kill right after start-up must neither drop the
    journal back to its tail nor make every later run re-read the boot's whole kernel log (which,
    repeated, lets the small kernel ring overwrite what was never read)."""
    pid = send_to_journal("HIP out of memory. Tried to allocate 1.00 GiB")
    pasid = random.randrange(4_000_000, 4_100_000)
    kernel_writer(pasid)(0)
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            database = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
            # Both probes may land in one incident: the correlator joins a process's line and a
            # kernel fault that arrive together.
            has_pid, has_pasid = database.execute(
                "SELECT count(*) FILTER (WHERE pid = ?), count(*) FILTER (WHERE pasid = ?) FROM incident",
                (pid, pasid),
            ).fetchone()
            database.close()
            if has_pid and has_pasid:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.2)
    raise SystemExit("soak: rocfaultd did not catch up with the journal")


def kernel_monotonic_us():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000


def wait_until_recorded(database_path, tokens, since_us, timeout):
    """Waits until every token is in some evidence line (or the timeout passes)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            found = set(evidence_by_token(database_path, tokens, since_us))
            if found >= set(tokens):
                return True
        except sqlite3.Error:
            pass
        time.sleep(1)
    return False


def evidence_rows(database_path, since_us):
    """Evidence lines (not context) logged since `since_us` on the monotonic clock: the store also
    holds the boot's earlier kernel lines, among them other runs' and tests' page faults."""
    database = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
    try:
        return database.execute(
            """SELECT i.id, i.is_final, i.kernel_log, i.boot_id, i.first_seen_monotonic_us, l.text
               FROM evidence_line l JOIN evidence e ON l.evidence_id = e.id JOIN incident i ON e.incident_id = i.id
               WHERE l.is_context = 0 AND (l.monotonic_us IS NULL OR l.monotonic_us >= ?)""",
            (since_us,),
        ).fetchall()
    finally:
        database.close()


TOKEN_PATTERN = re.compile(r"pasid:\d+\)|on address 0x[0-9a-f]+\.")

# The kernel stamps kmsg records with its scheduler clock (local_clock), which in a virtual machine
# runs a few milliseconds behind CLOCK_MONOTONIC: the first event, written right after the soak's
# start is read, can carry an earlier stamp. Evidence is looked for from this much before the start.
KMSG_CLOCK_SKEW_US = 1_000_000


def evidence_by_token(database_path, tokens, since_us):
    """token -> list of (incident id, is_final, kernel_log, boot_id, first_seen_monotonic_us)."""
    wanted = set(tokens)
    found = {}
    for incident, final, kernel_log, boot, monotonic, text in evidence_rows(database_path, since_us):
        for token in TOKEN_PATTERN.findall(text):
            if token in wanted:
                found.setdefault(token, []).append((incident, final, kernel_log, boot, monotonic))
    return found


def kmsg_coverage(database_path, boot):
    """The store's kmsg coverage spans and gaps of a boot, on the monotonic clock."""
    database = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
    try:
        spans = database.execute(
            "SELECT from_monotonic_us, to_monotonic_us FROM coverage WHERE source = 'kmsg' AND boot_id = ?", (boot,)
        ).fetchall()
        gaps = database.execute(
            "SELECT from_monotonic_us, to_monotonic_us FROM gap WHERE source = 'kmsg' AND boot_id = ?", (boot,)
        ).fetchall()
    finally:
        database.close()
    return [s for s in spans if None not in s], gaps


def overlaps(gap, start_us, end_us):
    """Whether a gap (either end may be unknown) overlaps [start_us, end_us]."""
    low = gap[0] if gap[0] is not None else 0
    high = gap[1] if gap[1] is not None else 1 << 62
    return low <= end_us and high >= start_us


def covered(time_us, spans, gaps):
    """Whether a span contains the time and no gap overlaps it."""
    inside = any(start <= time_us <= end for start, end in spans)
    return inside and not any(overlaps(gap, time_us, time_us) for gap in gaps)


def holes(start_us, end_us, spans):
    """The stretches of [start_us, end_us] that no span contains."""
    found, position = [], start_us
    for start, end in sorted(spans):
        if start > position:
            found.append((position, min(start, end_us)))
        position = max(position, end)
        if position >= end_us:
            break
    if position < end_us:
        found.append((position, end_us))
    return [(start, end) for start, end in found if end > start]


def check(database_path, tokens, written_us, soak_start_us, soak_end_us):
    found = evidence_by_token(database_path, tokens, soak_start_us - KMSG_CLOCK_SKEW_US)
    lost = [token for token in tokens if token not in found]
    duplicated = [token for token, places in found.items() if len(places) > 1]
    incidents = {}
    for places in found.values():
        for incident, final, kernel_log, boot, monotonic in places:
            incidents[incident] = (final, kernel_log, boot, monotonic)
    open_incidents = [incident for incident, (final, *_) in incidents.items() if not final]
    boots = {boot for (_, _, boot, _) in incidents.values() if boot}
    boot = next(iter(boots)) if len(boots) == 1 else None
    spans, gaps = kmsg_coverage(database_path, boot) if boot else ([], [])
    # Ground truth: the daemon read every kmsg record of the soak unless it recorded a loss (a
    # kmsg gap) or lost a kernel event; then every incident of the soak was covered by kmsg reading.
    kmsg_lost = any(overlaps(gap, soak_start_us, soak_end_us) for gap in gaps) or any(t.startswith("pasid") for t in lost)
    wrong_coverage = [
        incident
        for incident, (_, kernel_log, _, monotonic) in incidents.items()
        if kernel_log != "covered" and (not kmsg_lost or (monotonic is not None and covered(monotonic, spans, gaps)))
    ]
    # A kernel event written before the end of a recorded kmsg loss may be in it: the kernel's ring
    # overwrote it before any run read it (the daemon says so; it is not a silent loss).
    in_gap = [t for t in lost if t.startswith("pasid") and any(overlaps(g, written_us[t], written_us[t]) for g in gaps)]
    return {
        "lost": lost,
        "lost_in_gap": in_gap,
        "duplicated": duplicated,
        "incidents": incidents,
        "open": open_incidents,
        "coverage": wrong_coverage,
        "kmsg_lost": kmsg_lost,
        "kmsg_holes": holes(soak_start_us, soak_end_us, spans),
        "verdicts": sorted({kernel_log for (_, kernel_log, _, _) in incidents.values()}),
    }


def main():
    cycles = int(os.environ.get("SOAK_CYCLES", "100"))
    seed = int(os.environ.get("SOAK_SEED", str(random.randrange(1 << 32))))
    quiet_period = int(os.environ.get("SOAK_QUIET_PERIOD", "2"))
    executable = os.environ.get("SOAK_DAEMON", os.path.join(ROOT, ".build/debug/rocfaultd"))
    if os.geteuid() != 0:
        raise SystemExit("soak: needs root (writes /dev/kmsg, starts journald)")
    if not os.access(executable, os.X_OK):
        raise SystemExit(f"soak: no rocfaultd at {executable} (make build, or set SOAK_DAEMON)")
    chance = random.Random(seed)
    log(f"seed {seed}, {cycles} cycles, quiet period {quiet_period} s")

    lock = open(JOURNALD_LOCK, "a")
    import fcntl

    fcntl.flock(lock, fcntl.LOCK_EX)  # no test stops a journald while the soak uses it
    journald = ensure_journald("soak")
    state = tempfile.mkdtemp(prefix="rocfault-soak-")
    database_path = os.path.join(state, "rocfault.sqlite")
    daemon = Daemon(executable, state, quiet_period)
    try:
        daemon.start()
        daemon.wait_ready()  # the first start positions the journal at its tail
        wait_caught_up(database_path)
        soak_start_us = kernel_monotonic_us()
        injectors = [
            Injector("kernel", 0.05, kernel_writer(chance.randrange(100_000, 900_000) * 4)),
            Injector("journal", 0.1, journal_writer(chance.randrange(1 << 16))),
        ]
        for injector in injectors:
            injector.thread.start()
        started = time.time()
        for cycle in range(cycles):
            # Killed anywhere from start-up (before READY) to well into steady reading.
            time.sleep(chance.uniform(0, 1.5))
            daemon.kill()
            time.sleep(chance.uniform(0, 0.3))  # events keep coming while it is down
            daemon.start()
            if (cycle + 1) % 10 == 0:
                log(f"{cycle + 1} kills, {sum(len(i.tokens) for i in injectors)} events so far")
        for injector in injectors:
            injector.stop()
        soak_end_us = kernel_monotonic_us()
        kill_seconds = time.time() - started
        daemon.kill()  # the last start may still be early; begin the final run cleanly
        daemon.start()
        daemon.wait_ready()
        tokens = [token for injector in injectors for token in injector.tokens]
        recorded = wait_until_recorded(database_path, tokens, soak_start_us - KMSG_CLOCK_SKEW_US, timeout=120)
        time.sleep(quiet_period * 2 + 3)  # past the quiet period: every incident becomes final
        status = daemon.stop()
        written_us = {token: t for injector in injectors for token, t in injector.written_us.items()}
        result = check(database_path, tokens, written_us, soak_start_us, soak_end_us)
    finally:
        if daemon.process and daemon.process.poll() is None:
            daemon.kill()
        if journald:
            journald.terminate()
            journald.wait()
        lock.close()

    kernel, journal = (len(injector.tokens) for injector in injectors)
    violations = len(result["lost"]) + len(result["duplicated"]) + len(result["open"]) + len(result["coverage"])
    violations += 0 if recorded else 1
    violations += 0 if status == 0 else 1
    violations += len(daemon.exits)
    for name in ("lost", "duplicated", "open", "coverage"):
        if result[name]:
            log(f"{name}: {len(result[name])}, e.g. {sorted(result[name], key=str)[:5]}")
    for start, end in result["kmsg_holes"][:5]:
        log(f"the store's kmsg coverage misses {start / 1e6:.3f}-{end / 1e6:.3f} s (monotonic) of the soak")
    print(
        f"soak: seed={seed} kills={cycles} in {kill_seconds:.0f}s events={kernel + journal} "
        f"(kernel {kernel}, journal {journal}, unwritten {sum(i.errors for i in injectors)}) "
        f"incidents={len(result['incidents'])} lost={len(result['lost'])} (in a recorded kmsg gap: "
        f"{len(result['lost_in_gap'])}) duplicated={len(result['duplicated'])} "
        f"not-final={len(result['open'])} wrong-coverage={len(result['coverage'])} "
        f"kernel-log-verdicts={','.join(result['verdicts'])} kmsg-loss={'yes' if result['kmsg_lost'] else 'no'} kmsg-coverage-holes={len(result['kmsg_holes'])} "
        f"clean-stop={'yes' if status == 0 else status} exits-before-kill={len(daemon.exits)} state={state} "
        f"{'OK' if violations == 0 else 'FAILED'}",
        flush=True,
    )
    return 0 if violations == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit as error:
        if isinstance(error.code, str):  # a set-up problem, raised with its message
            print(error.code, file=sys.stderr)
            sys.exit(2)
        raise
