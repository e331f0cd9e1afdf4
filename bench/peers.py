#!/usr/bin/env python3
"""kg against networkx and Oxigraph on the same synthetic model tree, in one run (issue 13).

Usage (from the repository's root; the first run builds kg and installs the peers):

    python3 bench/peers.py                 # 1,000,000 models, seed 7
    python3 bench/peers.py 10000           # a smoke test, a few seconds
    python3 bench/peers.py 3000000 7 --no-oxigraph

Steps, each under `/usr/bin/time -f "%e %M %U %S"` (wall seconds, peak resident KiB):
generate the tree with ../shared/peers/gen_tree.py; networkx and pyoxigraph load it and count
the descendants of `org0/base-0` (their scripts in ../shared/peers/); `kg import edges` writes
it as RON; then kg's first query and the later ones (lineage, provenance, show, list, search,
check) on that folder. Prints a Markdown table with each figure, the ratios (networkx time /
kg time, by wall clock and by CPU time, which varies less on a shared machine; kg memory /
networkx memory) and the issue's targets, and whether each holds (by wall clock, as the issue
says).
Exit 1 when the tools disagree on the count of descendants (or on 171,574 at 1M, seed 7),
2 when a step fails.

The peers live in a virtual environment under target/peers-venv (pip install networkx
pyoxigraph); the tree and kg's folder under target/peers/N-SEED/.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT.parent / "shared" / "peers"
VENV = ROOT / "target" / "peers-venv"
TREE_ROOT = "org0/base-0"
KNOWN = {(1_000_000, 7): 171_574}  # from ../shared/peers/README.md
LATER_TIME_RATIO = 30.0  # every later query at least 30x faster than networkx
LATER_MEMORY_RATIO = 0.5  # and at most half its memory


def fail(message, code=2):
    print(f"peers.py: {message}", file=sys.stderr)
    sys.exit(code)


def venv_python():
    """The virtual environment's python, made and filled with the peers on first use."""
    python = VENV / "bin" / "python"
    probe = [str(python), "-c", "import networkx, pyoxigraph"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    print(f"installing networkx and pyoxigraph into {VENV}", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "networkx", "pyoxigraph"], check=True)
    return python


def timed(label, argv, stdout_path):
    """Runs argv under GNU time; its stdout goes to stdout_path. Returns (wall seconds,
    MiB, CPU seconds: user plus system)."""
    time_file = stdout_path.with_suffix(".time")
    with open(stdout_path, "wb") as out:
        run = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M %U %S", "-o", str(time_file), *map(str, argv)],
            stdout=out,
            stderr=subprocess.PIPE,
        )
    if run.returncode != 0:
        fail(f"{label} exited {run.returncode}: {run.stderr.decode(errors='replace')[-2000:]}")
    seconds, kib, user, system = time_file.read_text().split()[-4:]
    return float(seconds), int(kib) / 1024, float(user) + float(system)


def peer_count(path):
    words = path.read_text().split()
    if len(words) != 2 or words[0] != "descendants":
        fail(f"{path}: expected `descendants N`, found {path.read_text()!r}")
    return int(words[1])


def first_child(tree):
    """The first model of the tree that has a parent: its derivation is the claim provenance asks for."""
    with open(tree, newline="") as f:
        for row in csv.DictReader(f):
            if row["parent"]:
                return row["child"]
    fail(f"{tree}: no row has a parent")


