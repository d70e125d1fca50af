"""A systemd-journald started by hand for the soak and the daemon benchmark, on machines without
systemd as PID 1 (containers, CI): the scripts log through the standard socket and the daemon
follows the journal that journald writes."""
import os
import socket
import subprocess
import time

JOURNAL_SOCKET = "/run/systemd/journal/socket"
JOURNALD = "/lib/systemd/systemd-journald"


def journald_serving():
    """Whether a journald accepts datagrams on the standard socket."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        probe.connect(JOURNAL_SOCKET)
        return True
    except OSError:
        return False
    finally:
        probe.close()


def ensure_journald(who):
    """A journald process started here, or None when one already serves; `who` names the caller in
    the error when none comes up within 10 s."""
    if journald_serving():
        return None
    environment = dict(os.environ, SYSTEMD_LOG_LEVEL="warning")
    process = subprocess.Popen([JOURNALD], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while time.time() < deadline and process.poll() is None:
        if journald_serving():
            return process
        time.sleep(0.02)
    process.kill()
    raise SystemExit(f"{who}: systemd-journald did not start serving {JOURNAL_SOCKET}")
