"""Read articles safely: walk the corpus (symlinks kept inside it, size cap), decode (BOM, UTF-8, UTF-16,
GB18030), turn markup into text, drop control characters, convert traditional to simplified."""
from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import (FileTooLargeError, MarkupError, MetadataError, NotAnArticleError, ReadError,
                     SymlinkRefusedError)
from .model import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
METADATA_FILE = "metadata.json"
MAX_BYTES = 2 * 1024 * 1024  # far above any news article; `kg build --max-bytes` changes it
META_FIELDS = {"title": str, "district": str, "year": int}
# C0/C1 controls (except newline and tab), bidi overrides and zero-width marks: never part of a name
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                      "\ufff9-\ufffb\ud800-\udfff]")
_TAG = re.compile(r"<(?:!doctype|html|head|body|p|div|span|br|a|table|script|style)\b[^>]*>", re.I)


@dataclass
class Listing:
    """The article files of a corpus, and every file left out with its reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding). Raises ReadError naming the file when no encoding fits."""
    boms = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
    for bom, enc in boms:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise ReadError(f"{name}: not valid {enc} after its byte-order mark ({e.reason})") from None
    if not data.strip():
        raise ReadError(f"{name}: the file is empty")
    # UTF-16 without BOM: every other byte is NUL for CJK-poor text, or many NULs overall.
    if data.count(b"\x00") > len(data) // 8:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
        raise ReadError(f"{name}: binary data (NUL bytes), not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_like_text(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and _looks_like_text(str(best)):
        return str(best), best.encoding
    raise ReadError(f"{name}: cannot decode as UTF-8, UTF-16 or GB18030")


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    sample = text[:200_000]  # a verdict on the first 200k characters keeps hostile files cheap
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t") or ch == "\ufffd"
              or unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    plausible = sum(1 for ch in sample if ch.isspace() or 32 <= ord(ch) < 127 or "\u3000" <= ch <= "\u9fff"
                    or "\uff00" < ch <= "\uffef" or ch in "—…“”‘’·")
    return bad / len(sample) < 0.01 and plausible / len(sample) > 0.6


def clean_text(text: str) -> str:
    """Newlines normalised, control and invisible formatting characters removed (NUL never reaches a label)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def is_markup(text: str, suffix: str = "") -> bool:
    """An HTML page rather than plain text: an HTML suffix, or a document that opens with markup or is thick with tags."""
    head = text.lstrip()[:200].lower()
    if suffix.lower() in HTML_SUFFIXES or head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return len(_TAG.findall(text[:20000])) >= 5


def markup_to_text(text: str, name: str) -> str:
    """The readable text of an HTML page (inscriptis keeps block layout, so paragraphs stay lines)."""
    from inscriptis import get_text

    try:
        out = get_text(text)
    except Exception as e:  # lxml's own message names the problem
        raise MarkupError(f"{name}: markup that cannot be converted to text ({e})") from None
    if not re.search(r"[\u4e00-\u9fff]", out):
        raise MarkupError(f"{name}: an HTML page with no Chinese text in it")
    return out


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified, keeping the length so offsets stay valid."""
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in text)


def load_metadata(corpus: Path, errors: list[str] | None = None) -> dict:
    """Metadata per file name from FOLDER/metadata.json. A broken file or entry is named (file, entry, field)
    in `errors` and left out; the articles are read without it."""
    errors = [] if errors is None else errors
    p = corpus / METADATA_FILE
    if not p.is_file():
        return {}
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as e:
        errors.append(str(MetadataError(f"{p}: invalid JSON, metadata ignored ({e})")))
        return {}
    if not isinstance(data, dict):
        errors.append(str(MetadataError(f"{p}: expected an object of file name → fields, got {type(data).__name__}")))
        return {}
    out = {}
    for fname, entry in data.items():
        if not isinstance(entry, dict):
            errors.append(str(MetadataError(f"{p}: entry {fname!r} is {type(entry).__name__}, not an object; ignored")))
            continue
        good = {}
        for key, value in entry.items():
            want = META_FIELDS.get(key)
            if want is int and isinstance(value, str) and value.strip().isdigit():
                value = int(value)
            if want is None or value is None:
                continue  # fields we do not use are allowed
            if not isinstance(value, want) or isinstance(value, bool):
                errors.append(str(MetadataError(f"{p}: {fname!r} field {key!r} should be {want.__name__}, "
                                                f"got {value!r:.40}; ignored")))
                continue
            good[key] = clean_text(value).strip() if isinstance(value, str) else value
        out[fname] = good
    return out


