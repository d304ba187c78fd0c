"""Pinyin keys for product search: initials (可口可乐 -> kkkl) and full pinyin (kekoukele).
Pure computation (pypinyin's dictionaries), so it lives in the domain: the demo chain uses it
without reaching into the till's store."""

from __future__ import annotations


def initials(name: str) -> str:
    """First letter of each syllable; letters and digits in the name are kept as they are."""
    from pypinyin import Style, lazy_pinyin  # its dictionaries take a quarter second to load

    out = []
    for part in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default"):
        out.append("".join(ch for ch in part.lower() if ch.isalnum()))
    return "".join(out)


def full(name: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(ch for ch in "".join(lazy_pinyin(name)).lower() if ch.isalnum())
