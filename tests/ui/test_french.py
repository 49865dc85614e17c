"""French everywhere: every page, the candidate panel, the progress view and the menus are
read in English and then in French (switched live from the View menu with the mouse), and no
string a user sees may stay identical to its English source, except proper names, codes and
the few words French writes the same. Numbers follow the language too ("12,5", "pas de
0,25"), and the Edit menu's undo label never mixes languages after a switch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)
from sqlalchemy import select

from app.store.models import Assessor, Candidate, Interview, Mission
from ui.main_window import PAGE_KEYS

# Words French writes as English does, and codes: never a sign of a missing translation.
SAME_IN_FRENCH = {
    "notes", "total", "code", "mission", "absent", "option", "dates", "pause", "dd", "desk",
    "english", "français", "ctrl", "shift", "pdf", "fm", "date", "abs", "format", "signature",
    "http", "https", "admissions", "example", "org",
    "demo", "excellent", "communication", "motivation", "app",
}
ROWS_READ = 3  # table rows read per view (headers always)


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text.replace("&nbsp;", " ").replace("&amp;", "&"))


def strings(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every string a user can read under ``root``: labels, buttons, group
    titles, placeholders, tooltips, combo items, tabs, table headers and first rows, and the
    actions of menus and context menus."""
    widgets = [root, *root.findChildren(QWidget)]
    for i, w in enumerate(widgets):
        if not w.isVisibleTo(root) and w is not root and not isinstance(w, QMenu):
            continue
        at = f"{i}:{type(w).__name__}:{w.objectName()}"
        if w.toolTip():
            yield f"{at}:tip", w.toolTip()
        if isinstance(w, QLabel):
            yield f"{at}:text", _plain(w.text())
        elif isinstance(w, QAbstractButton):
            yield f"{at}:text", w.text()
        elif isinstance(w, QGroupBox):
            yield f"{at}:title", w.title()
        elif isinstance(w, QLineEdit) and not w.isReadOnly():
            yield f"{at}:placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            for n in range(w.count()):
                yield f"{at}:item{n}", w.itemText(n)
        elif isinstance(w, QTabBar):
            for n in range(w.count()):
                yield f"{at}:tab{n}", w.tabText(n)
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                yield f"{at}:head{c}", str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for r in range(min(ROWS_READ, model.rowCount())):
                    idx = model.index(r, c, QModelIndex())
                    yield f"{at}:cell{r},{c}", str(idx.data() or "")
                    yield f"{at}:celltip{r},{c}", str(idx.data(Qt.ItemDataRole.ToolTipRole) or "")
        elif isinstance(w, QMenu):
            for n, a in enumerate(w.actions()):
                yield f"{at}:action{n}", a.text()
                if a.menu() is not None:
                    for m, sub in enumerate(a.menu().actions()):
                        yield f"{at}:action{n}.{m}", sub.text()


def proper_names(ctx) -> set[str]:
    """Every word of the mission's data: names, institutions, rooms, places, options."""
    words: set[str] = set()
    with ctx.store.read() as s:
        texts = [*s.scalars(select(Candidate.family_name)),
                 *s.scalars(select(Candidate.given_names)),
                 *s.scalars(select(Candidate.home_institution)),
                 *s.scalars(select(Candidate.partner_institution)),
                 *s.scalars(select(Candidate.nationality)), *s.scalars(select(Candidate.email)),
                 *s.scalars(select(Assessor.name)), *s.scalars(select(Interview.room))]
        m = s.get(Mission, ctx.mission_id)
        texts += [m.code, m.name, m.city, m.country, m.timezone]
    texts += [o.label for o in ctx.config.options] + [o.code for o in ctx.config.options]
    for t in texts:
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", t or ""))
    return words


def untranslated(text: str, allowed: set[str]) -> bool:
    # short capitals are codes or initials ("KB", "DD"); other words must be names or
    # words French writes the same
    words = [w for w in re.findall(r"[^\W\d_]{2,}", text) if not (w.isupper() and len(w) <= 3)]
    return any(w.lower() not in allowed and w.lower() not in SAME_IN_FRENCH for w in words)


def read_everything(qtbot, window) -> dict[str, str]:
    """Visit every page with Ctrl+1..6, open the candidate panel (Ctrl+I) and the progress
    view (Ctrl+Shift+P), open the Reports menu: every string, by where it is."""
    out: dict[str, str] = {}
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for i, key in enumerate(PAGE_KEYS):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + i), Qt.KeyboardModifier.ControlModifier)
        page = window.page(key)
        qtbot.waitUntil(page.isVisible)
        table = getattr(page, "table", None) or getattr(page, "slot_table", None)
        if table is not None and table.model().rowCount():
            rect = table.visualRect(table.model().index(0, 1))
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        out.update({f"{key}/{k}": v for k, v in strings(page)})
    # the candidate panel from the candidates page
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.page("candidates")
    qtbot.keyClick(page.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(page, "last_panel", None) is not None
                    and page.last_panel.isVisible())
    out.update({f"panel/{k}": v for k, v in strings(page.last_panel)})
    page.last_panel.close()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.progress_view is not None and window.progress_view.isVisible())
    out.update({f"progress/{k}": v for k, v in strings(window.progress_view)})
    window.progress_view.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window._fill_reports_menu()
    for menu_action in window.menuBar().actions():
        out.update({f"menu/{menu_action.menu().objectName()}/{k}": v
                    for k, v in strings(menu_action.menu())})
    window.reports_menu.aboutToShow.emit()
    out.update({f"reports/{k}": v for k, v in strings(window.reports_menu)})
    return out


def to_french(qtbot, window) -> None:
    """View > Language > Français (the menu path itself is clicked in test_main_window)."""
    window.language_actions["fr"].trigger()
    qtbot.waitUntil(lambda: window.sidebar.item(1).text() == "Candidats")