def read_article(path: Path, meta: dict | None = None, max_bytes: int = MAX_BYTES, doc_id: str | None = None) -> Article:
    """Read one file into an Article; raise ReadError with the file name and reason."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(f"{path}: {size} bytes, over the size cap of {max_bytes} (--max-bytes)")
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"{path}: {e.strerror or e}") from e
    original, enc = decode(data, str(path))
    original = clean_text(original)
    if is_markup(original, path.suffix):
        original = clean_text(markup_to_text(original, str(path)))
    if not original.strip():
        raise NotAnArticleError(f"{path}: no text left after removing control characters")
    text = to_simplified(original)
    if text == original:
        text = original  # one string, not two equal copies, for the (usual) article in simplified characters
    meta = meta or {}
    title = meta.get("title") or _guess_title(text)
    year = meta.get("year") or guess_year(text)
    return Article(doc_id=doc_id or path.name, path=str(path), text=text, original=original, encoding=enc,
                   title=title, district=meta.get("district") or guess_district(text), year=year)


def guess_district(text: str) -> str:
    """The unit an article is about, when metadata does not say: the county-level unit it names most, or the city
    when the city is named more often (a city's article names its counties in passing)."""
    county = _level_counts(text, "county")
    city = _level_counts(text, "city")
    top, n = county.most_common(1)[0] if county else ("", 0)
    c, m = city.most_common(1)[0] if city else ("", 0)
    return c if m > n and m >= 2 else top


def _level_counts(text: str, level: str):
    """How often each division of a level is named (full or short form); a short form shared with a higher level
    (乌鲁木齐: the city and a county; 吉林: the province and a city) counts for the higher one."""
    from collections import Counter

    from .places import gazetteer

    pattern, name_of = _division_pattern(level)
    gaz = gazetteer()
    counts: Counter = Counter()
    for m in pattern.finditer(text):
        name = name_of[m.group()]
        if m.group() != name and any(RANK[d.level] < RANK[level] for d in gaz.lookup(m.group())):
            continue  # a short form shared with a higher level names that one
        if level == "county" and len(m.group()) == 2 and (m.group().endswith("区") or
                                                          _freq().get(m.group(), 0) >= COMMON_WORD) \
                and (m.group() == name or name not in text):
            continue  # 新兴, 资源, 西区: a common word that is also a county's name (unless its full name is written)
        counts[name] += 1
    return counts


RANK = {"province": 0, "city": 1, "county": 2}
COMMON_WORD = 1000  # jieba frequency above which a two-character county name is read as the word


def _freq() -> dict:
    from .wordfreq import word_freq

    return word_freq()


@lru_cache(maxsize=2)
def _division_pattern(level: str):
    """One alternation of every name of a level (its short form when it has one), longest first."""
    from .places import gazetteer, short_name

    name_of: dict[str, str] = {}
    for name, divs in gazetteer().by_name.items():
        if len(name) < 2 or not any(d.level == level for d in divs):
            continue
        short = short_name(name)
        name_of.setdefault(short if short != name and len(short) >= 2 else name, name)
    return _Alternation(name_of), name_of


class _Alternation:
    """What `re.compile("|".join(names, longest first))` finds — at the leftmost position that starts a
    name, the longest name there, then on from its end — jumping to the next first character of a name
    instead of trying thousands of names at every position (the regex was a tenth of a one-process build)."""

    def __init__(self, names):
        self.names = set(names)
        first: dict[str, set[int]] = {}
        for n in self.names:
            first.setdefault(n[0], set()).add(len(n))
        self.lengths = {c: sorted(ls, reverse=True) for c, ls in first.items()}
        self.first = re.compile("[" + "".join(map(re.escape, sorted(first))) + "]" if first else "(?!)")

    def finditer(self, text: str):
        i, names, lengths, search = 0, self.names, self.lengths, self.first.search
        while (m := search(text, i)) is not None:
            i = m.start()
            hit = next((w for n in lengths[text[i]] if len(w := text[i:i + n]) == n and w in names), None)
            if hit is None:
                i += 1
                continue
            yield _Hit(hit)
            i += len(hit)


class _Hit(str):
    """A match of `_Alternation`: the name found (`group()`, as a regex match gives it)."""

    def group(self) -> str:
        return str(self)


def _guess_title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if len(line) >= 6:
            return line[:80]
    return ""


def guess_year(text: str) -> int | None:
    """The year an article speaks from, when metadata does not say: the latest explicit year it names."""
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)年", text)]
    years = [y for y in years if y <= 2100]
    return max(years) if years else None


def _wanted(p: Path) -> bool:
    suffix = p.suffix.lower()
    return suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES or not suffix


def scan_corpus(corpus: Path) -> Listing:
    """Every article file under CORPUS (sub-folders too), sorted by relative path; symlinks that leave the
    corpus, dangling links, special files and other suffixes are named in `skipped`."""
    if not corpus.is_dir():
        raise ReadError(f"{corpus}: not a folder")
    root = corpus.resolve()
    out = Listing()
    for dirpath, dirnames, filenames in os.walk(corpus, followlinks=False):
        d = Path(dirpath)
        for name in sorted(dirnames):
            sub = d / name
            if name.startswith("."):
                dirnames.remove(name)
            elif sub.is_symlink():  # os.walk does not enter it; say why
                out.skipped.append(str(SymlinkRefusedError(f"{sub}: a symbolic link to a folder, not followed")))
        dirnames.sort()
        for name in sorted(filenames):
            p = d / name
            if name.startswith(".") or name == METADATA_FILE:
                continue
            if p.is_symlink():
                target = Path(os.path.realpath(p))
                if not target.exists():
                    out.skipped.append(str(SymlinkRefusedError(f"{p}: a dangling symbolic link")))
                    continue
                if not target.is_relative_to(root):
                    out.skipped.append(str(SymlinkRefusedError(f"{p}: a symbolic link out of the corpus, refused")))
                    continue
            if not p.is_file():
                out.skipped.append(str(NotAnArticleError(f"{p}: not a regular file")))
            elif _wanted(p):
                out.files.append(p)
            else:
                out.skipped.append(str(NotAnArticleError(f"{p}: suffix {p.suffix!r} is not a text or HTML article")))
    out.files.sort(key=lambda p: p.relative_to(corpus).as_posix())
    return out


def doc_id_of(path: Path, corpus: Path) -> str:
    """The article's identifier: its path inside the corpus (just the file name at the top level)."""
    return path.relative_to(corpus).as_posix()


def list_articles(corpus: Path) -> list[Path]:
    """Article files of a corpus folder, sorted by path (metadata, hidden and refused files left out)."""
    return scan_corpus(corpus).files
