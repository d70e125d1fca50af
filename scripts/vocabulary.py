#!/usr/bin/env python3
"""Builds the vocabulary of amdgpu/amdkfd/pm and ROCm runtime messages and checks the catalog.

Kernel side: every error- and warning-level print of drivers/gpu/drm/amd/{amdgpu,amdkfd,pm} in
Debian's linux-source-6.1 and -6.12 (and any KERNEL_SRC tree) is turned into a sample line printed
the way the kernel prints it. Userspace side: error-like strings of Debian's ROCr and HIP runtime
libraries and the formats quoted in messages.md. Every sample line goes through `rocfault explain
--json`; the report counts per directory and level how many the catalog classifies.

Usage: scripts/vocabulary.py [--rocfault BIN] [--rules DIR] [--cache DIR] [--kernel-src DIR ...]
       [--messages FILE] [--no-install] [--show-unclassified N] [--samples-only TREE]
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections import defaultdict

DIRS = ("amdgpu", "amdkfd", "pm")
DEBIAN_KERNELS = ("6.1", "6.12")
DEVICE = "amdgpu 0000:03:00.0: "

# print function -> (level, style). Styles decide the prefix the kernel puts in front.
PRINTS = {}
for base, style in (("dev_", "dev"), ("drm_", "drm"), ("pr_", "pr"), ("DRM_DEV_", "drmdev"), ("DRM_", "DRM")):
    for level, names in (("error", ("err", "ERROR")), ("warning", ("warn", "WARN", "warning"))):
        for name in names:
            if (style in ("drmdev", "DRM")) != name.isupper():
                continue
            for suffix in ("", "_once", "_ratelimited", "_RATELIMITED", "_ONCE"):
                if suffix and (suffix.isupper() != name.isupper()):
                    continue
                PRINTS[base + name + suffix] = (level, style)
PRINTS["pr_cont"] = ("continuation", "cont")
# powerplay's assertions print their message argument at warning level (pp_debug.h: pr_warn_ratelimited).
PRINTS["PP_ASSERT_WITH_CODE"] = ("warning", "pp")
PRINTS["PP_ASSERT"] = ("warning", "pp")
PRINTS["DRM_DEBUG_DRIVER_ERROR"] = ("error", "DRM")
CALL = re.compile(r"\b(" + "|".join(sorted(PRINTS, key=len, reverse=True)) + r")\s*\(")
FUNC_DEF = re.compile(r"^[A-Za-z_][\w \*]*?\b([A-Za-z_]\w*)\s*\([^;{]*\)\s*\n?\{", re.M)
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
CONVERSION = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?(hh|h|ll|l|z|j|t|L)?([diouxXcspaefgn%])([A-Za-z]*)")
KNOWN_MACROS = {"PRIx64": "llx", "PRIu64": "llu", "PRId64": "lld", "PRIX64": "llX"}


def userspace_sample_value(conv):
    """As sample_value, for a userspace program: glibc prints a pointer as 0x... and knows no
    kernel %p extensions."""
    if conv.group(5) == "p":
        return "0x7f3a40000000" + conv.group(6)
    return sample_value(conv)


def sample_value(conv):
    """A plausible value for one printf conversion."""
    flags, width, _, length, spec, ext = conv.groups()
    if spec == "%":
        return "%" + ext
    if spec in "di":
        return "1" + ext
    if spec == "u":
        return "2" + ext
    if spec in "xX":
        return ("0" * max(0, int(width or 0) - 4) + "1a2b" if width and width.isdigit() else "1a2b") + ext
    if spec == "o":
        return "17" + ext
    if spec == "c":
        return "x" + ext
    if spec == "s":
        return "gfx" + ext
    if spec in "efg":
        return "1.0" + ext
    if spec == "p":
        if ext.startswith(("S", "s", "B")):
            return "amdgpu_device_init+0x10/0x40 [amdgpu]" + ext[1:]
        if ext.startswith("a"):
            return "0x0000000080000000" + ext[1:].lstrip("dp")
        if ext.startswith(("K", "x")):
            return "00000000a1b2c3d4" + ext[1:]
        if ext.startswith("V"):
            return "gfx" + ext[1:]
        return "00000000a1b2c3d4" + ext
    return "0" + ext


def render(fmt, userspace=False):
    """Turns a C format into the text the kernel (or, `userspace`, a program through glibc) prints."""
    text = fmt.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\")
    text = CONVERSION.sub(userspace_sample_value if userspace else sample_value, text)
    return text


def split_arguments(text, start):
    """The argument list of a call starting at text[start] == '(' : a list of argument strings."""
    depth, args, current, i = 0, [], [], start
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = i + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            current.append(text[i : end + 1])
            i = end + 1
            continue
        if ch == "'":
            end = text.index("'", i + 2 if text[i + 1] == "\\" else i + 1) if i + 1 < len(text) else i
            current.append(text[i : end + 1])
            i = end + 1
            continue
        if ch in "([{":
            depth += 1
            if depth > 1:
                current.append(ch)
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(current).strip())
                return args
            current.append(ch)
        elif ch == "," and depth == 1:
            args.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    return None


def format_of(argument):
    """The format string of one argument: adjacent literals joined, known macros expanded."""
    pieces, rest = [], argument
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|[A-Za-z_]\w*|\S', argument)
    for token in tokens:
        if token.startswith('"'):
            pieces.append(token[1:-1])
        elif token in KNOWN_MACROS:
            pieces.append(KNOWN_MACROS[token])
        else:
            return None
    del rest
    return "".join(pieces) if pieces else None


def inline_function_names(fmt, values, function):
    """The format with each conversion whose argument is `__func__` replaced by the function's name:
    the kernel prints that name as literal text."""
    pieces, position, index = [], 0, 0
    for conv in CONVERSION.finditer(fmt):
        if conv.group(5) == "%":
            continue
        index += (conv.group(2) == "*") + (conv.group(3) == "*")
        value = values[index].strip() if index < len(values) else ""
        index += 1
        if value in ("__func__", "__FUNCTION__"):
            pieces += [fmt[position:conv.start()], function + conv.group(6)]
            position = conv.end()
    return "".join(pieces) + fmt[position:]


def strip_comments(code):
    code = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), code, flags=re.S)
    return re.sub(r"//[^\n]*", "", code)


def sub_prefix(path, code):
    """The `amdgpu: ` sub-prefix that amdgpu.h's pr_fmt/dev_fmt adds, unless the file drops it."""
    if re.search(r"#\s*undef\s+(pr_fmt|dev_fmt)", code) or "/display/" in path:
        return ""
    return "amdgpu: "


