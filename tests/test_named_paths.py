"""Files the README, the CHANGELOG and pyproject.toml name exist (pyproject once cited a test,
tests/ui/test_pyside_refcounts.py, that did not)."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

NAMED = re.compile(
    r"(?<![\w/.-])((?:kiosk|ui|sync|tests|tools|bench|resources)/[\w/.-]+\.(?:py|toml|md|csv|service|timer))"
)


@pytest.mark.parametrize("document", ["README.md", "pyproject.toml", "Makefile"])
def test_every_file_a_document_names_exists(document: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    named = sorted(set(NAMED.findall(text)))
    assert named, f"{document} names no file: the pattern is out of date"
    assert [path for path in named if not (ROOT / path).exists()] == []
