#!/usr/bin/env python3
"""Stand-alone checker for Rules/*.yaml, usable until `rocfault rules lint/test` exists.

It validates the schema, compiles every pattern with PCRE2 (through `pcre2test`, the
reference implementation the engine links) and with Python's `regex` module, and runs every
example through both: `match` examples must match and produce the listed captures, `no-match`
examples must not match. It also checks that one of a rule's literals occurs in every `match`
example (the prefilter depends on it) and that known-issue fingerprints name real rule ids
and capture names.

    python3 Rules/tools/check_rules.py [RULES_DIR] [--corpus DIR ...] [--show]

With --corpus, every line of every *.log in DIR is matched against every rule; a match whose
line contains none of the rule's literals is reported (the prefilter would drop it), and with
--show every match is printed so the classification of real logs can be eyeballed.
Needs: python3-yaml, python3-regex (pip `regex`), pcre2-utils.
"""
import glob
import os
import re as stdre
import subprocess
import sys

import regex
import yaml

KINDS = {"kernel", "userspace", "hang", "benign", "not-amd", "context"}
CLASSES = set(
    "page-fault ring-timeout gpu-reset mes-hang hws-hang ras-error smu-error firmware-init "
    "shader-interrupt iommu-fault hsa-vm-fault memory-in-use hw-exception queue-error hip-error "
    "code-object out-of-memory library-error framework-error runtime-abort device-lost "
    "driver-mismatch stall crash-record api-trace cpu-fault host-oom nvidia benign".split()
)
ORIGINS = {"kernel", "userspace", "any"}
RULE_KEYS = {"id", "description", "kind", "class", "origin", "literals", "pattern", "continues",
             "within", "demotes", "examples"}