def enclosing_function(code, position):
    name = "amdgpu_device_init"
    for match in FUNC_DEF.finditer(code, 0, position):
        name = match.group(1)
    return name


def prefix_for(style, sub, function):
    if style == "dev":
        return DEVICE + sub
    if style == "drm":
        return DEVICE + "[drm] *ERROR* "
    if style == "drmdev":
        return DEVICE + "[drm:%s [amdgpu]] *ERROR* " % function
    if style == "DRM":
        return "[drm:%s [amdgpu]] *ERROR* " % function
    if style == "pr":
        return sub or "amdgpu: "
    if style == "pp":
        return "amdgpu: [powerplay] "
    return ""


def extract_file(path, code):
    """(level, style, format or None, sample or None) for every print in one C file."""
    code = strip_comments(code)
    sub = sub_prefix(path, code)
    results = []
    for match in CALL.finditer(code):
        name = match.group(1)
        level, style = PRINTS[name]
        args = split_arguments(code, match.end() - 1)
        if args is None or code[match.start() - 1 : match.start()] in ("_", "."):
            continue
        if style == "pp" and code[match.start() - 8 : match.start()].rstrip().endswith("define"):
            continue  # the macro's own definition
        fmt_index = 0 if style in ("pr", "DRM", "cont") else 1
        fmt = format_of(args[fmt_index]) if len(args) > fmt_index else None
        if fmt is None:
            results.append((level, style, None, None))
            continue
        function = enclosing_function(code, match.start())
        fmt = fmt if style == "pp" else inline_function_names(fmt, args[fmt_index + 1 :], function)
        prefix = prefix_for(style, sub, function)
        if style in ("drm", "drmdev", "DRM") and level == "warning":
            prefix = prefix.replace(" *ERROR* ", " ").replace("[drm:%s [amdgpu]]" % enclosing_function(code, match.start()), "[drm]")
        lines = [line for line in render(fmt).split("\n") if line.strip()]
        sample = prefix + lines[0] if lines else None
        results.append((level, style, fmt, sample))
    return results


def extract_tree(root):
    """{dir: [(level, style, fmt, sample, file)]} for a tree holding drivers/gpu/drm/amd/..."""
    base = os.path.join(root, "drivers/gpu/drm/amd")
    found = defaultdict(list)
    for directory in DIRS:
        for folder, _, files in os.walk(os.path.join(base, directory)):
            for name in sorted(files):
                if not name.endswith((".c", ".h")):
                    continue
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8", errors="replace") as handle:
                    code = handle.read()
                for level, style, fmt, sample in extract_file(path, code):
                    found[directory].append((level, style, fmt, sample, os.path.relpath(path, base)))
    return found


def install(packages):
    missing = [p for p in packages if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True,
                                                       text=True).stdout.find("install ok installed") < 0]
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends"] + missing
    if os.geteuid() != 0:
        sys.exit("vocabulary: missing %s; run as root: %s" % (" ".join(missing), " ".join(command)))
    print("vocabulary: installing " + " ".join(missing), file=sys.stderr)
    subprocess.run(command, check=True, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
                   stdout=subprocess.DEVNULL)


