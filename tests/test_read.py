import pytest

from kg.errors import ReadError
from kg.read import decode, read_article

TEXT = "宁波市北仑区引进新項目，產業園區建設加快。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_decodes(encoding):
    text, _ = decode(TEXT.encode(encoding))
    assert text == TEXT


def test_traditional_becomes_simplified(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("臺灣產業園區", encoding="utf-8")
    a = read_article(p)
    assert a.text == "台湾产业园区" and len(a.text) == len(a.original)


def test_undecodable_file_is_named(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(bytes(range(128, 256)) * 4 + b"\x00" * 600)
    with pytest.raises(ReadError, match="bad.txt"):
        read_article(p)


def test_district_guessed_without_metadata(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("宁波市鄞州区今年新建产业园。鄞州持续发力，鄞州经济稳步增长。", encoding="utf-8")
    assert read_article(p).district == "鄞州区"
