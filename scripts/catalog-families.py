#!/usr/bin/env python3
"""Generates Rules/47-amdgpu-catalog.yaml: the amdgpu catalog families, built from the driver's own formats.

Every error- and warning-level print of drivers/gpu/drm/amd/{amdgpu,amdkfd,pm} in Debian's
linux-source-6.1 and -6.12 (extracted by scripts/vocabulary.py, plus any --kernel-src tree and the
few newer-kernel formats listed in NEWER_FORMATS) is assigned to a family by the source file that
prints it (PSP, SMU, powerplay, MES, SDMA, VCN, RAS, KFD, display, GMC/VM, GFX, SR-IOV, device).
A family's pattern is the amdgpu line prefix followed by an alternation of its formats' literal
text (the first LITERAL_CHARS characters of each format, conversions matched up to the next
literal), factored into a prefix tree so the engine tries each character once. A line matches a
family only when it starts with the text of one of the driver's own formats.

Which entry a format goes to is decided from the format, not at match time:
- error-level formats, and warning-level ones that report a failure in their own words
  (FAILURE_WORDS), go to the family of their file (side kernel-fault);
- formats that refuse a setting or an option (REFUSAL_WORDS) go to amdgpu.catalog.rejected-setting,
  warning-level formats without a failure word to amdgpu.catalog.driver-notice (both kernel-benign).
The meaning and actions of each family are written by hand below (FAMILIES).

Usage: scripts/catalog-families.py [--cache DIR] [--kernel-src DIR ...] [--output FILE]
"""

import argparse
import importlib.util
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("vocabulary", os.path.join(ROOT, "scripts", "vocabulary.py"))
vocabulary = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vocabulary)

LITERAL_CHARS = 60
PREFIX = (r"(?:amdgpu [0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.\d: (?:amdgpu: |\[drm(?::\w+ \[amdgpu\])?\] "
          r"(?:\*ERROR\* )?)?+|\[drm:\w+ \[amdgpu\]\] \*ERROR\* (?:amdgpu: )?+|(?<![\w-])amdgpu:[ \t]+)"
          r"(?:\[powerplay\] )?+")

# Formats printed by kernels newer than the Debian trees, read in the upstream sources:
# (path, level, format, kernel).
NEWER_FORMATS = [
    # smu_cmn.c of 7.x kernels; seen in public reports on 7.0 (`SMU: No response msg_reg: 17 resp_reg: 0`).
    ("pm/swsmu/smu_cmn.c", "error", "SMU: No response msg_reg: %x resp_reg: %x", "7.x"),
]

FAILURE_WORDS = re.compile(
    r"(?i)fail|error|time ?out|timed ?out|\bhang|hung|\blost\b|corrupt|no response|not respond|unrecoverable|"
    r"unhandled|(?<!de)fault|abort|illegal|overflow|overrun|stuck|threshold|bad status|poison|\becc\b|"
    r"sigsegv|sigbus|sigterm|inconsistent|mismatch|can't|cannot|could not|couldn't|unable|not idle|busy|"
    r"not (?:ready|found|available|initialized)|no (?:memory|suitable|doorbell|more)|out of|too (?:small|large)|"
    r"exceed|invalid|err detected|emergency|reset")
REFUSAL_WORDS = re.compile(
    r"must be|should be|is (?:greater|less|larger|over)|over max|only supported|allowed|valid range|"
    r"not supported|[Uu]nsupported|Please|setting|has not been (?:configured|compiled)|not in manual mode|"
    r"supported by vbios|isn't supported, using|period range|supported only by|supported with|"
    r"Input parameter number|You may experience|likely a mistake|not enabled|is disabled|not accessible")

COMMON_NO_MATCH = [
    "amdgpu 0000:03:00.0: amdgpu: SMU is initialized successfully!",
    "xe 0000:00:02.0: [drm] *ERROR* GT0: engine reset failed",
    "nouveau 0000:01:00.0: fifo: fault 00 [READ] at 0000000000000000",
    "i915 0000:00:02.0: [drm] *ERROR* Failed to load firmware",
]