def debian_tree(version, cache):
    """Extracts the three directories of /usr/src/linux-source-VERSION.tar.xz into the cache once."""
    target = os.path.join(cache, "linux-" + version)
    stamp = os.path.join(target, ".complete")
    if os.path.exists(stamp):
        return target
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    wanted = tuple("drivers/gpu/drm/amd/%s/" % d for d in DIRS)
    with tarfile.open("/usr/src/linux-source-%s.tar.xz" % version) as tar:
        for member in tar:
            name = member.name.split("/", 1)[1] if "/" in member.name else ""
            if member.isfile() and name.startswith(wanted):
                member.name = name
                tar.extract(member, target, filter="data")
    open(stamp, "w").close()
    return target


USER_WORDS = re.compile(r"(?i)(error|fail|invalid|abort|fault|unable|cannot|can't|could not|not supported|out of)")


def library_strings(path):
    """Error-like printf formats among the printable strings of a shared library."""
    output = subprocess.run(["strings", "-n", "16", path], capture_output=True, text=True).stdout
    found = []
    for line in output.splitlines():
        text = line.strip()
        if " " not in text or not USER_WORDS.search(text) or re.search(r"[{}<>]|::|\.cpp|\.hpp|^_Z", text):
            continue
        if not re.match(r"^[A-Za-z%\[\"']", text) or len(re.findall(r"[A-Za-z]{3,}", text)) < 3:
            continue
        found.append(text)
    return sorted(set(found))


def kernel_prefix(fmt, side):
    """What the kernel puts before a messages.md format: dev_* prints get the device and the driver's
    "amdgpu: " sub-prefix; lines DRM's core prints for the device (drm_*: "[drm] ...") and the driver
    core's and firmware loader's own lines (dev_* of the device, no sub-prefix) get only the device;
    a format already starting with the driver's name is printed as it stands (pr_* with pr_fmt)."""
    if side != "kernel":
        return ""
    if fmt.startswith("amdgpu"):
        return ""
    if fmt.startswith(("[drm]", "Direct firmware load", "{")):
        return DEVICE
    return DEVICE + "amdgpu: "


def reference_formats(path):
    """(section side, format) for every quoted format in messages.md."""
    side, found = "kernel", []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            heading = re.match(r"^## \d+\. (\w+)", line)
            if heading:
                side = "kernel" if heading.group(1) == "Kernel" else "userspace"
            if line.startswith("#") or "|" in line and "---" in line:
                continue
            for fmt in STRING.findall(line):
                if len(fmt) >= 12 and re.search(r"[A-Za-z]{4,}", fmt) and not fmt.startswith((" ", "\\t")):
                    found.append((side, fmt))
    return found


def library_format_rows(directory):
    """(library, level, source, sample) for each row of the library-format TSVs: library, where the
    source prints it (owner/repo:path), level (error, fatal, warning), the line as a log shows it."""
    rows = []
    for path in sorted(glob.glob(os.path.join(directory, "*.tsv"))):
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                columns = line.rstrip("\n").split("\t")
                if len(columns) != 4 or columns[2] not in ("error", "fatal", "warning"):
                    sys.exit("vocabulary: %s:%d: expected library, source, level, sample" % (path, number))
                library, source, level, sample = columns
                rows.append((library, "lib-" + level, source, sample))
    return rows


def explain(binary, rules, lines):
    """`rocfault explain --json` over the sample lines: one answer per line."""
    if not lines:
        return []
    clean = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    process = subprocess.run([binary, "explain", "--json", "--rules", rules, "-"], input="\n".join(clean) + "\n",
                             capture_output=True, text=True)
    if process.returncode not in (0, 1):
        sys.exit("vocabulary: rocfault explain failed: " + process.stderr.strip())
    answers = json.loads(process.stdout)
    if len(answers) != len(clean):
        sys.exit("vocabulary: rocfault explain answered %d of %d lines" % (len(answers), len(clean)))
    return answers


def classified(answer, expected):
    """A kernel format is classified by a kernel entry (fault or benign); a userspace one by any entry."""
    if expected == "kernel":
        return answer.get("catalogSide") in ("kernel-fault", "kernel-benign")
    return answer.get("side") not in (None, "unknown")