def lineage_count(path):
    """Distinct descendants in `kg lineage --down --json` (a merge's child is listed once)."""
    answer = json.loads(path.read_text())
    return len({d["id"] for d in answer["descendants"]})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="?", type=int, default=1_000_000)
    parser.add_argument("seed", nargs="?", type=int, default=7)
    parser.add_argument("--kg", type=Path, help="the kg binary (default: build target/release/kg)")
    parser.add_argument("--no-oxigraph", action="store_true", help="skip pyoxigraph (slow at 3M)")
    parser.add_argument("--work", type=Path, help="folder for the tree and kg's data")
    args = parser.parse_args()

    if not Path("/usr/bin/time").exists():
        fail("/usr/bin/time (GNU time, Debian package `time`) is needed")
    kg = args.kg
    if kg is None:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "kg-cli"], cwd=ROOT, check=True)
        kg = ROOT / "target" / "release" / "kg"
    python = venv_python()
    work = args.work or ROOT / "target" / "peers" / f"{args.models}-{args.seed}"
    work.mkdir(parents=True, exist_ok=True)
    tree = work / "tree.csv"
    data = work / "tree"
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())

    rows = []  # (step, wall seconds, MiB, CPU seconds, kind): kind is setup, peer, first or later

    def step(label, kind, argv, name):
        seconds, mib, cpu = timed(label, argv, work / f"{name}.out")
        rows.append((label, seconds, mib, cpu, kind))
        return work / f"{name}.out"

    step("generate the tree (gen_tree.py)", "setup",
         [sys.executable, PEERS / "gen_tree.py", args.models, tree, args.seed], "gen")
    counts = {}
    out = step("networkx: load CSV, count descendants", "peer",
               [python, PEERS / "peer_networkx.py", tree, TREE_ROOT], "networkx")
    counts["networkx"] = peer_count(out)
    if not args.no_oxigraph:
        out = step("pyoxigraph: load triples, SPARQL path", "peer",
                   [python, PEERS / "peer_oxigraph.py", tree, TREE_ROOT], "oxigraph")
        counts["pyoxigraph"] = peer_count(out)

    shutil.rmtree(data, ignore_errors=True)
    # kg's snapshot cache, fresh for this run: the first query loads the RON and writes the
    # snapshot; the later ones read it.
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["KG_CACHE_DIR"] = str(cache)
    step("kg import edges tree.csv --out tree", "first", [kg, "import", "edges", tree, "--out", data], "import")
    base = [kg, "--data", data, "--json"]
    out = step(f"kg lineage {TREE_ROOT} --down (first query)", "first", [*base, "lineage", TREE_ROOT, "--down"], "first")
    counts["kg (first query)"] = lineage_count(out)
    out = step(f"kg lineage {TREE_ROOT} --down", "later", [*base, "lineage", TREE_ROOT, "--down"], "lineage")
    counts["kg"] = lineage_count(out)
    child = first_child(tree)
    step(f"kg provenance {child} derived_from", "later",
         [*base, "provenance", child, "derived_from"], "provenance")
    step(f"kg show {TREE_ROOT}", "later", [*base, "show", TREE_ROOT], "show")
    step("kg list model", "later", [*base, "list", "model"], "list")
    step("kg search base-0", "later", [*base, "search", "base-0"], "search")
    # The first check of this data runs the audit and verifies every quote (and stores its
    # report); a later one, of the same files and documents, prints the stored report.
    step("kg check, first (every quote against tree.csv)", "ron", [*base, "--documents", work, "check"], "check1")
    step("kg check (every quote against tree.csv)", "later", [*base, "--documents", work, "check"], "check")
    step(f"kg lineage {TREE_ROOT} --down --no-cache (the RON)", "ron",
         [*base, "--no-cache", "lineage", TREE_ROOT, "--down"], "ron")
    load_after = os.getloadavg()

    nx_seconds, nx_mib, nx_cpu = next((s, m, c) for label, s, m, c, _ in rows if label.startswith("networkx"))
    first_seconds = sum(s for _, s, _, _, kind in rows if kind == "first")
    first_cpu = sum(c for _, _, _, c, kind in rows if kind == "first")
    print(f"\n{args.models:,} models, seed {args.seed}; {started}; kg {kg}")
    print(f"load average (1, 5, 15 min): before {fmt_load(load_before)}, after {fmt_load(load_after)}\n")
    print("| step | wall | CPU | peak memory | networkx time / its time (wall, CPU) | its memory / networkx memory | target | holds |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    holds_all = True
    for label, seconds, mib, cpu, kind in rows:
        speed = f"{ratio(nx_seconds, seconds)}, {ratio(nx_cpu, cpu)}"
        memory = f"{mib / nx_mib:.2f}"
        if kind == "setup":
            speed = memory = ""
        if kind == "later":
            ok = seconds * LATER_TIME_RATIO <= nx_seconds and mib <= nx_mib * LATER_MEMORY_RATIO
            target = f"≥ {LATER_TIME_RATIO:.0f}× and ≤ {LATER_MEMORY_RATIO}"
        else:
            ok, target = None, ""
        holds_all &= ok is not False
        print(f"| {label} | {seconds:.2f} s | {cpu:.2f} s | {mib:,.0f} MiB | {speed} | {memory} | {target} | {yes_no(ok)} |")
    first_ok = first_seconds < nx_seconds
    holds_all &= first_ok
    print(f"| import + first query | {first_seconds:.2f} s | {first_cpu:.2f} s | | {ratio(nx_seconds, first_seconds)}, {ratio(nx_cpu, first_cpu)} | | < networkx's time | {yes_no(first_ok)} |")

    print("\ndescendants of " + TREE_ROOT + ": " + ", ".join(f"{tool} {n:,}" for tool, n in counts.items()))
    expected = KNOWN.get((args.models, args.seed))
    agree = len(set(counts.values())) == 1 and (expected is None or expected in counts.values())
    if expected is not None:
        print(f"expected {expected:,} (../shared/peers/README.md)")
    print("counts agree" if agree else "COUNTS DISAGREE")
    print("every target holds" if holds_all else "some targets do not hold yet")
    sys.exit(0 if agree else 1)


def ratio(peer, ours):
    return f"{peer / ours:.1f}×" if ours > 0 else "∞"


def fmt_load(load):
    return ", ".join(f"{x:.2f}" for x in load)


def yes_no(ok):
    return "" if ok is None else ("yes" if ok else "no")


if __name__ == "__main__":
    main()