FAMILY_FIELDS = ("id", "files", "subsystem", "class", "meaning", "action", "investigate")
# (id suffix, source files, subsystem, class, meaning, action, investigate); the first whose files match wins.
FAMILIES = [
    ("psp", r"^amdgpu/(psp_|amdgpu_psp|amdgpu_securedisplay|amdgpu_rap|amdgpu_ta|ta_|amdgpu_ucode|"
     r"amdgpu_fw_attestation|amdgpu_hdcp|amdgpu_dtm|imu_|amdgpu_imu)", "PSP", "firmware-init",
     "The PSP (the GPU's security processor) or a firmware load step failed: a microcode, a TA "
     "(trusted application), the TMR or the PSP ring was refused, so a block may not come up. A driver "
     "failure at init, not a fault of running work.",
     "Check that linux-firmware matches the kernel and holds this GPU's files (and that the initramfs "
     "carries them); reboot after updating.",
     "Compare the firmware versions in /sys/kernel/debug/dri/N/amdgpu_firmware_info with linux-firmware "
     "upstream; look for a leftover amdgpu-dkms firmware directory."),
    ("smu", r"^pm/swsmu/", "SMU/PM", "smu-error",
     "The SMU, the GPU's power-management firmware (swsmu, Navi and later), did not answer the driver, "
     "refused a message, or the driver failed to read or apply a power, clock, fan or thermal table.",
     "Undo power, clock and fan tuning (overdrive, power caps); update linux-firmware and the BIOS; "
     "reboot if the GPU stopped answering.",
     "Read pp_dpm_*, power1_cap and the SMU firmware version (amdgpu_firmware_info); an SMU that stops "
     "answering after a reset or resume points at firmware."),
    ("powerplay", r"^pm/|^amdgpu/(si_dpm|kv_dpm|amdgpu_dpm|smu_v11_0_i2c)", "SMU/PM", "smu-error",
     "The power management of older GPUs (powerplay and the legacy DPM code: Vega, Polaris, GCN) could "
     "not talk to the SMC or failed to set up its clock, voltage, fan or thermal tables.",
     "Undo power and clock tuning; note the kernel and VBIOS versions; try a newer kernel.",
     "Look for a failed resume or GPU reset just before; compare the pptable and VBIOS with a known good "
     "board of the same model."),
    ("mes", r"^amdgpu/(mes_|amdgpu_mes)", "MES", "mes-hang",
     "The MES, the firmware scheduler of gfx11/gfx12 GPUs, failed or refused a command (add, remove or "
     "suspend a queue, a misc op) or the driver could not set up its buffers, so queues may no longer be "
     "scheduled.",
     "Save dmesg and the application log; if the GPU stays wedged, reboot (the driver may attempt a reset).",
     "Note the MES firmware version (amdgpu_firmware_info), kernel and linux-firmware; compare with newer "
     "firmware and the known MES issues."),
    ("sdma", r"^amdgpu/(sdma_|cik_sdma|si_dma|amdgpu_sdma)", "SDMA", "driver-error",
     "The SDMA copy engine failed a ring or IB test, a queue operation or its set-up.",
     "Save dmesg; rerun the job once. If it repeats, update the kernel and linux-firmware.",
     "Check whether the SDMA failure follows a page fault or reset (look above the line) and note the SDMA "
     "firmware version."),
    ("vcn", r"^amdgpu/(vcn_|uvd_|vce_|jpeg_|vpe_|umsch_|amdgpu_(vcn|uvd|vce|jpeg|vpe|umsch))", "VCN",
     "driver-error",
     "The video engine (VCN/UVD/VCE/JPEG/VPE) failed to start, answer or accept a job, or rejected a "
     "malformed decode or encode command.",
     "Retry with hardware video decoding off in the application (it is not a compute failure); save dmesg.",
     "Note the VCN firmware and the media stack (Mesa/VA-API) version; a bad command stream points at "
     "userspace."),
    ("ras", r"^amdgpu/(amdgpu_ras|umc_|amdgpu_umc|amdgpu_mca|amdgpu_aca|amdgpu_xgmi|df_|amdgpu_df|"
     r"amdgpu_eeprom|amdgpu_fru|mca_|amdgpu_cper|hdp_)", "RAS", "ras-error",
     "The RAS (reliability) machinery reported a hardware memory or fabric error or a poison consumption, "
     "or could not read or manage its error records and bad-page table.",
     "Stop using the GPU for production work; save dmesg and the RAS counters "
     "(/sys/class/drm/card*/device/ras/).",
     "Read the RAS error counts and the bad-page table; repeated uncorrectable errors on one board mean "
     "hardware: contact the board vendor."),
    ("kfd", r"^amdkfd/|^amdgpu/amdgpu_amdkfd", "KFD", "driver-error",
     "amdkfd, the compute (ROCm) side of the driver, failed to create, map, evict or restore a user queue "
     "or buffer, to handle a process, or to build the GPU topology, so a ROCm process may fail or hang.",
     "Save dmesg and the application log; restart the ROCm process. If the line repeats, note the kernel "
     "and ROCm versions.",
     "Match the ROCm version to the kernel (amdgpu-dkms or upstream kfd); check memory limits (ulimit -l, "
     "GTT size) for pin and map failures."),
    ("display", r"^amdgpu/(atom|amdgpu_atom|dce_|amdgpu_(connectors|display|encoders|i2c|afmt|pll|dp|vkms|"
     r"backlight|atombios))", "display", "driver-error",
     "The display side of amdgpu (DCE, atombios, encoders, connectors, DP/HDMI audio, I2C) failed an "
     "operation or met a table it does not know.",
     "Note the monitor, cable and port; try another port or cable and a newer kernel. It does not affect "
     "compute work.",
     "Check the connector's EDID and the VBIOS version; DP link-training failures usually follow the cable "
     "or adapter."),
    ("vm", r"^amdgpu/(gmc_|mmhub_|gfxhub_|amdgpu_(gmc|vm|gart|object|ttm|gem|bo_list|gtt_mgr|vram_mgr|hmm|mn|"
     r"dma_buf|preempt_mgr|sa|seq64|doorbell|res_cursor|xcp))", "GMC/VM", "driver-error",
     "The memory side of amdgpu (GPU virtual memory, GART, buffer objects, VRAM/GTT, the memory hubs) "
     "failed to allocate, map, move or flush, or met an inconsistent mapping.",
     "Save dmesg; check free VRAM/GTT when the job ran (amdgpu_top, /sys/class/drm/card*/device/mem_info_*); "
     "restart the job.",
     "Allocation failures under memory pressure are limits, not bugs; a failed VM flush or an inconsistent "
     "mapping after a fault is a driver bug to report."),
    ("gfx", r"^amdgpu/(gfx_|amdgpu_(gfx|rlc|ring|ib|job|fence|cs|ih|irq|ctx|sched|ring_mux|isp)|\w+_ih\.[ch]|"
     r"amdgpu_trace)", "GFX", "driver-error",
     "The graphics/compute engine (GFX, CP/MEC, KIQ, RLC, a ring, the scheduler or the interrupt handler) "
     "failed a test, a command submission or a queue operation.",
     "Save dmesg; if the GPU stopped working, reboot. Note the kernel, firmware and GPU.",
     "Look above the line for a page fault or ring timeout that caused it; check the RLC/MEC firmware "
     "versions."),
    ("virt", r"^amdgpu/(amdgpu_virt|mxgpu_)", "device", "driver-error",
     "The SR-IOV virtual function driver failed a handshake with the host (the hypervisor's GPU driver): "
     "a request for GPU access, a reset or init data timed out or was refused.",
     "Save the guest's dmesg and ask the host administrator for the host driver's log at that time.",
     "Compare the guest and host driver versions; a timeout on the mailbox points at the host side."),
    ("device", r".", "device", "driver-error",
     "The amdgpu driver reported that an operation on the device failed outside the blocks above: device "
     "init, IP discovery, the BIOS/ACPI tables, a reset, a register table or a driver-internal check.",
     "Save dmesg; note the kernel, linux-firmware and GPU; try a newer kernel.",
     "Read the lines before it for the first failure; look the exact line up in the kernel's "
     "drivers/gpu/drm/amd sources or the amdgpu issue tracker."),
]
BENIGN_FAMILIES = {
    "rejected-setting": (
        "device",
        "The driver refused a setting or a request it was given (a clock, power or fan value out of range, a "
        "module option, a feature this firmware or board does not support): nothing failed on the GPU.",
        "Correct the setting or option that was refused (sysfs value, module parameter, tuning tool).",
        "Read the allowed range the line names; check which tool or udev rule writes the setting."),
    "driver-notice": (
        "device",
        "A warning of the driver that reports no failure: a fallback it took, a table or an optional "
        "feature it did without, or a note about the configuration.",
        "Nothing to do for the GPU; keep the line with the rest of the log.",
        "If a problem follows, read the line before it; the note may name the missing table or option."),
}


