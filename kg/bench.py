"""`make bench`: the build measured as a user with a growing archive meets it, as ratios against baselines
measured in the same run (never absolute limits). Every phase runs in a fresh interpreter; memory is the
peak of the summed PSS of the phase's whole process tree, sampled every 50 ms (less often when sampling a
large tree takes long: the sampler keeps to a tenth of a core).

Suites: throughput (build ÷ the tagger call the build makes, on the same sentences; 2 ÷ 1 processes;
phases interleaved and repeated), entities (a > 5,000-entity build with its view), archive (N perturbed
articles: full build, then one changed article), store (a ~1M-triple store: open time and each
queries/*.rq p50, against loading the same Turtle), bad (the hostile corpus)."""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITES = ("throughput", "entities", "archive", "store", "bad")
ARCHIVE = 500  # articles of the default archive: minutes, not the hour of the 10,000 the issue names
# characters of names swapped per copy, so every copy names its own parks, companies and projects
NAME_CHARS = "".join("仑 余 前 化 北 大 奉 姚 宁 家 山 峰 州 慈 戚 新 春 晓 柴 桥 梅 江 波 洋 浦 海 港 湾 溪 甬 白 碶 芯 谷 象 鄞 镇 霞".split())
# (one character at a time, apart: no name from any article is spelled out in the code)
# ordinary characters of names, so a copy still reads as news (the tagger treats it as it treats the original)
COMMON_CHARS = ("东南西金银华兴盛丰泰安康德福瑞祥和嘉信达通利恒昌明光辉永长青松竹兰云龙凤鹏飞天星月阳"
                "海山川林田禾石玉珠彩虹春秋夏冬雨雪风雷电火水土木晨曦旭朝文武宏伟振国民庆峰岭溪湖泉源")


