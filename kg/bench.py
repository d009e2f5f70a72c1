"""`make bench`: throughput of the whole build against the bare tagger on the same text, in one run.

Each phase runs in a fresh interpreter so its peak memory is its own; timings include loading
the model, as a user's build does. Results are ratios against the baseline measured in the
same run (never absolute limits): build ÷ tagger throughput, and 2 processes ÷ 1 process.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _corpus(src: Path, copies: int, dest: Path) -> int:
    """`copies` renamed copies of every article (enough text to amortise start-up); returns characters."""
    dest.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(copies):
        for p in sorted(src.glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            (dest / f"{i:02d}_{p.name}").write_text(text, encoding="utf-8")
            chars += len(text)
    return chars


def phase(name: str, corpus: Path, jobs: int) -> dict:
    """Run one phase in this process; report seconds and peak resident memory (MiB)."""
    t0 = time.perf_counter()
    if name == "tagger":
        from .build import read_corpus
        from .segment import split_sentences
        from .tag import get_tagger

        articles, _ = read_corpus(corpus)
        texts = [s.text for a in articles for s in split_sentences(a)]
        tagger = get_tagger()
        if tagger._lac is not None:
            tagger._lac.run(texts)  # the tagger as shipped, one sentence at a time
        else:
            tagger.tag_texts(texts)
    else:
        from .build import build

        with tempfile.TemporaryDirectory() as out:
            build(corpus, Path(out), jobs=jobs)
    seconds = time.perf_counter() - t0
    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"phase": name, "jobs": jobs, "seconds": seconds, "peak_mib": rss / 1024}


def _run(name: str, corpus: Path, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "kg.bench", "--phase", name, "--corpus", str(corpus), "--jobs", str(jobs)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path("corpus"))
    ap.add_argument("--copies", type=int, default=4, help="copies of the corpus to process")
    ap.add_argument("--phase", choices=["tagger", "build"])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the report here")
    args = ap.parse_args(argv)
    if args.phase:
        print(json.dumps(phase(args.phase, args.corpus, args.jobs)))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        chars = _corpus(args.corpus, args.copies, tmp / "corpus")
        runs = [_run("tagger", tmp / "corpus", 1), _run("build", tmp / "corpus", 1), _run("build", tmp / "corpus", 2)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    tagger, one, two = runs
    for r in runs:
        r["chars_per_s"] = chars / r["seconds"]
    report = {"characters": chars, "runs": runs,
              "build_vs_tagger": one["chars_per_s"] / tagger["chars_per_s"],
              "scaling_2_vs_1": two["chars_per_s"] / one["chars_per_s"],
              "memory_build_vs_tagger": one["peak_mib"] / tagger["peak_mib"]}
    print(f"text: {chars} characters ({args.copies} copies of {args.corpus})")
    for r in runs:
        label = "bare tagger" if r["phase"] == "tagger" else f"whole build, {r['jobs']} process(es)"
        print(f"  {label:<28} {r['chars_per_s']:>9.0f} chars/s  {r['seconds']:6.2f} s  peak {r['peak_mib']:6.0f} MiB")
    print(f"whole build / bare tagger throughput: {report['build_vs_tagger']:.2f}  (target >= 0.60)")
    print(f"two processes / one process:         {report['scaling_2_vs_1']:.2f}")
    print(f"peak memory, build / tagger:          {report['memory_build_vs_tagger']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
