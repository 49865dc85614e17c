"""Blind panel on the desk (DESIGN.md §2): what the server would not send now leaves the desk.

A colleague's submitted card may reach a desk while its user is off the candidate's panel
(the chair reviewing, say). When that user joins the panel with no submitted card of their
own, the server no longer sends colleagues' cards, so the desk drops the ones it holds; the
server sends them again when the user's own card is submitted (its seq bumps them).
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.scorecard import ScorecardView, visible_scorecards

from .database import get_meta
from .desk_users import desk_user_ids
from .models import Scorecard

log = logging.getLogger(__name__)


def drop_hidden_cards(session: Session, candidate_id: str, panel: Collection[str]) -> int:
    """After the server's panel of ``candidate_id`` arrives: remove the cards the desk's
    assessor may no longer read, when on that panel. Returns how many went."""
    viewer = get_meta(session, "current_assessor")
    if not viewer or viewer not in panel:
        return 0
    cards = list(session.scalars(select(Scorecard).where(Scorecard.candidate_id == candidate_id)))
    allowed = {v.author_id for v in visible_scorecards(
        viewer, [ScorecardView(c.author_id, c.submitted) for c in cards], panel)}
    # Cards made on this desk by its other users are their own work, not the server's to
    # withhold: the pages hide them from whoever is unlocked (EditService.scorecards_visible).
    local = desk_user_ids(session)
    hidden = [c for c in cards if c.author_id not in allowed and c.author_id not in local]
    for card in hidden:
        session.delete(card)
    if hidden:
        log.info("%d colleague card(s) of candidate %s leave the desk until this assessor's "
                 "own card is submitted", len(hidden), candidate_id)
    return len(hidden)
