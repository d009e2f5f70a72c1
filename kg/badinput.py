"""A hostile corpus for the tests and `make bench`: good articles beside every kind of bad file a real
archive holds (a huge file, a line without punctuation, links out of the corpus, NUL bytes, markup,
broken metadata). `EXPECTED` says which file must be skipped, and which must be read."""
from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

HTML_PAGE = ("<!DOCTYPE html><html><head><title>新闻</title><style>p{color:red}</style>"
             "<script>var x = '<p>不是正文</p>';</script></head><body><h1>嘉善县新建数字产业园</h1>"
             "<p>嘉善县数字产业园位于嘉善经济技术开发区，总投资12亿元。</p>"
             "<p>园区已引进星河光电科技有限公司等企业。</p></body></html>")


def make_bad_corpus(dest: Path, good: Path, long_line: int = 1_000_000, no_punct: int = 3_300_000,
                    huge: int = 20 * 1024 * 1024, max_bytes: int | None = None) -> dict[str, str]:
    """Write the corpus into DEST; returns {relative path: "read" | "skipped"}. `huge` and `no_punct` are
    sizes in bytes; a file over `max_bytes` (if given) is expected to be skipped."""
    dest.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str] = {}
    goods = sorted(good.glob("*.txt"))
    for p in goods:
        shutil.copy(p, dest / p.name)
        expect[p.name] = "read"
    meta = {goods[0].name: {"title": "标题", "district": "缙云县", "year": "not a year"}}
    if len(goods) > 1:
        meta[goods[1].name] = ["not", "an", "object"]
    (dest / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    sub = dest / "2024" / "03"
    sub.mkdir(parents=True)
    (sub / "nested.txt").write_text("丽水市缙云县新建智能制造产业园，总投资5亿元。\n", encoding="utf-8")
    (sub / "metadata.json").write_text("{not json", encoding="utf-8")
    expect["2024/03/nested.txt"] = "read"
    (dest / "long_line.txt").write_text("a" * long_line, encoding="utf-8")
    rng = random.Random(7)
    cjk = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(4096))
    reps = -(-no_punct // (3 * len(cjk)))
    (dest / "no_punctuation.txt").write_text((cjk * reps)[: no_punct // 3], encoding="utf-8")
    with open(dest / "huge.txt", "wb") as f:  # sparse where the file system allows: cheap to make
        f.truncate(huge)
    for name, size in (("long_line.txt", long_line), ("no_punctuation.txt", no_punct // 3 * 3), ("huge.txt", huge)):
        expect[name] = "skipped" if (max_bytes is not None and size > max_bytes) or name == "huge.txt" else "read"
    os.symlink("/etc/passwd", dest / "passwd.txt")
    os.symlink(dest / "missing.txt", dest / "dangling.txt")
    os.symlink(dest / goods[0].name, dest / "inside_link.txt")  # a link that stays inside is read
    expect.update({"passwd.txt": "skipped", "dangling.txt": "skipped", "inside_link.txt": "read"})
    (dest / "nul_bytes.txt").write_bytes("丽水市缙\x00云县新建港口物流园\x01，总投资\x1b8亿元。\n".encode("utf-8"))
    (dest / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (dest / "markup_only.html").write_text("<html><body><div><span>ok</span></div></body></html>", encoding="utf-8")
    (dest / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    (dest / "empty.txt").write_bytes(b"  \n")
    (dest / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    expect.update({"nul_bytes.txt": "read", "page.html": "read", "markup_only.html": "skipped",
                   "binary.txt": "skipped", "empty.txt": "skipped", "image.png": "skipped"})
    return expect
