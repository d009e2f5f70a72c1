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


# --- hostile input (issue 12) -------------------------------------------------------------------------
@pytest.mark.parametrize("text, district", [
    ("吴兴区今年新签约项目12个。吴兴区工业产值增长。", "吴兴区"),
    # a city's project list names its counties in passing: the article is about the city
    ("洛阳市重大项目开工。洛阳市发改委称，栾川县、宜阳县各有项目，洛阳市将加快推进。", "洛阳市"),
    # a common word that is also a county's short name is the word
    ("发展新兴产业，整合资源优势。吴兴区项目开工。", "吴兴区"),
    # ... unless the article writes the county's full name too: then the short form is the county
    ("宁波市江北区今年新建产业园。江北持续发力，江北经济稳步增长，宁波市也在推进。", "江北区"),
    # a county's short name that is also a city's name names the city
    ("乌鲁木齐经开区项目开工。乌鲁木齐市今年投资增长。", "乌鲁木齐市"),
])
def test_district_guess(text, district):
    from kg.read import guess_district

    assert guess_district(text) == district


from kg.errors import FileTooLargeError, MarkupError, SymlinkRefusedError  # noqa: E402
from kg.read import clean_text, is_markup, load_metadata, scan_corpus  # noqa: E402


@pytest.mark.parametrize("raw, clean", [
    ("宁波\x00市", "宁波市"), ("北仑\x1b[0m区", "北仑[0m区"), ("a\r\nb\rc", "a\nb\nc"), ("园\u200b区", "园区"),
    ("\ufeff开头", "开头"), ("右\u202e左", "右左"), ("制表\t保留", "制表\t保留"), ("C1\x85控制", "C1控制"),
])
def test_control_characters_removed(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("text, suffix, markup", [
    ("<!DOCTYPE html><html><body>新闻</body></html>", ".txt", True),
    ("<p>一</p><p>二</p><div>三</div><br><span>四</span>", "", True),
    ("正文 a<b 且 c>d，不是网页。", ".txt", False),
    ("普通文本", ".html", True),
])
def test_markup_detected(text, suffix, markup):
    assert is_markup(text, suffix) is markup


def test_html_page_becomes_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><script>var a='<p>脚本</p>';</script><style>p{}</style></head>"
                 "<body><h1>标题在这里</h1><p>第一段，园区建设。</p><p>第二段。</p></body></html>", encoding="utf-8")
    a = read_article(p)
    assert "第一段，园区建设。" in a.text and "第二段。" in a.text
    assert "<" not in a.text and "脚本" not in a.text and "p{}" not in a.text


def test_markup_without_text_is_named(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><body><div></div></body></html>", encoding="utf-8")
    with pytest.raises(MarkupError, match="empty.html"):
        read_article(p)


def test_size_cap_names_the_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("园区" * 1000, encoding="utf-8")
    with pytest.raises(FileTooLargeError, match=r"big.txt: 6000 bytes, over the size cap of 5000"):
        read_article(p, max_bytes=5000)
    assert read_article(p, max_bytes=6000).text.startswith("园区")


def test_scan_refuses_links_out_and_names_everything(tmp_path):
    c = tmp_path / "c"
    (c / "sub").mkdir(parents=True)
    (c / "a.txt").write_text("一", encoding="utf-8")
    (c / "sub" / "b.txt").write_text("二", encoding="utf-8")
    (c / "x.pdf").write_bytes(b"%PDF")
    (c / "out.txt").symlink_to("/etc/hostname")
    (c / "gone.txt").symlink_to(c / "nothing")
    (c / "in.txt").symlink_to(c / "a.txt")
    (c / "dirlink").symlink_to(tmp_path)
    listing = scan_corpus(c)
    assert [p.relative_to(c).as_posix() for p in listing.files] == ["a.txt", "in.txt", "sub/b.txt"]
    text = "\n".join(listing.skipped)
    for name, code in (("out.txt", SymlinkRefusedError.code), ("gone.txt", "E061"), ("x.pdf", "E064"),
                       ("dirlink", "E061")):
        assert any(name in s and code in s for s in listing.skipped), (name, text)


@pytest.mark.parametrize("content, field_msg, kept", [
    ('{"a.txt": {"title": "T", "year": "2023"}}', None, {"title": "T", "year": 2023}),
    ('{"a.txt": {"title": 5, "year": 2023}}', "'title' should be str", {"year": 2023}),
    ('{"a.txt": {"district": "北仑区", "year": true}}', "'year' should be int", {"district": "北仑区"}),
    ('{"a.txt": "oops"}', "entry 'a.txt' is str", None),
    ('["a.txt"]', "expected an object", None),
    ('{"a.txt": ', "invalid JSON", None),
])
def test_metadata_errors_name_file_and_field(tmp_path, content, field_msg, kept):
    (tmp_path / "metadata.json").write_text(content, encoding="utf-8")
    errors: list[str] = []
    meta = load_metadata(tmp_path, errors)
    assert meta.get("a.txt") == kept
    if field_msg:
        assert len(errors) == 1 and "metadata.json" in errors[0] and field_msg in errors[0] and "E062" in errors[0]
    else:
        assert errors == []


def test_long_line_is_cut_into_bounded_sentences(tmp_path):
    from kg.segment import MAX_SENTENCE, split_sentences

    p = tmp_path / "long.txt"
    p.write_text("开头。\n" + "字" * 5000 + "，" + "b" * 3000 + "\n结尾。", encoding="utf-8")
    a = read_article(p)
    ss = split_sentences(a)
    assert max(len(s.text) for s in ss) <= MAX_SENTENCE
    assert "".join(s.text for s in ss) == a.text.replace("\n", "")  # nothing lost, nothing doubled
    for s in ss:
        assert "".join(a.text[x:y] for x, y in s.pieces) == s.text


def test_tagger_bounds_long_texts():
    from kg.tag import MAX_CHARS, get_tagger

    text = "宁波" * MAX_CHARS
    toks = get_tagger().tag_texts([text, "北仑区"])
    assert "".join(t.text for t in toks[0]) == text and toks[0][-1].end == len(text)
    assert "".join(t.text for t in toks[1]) == "北仑区"
