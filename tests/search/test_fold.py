"""Folding: what search ignores (case, accents, compatibility forms, invisible marks),
the promise that it never loses a match jrnl would make, and PostgreSQL's
``careerlog_fold`` agreeing with the Python function character for character."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from careerlog.store.db import open_store
from careerlog.store.search.fold import fold, split_words, words


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Café ZÜRICH", "cafe zurich"),
        ("Straße", "strasse"),
        ("Łódź Ærø œuvre", "lodz aero oeuvre"),
        ("ΣΊΣΥΦΟΣ", "σισυφοσ"),
        ("\uff23\uff0b\uff0b \ufb01le \u2460", "c++ file 1"),  # fullwidth, ligature
        ("ｶﾀｶﾅ", "カタカナ"),
        ("会議", "会議"),
        ("がんばる", "か\u3099んは\u3099る"),  # voicing marks stay, decomposed
        ("tab\there\x00nul\x1b", "tab here nul "),
        ("soft\u00adhyphen \u200fmarked\u202e", "softhyphen marked"),
    ],
)
def test_what_folding_ignores(typed: str, folded: str) -> None:
    assert fold(typed) == folded


_TEXT = st.text(
    st.characters(
        codec="utf-8",
        categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf"),
        exclude_characters="\ud800",
    ),
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT, _TEXT)
def test_folding_never_loses_what_jrnl_would_find(before: str, needle: str, after: str) -> None:
    """jrnl's -contains tests ``needle.casefold() in text.casefold()``; whenever it
    holds, the folded needle is part of the folded text."""
    text_ = before + needle + after
    assert needle.casefold() in text_.casefold()
    assert fold(needle) in fold(text_)
    assert fold(text_) == fold(before) + fold(needle) + fold(after)  # character by character


def test_the_word_index_splits_unspaced_scripts_and_can_undo_nothing() -> None:
    assert split_words(fold("今日は会議")) == " 今  日  は  会  議 "
    assert split_words("plain words") == "plain words"
    stored = fold("Title") + "\n" + fold("Body 会議")
    assert (words(stored, 0), words(stored, 1)) == ("title", "body  会  議 ")


SAMPLE = "".join(
    chr(c)
    for low, high in (
        (0x20, 0x17F),  # ASCII, Latin-1, Latin Extended-A
        (0x180, 0x24F),  # Latin Extended-B
        (0x370, 0x3FF),  # Greek
        (0x400, 0x4FF),  # Cyrillic
        (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
        (0x2000, 0x206F),  # general punctuation, invisible marks
        (0x2100, 0x218F),  # letterlike symbols, number forms
        (0x2460, 0x24FF),  # enclosed alphanumerics
        (0x3000, 0x30FF),  # CJK punctuation, hiragana, katakana
        (0x4E00, 0x4E80),  # some CJK ideographs
        (0xAC00, 0xAC80),  # some Hangul syllables
        (0xFB00, 0xFB06),  # ligatures
        (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms
    )
    for c in range(low, high + 1)
    if not 0xD800 <= c <= 0xDFFF
)


def test_postgresql_folds_as_python_does(pg_url: str) -> None:
    store = open_store(pg_url)
    try:
        with store.read() as conn:
            rows = conn.execute(
                text("SELECT c, careerlog_fold(c) FROM unnest(CAST(:chars AS text[])) AS c"),
                {"chars": [*SAMPLE, "\x01\x1f\x7f\x85\x9f"]},
            ).all()
    finally:
        store.close()
    differ = {c: (server, fold(c)) for c, server in rows if server != fold(c)}
    assert len(rows) == len(SAMPLE) + 1
    assert differ == {}