def format_tokens(fmt):
    """The regex pieces of a format's first line: literal characters, whitespace runs, conversion runs."""
    text = fmt.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\")
    text = text.lstrip(" \t\n").split("\n")[0].rstrip()
    text = re.sub(r"^(?:amdgpu:[ \t]*)?(?:\[powerplay\][ \t]*)?", "", text)  # the prefix pattern takes them
    items, position = [], 0
    for match in vocabulary.CONVERSION.finditer(text):
        items += list(text[position:match.start()])
        items.append("%%" if match.group(5) == "%" else None)
        position = match.end()
    items += list(text[position:])
    return items


def literal_piece(char):
    if char in " \t":
        return "[ \\t]++"
    if char == "%%":
        return "%"
    return re.escape(char) if not char.isalnum() else char


def tokens_to_pieces(items):
    """Regex pieces: literals escaped, each run of conversions matched up to the next literal text."""
    pieces, literal_count, i = [], 0, 0
    while i < len(items) and literal_count < LITERAL_CHARS:
        if items[i] is None:
            while i < len(items) and items[i] is None:
                i += 1
            following = []
            for char in items[i:i + 4]:
                if char is None or char == "%%":
                    break
                following.append(char)
            if not following:
                break  # a trailing conversion: the literal text before it decides
            guard = "".join(literal_piece(c).replace("++", "") for c in following)
            pieces.append("(?:(?!%s)[^\\n])*+" % guard)
            continue
        if items[i] in " \t":
            while i < len(items) and items[i] is not None and items[i] in " \t":
                i += 1
            pieces.append(literal_piece(" "))
            literal_count += 1
            continue
        pieces.append(literal_piece(items[i]))
        literal_count += 1
        i += 1
    while pieces and pieces[-1] == literal_piece(" "):
        pieces.pop()
    return pieces


