"""Read articles: detect the encoding (BOM, UTF-8, UTF-16, GB18030), convert traditional to simplified."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .errors import ReadError
from .model import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
METADATA_FILE = "metadata.json"


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding). Raises ReadError naming the file when no encoding fits."""
    boms = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
    for bom, enc in boms:
        if data.startswith(bom):
            return data.decode(enc), enc
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
    import unicodedata

    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t") or ch == "\ufffd"
              or unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    plausible = sum(1 for ch in text if ch.isspace() or 32 <= ord(ch) < 127 or "\u3000" <= ch <= "\u9fff"
                    or "\uff00" < ch <= "\uffef" or ch in "—…“”‘’·")
    return bad / len(text) < 0.01 and plausible / len(text) > 0.6


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


def load_metadata(corpus: Path) -> dict:
    p = corpus / METADATA_FILE
    if not p.exists():
        return {}
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ReadError(f"{p}: invalid metadata: {e}") from e


def read_article(path: Path, meta: dict | None = None) -> Article:
    """Read one file into an Article; raise ReadError with the file name and reason."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"{path}: {e.strerror or e}") from e
    original, enc = decode(data, str(path))
    original = original.replace("\r\n", "\n").replace("\r", "\n")
    text = to_simplified(original)
    meta = meta or {}
    title = meta.get("title") or _guess_title(text)
    year = meta.get("year") or guess_year(text)
    return Article(doc_id=path.name, path=str(path), text=text, original=original, encoding=enc,
                   title=title, district=meta.get("district") or guess_district(text), year=year)


def guess_district(text: str) -> str:
    """The county-level unit an article is about, when metadata does not say: the one it names most."""
    from collections import Counter

    pattern, name_of = _county_pattern()
    counts = Counter(name_of[m.group()] for m in pattern.finditer(text))
    return counts.most_common(1)[0][0] if counts else ""


@lru_cache(maxsize=1)
def _county_pattern():
    """One alternation of every county-level name (its short form when it has one), longest first."""
    from .places import gazetteer, short_name

    name_of: dict[str, str] = {}
    for name, divs in gazetteer().by_name.items():
        if len(name) < 2 or not any(d.level == "county" for d in divs):
            continue
        short = short_name(name)
        name_of.setdefault(short if short != name and len(short) >= 2 else name, name)
    return re.compile("|".join(map(re.escape, sorted(name_of, key=len, reverse=True)))), name_of


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


def list_articles(corpus: Path) -> list[Path]:
    """Text files of a corpus folder, sorted by name (metadata and hidden files skipped)."""
    if not corpus.is_dir():
        raise ReadError(f"{corpus}: not a folder")
    return sorted(p for p in corpus.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.name != METADATA_FILE
                  and (p.suffix.lower() in TEXT_SUFFIXES or not p.suffix))
