"""Words of Chinese text for full-text search: Chinese has no spaces, so both the stored text and
the query are cut into words (jieba's dictionary and cuts, compiled: rjieba) and searched as
space-separated words on both databases."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

CHINESE = "zh"
# Runs of CJK ideographs (the unified block and its first extension) and the compatibility
# block: what is cut into words; Latin words, numbers and symbols among them stay as typed.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@cache
def _jieba() -> Any:
    import rjieba  # imported on first use: loading its dictionary takes a tenth of a second

    return rjieba


def index_words(text: str) -> str:
    """The text with its Chinese cut into words for the index: each word, and the shorter words
    within a long one (`人道主义` also as `人道`, `主义`), so that a query finds a word inside a
    compound."""
    jieba = _jieba()
    return _HAN.sub(lambda match: " " + " ".join(jieba.cut_for_search(match[0])) + " ", text)


def query_words(text: str) -> str:
    """A query with its Chinese cut into words (the most likely cut), operators kept as typed:
    `地雷 -排雷` stays two terms, the second excluded."""
    jieba = _jieba()
    return _HAN.sub(lambda match: " ".join(jieba.cut(match[0])), text)


def search_text(language: str, text: str) -> str | None:
    """What the index holds for a translated clause or footnote, or a title, besides its text:
    the words of a Chinese one; None for the languages whose words the databases find."""
    return index_words(text) if language == CHINESE else None