def distinctive(items):
    """Whether a format has literal words enough to tell its lines from other drivers' lines: six
    letters, or nine when it starts with a conversion (`%s failed` alone would match anything)."""
    words = re.findall(r"[A-Za-z]{2,}", "".join(c for c in items if c is not None and c != "%%"))
    return sum(len(w) for w in words) >= (9 if items and items[0] is None else 6)


def trie_regex(sequences):
    """One regex matching any of the piece sequences, common prefixes factored out; a sequence that is
    a prefix of another ends the branch (the line only has to start with a format's text)."""
    root = {}
    for pieces in sequences:
        node = root
        for piece in pieces:
            if node.get("") is True:
                break
            node = node.setdefault(piece, {})
        else:
            node.clear()
            node[""] = True
    return emit(root)


def emit(node):
    if node.get("") is True:
        return ""
    branches = [piece + emit(child) for piece, child in sorted(node.items())]
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def family_of(path):
    for family in FAMILIES:
        if re.search(family[1], path):
            return family[0]
    raise AssertionError(path)


def entry_of(path, level, fmt_text):
    if REFUSAL_WORDS.search(fmt_text) and not re.search(r"(?i)fail|error|time ?out|inconsistent|mismatch|poison",
                                                         fmt_text):
        return "rejected-setting"
    if level == "warning" and not FAILURE_WORDS.search(fmt_text):
        return "driver-notice"
    return family_of(path)


