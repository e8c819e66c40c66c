"""German compounds split into their parts, so that a part finds the whole and the whole its parts.

The splitting is wordninja-pp's (MIT): the most probable sequence of words by the German word
frequencies the package ships, so nothing is downloaded at run time. Its answer is used only
when every part is a word of its own (four letters or more, a linking "s"/"es"/"n"/"en"/"e"
kept with the part before it): "kooperationsvertrag" -> ("kooperations", "vertrag"), while
"partizipation" or "daseinsvorsorge" stay whole.
"""

import functools
import threading

MIN_PART = 4
LINKING = frozenset({"s", "es", "n", "en", "e"})
# Endings that are listed as words but make no part of a compound ("gesell-schaft").
SUFFIXES = frozenset({"keit", "heit", "schaft", "innen", "ration", "samt", "tion", "lich"})

_model = None
_lock = threading.Lock()


def _language_model():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                # Imported here: the package loads its English list on import (about a second).
                import wordninja

                _model = wordninja.LanguageModel("de")
    return _model


@functools.lru_cache(maxsize=65536)
def compound_parts(word: str) -> tuple[str, ...]:
    """The parts of a lower-case German compound, or () when it is not one."""
    if len(word) < 2 * MIN_PART or not word.isalpha():
        return ()
    parts: list[str] = []
    for piece in _language_model().split(word):
        if parts and piece in LINKING:
            parts[-1] += piece
        else:
            parts.append(piece)
    if len(parts) < 2:
        # Frequent compounds ("konfliktlösung") are words of their own in the list; then the
        # cheapest split into two listed words is taken.
        parts = _two_parts(word)
    if len(parts) < 2 or any(len(part) < MIN_PART for part in parts):
        return ()
    return tuple(parts)


def _two_parts(word: str) -> list[str]:
    cost = _language_model()._wordcost
    best = None
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        if tail not in cost or tail in SUFFIXES:
            continue
        for linking in ("", *LINKING):
            base = head[: len(head) - len(linking)] if linking else head
            if head.endswith(linking) and len(base) >= MIN_PART and base in cost:
                total = cost[base] + cost[tail]
                if best is None or total < best[0]:
                    best = (total, [head, tail])
    return best[1] if best else []