ISSUE_KEYS = {"id", "url", "title", "advice", "when"}
FP_KEYS = {"all", "any", "none", "captures", "gfx"}
ID_RE = stdre.compile(r"^[a-z0-9][a-z0-9.-]*$")
ISSUE_ID_RE = stdre.compile(r"^(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+#\d+|rocfault:[a-z0-9][a-z0-9-]*)$")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def pcre2_run(pattern, subjects):
    """Runs pcre2test on one pattern; returns (compile_error, [None | {group: text}])."""
    delim = next((d for d in "/!%@~`;,=&#" if d not in pattern), None)
    if delim is None:
        return "no free delimiter", []
    lines = [f"{delim}{pattern}{delim}utf,info,jit"]
    for s in subjects:
        # Encode every character so pcre2test keeps leading/trailing blanks and backslashes.
        lines.append("    " + "".join(f"\\x{{{ord(c):x}}}" for c in s))
    lines.append("")
    proc = subprocess.run(["pcre2test", "-q"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True)
    out = proc.stdout.splitlines()
    if any(l.startswith("Failed:") for l in out):
        return next(l for l in out if l.startswith("Failed:")), []
    names = {}
    i = 0
    while i < len(out) and not out[i].startswith("    \\x"):
        m = stdre.match(r"^\s+(\w+)\s+(\d+)$", out[i])
        if m and "Named capture groups:" in "\n".join(out[:i]):
            names.setdefault(int(m.group(2)), m.group(1))
        i += 1
    results = []
    for line in out[i:]:
        if line.startswith("    \\x"):
            results.append({})
        elif not results:
            continue
        elif line.strip() == "No match":
            results[-1] = None
        else:
            m = stdre.match(r"^\s*(\d+): (.*)$", line)
            if m and results[-1] is not None:
                n = int(m.group(1))
                val = None if m.group(2) == "<unset>" else m.group(2)
                if n == 0:
                    results[-1]["__0"] = val
                elif n in names and val is not None:
                    results[-1][names[n]] = val
    return None, results


def normalise(examples, where):
    out = []
    for j, ex in enumerate(examples or []):
        if isinstance(ex, str):
            out.append((ex, {}))
        elif isinstance(ex, dict) and "text" in ex:
            caps = {str(k): str(v) for k, v in (ex.get("captures") or {}).items()}
            out.append((ex["text"], caps))
        else:
            err(where, f"example {j} is neither a string nor {{text, captures}}")
    return out


def simulate(corpora, rules, by_id, compiled, issues):
    """Treats each corpus log as one incident and applies the engine's decision order and the
    known-issue fingerprints (gfx is unknown, as for pasted logs). Where CASE.json exists beside
    CASE.log, its label and known_issue are compared. Continuation and origin checks are not
    modelled; this is a sanity check, not the engine."""
    order = {"kernel": 3, "userspace": 2, "hang": 1}
    for cdir in corpora:
        for path in sorted(glob.glob(os.path.join(cdir, "*.log"))):
            matched, caps = set(), {}
            with open(path, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    for rid, rx in compiled.items():
                        m = rx.search(line)
                        if m:
                            matched.add(rid)
                            for k, v in m.groupdict().items():
                                if v:
                                    caps.setdefault(k, set()).add(v.lower())
            demoted = set()
            for rid in matched:
                demoted |= set(by_id[rid].get("demotes") or [])
            side = "none"
            for rid in matched:
                kind = "context" if rid in demoted else by_id[rid]["kind"]
                if kind in order and order[kind] > order.get(side, 0):
                    side = kind
            if side == "none" and "hip.trace.call" in matched:
                side = "hang?"  # the engine decides from an unanswered call
            hits = []
            for k in issues:
                for fp in k.get("when") or []:
                    if fp.get("gfx"):
                        continue
                    if not set(fp.get("all") or []) <= matched:
                        continue
                    if fp.get("any") and not set(fp["any"]) & matched:
                        continue
                    if set(fp.get("none") or []) & matched:
                        continue
                    if any(str(v).lower() not in caps.get(n, set()) for n, v in (fp.get("captures") or {}).items()):
                        continue
                    hits.append(k["id"])
                    break
            meta_path = path[:-4] + ".json"
            verdict = ""
            if os.path.exists(meta_path):
                import json
                with open(meta_path, encoding="utf-8") as fh:
                    meta = json.load(fh)
                want = meta.get("label")
                verdict = "ok " if side.rstrip("?") == want else "MISMATCH "
                verdict += f"label={want} known_issue={meta.get('known_issue')}"
                if side.rstrip("?") != want:
                    errors.append(f"{path}: side {side}, labelled {want}")
            print(f"incident {os.path.basename(path)}: side={side} issues={hits} {verdict}")


def main(argv):
    rules_dir = "Rules"
    corpora = []
    show = False
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--corpus":
            corpora.append(args.pop(0))
        elif a == "--show":
            show = True
        else:
            rules_dir = a
    files = sorted(glob.glob(os.path.join(rules_dir, "*.yaml")))
    rules, issues = [], []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            doc = yaml.safe_load(fh) or {}
        extra = set(doc) - {"rules", "known-issues"}
        if extra:
            err(f, f"unknown top-level keys {sorted(extra)}")
        for r in doc.get("rules") or []:
            r["_file"] = f
            rules.append(r)
        for k in doc.get("known-issues") or []:
            k["_file"] = f
            issues.append(k)

    by_id = {}
    compiled = {}
    group_names = {}
    for r in rules:
        rid = r.get("id", "?")
        where = f"{os.path.basename(r['_file'])}:{rid}"
        unknown = set(r) - RULE_KEYS - {"_file"}
        if unknown:
            err(where, f"unknown keys {sorted(unknown)}")
        if not ID_RE.match(str(rid)):
            err(where, "bad id")
        if rid in by_id:
            err(where, "duplicate id")
        by_id[rid] = r
        for key in ("description", "kind", "class", "literals", "pattern", "examples"):
            if key not in r:
                err(where, f"missing {key}")
        if r.get("kind") not in KINDS:
            err(where, f"bad kind {r.get('kind')!r}")
        if r.get("class") not in CLASSES:
            err(where, f"bad class {r.get('class')!r}")
        if r.get("origin", "any") not in ORIGINS:
            err(where, f"bad origin {r.get('origin')!r}")
        lits = r.get("literals") or []
        if not lits:
            err(where, "no literals")
        for lit in lits:
            if not isinstance(lit, str) or len(lit.encode()) < 4:
                err(where, f"literal {lit!r} shorter than 4 bytes")
        if "within" in r and (not isinstance(r["within"], int) or r["within"] < 1):
            err(where, "within must be a positive integer")
        if "within" in r and "continues" not in r:
            err(where, "within without continues")
        pat = r.get("pattern", "")
        try:
            compiled[rid] = regex.compile(pat, regex.V0)
            group_names[rid] = set(compiled[rid].groupindex)
        except regex.error as e:
            err(where, f"python regex cannot compile: {e}")
            continue
        ex = r.get("examples") or {}
        matches = normalise(ex.get("match"), where)
        nomatches = normalise(ex.get("no-match"), where)
        if not matches:
            err(where, "no match example")
        if not nomatches:
            err(where, "no no-match example")
        subjects = [t for t, _ in matches] + [t for t, _ in nomatches]
        cerr, results = pcre2_run(pat, subjects)
        if cerr:
            err(where, f"pcre2 cannot compile: {cerr}")
            continue
        if len(results) != len(subjects):
            err(where, f"pcre2test output not understood ({len(results)} results for {len(subjects)} subjects)")
            continue
        for (text, caps), res in zip(matches, results[: len(matches)]):
            pm = compiled[rid].search(text)
            if res is None:
                err(where, f"PCRE2: match example does not match: {text!r}")
            if pm is None:
                err(where, f"regex: match example does not match: {text!r}")
            if not any(l in text for l in lits):
                err(where, f"no literal occurs in match example: {text!r}")
            for name, want in caps.items():
                if name not in group_names[rid]:
                    err(where, f"capture {name!r} is not a group of the pattern")
                    continue
                got = res.get(name) if res else None
                if got != want:
                    err(where, f"PCRE2 capture {name}={got!r}, expected {want!r} in {text!r}")
                rgot = pm.group(name) if pm else None
                if rgot != want:
                    err(where, f"regex capture {name}={rgot!r}, expected {want!r} in {text!r}")
        for (text, _), res in zip(nomatches, results[len(matches):]):
            if res is not None:
                err(where, f"PCRE2: no-match example matches: {text!r}")
            if compiled[rid].search(text):
                err(where, f"regex: no-match example matches: {text!r}")

    for r in rules:
        where = f"{os.path.basename(r['_file'])}:{r.get('id')}"
        c = r.get("continues")
        if c is not None and c not in by_id:
            err(where, f"continues unknown rule {c!r}")
        if c == r.get("id"):
            err(where, "continues itself")
        for d in r.get("demotes") or []:
            if d not in by_id:
                err(where, f"demotes unknown rule {d!r}")

    all_groups = set().union(*group_names.values()) if group_names else set()
    seen_issue = set()
    for k in issues:
        kid = k.get("id", "?")
        where = f"{os.path.basename(k['_file'])}:{kid}"
        unknown = set(k) - ISSUE_KEYS - {"_file"}
        if unknown:
            err(where, f"unknown keys {sorted(unknown)}")
        if not ISSUE_ID_RE.match(str(kid)):
            err(where, "bad known-issue id")
        if kid in seen_issue:
            err(where, "duplicate known-issue id")
        seen_issue.add(kid)
        for key in ("title", "advice", "when"):
            if not k.get(key):
                err(where, f"missing {key}")
        if "#" in str(kid) and not k.get("url"):
            err(where, "upstream issue without url")
        for n, fp in enumerate(k.get("when") or []):
            fw = f"{where} fingerprint {n}"
            if set(fp) - FP_KEYS:
                err(fw, f"unknown keys {sorted(set(fp) - FP_KEYS)}")
            if not (fp.get("all") or fp.get("any")):
                err(fw, "needs at least one rule in all or any")
            for key in ("all", "any", "none"):
                for rid in fp.get(key) or []:
                    if rid not in by_id:
                        err(fw, f"{key} names unknown rule {rid!r}")
            for name in (fp.get("captures") or {}):
                if name not in all_groups:
                    err(fw, f"capture {name!r} is produced by no rule")

    for cdir in corpora:
        for path in sorted(glob.glob(os.path.join(cdir, "*.log"))):
            with open(path, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
            if show:
                print(f"== {os.path.basename(path)}")
            for ln, line in enumerate(lines, 1):
                hits = []
                for rid, rx in compiled.items():
                    m = rx.search(line)
                    if not m:
                        continue
                    r = by_id[rid]
                    if not any(l in line for l in r.get("literals") or []):
                        err(f"{path}:{ln}", f"{rid} matches but no literal occurs: {line!r}")
                    hits.append(f"{rid}[{r['kind']}/{r['class']}]")
                if show and hits:
                    print(f"  {ln:3d} {', '.join(hits)}")
                elif show and line.strip():
                    print(f"  {ln:3d} -")

    if corpora:
        simulate(corpora, rules, by_id, compiled, issues)

    nrules = len(rules)
    per_file = {}
    for r in rules:
        per_file[os.path.basename(r["_file"])] = per_file.get(os.path.basename(r["_file"]), 0) + 1
    for f, n in sorted(per_file.items()):
        print(f"{f}: {n} rules")
    print(f"{nrules} rules, {len(issues)} known issues, {sum(len(normalise((r.get('examples') or {}).get('match'), '')) + len(normalise((r.get('examples') or {}).get('no-match'), '')) for r in rules)} examples")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
