"""Which rows' folded search text holds every typed word, without reading every row.

A trigram index: every three-letter run of each row's folded text points to the rows that hold
it, so a word of three letters or more is looked up as the intersection of its trigrams' rows,
then confirmed on those rows alone. A query that only narrows the previous one (a letter typed at
the end of a word, a word added) is answered from the previous answer, and the last queries'
answers are kept (Backspace returns to one). Only a first one- or two-letter query reads every
row. The trigrams are gathered the first time a query needs them. Pure Python (no Qt).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

_NONE: frozenset[int] = frozenset()
# Answers kept for queries typed lately (each a list of row positions).
_KEPT = 64


class SearchIndex:
    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._grams: dict[str, set[int]] | None = None
        self._last_words: list[str] = []
        self._last_hits: list[int] = []
        self._kept: OrderedDict[tuple[str, ...], list[int]] = OrderedDict()

    def build(self) -> None:
        """Gather the trigrams now (once), e.g. while the user has not typed yet."""
        if self._grams is not None:
            return
        grams: dict[str, set[int]] = {}
        for i, text in enumerate(self._texts):
            for gram in {text[j:j + 3] for j in range(len(text) - 2)}:
                bucket = grams.get(gram)
                if bucket is None:
                    grams[gram] = {i}
                else:
                    bucket.add(i)
        self._grams = grams

    def _refines_last(self, words: list[str]) -> bool:
        """Every row matching ``words`` matched the previous query too."""
        last = self._last_words
        return bool(last) and len(words) >= len(last) and all(
            old in new for old, new in zip(last, words, strict=False))

    def _pool(self, words: list[str]) -> Sequence[int]:
        """Rows that may match ``words`` (a superset of the answer), in order."""
        if self._refines_last(words):
            return self._last_hits
        long_words = [w for w in words if len(w) >= 3]
        if not long_words:
            return range(len(self._texts))
        self.build()
        assert self._grams is not None
        found: set[int] | None = None
        for word in long_words:
            sets = sorted((self._grams.get(word[j:j + 3], _NONE)
                           for j in range(len(word) - 2)), key=len)
            rows = set(sets[0]).intersection(*sets[1:])
            found = rows if found is None else found & rows
        return sorted(found or ())

    def matching(self, words: list[str]) -> list[int]:
        """Positions, in order, of the texts that contain every one of ``words``."""
        texts = self._texts
        key = tuple(words)
        hits = self._kept.get(key)
        if hits is not None:
            self._kept.move_to_end(key)
        elif not words:
            hits = list(range(len(texts)))
        else:
            pool = self._pool(words)
            if len(words) == 1:
                w = words[0]
                hits = [i for i in pool if w in texts[i]]
            else:
                hits = [i for i in pool if all(w in texts[i] for w in words)]
            self._kept[key] = hits
            if len(self._kept) > _KEPT:
                self._kept.popitem(last=False)
        self._last_words, self._last_hits = words, hits
        return hits