def collect(trees):
    """{(entry, pieces tuple): {"versions", "sample", "format"}} over every tree, plus NEWER_FORMATS."""
    found = {}
    rows = []
    for version, tree in trees:
        for directory, prints in vocabulary.extract_tree(tree).items():
            for level, _, fmt, sample, path in prints:
                if fmt is not None and sample is not None and level in ("error", "warning"):
                    rows.append((path, level, fmt, sample, version))
    for path, level, fmt, version in NEWER_FORMATS:
        rows.append((path, level, fmt, vocabulary.DEVICE + vocabulary.render(fmt), version))
    for path, level, fmt, sample, version in rows:
        items = format_tokens(fmt)
        if not distinctive(items):
            continue
        text = "".join(c for c in items if c is not None)
        key = (entry_of(path, level, text), tuple(tokens_to_pieces(items)))
        record = found.setdefault(key, {"versions": set(), "sample": sample, "format": fmt})
        record["versions"].add(version)
    return found


def yaml_quote(text):
    return "'" + text.replace("'", "''") + "'"


def examples_for(samples):
    """Up to three sample lines: the longest formats first, each from a different first word."""
    chosen, seen = [], set()
    for sample in sorted(samples, key=lambda s: (-len(s), s)):
        word = re.sub(r"^.*?(?:amdgpu: |\*ERROR\* )", "", sample).split(" ")[0]
        if word not in seen and "\t" not in sample and len(sample) < 200:
            seen.add(word)
            chosen.append(sample)
        if len(chosen) == 3:
            break
    return chosen


# Real lines (issue 10, public reports) each family must classify, on top of generated samples.
EXTRA_MATCH = {
    "smu": ["amdgpu 0000:03:00.0: SMU: No response msg_reg: 6 resp_reg: 0",
            "amdgpu 0000:03:00.0: Failed to setup smc hw!",
            "amdgpu: SMU: No response msg_reg: 1a resp_reg: 0",
            "amdgpu 0000:7c:00.0: Failed to disable gfxoff!"],
    "kfd": ["amdgpu: Failed to map wptr bo to GART", "amdgpu: Failed to pin bo. ret -1"],
}


MAX_FORMATS = 200  # PCRE2 compiles a pattern into at most 64 KiB: larger families are split


