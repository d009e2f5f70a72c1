"""Shared fixtures: one real build of the corpus (rdflib graph on disk), reused by the tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    from kg.build import build

    out = tmp_path_factory.mktemp("out")
    res = build(CORPUS, out)
    return res, out


@pytest.fixture(scope="session")
def graph(built):
    from kg.query import load_graph

    return load_graph(built[1] / "kg.ttl")


@pytest.fixture
def corpus_copy(tmp_path):
    d = tmp_path / "corpus"
    shutil.copytree(CORPUS, d)
    return d


UNSEEN = ROOT / "tests" / "unseen"


@pytest.fixture(scope="session")
def unseen_built(tmp_path_factory):
    """A build of the invented articles (other cities, one in traditional characters), no metadata."""
    from kg.build import build

    out = tmp_path_factory.mktemp("unseen")
    build(UNSEEN / "articles", out)
    return out