@pytest.fixture
def scored(ctx):
    """A mark with a decimal and a conflict, so that numbers and conflicts are on screen."""
    from app.store.models import Conflict

    with ctx.store.read() as s:
        cid = s.scalar(select(Candidate.id).where(Candidate.track == "free_mover",
                                                  Candidate.status == "present")
                       .order_by(Candidate.application_number))
    ctx.edits.set_mark(cid, ctx.config.subjects[0].key, Decimal("12.5"))
    with ctx.store.write() as s:
        s.add(Conflict(entity="candidate", row_id=cid, field="status",
                       current_value="present", other_value="absent"))
    return cid


def test_no_english_left_in_french(qtbot, window, ctx, scored) -> None:
    english = read_everything(qtbot, window)
    to_french(qtbot, window)
    french = read_everything(qtbot, window)
    allowed = proper_names(ctx)
    same = sorted((where, text) for where, text in french.items()
                  if english.get(where) == text and text.strip() and untranslated(text, allowed))
    assert len(french) > 400  # the walk did read the pages
    assert not same, "\n".join(f"{w}: {t!r}" for w, t in same)


def test_numbers_follow_the_language(qtbot, window, ctx, scored) -> None:
    to_french(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.page("written_tests")
    assert "pas de 0,25" in page.scale.text()
    row = page.model.row_of(scored)
    shown = page.proxy.mapFromSource(page.model.index(row, 3))
    assert shown.data() == "12,5"
    # typing a French decimal saves it and shows it back the French way
    page.table.setCurrentIndex(shown)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_1)  # any key opens the editor
    qtbot.keyClicks(QApplication.focusWidget(), "3,75")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert page.model.index(row, 3).data() == "13,75"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert "pas 0,25" in window.page("mission").labels["tests"].text() or \
        "0,25" in window.page("mission").labels["tests"].text()
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    ranking = window.page("ranking")
    qtbot.waitUntil(lambda: any(r.composite is not None for r in ranking.model.rows()))
    scores = [ranking.proxy.index(r, 5).data() for r in range(ranking.proxy.rowCount())]
    assert any("," in s for s in scores if s) and not any("." in s for s in scores if s)
    assert "0,6" in ranking.formula.text()


def test_undo_label_in_one_language_after_a_switch(qtbot, window) -> None:
    page = window.page("candidates")
    qtbot.keyClicks(page.search, "silva ana")
    rect = page.table.visualRect(page.proxy.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    assert window.undo_action.text() == "Undo FOLD-003: Present"
    to_french(qtbot, window)
    assert window.undo_action.text().startswith("Annuler")
    assert "Présent" in window.undo_action.text() and "Present" not in window.undo_action.text()


def test_reports_menu_in_french(qtbot, window) -> None:
    to_french(qtbot, window)
    bar = window.menuBar()
    reports = window.reports_menu.menuAction()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(reports).center())
    qtbot.waitUntil(window.reports_menu.isVisible)
    texts = [a.text() for a in window.reports_menu.actions() if not a.isSeparator()]
    assert "&Procès-verbal et classement…" in texts
    assert all("sheet" not in t and "report" not in t.lower() for t in texts), texts
    window.reports_menu.close()


def test_dates_and_conflict_values_in_the_interface_language(qtbot, window) -> None:
    from ui.numbers import date_text, decimal_text
    from ui.vocabulary import entity_label, field_label, value_label

    english = (date_text("2004-06-08", long=True), decimal_text(Decimal(
        "0.25")), entity_label("candidate"), field_label("status"), value_label("status",
                                                                               "absent"))
    to_french(qtbot, window)
    french = (date_text("2004-06-08", long=True), decimal_text(Decimal(
        "0.25")), entity_label("candidate"), field_label("status"), value_label("status",
                                                                               "absent"))
    assert "June" in english[0] and "juin" in french[0]
    assert (english[1], french[1]) == ("0.25", "0,25")
    assert english[2:] == ("Candidate", "status", "Absent")
    assert french[2:] == ("Candidat", "statut", "Absent")


def test_sign_in_and_sync_messages_in_french(qtbot, window) -> None:
    """Messages made outside a widget (ui.sign_in) are translated too: a .ts regenerated by
    lupdate must not leave them 'vanished' (lrelease drops those)."""
    from ui.sign_in import address_problem, failure_message, phase_label

    kinds = ("offline", "auth", "expired", "revoked", "address", "password", "no_access",
             "server", "certificate", "cancelled", "insecure", "mission_choice")
    phases = ("signing in", "choosing the mission", "downloading the mission",
              "sending changes", "receiving changes", "restoring refused changes", "done")

    def said() -> list[str]:
        return ([failure_message(k, "X") for k in kinds] + [phase_label(p) for p in phases]
                + [address_problem("admissions.example.org") or "",
                   address_problem("") or ""])

    english = said()
    to_french(qtbot, window)
    french = said()
    same = [e for e, f in zip(english, french, strict=True) if e == f]
    assert not same, same


def test_a_refused_section_of_a_bundle_is_said_in_french(qtbot, window) -> None:
    """A shared desk's colleague never synced: the import report names them, in both
    languages (ui.dialogs.bundle.refused_lines)."""
    from ui.dialogs.bundle import refused_lines

    refused = [("Rita Rep", "unknown signer: sync with the server first")]
    [english] = refused_lines(refused)
    assert "<b>Rita Rep</b> were not applied (unknown signer)" in english
    to_french(qtbot, window)
    [french] = refused_lines(refused)
    assert "<b>Rita Rep</b> non appliquées (signataire inconnu)" in french
    assert "Rita Rep doit d'abord synchroniser" in french
