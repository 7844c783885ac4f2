"""Names on the public ranking pass a configurable block list."""

from __future__ import annotations

from pathlib import Path

from kiosk.nicknames import blocklist, public_name


def test_whole_words_and_chinese_terms_are_caught_ordinary_names_pass(tmp_path: Path) -> None:
    shipped = blocklist(tmp_path)
    for bad in ("FUCK you", "Fück", "大傻逼", "你妈的小明", "salope!", "x卐x"):
        assert shipped.blocks(bad), bad
    for good in ("Scunthorpe", "Dickens", "小明", "Zoë", "奶茶控", "Cocktail Li"):
        assert not shipped.blocks(good), good
    assert public_name("傻逼王", shipped) == "" and public_name("王明", shipped) == "王明"


def test_a_venue_adds_and_removes_terms(tmp_path: Path) -> None:
    (tmp_path / "nickname-blocklist.txt").write_text(
        "# this venue\n竞争对手\n!sexy\n", encoding="utf-8"
    )
    venue = blocklist(tmp_path)
    assert venue.blocks("我爱竞争对手") and not venue.blocks("Sexy Panda")
    assert blocklist(tmp_path / "nowhere").blocks("Sexy Panda")