def report(title, rows, answers, expected, show, counts):
    table = defaultdict(lambda: [0, 0, 0, 0])
    misses = []
    answer_at = iter(answers)
    for directory, level, fmt, sample in rows:
        cell = table[(directory, level)]
        if sample is None:
            cell[2] += 1
            continue
        answer = next(answer_at)
        if expected == "kernel" and sample.startswith("[drm] "):
            cell[3] += 1  # DRM_WARN/DRM_INFO name no device: not AMD evidence by design, left out of the count
            continue
        cell[1] += 1
        if classified(answer, expected):
            cell[0] += 1
        else:
            misses.append((directory, level, sample))
    print("== " + title)
    for (directory, level), (good, total, unparsed, bare) in sorted(table.items()):
        notes = ["%d not parsed" % unparsed] if unparsed else []
        notes += ["%d bare [drm] lines without a device left out" % bare] if bare else []
        print("  %-10s %-12s classified %5d of %5d%s" % (directory, level, good, total,
              "  (%s)" % "; ".join(notes) if notes else ""))
        counts[level][0] += good
        counts[level][1] += total
        counts[level][2] += unparsed
        counts[level][3] += bare
    for directory, level, sample in misses[:show] if show else []:
        print("    unclassified %s %s: %s" % (directory, level, sample))


def kernel_rows(found):
    rows = []
    for directory in DIRS:
        seen = set()
        for level, style, fmt, sample, _ in found.get(directory, []):
            key = (level, sample if sample is not None else object())
            if key in seen:
                continue
            seen.add(key)
            rows.append((directory, level, fmt, sample))
    return rows


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rocfault", default=os.path.join(root, ".build/debug/rocfault"))
    parser.add_argument("--rules", default=os.path.join(root, "Rules"))
    parser.add_argument("--cache", default=os.path.join(root, ".vocabulary"))
    parser.add_argument("--kernel-src", action="append", default=[])
    shared = [os.path.join(root, up, "shared/reference/messages.md") for up in ("..", "../..")]
    parser.add_argument("--messages", default=next((p for p in shared if os.path.exists(p)), shared[0]))
    parser.add_argument("--no-install", action="store_true", help="use only --kernel-src trees")
    parser.add_argument("--library-formats", default=os.path.join(root, "scripts/library-formats"), metavar="DIR",
                        help="TSV files of ROCm library and framework messages taken from their sources")
    parser.add_argument("--show-unclassified", type=int, default=0, metavar="N")
    parser.add_argument("--samples-only", metavar="TREE", help="print the sample lines of one tree and stop")
    options = parser.parse_args()
    if options.samples_only:
        for level, style, fmt, sample, path in sorted(sum(extract_tree(options.samples_only).values(), []),
                                                      key=lambda r: (r[4], r[3] or "")):
            print("%s\t%s\t%s" % (level, path, sample if sample is not None else "<not parsed>"))
        return 0
    trees = [(path, path) for path in options.kernel_src]
    libraries = {"libhsa-runtime64-1": "/usr/lib/x86_64-linux-gnu/libhsa-runtime64.so.1",
                 "libamdhip64-5": "/usr/lib/x86_64-linux-gnu/libamdhip64.so.5"}
    if not options.no_install:
        install(["linux-source-" + v for v in DEBIAN_KERNELS] + list(libraries) + ["binutils"])
        trees = [("linux-" + v, debian_tree(v, options.cache)) for v in DEBIAN_KERNELS] + trees
    counts = defaultdict(lambda: [0, 0, 0, 0])
    for name, tree in trees:
        rows = kernel_rows(extract_tree(tree))
        answers = explain(options.rocfault, options.rules, [r[3] for r in rows if r[3] is not None])
        report("kernel " + name, rows, answers, "kernel", options.show_unclassified, counts)
    user_rows = []
    for package, path in libraries.items():
        if os.path.exists(path):
            user_rows += [(package, "error", s, render(s, userspace=True).split("\n")[0])
                          for s in library_strings(path)]
    if not os.path.exists(options.messages):
        print("vocabulary: %s not found; its formats are left out" % options.messages, file=sys.stderr)
    else:
        user_rows += [("messages.md", "reference-" + side, f, kernel_prefix(f, side)
                       + render(f, userspace=side != "kernel").strip().split("\n")[0])
                      for side, f in reference_formats(options.messages)]
    user_rows += library_format_rows(options.library_formats)
    user_counts = defaultdict(lambda: [0, 0, 0, 0])
    answers = explain(options.rocfault, options.rules, [r[3] for r in user_rows])
    report("userspace libraries and messages.md", user_rows, answers, "userspace", options.show_unclassified,
           user_counts)
    for level, (good, total, unparsed, _) in sorted(user_counts.items()):
        print("userspace %s: classified %d of %d" % (level, good, total))
    warn = counts["warning"]
    cont = counts["continuation"]
    err = counts["error"]
    percent = 100.0 * warn[0] / warn[1] if warn[1] else 100.0
    print("classified %d of %d error-level formats (warning-level %d of %d, %.1f%%; continuations %d of %d; "
          "%d prints not parsed; %d bare [drm] lines without a device not counted)"
          % (err[0], err[1], warn[0], warn[1], percent, cont[0], cont[1], err[2] + warn[2] + cont[2],
             err[3] + warn[3] + cont[3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
