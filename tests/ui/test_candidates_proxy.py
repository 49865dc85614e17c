"""The candidates proxy holds the list of shown rows: for any typed query, filter and sort it
shows exactly the rows a plain scan accepts (every folded word contained, accents and case
ignored), in the source's order; a keystroke moves the table by a layout change, not a
reset, and the selected candidate stays selected while still shown."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView

from app.domain.text import fold
from ui.models.candidates import (
    COL_FAMILY,
    COL_NUMBER,
    ID_ROLE,
    CandidateRow,
    CandidatesFilter,
    CandidatesModel,
)

NAMES = ("Nguyễn Văn An", "João Gonçalves", "Ana Sánchez", "王伟", "Wei Ming", "शर्मा राहुल",
         "Zoë Ørsted", "ĐẶNG Thị Bích", "Müller Jörg", "Ng An")
INSTITUTIONS = ("Đại học Bách khoa Hà Nội", "Universidade de São Paulo", "IIT Madras",
                "Tecnológico de Monterrey", "清华大学")
TRACKS = ("free_mover", "double_degree")
STATUSES = ("registered", "present", "absent", "withdrawn")


def _rows(n: int) -> list[CandidateRow]:
    rows = []
    for i in range(n):
        family, _, given = NAMES[i % len(NAMES)].partition(" ")
        institution = INSTITUTIONS[(i * 7) % len(INSTITUTIONS)]
        number = f"APP-2027-{(i * 37) % 1000:05d}"
        rows.append(CandidateRow(
            id=f"id{i}", number=number, family=family, given=given, institution=institution,
            nationality="VN", track=TRACKS[i % 2], status=STATUSES[(i // 3) % 4],
            folded=fold(f"{family} {given} {number} {institution}")))
    return rows


def _old_filter(rows: list[CandidateRow], text: str, track: str | None,
                status: str | None) -> list[str]:
    """What the QSortFilterProxyModel filter accepted: every row read, in source order."""
    words = fold(text).split()
    return [r.id for r in rows if (track is None or r.track == track)
            and (status is None or r.status == status)
            and all(w in r.folded for w in words)]


def _shown(proxy: CandidatesFilter) -> list[str]:
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.lists(st.sampled_from(["a", "A", "ã", "n", "Ñ", "g", "uy", "ễ", "o", "ö", " ",
                                       "王", "0", "2", "-", "sao", "SÃO", "iit", "ð", "đ"]),
                      max_size=8),
       track=st.sampled_from([None, *TRACKS]), status=st.sampled_from([None, *STATUSES]),
       sort_column=st.sampled_from([None, COL_NUMBER, COL_FAMILY]),
       descending=st.booleans())
def test_same_rows_as_the_old_filter(qapp, typed: list[str], track: str | None,
                                     status: str | None, sort_column: int | None,
                                     descending: bool) -> None:
    model = CandidatesModel()
    model.set_rows(_rows(120))
    proxy = CandidatesFilter()
    proxy.setSourceModel(model)
    tester = QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    proxy.set_track(track)
    proxy.set_status(status)
    text = ""
    for piece in typed:  # typed a piece at a time, then erased the same way
        text += piece
        proxy.set_search(text)
        assert _shown(proxy) == _old_filter(model.rows(), text, track, status), text
    if sort_column is not None:
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        proxy.sort(sort_column, order)
        assert _shown(proxy) == _old_filter(model.rows(), text, track, status)
    while text:
        text = text[:-1]
        proxy.set_search(text)
        assert _shown(proxy) == _old_filter(model.rows(), text, track, status), text
    del tester


def test_keystrokes_change_the_layout_not_reset_and_keep_the_selection(qtbot,
                                                                       qtmodeltester) -> None:
    model = CandidatesModel()
    model.set_rows(_rows(300))
    proxy = CandidatesFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    resets: list[int] = []
    proxy.modelReset.connect(lambda: resets.append(1))
    chosen = next(r for r in model.rows() if r.given == "Gonçalves")
    view.selectRow(model.row_of(chosen.id))
    assert view.currentIndex().data(ID_ROLE) == chosen.id
    for typed in ("g", "go", "gon", "gonc", "gonca", "goncalves iit"):
        proxy.set_search(typed)
        # still shown, still current and selected, on its new row
        assert view.currentIndex().data(ID_ROLE) == chosen.id, typed
        selected = view.selectionModel().selectedRows()
        assert [i.data(ID_ROLE) for i in selected] == [chosen.id], typed
    view.sortByColumn(COL_NUMBER, Qt.SortOrder.DescendingOrder)  # sorting with the filter on
    numbers = [proxy.index(r, COL_NUMBER).data() for r in range(proxy.rowCount())]
    assert numbers == sorted(numbers, reverse=True) and len(numbers) > 1
    assert view.currentIndex().data(ID_ROLE) == chosen.id
    proxy.set_search("muller")  # the chosen row is filtered out: no current row left
    assert not view.currentIndex().isValid()
    assert all("muller" in fold(proxy.index(r, COL_FAMILY).data())
               for r in range(proxy.rowCount()))
    assert resets == []
    qtmodeltester.check(proxy)


def test_a_status_edit_leaves_and_joins_a_status_filter(qtmodeltester) -> None:
    model = CandidatesModel()
    model.set_rows(_rows(40))
    proxy = CandidatesFilter()
    proxy.setSourceModel(model)
    proxy.set_status("present")
    before = _shown(proxy)
    leaving = before[0]
    model.update_status(leaving, "absent")
    assert _shown(proxy) == [i for i in before if i != leaving]
    model.update_status(leaving, "present")
    assert _shown(proxy) == before
    proxy.set_status(None)
    row = model.row_of(before[1])
    model.update_status(before[1], "withdrawn")  # shown either way: repainted in place
    assert proxy.index(row, 6).data() == "Withdrawn"
    qtmodeltester.check(proxy)
