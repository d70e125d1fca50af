#!/usr/bin/env python3
"""Writes a large synthetic journal (journalctl short layout) for benchmarks.

Noise lines imitate a busy desktop/server journal; a fixed share of lines are real GPU failure
lines from the corpus fixtures. Deterministic for a given seed.
Usage: generate_log.py OUT SIZE_MIB [GPU_SHARE]
"""
import random
import sys

NOISE = [
    ("kernel", None, "usb 1-{a}: new high-speed USB device number {b} using xhci_hcd"),
    ("kernel", None, "EXT4-fs (nvme0n1p{a}): mounted filesystem with ordered data mode. Quota mode: none."),
    ("kernel", None, "audit: type=1400 audit({b}.{c}:{a}): apparmor=\"STATUS\" name=\"snap.{a}\""),
    ("kernel", None, "IPv6: ADDRCONF(NETDEV_CHANGE): wlp{a}s0: link becomes ready"),
    ("kernel", None, "r8169 0000:0{a}:00.0 enp{a}s0: Link is Up - 1Gbps/Full - flow control rx/tx"),
    ("systemd", 1, "Started session-{a}.scope - Session {a} of User user{b}."),
    ("systemd", 1, "Starting logrotate.service - Rotate log files..."),
    ("systemd", 1, "user@{b}.service: Consumed {a}.{c}s CPU time."),
    ("NetworkManager", 812, "<info>  [{b}.{c}] device (wlp{a}s0): state change: activated -> activated"),
    ("NetworkManager", 812, "<info>  [{b}.{c}] dhcp4 (enp{a}s0): state changed new lease, address=192.168.{a}.{b}"),
    ("sshd", None, "Accepted publickey for user{a} from 10.0.{a}.{b} port {c} ssh2"),
    ("CRON", None, "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)"),
    ("dbus-daemon", 733, "[system] Successfully activated service 'org.freedesktop.{a}'"),
    ("gnome-shell", 1801, "Window manager warning: Overwriting binding of keysym {a}"),
    ("python3", None, "INFO:     127.0.0.1:{c} - \"POST /prompt HTTP/1.1\" 200 OK"),
    ("python3", None, "Prompt executed in {a}.{c} seconds"),
    ("ollama", 2210, "level=INFO source=server.go:{b} msg=\"request\" status=200 duration={c}ms"),
    ("containerd", 990, "level=info msg=\"shim disconnected\" id={b}{c} namespace=moby"),
    ("chronyd", 701, "Selected source 192.0.2.{a} (2.debian.pool.ntp.org)"),
    ("systemd-logind", 744, "New session {a} of user user{b}."),
]

GPU = [
    ("kernel", None, "amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:32771)"),
    ("kernel", None, "amdgpu 0000:c5:00.0: amdgpu:  in process ollama pid 3678233 thread ollama pid 3678241)"),
    ("kernel", None, "amdgpu 0000:c5:00.0: amdgpu:   in page starting at address 0x00007f3a58f7f000 from client 10"),
    ("kernel", None, "amdgpu 0000:c5:00.0: amdgpu: GCVM_L2_PROTECTION_FAULT_STATUS:0x00901031"),
    ("kernel", None, "amdgpu 0000:c5:00.0: amdgpu:          Faulty UTCL2 client ID: TCP (0x8)"),
    ("kernel", None, "amdgpu 0000:c5:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE"),
    ("kernel", None, "amdgpu 0000:c5:00.0: amdgpu: GPU reset begin!"),
    ("kernel", None, "[drm:amdgpu_job_timedout [amdgpu]] *ERROR* ring gfx_0.0.0 timeout, signaled seq=159760, emitted seq=159762"),
    ("kernel", None, "amdgpu: Freeing queue vital buffer 0x78d384400000, queue evicted"),
    ("python3", 5255, "Memory access fault by GPU node-1 (Agent handle: 0x58935a90) on address 0x7fbe6a804000. Reason: Page not present or supervisor privilege."),
    ("python3", 4242, "Memory critical error by agent node-0 (Agent handle: 0x560304d08f00) on address 0x7f091de3f000. Reason: Memory in use."),
    ("python3", 4242, "HW Exception by GPU node-1 (Agent handle: 0x5b522e50) reason :GPU Hang"),
]


def main() -> None:
    out, size_mib = sys.argv[1], int(sys.argv[2])
    share = float(sys.argv[3]) if len(sys.argv) > 3 else 0.001
    rng = random.Random(1151)
    target = size_mib << 20
    written = 0
    lines = 0
    second = 0
    with open(out, "w", encoding="utf-8") as handle:
        while written < target:
            batch = []
            for _ in range(10000):
                second += rng.random() * 0.05
                ident, pid, text = pick(rng, share)
                text = text.format(a=rng.randrange(1, 60), b=rng.randrange(1000, 99999), c=rng.randrange(100, 65535))
                stamp = stamp_for(second)
                proc = f"{ident}[{pid or rng.randrange(1000, 50000)}]" if ident != "kernel" else "kernel"
                batch.append(f"{stamp} h {proc}: {text}\n")
            chunk = "".join(batch)
            handle.write(chunk)
            written += len(chunk.encode())
            lines += len(batch)
    print(f"{out}: {written} bytes, {lines} lines")


def pick(rng, share):
    table = GPU if rng.random() < share else NOISE
    return table[rng.randrange(len(table))]


def stamp_for(second: float) -> str:
    whole = int(second)
    day = 1 + whole // 86400
    hours, rest = divmod(whole % 86400, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"Nov {day:02d} {hours:02d}:{minutes:02d}:{seconds:02d}"


if __name__ == "__main__":
    main()