def split(records):
    """A family's formats in parts of at most MAX_FORMATS, in sorted order so each part's tree shares."""
    keys = sorted(records)
    count = -(-len(keys) // MAX_FORMATS)
    size = -(-len(keys) // count) if count else 0
    return [{k: records[k] for k in keys[i:i + size]} for i in range(0, len(keys), size)] if keys else []


def entry_yaml(name, records, part=None):
    """The YAML text of one catalog entry (or one part of it) from its formats."""
    if name in BENIGN_FAMILIES:
        subsystem, meaning, action, investigate = BENIGN_FAMILIES[name]
        kind, klass, side = "benign", "benign", "kernel-benign"
        what = "a refused setting or request" if name == "rejected-setting" else "a driver note"
    else:
        family = dict(zip(FAMILY_FIELDS, next(f for f in FAMILIES if f[0] == name)))
        subsystem, meaning, action, investigate = (family[k] for k in ("subsystem", "meaning", "action",
                                                                       "investigate"))
        kind, klass, side = "kernel", family["class"], "kernel-fault"
        what = "an amdgpu %s failure" % subsystem
    versions = sorted(set().union(*(r["versions"] for r in records.values())), key=lambda v: [int(x) if x.isdigit() else 99 for x in
                                                                                              v.split(".")])
    pattern = PREFIX + "(?=" + trie_regex(list(records)) + ")(?<message>[^\\n]{1,240})"
    python_pattern = re.compile(pattern.replace("(?<message>", "(?P<message>"))
    extra = [line for line in EXTRA_MATCH.get(name, []) if python_pattern.search(line)]
    matches = extra + [s for s in examples_for([r["sample"] for r in records.values()]) if s not in extra]
    lines = [
        "  - id: amdgpu.catalog.%s%s" % (name, "" if part is None else "-%d" % part),
        "    description: %s" % yaml_quote("Catalog family: %s (%d formats of %s)." % (what, len(records),
                                                                                   ", ".join(versions))),
        "    kind: %s" % kind,
        "    class: %s" % klass,
        "    origin: kernel",
        "    literals: ['amdgpu']",
        "    pattern: %s" % yaml_quote(pattern),
        "    side: %s" % side,
        "    subsystem: %s" % yaml_quote(subsystem),
        "    meaning: %s" % yaml_quote(meaning),
        "    action: %s" % yaml_quote(action),
        "    investigate: %s" % yaml_quote(investigate),
        "    kernels: [%s]" % ", ".join(yaml_quote(v) for v in versions),
        "    examples:",
        "      match:",
    ] + ["        - %s" % yaml_quote(s) for s in matches] + ["      no-match:"]
    lines += ["        - %s" % yaml_quote(s) for s in COMMON_NO_MATCH]
    return "\n".join(lines) + "\n"


HEADER = """\
# GENERATED by scripts/catalog-families.py from the amdgpu, amdkfd and pm sources of Debian's
# linux-source-6.1 and -6.12 (and the newer formats listed in the script): do not edit by hand; change
# the script (families, meanings, actions) and run `make catalog-families`.
#
# One entry per family of the driver's error- and warning-level formats, by the source file that
# prints them. Each pattern is the amdgpu line prefix followed by the literal text of the family's
# formats (their first %d characters; a conversion matches up to the next literal), so a line is
# classified only when it starts with the words of one of the driver's own formats. Families are
# fallbacks: the engine runs them only for lines no other rule matched.
rules:
"""


# Userspace families: the message strings of Debian's ROCr and HIP runtime libraries.
LIBRARIES = [
    ("rocr", "/usr/lib/x86_64-linux-gnu/libhsa-runtime64.so.1", "runtime", "runtime-abort",
     "The ROCm runtime (ROCr, libhsa-runtime64) reported a failure of its own: a queue, signal, memory or "
     "code-object operation failed, or one of its internal checks (an assertion) did not hold.",
     "Save the application's output and dmesg from the same time; rerun once with HSA_ENABLE_SDMA=0 if "
     "the failure is in a copy.",
     "Look in dmesg for an amdgpu/KFD line at the same time (a fault or reset explains most runtime "
     "failures); note the ROCm version and compare with the ROCR-Runtime issue tracker."),
    ("hip", "/usr/lib/x86_64-linux-gnu/libamdhip64.so.5", "runtime", "hip-error",
     "The HIP runtime (CLR, libamdhip64) reported a failure: a code object, module, memory, stream or "
     "compile (hipRTC/comgr) operation failed, usually returned to the application as a hipError_t.",
     "Read the HIP error the application prints next to it; rerun with AMD_LOG_LEVEL=3 to see the failing "
     "call.",
     "Check that the program was built for this GPU's gfx target (code objects), the ROCm version and "
     "free device memory; look in dmesg for a kernel-side fault at the same time."),
]
CODE_LIKE = re.compile(r"= default|operator|\(\)|==|!=|::|->|^\w+\(|\(default|by default|^(?:Enable|Disable|Set|Force|Use) ")
MESSAGE_FAILURE = re.compile(r"(?i)fail|error|invalid|unable|cannot|can't|could not|abort|fault|out of")


def library_messages(path):
    """The message text of each error-like string of a library: an assertion's quoted message, or the
    string itself when it reads as a message (not code, not an option's description)."""
    found = []
    for text in vocabulary.library_strings(path) if os.path.exists(path) else []:
        quoted = re.search(r'&& "([^"]+)"', text)
        text = quoted.group(1) if quoted else text
        if CODE_LIKE.search(text) or not MESSAGE_FAILURE.search(text):
            continue
        items = format_tokens(text.replace("\\", "\\\\"))
        words = re.findall(r"[A-Za-z]{2,}", "".join(c for c in items if c is not None and c != "%%"))
        if len(words) >= 3 and sum(map(len, words)) >= 14 and items[0] is not None:
            found.append((text, items))
    return found


def first_literal(items):
    """The literal text a line of this message must hold: its start, up to a conversion or 20 characters."""
    text = ""
    for char in items:
        if char is None or char == "%%" or len(text) == 20:
            break
        text += char
    return text.rstrip()


def library_entry_yaml(name, path, subsystem, klass, meaning, action, investigate):
    messages = library_messages(path)
    if not messages:
        return "", 0
    sequences = [tuple(tokens_to_pieces(items)) for _, items in messages]
    literals = sorted({first_literal(items) for _, items in messages if len(first_literal(items)) >= 6})
    messages = [(t, i) for t, i in messages if len(first_literal(i)) >= 6]
    sequences = [tuple(tokens_to_pieces(i)) for _, i in messages]
    pattern = "(?<![\\w])(?=" + trie_regex(sequences) + ")(?<message>[^\\n]{1,240})"
    samples = sorted({vocabulary.render(t) for t, _ in messages}, key=lambda s: (-len(s), s))
    examples = [s for s in samples if len(s) < 160][:3]
    lines = [
        "  - id: %s.catalog.runtime" % name,
        "    description: %s" % yaml_quote("Catalog family: a message of %s (%d messages of the Debian "
                                          "package)." % (os.path.basename(path), len(messages))),
        "    kind: userspace",
        "    class: %s" % klass,
        "    literals: [%s]" % ", ".join(yaml_quote(l) for l in literals),
        "    pattern: %s" % yaml_quote(pattern),
        "    side: userspace",
        "    subsystem: %s" % subsystem,
        "    meaning: %s" % yaml_quote(meaning),
        "    action: %s" % yaml_quote(action),
        "    investigate: %s" % yaml_quote(investigate),
        "    examples:",
        "      match:",
    ] + ["        - %s" % yaml_quote(s) for s in examples] + [
        "      no-match:",
        "        - 'amdgpu 0000:03:00.0: amdgpu: SMU is initialized successfully!'",
        "        - 'INFO:     127.0.0.1:5000 - \"POST /prompt HTTP/1.1\" 200 OK'",
    ]
    return "\n".join(lines) + "\n", len(messages)


LIBRARY_HEADER = """\
# GENERATED by scripts/catalog-families.py from the message strings of Debian's ROCr and HIP runtime
# libraries (libhsa-runtime64-1, libamdhip64-5): do not edit by hand; run `make catalog-families`.
#
# One family per library: the literal text of its error-like messages (assertion messages, loader and
# queue errors), factored into a prefix tree; the prefilter literals are the messages' first words.
# Families are fallbacks: the rules written for a runtime line (60-rocr-runtime.yaml, 65-hip.yaml)
# decide it when they match.
rules:
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", default=os.path.join(ROOT, ".vocabulary"))
    parser.add_argument("--kernel-src", action="append", default=[])
    parser.add_argument("--output", default=os.path.join(ROOT, "Rules", "47-amdgpu-catalog.yaml"))
    parser.add_argument("--library-output", default=os.path.join(ROOT, "Rules", "62-rocr-hip-catalog.yaml"))
    options = parser.parse_args()
    trees = [(v, vocabulary.debian_tree(v, options.cache)) for v in vocabulary.DEBIAN_KERNELS]
    trees += [(os.path.basename(os.path.normpath(path)), path) for path in options.kernel_src]
    found = collect(trees)
    entries = {}
    for (name, pieces), record in found.items():
        entries.setdefault(name, {})[pieces] = record
    order = [f[0] for f in FAMILIES] + list(BENIGN_FAMILIES)
    parts = []
    for name in order:
        chunks = split(entries.get(name, {}))
        parts += [entry_yaml(name, chunk, part + 1 if len(chunks) > 1 else None) for part, chunk in enumerate(chunks)]
    text = HEADER % LITERAL_CHARS + "\n".join(parts)
    with open(options.output, "w", encoding="utf-8") as handle:
        handle.write(text)
    library_parts = [library_entry_yaml(*library) for library in LIBRARIES]
    if any(text for text, _ in library_parts):
        with open(options.library_output, "w", encoding="utf-8") as handle:
            handle.write(LIBRARY_HEADER + "\n".join(text for text, _ in library_parts if text))
    counts = ", ".join("%s %d" % (name, len(entries.get(name, {}))) for name in order)
    counts += "; " + ", ".join("%s %d" % (lib[0], n) for lib, (_, n) in zip(LIBRARIES, library_parts))
    print("catalog-families: wrote %s (%s)" % (os.path.relpath(options.output, ROOT), counts), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
