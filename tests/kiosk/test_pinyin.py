"""Pinyin candidates for the touch keyboard: common characters first, syllables split."""

from __future__ import annotations

from kiosk import pinyin


def test_common_characters_come_first() -> None:
    assert pinyin.candidates("xiao")[0] == "小"
    assert "明" in pinyin.candidates("ming")[:3]
    assert pinyin.candidates("lv")[0] == "绿"  # ü typed as v


def test_run_on_letters_are_split_one_syllable_at_a_time() -> None:
    assert pinyin.split_first("xiaoming") == ("xiao", "ming")
    assert pinyin.consume("xiaoming") == "ming"
    assert pinyin.consume("ming") == ""


def test_a_partial_syllable_offers_every_syllable_it_starts() -> None:
    found = pinyin.candidates("zh")
    assert len(found) == 40 and "中" in found
    assert pinyin.candidates("") == []
    assert pinyin.candidates("vvv") == []
