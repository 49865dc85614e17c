"""The lock screen (issue 17): several assessors share a laptop, each unlocks with their PIN.

Shown in place of the pages (nothing of the previous user stays on screen). The assessor
picks their name; one who has no PIN on this desk yet sets it here, typed twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QRegularExpression, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.store.database import Store
from app.store.desk_users import (
    MIN_PIN_DIGITS,
    DeskUsers,
    PinError,
    PinThrottled,
    Unlock,
    check_pin_format,
)
from app.store.models import Assessor
from ui.dialogs.assessor import role_label
from ui.numbers import local_time

log = logging.getLogger(__name__)

CARD_WIDTH, CARD_MARGIN = 600, 28
# One PIN checked at a time, in this thread (argon2id takes about half a second here).
_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pin-check")


def _clock(moment: dt.datetime) -> str:
    """A moment of today in local time, to the second."""
    local = local_time(moment.isoformat())
    return local.strftime("%H:%M:%S") if local is not None else moment.isoformat()


class LockScreen(QWidget):
    """Emits ``unlocked(assessor_id)`` once a right PIN (or a new PIN, twice) is typed."""

    unlocked = Signal(str)

    def __init__(self, store: Store, mission_id: str, users: DeskUsers,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.store, self.mission_id, self.users = store, mission_id, users
        self.card = QFrame()
        self.card.setObjectName("lockCard")
        self.card.setFixedWidth(CARD_WIDTH)
        # Exactly as tall as its content: the second PIN field comes and goes with the name.
        self.card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # A card on the page's background, like the desk's other panels.
        self.card.setStyleSheet("#lockCard { background: white; border: 1px solid #d1d5db;"
                                " border-radius: 8px; }")
        self.title = QLabel()
        self.title.setObjectName("lockTitle")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.team = QListWidget()
        self.team.setObjectName("lockTeam")
        self.team.setMinimumHeight(4 * 48 + 6)  # four names without scrolling
        digits = QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"), self)
        self.pin = QLineEdit()
        self.pin.setObjectName("pinEdit")
        self.again = QLineEdit()
        self.again.setObjectName("pinAgainEdit")
        for edit in (self.pin, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setValidator(digits)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            edit.returnPressed.connect(self._submit)
        self.pin_label, self.again_label = QLabel(), QLabel()
        self.pin_label.setBuddy(self.pin)
        self.again_label.setBuddy(self.again)
        form = QGridLayout()
        form.addWidget(self.pin_label, 0, 0)
        form.addWidget(self.pin, 0, 1)
        form.addWidget(self.again_label, 1, 0)
        form.addWidget(self.again, 1, 1)
        form.setColumnStretch(1, 1)
        self.message = QLabel()
        self.message.setObjectName("lockMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("chip", "alert")
        self.button = QPushButton()
        self.button.setObjectName("unlockButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)

        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(CARD_MARGIN, 24, CARD_MARGIN, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.intro)
        inner.addWidget(self.team)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.team.currentItemChanged.connect(lambda _cur, _prev: self._chosen_changed())
        self._pending: Future[tuple[str, Unlock | PinThrottled | None]] | None = None
        self.handed_over_by: str | None = None
        self.only: str | None = None  # the one name offered (see reset)
        self._poll = QTimer(self)
        self._poll.setInterval(25)
        self._poll.timeout.connect(self._poll_check)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText("<h2>" + self.tr("Desk locked") + "</h2>")
        if self.only is None:
            self.intro.setText(self.tr(
                "Several people use this laptop. Choose your name and type your PIN: your "
                "marks and scorecards are recorded under it, and a colleague's drafts stay "
                "hidden."))
        else:
            self.intro.setText(self.tr(
                "Set your own PIN first: the desk was open under your name, and without a PIN "
                "anyone could take it here. Then lock again (Ctrl+L) for the next person."))
        # A wrapped label's height at the card's width (a layout asks its width-free hint).
        self.intro.setMinimumHeight(self.intro.heightForWidth(CARD_WIDTH - 2 * CARD_MARGIN))
        self.fill()

    def fill(self, current: str | None = None) -> None:
        """The team, those with a PIN on this desk first; ``current`` preselected."""
        with self.store.read() as s:
            team = s.scalars(select(Assessor).where(Assessor.mission_id == self.mission_id)
                             .order_by(Assessor.is_chair.desc(), Assessor.name)).all()
        chosen = current or self.chosen()
        self.team.clear()
        for a in team:
            if self.only is not None and a.id != self.only:
                continue
            has_pin = self.users.has_pin(a.id)
            state = (self.tr("PIN set") if has_pin
                     else self.tr("no PIN on this desk yet"))
            item = QListWidgetItem(f"{a.name}\n{role_label(a.role, a.is_chair)} · {state}")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setSizeHint(QSize(0, 48))
            self.team.addItem(item)
            if a.id == chosen:
                self.team.setCurrentItem(item)
        self._chosen_changed()

    def chosen(self) -> str | None:
        item = self.team.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def reset(self, current: str | None = None) -> None:
        """Ready for the next person: empty fields, ``current`` (the assessor whose session
        just locked) preselected."""
        self.handed_over_by = current  # named in the audit of a PIN set on first use
        # The session that locked had no PIN (the desk was open under that name, and its
        # own account syncs under it with no password): its owner sets one before anyone
        # else may choose a name, or the next person could set it and act as them.
        self.only = current if current is not None and not self.users.has_pin(current) \
            else None
        self.pin.clear()
        self.again.clear()
        self.message.clear()
        self.retranslate()
        self.fill(current)
        self.pin.setFocus()

    def _chosen_changed(self) -> None:
        who = self.chosen()
        new = who is not None and not self.users.has_pin(who)
        self.pin_label.setText(self.tr("New PIN (%1 digits or more)").replace(
            "%1", str(MIN_PIN_DIGITS)) if new else self.tr("PIN"))
        self.again_label.setText(self.tr("Same PIN again"))
        self.again_label.setVisible(new)
        self.again.setVisible(new)
        self.button.setText(self.tr("Set PIN and unlock") if new else self.tr("Unlock"))
        self.button.setEnabled(who is not None)
        self.message.clear()
        self.message.setVisible(False)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    @property
    def busy(self) -> bool:
        """A PIN is being checked (argon2 takes a good fraction of a second: off the UI
        thread)."""
        return self._pending is not None

    def _submit(self) -> None:
        who = self.chosen()
        if who is None or self.busy:
            return
        pin, again = self.pin.text(), self.again.text()
        new = not self.users.has_pin(who)
        if new:
            try:
                check_pin_format(pin)
                if again != pin:
                    raise PinError("the two PINs differ")
            except PinError:
                self._say(self.tr("The PIN must be at least %1 digits, the same twice.")
                          .replace("%1", str(MIN_PIN_DIGITS)))
                self.again.clear()
                return
        # A plain Python thread and a polling timer: no Qt object crosses threads (argon2
        # holds no Qt state), and the UI stays responsive while the hash is computed.
        self._pending = _POOL.submit(_check, self.users, who, pin, new, self.handed_over_by)
        self.button.setEnabled(False)
        self._poll.start()

    def _poll_check(self) -> None:
        pending = self._pending
        if pending is None or not pending.done():
            return
        self._poll.stop()
        self._pending = None
        self.button.setEnabled(self.chosen() is not None)
        try:
            outcome = pending.result()
        except Exception as exc:  # shown, never lost in the thread
            log.exception("checking a PIN failed")
            self.pin.clear()
            self._say(str(exc) or type(exc).__name__)
            return
        self._checked(outcome)

    def _checked(self, outcome: tuple[str, Unlock | PinThrottled | None]) -> None:
        who, answer = outcome
        if answer is None or getattr(answer, "ok", False):
            self._done(who)
            return
        self.pin.clear()
        if isinstance(answer, PinThrottled):
            self._say(self.tr("Too many wrong PINs: try again after %1.").replace(
                "%1", _clock(answer.until)))
        elif answer.blocked_until is not None:
            self._say(self.tr("Wrong PIN. Too many wrong PINs: try again after %1.").replace(
                "%1", _clock(answer.blocked_until)))
        else:
            self._say(self.tr("Wrong PIN. %n try(s) left before a wait.", "",
                              answer.tries_left))

    def _done(self, who: str) -> None:
        self.pin.clear()
        self.again.clear()
        self.unlocked.emit(who)


def _check(users: DeskUsers, who: str, pin: str, new: bool, by: str | None
           ) -> tuple[str, Unlock | PinThrottled | None]:
    """In the worker thread: set a new PIN (None: done) or check a typed one."""
    if new:
        users.set_pin(who, pin, by=by)
        return who, None
    try:
        return who, users.verify(who, pin)
    except PinThrottled as blocked:
        return who, blocked
