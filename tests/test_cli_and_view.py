"""The CLI end to end (the HTML view's tests are in test_view.py; `kg query` and `kg serve` have
tests/test_query_cli.py and tests/test_server*.py)."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_missing_graph(tmp_path):
    r = kg("stats", "--kg", str(tmp_path / "nothing"))
    assert r.returncode == 1 and "kg build" in r.stderr


@pytest.mark.parametrize("name", ["芯港", "xingangxiaozhen", "芯港小鎮"])
def test_cli_explain_finds_a_name_by_script_pinyin_or_suggests(built, name):
    r = kg("explain", name, "--kg", str(built[1]))
    if r.returncode == 0:
        assert r.stdout.startswith("芯港小镇")  # the traditional form or the full pinyin names it
    else:
        assert "did you mean" in r.stderr and "芯港小镇" in r.stderr and "Traceback" not in r.stderr


def test_cli_explain(built):
    r = kg("explain", "芯港小镇", "--kg", str(built[1]))
    assert r.returncode == 0 and "leads" in r.stdout and "「" in r.stdout