def perturbed_corpus(src: Path, dest: Path, articles: int) -> int:
    """`articles` perturbed copies of the corpus articles (copy i swaps name characters by a shift of i,
    so no two copies share text or names); returns the characters written."""
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted(src.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    rare = list(dict.fromkeys(COMMON_CHARS))
    chars = 0
    for n in range(articles):
        i, k = divmod(n, len(files))
        table = dict(zip(map(ord, NAME_CHARS), random.Random(i).sample(rare, len(NAME_CHARS)))) if i else {}
        text = texts[k].translate(table)
        (dest / f"{i:05d}_{files[k].name}").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def _tree(pid: int) -> list[int]:
    """PID and all its descendants (one walk of /proc: ~7 ms, so `run_phase` walks it every 10th sample)."""
    parents: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parents[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += [c for c, pp in parents.items() if pp == p]
    return out


def _tree_memory(pids: list[int]) -> int:
    """Proportional set size (PSS, bytes) of PIDS: forked workers share the parent's pages copy-on-write,
    and summing their RSS would count those pages once per process."""
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except OSError:
            pass
    return total


def run_phase(*args: str) -> dict:
    """Run `python -m kg.bench --phase …` and return its JSON, with the peak summed PSS of its tree and the
    CPU seconds of the whole tree (`cpu_s`: what a loaded machine changes least)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen([sys.executable, "-m", "kg.bench", "--phase", *args], stdout=subprocess.PIPE,
                            text=True, cwd=ROOT)
    peak = [0]

    # every 50 ms, or ten times as long as a sample took (reading smaps_rollup walks the page tables: at
    # 10,000 articles, every 50 ms took a fifth of a core from the build it measured); the process tree
    # every 10th sample (walking /proc each time cost 14 % of a core)
    def sample():
        k, pids = 0, [proc.pid]
        while proc.poll() is None:
            t0 = time.perf_counter()
            if k % 10 == 0:
                pids = _tree(proc.pid)
            peak[0] = max(peak[0], _tree_memory(pids))
            k += 1
            time.sleep(max(0.05, 10 * (time.perf_counter() - t0)))
    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, _ = proc.communicate()
    t.join()
    if proc.returncode:
        raise SystemExit(f"phase {args} failed with exit {proc.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = json.loads(out.strip().splitlines()[-1])
    res["peak_mib"] = peak[0] / 2**20
    res["cpu_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return res


def phase(name: str, corpus: Path, out: Path, jobs: int) -> dict:
    """One measured step in this (fresh) process."""
    t0 = time.perf_counter()
    info: dict = {}
    if name == "tagger":  # the call the build makes: tagger.tag over the sentences of CHUNK articles at once
        os.environ["KG_TAGGER_THREADS"] = "1"
        from .build import CHUNK, read_corpus
        from .extract import sentences_of
        from .tag import get_tagger

        articles, _ = read_corpus(corpus)
        tagger = get_tagger()
        for i in range(0, len(articles), CHUNK):
            tagger.tag([s for a in articles[i:i + CHUNK] for s in sentences_of(a)])
    elif name in ("build", "build-cached", "build-view"):
        from .build import build
        from .read import MAX_BYTES

        res = build(corpus, out, jobs=jobs, cache=name == "build-cached", html=name == "build-view",
                    max_bytes=MAX_BYTES, statements=False)  # as `kg build` runs it
        info = {"articles": len(res.articles), "entities": len(res.entities), "triples": res.triples,
                "analysed": res.analysed, "graphs_cached": res.graphs_cached, "graphs_written": res.graphs_written,
                "errors": res.errors,
                "view_written": (Path(out) / "graph.html").exists()}
    elif name == "store-open":
        from .store import open_store

        store = open_store(out)
        t1 = time.perf_counter()
        info = {"open_s": t1 - t0, "queries": _query_p50(store)}
    elif name == "turtle-load":
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=str(Path(out) / "kg.ttl"), format=ox.RdfFormat.TURTLE)
        info = {"open_s": time.perf_counter() - t0, "queries": _query_p50(store)}
    info.update(phase=name, jobs=jobs, seconds=time.perf_counter() - t0)
    return info


def _query_p50(store, repeat: int = 5) -> dict:
    out = {}
    for q in sorted((ROOT / "queries").glob("*.rq")):
        text = q.read_text(encoding="utf-8")
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            res = store.query(text)
            if not isinstance(res, bool):
                for _row in res:
                    pass
            times.append(time.perf_counter() - t)
        out[q.stem] = statistics.median(times) * 1000
    return out


def throughput(corpus: Path, tmp: Path, copies: int, rounds: int) -> dict:
    c = tmp / "tp"
    chars = perturbed_corpus(corpus, c, copies * len(list(corpus.glob("*.txt"))))
    runs: dict[str, list] = {"tagger": [], "build1": [], "build2": []}
    order = [("tagger", "tagger", 1), ("build1", "build", 1), ("build2", "build", 2)]
    for r in range(rounds):  # interleaved, the order rotated each round
        for key, name, jobs in order[r % 3:] + order[:r % 3]:
            shutil.rmtree(tmp / "tp-out", ignore_errors=True)
            runs[key].append(run_phase(name, "--corpus", str(c), "--out", str(tmp / "tp-out"), "--jobs", str(jobs)))
    med = {k: statistics.median(x["seconds"] for x in v) for k, v in runs.items()}
    best = {k: min(x["seconds"] for x in v) for k, v in runs.items()}
    cpu = {k: statistics.median(x["cpu_s"] for x in v) for k, v in runs.items()}
    peak = {k: max(x["peak_mib"] for x in v) for k, v in runs.items()}
    return {"characters": chars, "seconds": med, "best_seconds": best, "cpu_s": cpu, "peak_mib": peak,
            "build_vs_tagger": med["tagger"] / med["build1"], "scaling_2_vs_1": med["build1"] / med["build2"],
            "best_build_vs_tagger": best["tagger"] / best["build1"], "best_scaling_2_vs_1": best["build1"] / best["build2"],
            "cpu_build_vs_tagger": cpu["tagger"] / cpu["build1"]}


def entities(corpus: Path, tmp: Path, articles: int) -> dict:
    c = tmp / "ent"
    perturbed_corpus(corpus, c, articles)
    return run_phase("build-view", "--corpus", str(c), "--out", str(tmp / "ent-out"), "--jobs", str(os.cpu_count()))


def archive(corpus: Path, tmp: Path, articles: int) -> dict:
    c = tmp / "arch"
    chars = perturbed_corpus(corpus, c, articles)
    args = ("--corpus", str(c), "--out", str(tmp / "arch-out"), "--jobs", str(os.cpu_count()))
    full = run_phase("build-cached", *args)
    one = sorted(c.glob("*.txt"))[articles // 2]
    one.write_text(one.read_text(encoding="utf-8") + "\n本文有一处更新。", encoding="utf-8")
    inc = run_phase("build-cached", *args)
    # a change that names a new entity: every article's graph is recomputed (docs/scale.md), none re-tagged
    one.write_text(one.read_text(encoding="utf-8") + "\n本区新建澜岳湾甲乙丙产业园。", encoding="utf-8")
    new = run_phase("build-cached", *args)
    return {"articles": articles, "characters": chars, "full": full, "one_changed": inc, "new_entity": new,
            "incremental_vs_full": inc["seconds"] / full["seconds"], "new_entity_vs_full": new["seconds"] / full["seconds"]}


def store_suite(corpus: Path, tmp: Path, articles: int, triples: int) -> dict:
    """A built graph replicated (IRIs renamed per copy) to about TRIPLES triples, as a build folder with a
    persistent store, then opened and queried against loading the same triples from Turtle."""
    import pyoxigraph as ox

    c = tmp / "st"
    perturbed_corpus(corpus, c, articles)
    small = tmp / "st-small"
    run_phase("build", "--corpus", str(c), "--out", str(small), "--jobs", str(os.cpu_count()))
    nt = ox.Store.read_only(str(small / "store")).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    n = nt.count(b"\n")
    out = tmp / "st-out"
    out.mkdir()
    with open(out / "kg.ttl", "wb") as f:  # N-Triples is Turtle
        for k in range(max(1, -(-triples // n))):
            f.write(nt.replace(b"<https://kg.example.org/id/", f"<https://kg.example.org/id/c{k}/".encode()))
    t = time.perf_counter()
    st = ox.Store(str(out / "store"))
    st.bulk_load(path=str(out / "kg.ttl"), format=ox.RdfFormat.N_TRIPLES)
    st.flush()
    total = len(st)
    del st
    load_s = time.perf_counter() - t
    opened = run_phase("store-open", "--corpus", str(c), "--out", str(out), "--jobs", "1")
    loaded = run_phase("turtle-load", "--corpus", str(c), "--out", str(out), "--jobs", "1")
    return {"triples": total, "store_write_s": load_s, "store": opened, "turtle": loaded,
            "open_vs_load": opened["open_s"] / loaded["open_s"]}


def bad(corpus: Path, tmp: Path) -> dict:
    from .badinput import make_bad_corpus
    from .read import MAX_BYTES

    c = tmp / "bad"
    expect = make_bad_corpus(c, corpus, max_bytes=MAX_BYTES)
    res = run_phase("build", "--corpus", str(c), "--out", str(tmp / "bad-out"), "--jobs", str(os.cpu_count()))
    named = {k: any(f"/{k}:" in e for e in res["errors"]) for k, v in expect.items() if v == "skipped"}
    return {"seconds": res["seconds"], "peak_mib": res["peak_mib"], "articles": res["articles"],
            "good_expected": sum(v == "read" for v in expect.values()), "every_bad_file_named": all(named.values()),
            "unnamed": [k for k, v in named.items() if not v]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--suite", default=",".join(SUITES), help="comma-separated: " + ", ".join(SUITES))
    ap.add_argument("--copies", type=int, default=20, help="throughput: perturbed copies of the corpus")
    ap.add_argument("--rounds", type=int, default=3, help="throughput: interleaved repetitions")
    ap.add_argument("--entities", type=int, default=400, help="entities suite: articles (> 5,000 entities)")
    ap.add_argument("--archive", type=int, default=ARCHIVE, help="archive suite: articles (the issue's archive is "
                    "10,000: `make bench ARCHIVE=10000`, about an hour on 2 cores)")
    ap.add_argument("--store-articles", type=int, default=100, help="store suite: articles built, then replicated")
    ap.add_argument("--triples", type=int, default=1_000_000, help="store suite: triples in the replicated graph")
    ap.add_argument("--json", type=Path, help="also write the report here")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.phase:
        print(json.dumps(phase(args.phase, args.corpus, args.out, args.jobs), ensure_ascii=False))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    report: dict = {}
    try:
        for suite in args.suite.split(","):
            t = time.perf_counter()
            if suite == "throughput":
                report[suite] = r = throughput(args.corpus, tmp, args.copies, args.rounds)
                print(f"throughput ({r['characters']} characters, median of {args.rounds} interleaved rounds)")
                for k, label in (("tagger", "tagger call the build makes"), ("build1", "whole build, 1 process"),
                                 ("build2", "whole build, 2 processes")):
                    print(f"  {label:<30} {r['seconds'][k]:7.2f} s (best {r['best_seconds'][k]:6.2f} s, CPU "
                          f"{r['cpu_s'][k]:6.2f} s)  peak {r['peak_mib'][k]:6.0f} MiB (PSS, all processes)")
                print(f"  build / tagger throughput   {r['build_vs_tagger']:.2f}  (goal >= 0.80; best of the rounds "
                      f"{r['best_build_vs_tagger']:.2f}, by CPU time {r['cpu_build_vs_tagger']:.2f})")
                print(f"  2 processes / 1 process     {r['scaling_2_vs_1']:.2f}  (goal >= 1.8; best of the rounds "
                      f"{r['best_scaling_2_vs_1']:.2f})")
            elif suite == "entities":
                report[suite] = r = entities(args.corpus, tmp, args.entities)
                print(f"entities: {r['entities']} entities, {r['triples']} triples in {r['seconds']:.1f} s, peak "
                      f"{r['peak_mib']:.0f} MiB; view written: {r['view_written']}"
                      + "".join(f"\n  {e}" for e in r["errors"] if "graph.html" in e))
            elif suite == "archive":
                report[suite] = r = archive(args.corpus, tmp, args.archive)
                f, i = r["full"], r["one_changed"]
                print(f"archive: {r['articles']} articles, {r['characters']} characters, {f['triples']} triples")
                print(f"  full build        {f['seconds']:8.1f} s  peak {f['peak_mib']:6.0f} MiB (goal < 2048)")
                print(f"  one changed       {i['seconds']:8.1f} s  analysed {i['analysed']}, article graphs from the "
                      f"cache {i['graphs_cached']}, named graphs written {i['graphs_written']}  "
                      f"({r['incremental_vs_full']:.3f} of the full build)")
                n = r["new_entity"]
                print(f"  one names a new entity {n['seconds']:5.1f} s  analysed {n['analysed']}, article graphs from "
                      f"the cache {n['graphs_cached']}, named graphs written {n['graphs_written']}  "
                      f"({r['new_entity_vs_full']:.3f} of the full build)")
            elif suite == "store":
                report[suite] = r = store_suite(args.corpus, tmp, args.store_articles, args.triples)
                print(f"store: {r['triples']} triples; open {r['store']['open_s']:.3f} s vs Turtle load "
                      f"{r['turtle']['open_s']:.1f} s ({r['open_vs_load']:.4f})")
                for q, ms in r["store"]["queries"].items():
                    print(f"  {q:<32} p50 {ms:8.1f} ms  (in-memory from Turtle {r['turtle']['queries'][q]:8.1f} ms)")
            elif suite == "bad":
                report[suite] = r = bad(args.corpus, tmp)
                print(f"bad input: {r['seconds']:.1f} s, peak {r['peak_mib']:.0f} MiB, {r['articles']} of "
                      f"{r['good_expected']} good articles, every bad file named: {r['every_bad_file_named']}")
            else:
                raise SystemExit(f"unknown suite {suite!r}")
            print(f"  ({suite}: {time.perf_counter() - t:.0f} s)", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
