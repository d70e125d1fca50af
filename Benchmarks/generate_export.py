#!/usr/bin/env python3
"""Writes journal export format (`journalctl -o export` layout) for benchmarks, to feed
`systemd-journal-remote`. Same lines as generate_log.py. Usage: generate_export.py COUNT [GPU_SHARE]
"""
import random
import sys

from generate_log import pick

BOOT = "7d4d2a1e0c3b4f5a9e8d7c6b5a493827"


def main() -> None:
    count = int(sys.argv[1])
    share = float(sys.argv[2]) if len(sys.argv) > 2 else 0.001
    rng = random.Random(1151)
    realtime = 1_790_000_000_000_000
    monotonic = 5_000_000
    out = sys.stdout
    batch = []
    for index in range(count):
        step = rng.randrange(100, 50_000)
        realtime += step
        monotonic += step
        ident, pid, text = pick(rng, share)
        text = text.format(a=rng.randrange(1, 60), b=rng.randrange(1000, 99999), c=rng.randrange(100, 65535))
        transport = "kernel" if ident == "kernel" else "stdout"
        fields = [
            f"__CURSOR=s=bench;i={index:x};b={BOOT};m={monotonic:x};t={realtime:x};x=0",
            f"__REALTIME_TIMESTAMP={realtime}",
            f"__MONOTONIC_TIMESTAMP={monotonic}",
            f"_BOOT_ID={BOOT}",
            f"_TRANSPORT={transport}",
            "PRIORITY=6",
            f"SYSLOG_IDENTIFIER={ident}",
            f"_PID={pid or rng.randrange(1000, 50000)}",
            "_HOSTNAME=h",
            f"MESSAGE={text}",
        ]
        if transport == "kernel":
            fields.append("SYSLOG_FACILITY=0")
        batch.append("\n".join(fields) + "\n\n")
        if len(batch) == 5000:
            out.write("".join(batch))
            batch.clear()
    out.write("".join(batch))


if __name__ == "__main__":
    main()
