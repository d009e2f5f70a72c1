"""Word frequencies of jieba's general dictionary: a word it barely knows is likely part of a proper name,
a word it knows well (新兴, 资源) is a word even when it is also a place's name."""
from __future__ import annotations

import re
from functools import lru_cache


def is_rare(word: str) -> bool:
    """A word the general dictionary barely knows is likely part of a proper name (小港, 灵峰)."""
    if len(word) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
        return False
    from .lexicon import industries

    if any(w in word for w in industries()):
        return False
    return word_freq().get(word, 0) < RARE_FREQ


RARE_FREQ = 30


@lru_cache(maxsize=1)
def word_freq() -> dict:
    """jieba's word frequencies, read from its dictionary file (initialising jieba itself costs twice
    as much) and cached as a marshal file keyed by the dictionary's size and mtime."""
    import marshal
    import os
    from pathlib import Path

    import jieba

    src = Path(jieba.__file__).with_name("dict.txt")
    st = src.stat()
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kg-regional" / \
        f"jieba-freq-{st.st_size}-{int(st.st_mtime)}.marshal"
    try:
        return marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    freq = {}
    with open(src, encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ", 2)
            if len(parts) >= 2 and parts[1].isdigit():
                freq[parts[0]] = int(parts[1])
    try:  # best effort: a read-only home only costs the next run the same parse
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(freq))
        os.replace(tmp, cache)
    except OSError:
        pass
    return freq
