"""The candidate search looks typed words up in a trigram index of the folded texts: the same
rows as reading every row (accents and case ignored, every word must match), found without a
pass over all rows at each keystroke."""

from __future__ import annotations

import random

from app.domain.text import fold
from ui.models.candidates import CandidateRow, CandidatesFilter, CandidatesModel
from ui.models.search_index import SearchIndex

TEXTS = [fold(t) for t in (
    "Nguyễn Văn An APP-2027-00001 Đại học Bách khoa Hà Nội", "João Silva APP-2027-00002 USP",
    "Ana Sánchez APP-2027-00003 Universidad Nacional", "王伟 APP-2027-00004 清华大学",
    "Wei Ming APP-2027-00005 Tecnológico de Monterrey", "Nguyen Thi Bich APP-2027-00006",
    "शर्मा राहुल APP-2027-00007 IIT Madras", "Ng An APP-2027-00008", "")]


def _scan(texts: list[str], words: list[str]) -> list[int]:
    return [i for i, t in enumerate(texts) if all(w in t for w in words)]


def test_same_rows_as_reading_every_row() -> None:
    rng = random.Random(7)
    texts = TEXTS * 30
    index = SearchIndex(texts)
    alphabet = "ang uyen 2027 silva wei 王 शर्मा ch"
    for _ in range(400):
        # typed a key at a time, sometimes erased, sometimes a new query
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        for end in [*range(len(query) + 1), *range(len(query), -1, -1)]:
            words = fold(query[:end]).split()
            assert index.matching(words) == _scan(texts, words), words


def test_accents_and_case_ignored_through_the_proxy() -> None:
    model = CandidatesModel()
    model.set_rows([CandidateRow(str(i), f"N{i}", "", "", "", "", "free_mover", "registered",
                                 t) for i, t in enumerate(TEXTS)])
    proxy = CandidatesFilter()
    proxy.setSourceModel(model)
    for typed, expected in (("NGUYÊN", {"N0", "N5"}), ("sanchez nacional", {"N2"}),
                            ("shar", set()), ("शर्मा", {"N6"}), ("ng an", {"N0", "N7"})):
        proxy.set_search(typed)
        assert {proxy.index(r, 0).data() for r in range(proxy.rowCount())} == expected, typed


class CountingRows(list):
    """The model's rows, counting how many times a row is read."""

    reads = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        for row in super().__iter__():
            CountingRows.reads += 1
            yield row

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        CountingRows.reads += 1
        return super().__getitem__(i)


def test_a_keystroke_reads_only_the_rows_that_can_match() -> None:
    rows = CountingRows(CandidateRow(str(i), f"N{i}", "", "", "", "", "free_mover",
                                     "registered", f"{TEXTS[i % 8]} {i:05d}")
                        for i in range(4000))
    model = CandidatesModel()
    model.set_rows(rows)
    proxy = CandidatesFilter()
    proxy.setSourceModel(model)
    proxy.set_search("silva")  # the index is built once for these rows
    assert proxy.rowCount() == 500
    for typed in ("00123", "monterrey 0004", "01999"):
        CountingRows.reads = 0
        proxy.set_search(typed)
        assert 0 < proxy.rowCount() <= 10
        assert CountingRows.reads < 100  # where a scan read all 4,000
