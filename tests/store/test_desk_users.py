"""Several assessors on one desk: PINs (argon2id, >= 6 digits), throttle kept in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from app.store.database import Store
from app.store.desk_users import (
    FREE_TRIES,
    DeskUsers,
    PinError,
    PinThrottled,
    block_after,
    desk_user_ids,
)
from app.store.edits import EditService
from app.store.models import DeskUser, OutboxMutation
from tests.store.helpers import team


class FakeClock:
    """A settable clock: the throttle is checked against it, never against real time."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def _two(store: Store) -> tuple[str, str]:
    people = team(store)
    return people["Prof. Karim Benali"].id, people["Sophie Martin"].id


def _karim_and_sophie_on_a_panel(store: Store) -> tuple[str, str, str]:
    """(karim, sophie, candidate id): a candidate with no card yet, whose panel is theirs."""
    from app.store.models import Interview
    from tests.store.helpers import candidate_with_panel

    karim, sophie = _two(store)
    candidate, interview = candidate_with_panel(store)
    with store.write() as s:
        s.get(Interview, interview.id).panel = [karim, sophie]
    return karim, sophie, candidate.id


def test_the_hash_is_stored_never_the_pin(demo):
    store, _mission, _chair = demo
    karim, _sophie = _two(store)
    DeskUsers(store).set_pin(karim, "402719", "402719")
    with store.read() as s:
        row = s.get(DeskUser, karim)
        assert row.pin_hash.startswith("$argon2id$")
        assert "402719" not in row.pin_hash
    with store.engine.connect() as c:  # nowhere in the desk's tables either
        for table in ("desk_user", "meta", "audit", "outbox"):
            for r in c.execute(text(f"SELECT * FROM {table}")):
                assert "402719" not in " ".join(str(v) for v in r)
    assert DeskUsers(store).verify(karim, "402719").ok
    assert not DeskUsers(store).verify(karim, "402718").ok


@pytest.mark.parametrize("pin", ["12345", "", "12a456", "１２３４５６", " 123456"])
def test_a_short_or_non_digit_pin_is_refused(demo, pin):
    store, _mission, _chair = demo
    karim, _ = _two(store)
    with pytest.raises(PinError):
        DeskUsers(store).set_pin(karim, pin)
    assert not DeskUsers(store).has_pin(karim)


def test_the_two_entries_must_match(demo):
    store, _mission, _chair = demo
    karim, _ = _two(store)
    with pytest.raises(PinError, match="differ"):
        DeskUsers(store).set_pin(karim, "402719", "402791")
    assert not DeskUsers(store).any_pin()


def test_wrong_tries_throttle_and_the_throttle_survives_a_restart(demo, data_dir):
    store, _mission, _chair = demo
    karim, sophie = _two(store)
    clock = FakeClock()
    users = DeskUsers(store, clock)
    users.set_pin(karim, "402719")
    users.set_pin(sophie, "918273")
    for i in range(FREE_TRIES - 1):
        answer = users.verify(karim, "000000")
        assert not answer.ok and answer.blocked_until is None
        assert answer.tries_left == FREE_TRIES - 1 - i
    answer = users.verify(karim, "000000")
    assert not answer.ok and answer.blocked_until is not None
    with pytest.raises(PinThrottled):  # even the right PIN waits
        users.verify(karim, "402719")
    assert users.verify(sophie, "918273").ok  # a colleague is not blocked
    store.close()

    reopened = Store.open(data_dir)  # quitting the desk does not reset the count
    users = DeskUsers(reopened, clock)
    with pytest.raises(PinThrottled):
        users.verify(karim, "402719")
    clock.now += block_after(FREE_TRIES)
    answer = users.verify(karim, "111111")  # a wrong one after the wait blocks longer
    assert not answer.ok and answer.blocked_until is not None
    assert answer.blocked_until - clock.now > block_after(FREE_TRIES)
    clock.now = answer.blocked_until
    assert users.verify(karim, "402719").ok
    with reopened.read() as s:
        assert s.get(DeskUser, karim).failed == 0
    reopened.close()


def test_each_desk_user_gets_an_own_client_id_and_edits_carry_their_author(demo):
    store, mission, chair = demo
    store.set_meta("current_assessor", chair)
    karim, sophie = _two(store)
    users = DeskUsers(store)
    users.set_pin(chair, "111111")
    users.set_pin(karim, "402719")
    users.set_pin(sophie, "918273")
    assert users.client_id(chair) == store.client_id  # the desk's first account keeps it
    ids = {users.client_id(a) for a in (chair, karim, sophie)}
    assert len(ids) == 3
    with store.read() as s:
        assert desk_user_ids(s) == {chair, karim, sophie}
    from tests.store.helpers import candidate_with_panel

    candidate, _ = candidate_with_panel(store, "registered")
    EditService(store, mission, karim).set_status(candidate.id, "present")
    with store.read() as s:
        newest = s.scalars(select(OutboxMutation).order_by(OutboxMutation.mid.desc())).first()
        assert newest.author_id == karim


def test_a_pulled_panel_never_drops_a_desk_users_own_draft(demo):
    # The pull drops colleagues' cards the desk's account may not read yet; a card a second
    # user of this desk is writing is theirs, not a colleague's copy from the server.
    from app.store.blind import drop_hidden_cards
    from app.store.models import Interview, Scorecard
    from tests.store.helpers import candidate_with_panel

    store, mission, chair = demo
    store.set_meta("current_assessor", chair)
    karim, _ = _two(store)
    candidate, interview = candidate_with_panel(store)
    panel = [chair, karim]
    with store.write() as s:
        s.get(Interview, interview.id).panel = panel
    EditService(store, mission, karim).set_notes(candidate.id, "draft by Karim")
    with store.write() as s:
        assert drop_hidden_cards(s, candidate.id, panel) == 1  # not a desk user yet: dropped
    EditService(store, mission, karim).set_notes(candidate.id, "draft by Karim, again")
    DeskUsers(store).set_pin(karim, "402719")
    with store.write() as s:
        assert drop_hidden_cards(s, candidate.id, panel) == 0
    with store.read() as s:
        card = s.scalars(select(Scorecard).where(Scorecard.candidate_id == candidate.id)).one()
        assert card.author_id == karim and card.notes == "draft by Karim, again"
    # and the chair, unlocked on the same desk, still does not see it
    assert EditService(store, mission, chair).scorecards_visible(candidate.id) == []


def test_a_colleagues_card_stays_out_of_the_candidates_history(demo):
    # Two users of one desk: the history never reads a colleague's draft (not even the
    # chair's view), nor their submitted card before one's own is submitted.
    from app.store.queries_detail import load_candidate_detail

    store, mission, chair = demo
    karim, sophie, cid = _karim_and_sophie_on_a_panel(store)
    karim_edits = EditService(store, mission, karim)
    karim_edits.set_notes(cid, "Karim's private draft")

    def notes_read_by(viewer: str) -> list[object]:
        with store.read() as s:
            detail = load_candidate_detail(s, mission, cid, viewer)
        return [h.new for h in detail.history if h.entity == "scorecard" and h.field == "notes"]

    assert notes_read_by(karim) == ["Karim's private draft"]
    assert notes_read_by(chair) == [None]  # the chair sees who and when, not the draft
    assert notes_read_by(sophie) == [None]
    for key in karim_edits.config.rubric.keys:
        karim_edits.set_level(cid, key, 4)
    karim_edits.set_recommendation(cid, "admit")
    karim_edits.submit_scorecard(cid)
    assert notes_read_by(chair) == ["Karim's private draft"]  # submitted, chair off panel
    assert notes_read_by(sophie) == [None]  # on the panel, her own card not submitted yet
    sophie_edits = EditService(store, mission, sophie)
    for key in sophie_edits.config.rubric.keys:
        sophie_edits.set_level(cid, key, 3)
    sophie_edits.set_recommendation(cid, "waitlist")
    sophie_edits.submit_scorecard(cid)
    assert notes_read_by(sophie) == ["Karim's private draft"]


def test_a_colleagues_draft_stays_out_of_the_printed_papers(demo, tmp_path):
    from pypdf import PdfReader

    from app.reports.build import ReportKind, generate
    from app.reports.load import load_mission_data
    from app.store.models import Candidate
    from tests.store.helpers import candidate_with_panel

    store, mission, chair = demo
    karim, _ = _two(store)
    candidate, interview = candidate_with_panel(store)
    from app.store.models import Interview

    with store.write() as s:
        s.get(Interview, interview.id).panel = [karim]
    EditService(store, mission, karim).set_notes(candidate.id, "Karim private draft")

    def notes(viewer: str) -> list[str]:
        with store.read() as s:
            data = load_mission_data(s, mission, viewer_id=viewer)
        return [card.notes for c in data.candidates if c.id == candidate.id for card in c.cards]

    assert notes(karim) == ["Karim private draft"]
    assert notes(chair) == []
    with store.read() as s:
        number = s.get(Candidate, candidate.id).application_number
    out = generate(store, mission, ReportKind.CANDIDATE, tmp_path / "c.pdf",
                   candidate_number=number, viewer_id=chair)
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert number in text.replace("\n", " ") and "private draft" not in text
    own = generate(store, mission, ReportKind.CANDIDATE, tmp_path / "k.pdf",
                   candidate_number=number, viewer_id=karim)  # the author prints their own
    assert "private draft" in " ".join(p.extract_text() for p in PdfReader(own).pages)


def test_a_colleagues_submitted_card_stays_out_of_the_papers_until_ones_own_is(demo, tmp_path):
    # Blind panel on a shared desk: Sophie's submitted card is on the laptop (she scored
    # there); Karim, on the same panel, prints the candidate's report before submitting his.
    from pypdf import PdfReader

    from app.reports.build import ReportKind, generate
    from app.reports.load import load_mission_data
    from app.store.models import Candidate

    store, mission, chair = demo
    karim, sophie, cid = _karim_and_sophie_on_a_panel(store)
    with store.read() as s:
        number = s.get(Candidate, cid).application_number
    mission_config = EditService(store, mission, sophie).config
    for who, words in ((sophie, "Sophie submitted verdict"), (karim, "Karim own draft")):
        edits = EditService(store, mission, who)
        for key in mission_config.rubric.keys:
            edits.set_level(cid, key, 3)
        edits.set_recommendation(cid, "admit")
        edits.set_notes(cid, words)
    EditService(store, mission, sophie).submit_scorecard(cid)

    def notes(viewer: str) -> list[str]:
        with store.read() as s:
            data = load_mission_data(s, mission, viewer_id=viewer)
        return sorted(card.notes for c in data.candidates if c.id == cid
                      for card in c.cards)

    assert notes(karim) == ["Karim own draft"]
    out = generate(store, mission, ReportKind.CANDIDATE, tmp_path / "k.pdf",
                   candidate_number=number, viewer_id=karim)
    text = " ".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", " ")
    assert "Karim own draft" in text and "Sophie submitted" not in text
    assert notes(chair) == ["Sophie submitted verdict"]  # off the panel: submitted cards only
    EditService(store, mission, karim).submit_scorecard(cid)
    assert notes(karim) == ["Karim own draft", "Sophie submitted verdict"]


def test_the_papers_keep_blind_second_marking_for_who_prints(demo):
    # Karim and Lucas mark the same maths script on a shared laptop: the candidate's papers
    # printed by Lucas before he enters his own mark leave Karim's out (as the pages do).
    from app.reports.load import load_mission_data
    from app.store.models import Candidate, Mark

    store, mission, chair = demo
    people = team(store)
    karim, lucas = people["Prof. Karim Benali"].id, people["Dr. Lucas Moreau"].id
    with store.read() as s:
        marked = select(Mark.candidate_id).where(Mark.value.is_not(None))
        cid = s.scalars(select(Candidate.id).where(
            Candidate.status == "present", Candidate.id.not_in(marked))
            .order_by(Candidate.application_number)).first()
    EditService(store, mission, karim).set_mark(cid, "maths", "14.5")

    def maths(viewer: str) -> list[tuple[str, str]]:
        with store.read() as s:
            data = load_mission_data(s, mission, viewer_id=viewer)
        return next(c.marks.get("maths", []) for c in data.candidates if c.id == cid)

    assert maths(lucas) == []
    assert maths(chair) == [("Prof. Karim Benali", "14.5")]  # the chair reads every mark
    EditService(store, mission, lucas).set_mark(cid, "maths", "12")
    assert maths(lucas) == [("Dr. Lucas Moreau", "12"), ("Prof. Karim Benali", "14.5")]


def test_the_ranking_counts_only_the_cards_its_reader_may_read(demo):
    # Sophie's submitted card sits on the shared laptop; Karim, on the same panel, has only
    # a draft: the interview score he is shown must not be made of Sophie's card.
    from app.store.queries_ranking import load_ranking_rows

    store, mission, chair = demo
    karim, sophie, cid = _karim_and_sophie_on_a_panel(store)
    rubric = EditService(store, mission, sophie).config.rubric.keys
    sophie_edits, karim_edits = (EditService(store, mission, a) for a in (sophie, karim))
    for key in rubric:
        sophie_edits.set_level(cid, key, 5)
    sophie_edits.set_recommendation(cid, "strong_admit")
    sophie_edits.submit_scorecard(cid)
    karim_edits.set_notes(cid, "still writing")

    def interview_score(viewer: str | None):
        with store.read() as s:
            rows = load_ranking_rows(s, mission, viewer)
        return next(r.interview for t in rows.values() for r in t
                    if r.candidate_id == cid)

    sophie_only = interview_score(None)  # every submitted card (command line, server)
    assert sophie_only is not None
    assert interview_score(karim) is None
    assert interview_score(chair) == sophie_only  # off the panel: the submitted cards
    for key in rubric:
        karim_edits.set_level(cid, key, 1)
    karim_edits.set_recommendation(cid, "reject")
    karim_edits.submit_scorecard(cid)
    both = interview_score(None)
    assert both < sophie_only and interview_score(karim) == both == interview_score(chair)


def test_the_minutes_adjusted_scores_use_only_the_cards_their_reader_may_read(demo):
    from app.reports.load import load_mission_data
    from app.store.models import Mission

    store, mission, chair = demo
    karim, sophie, cid = _karim_and_sophie_on_a_panel(store)
    with store.write() as s:
        m = s.get(Mission, mission)
        m.config = {**m.config, "adjust_interview_scores": True}
    sophie_edits = EditService(store, mission, sophie)
    for key in sophie_edits.config.rubric.keys:
        sophie_edits.set_level(cid, key, 5)
    sophie_edits.set_recommendation(cid, "strong_admit")
    sophie_edits.submit_scorecard(cid)
    EditService(store, mission, karim).set_notes(cid, "still writing")

    def adjusted(viewer: str) -> set[str]:
        with store.read() as s:
            data = load_mission_data(s, mission, with_details=False, viewer_id=viewer)
        assert data.adjustment is not None
        return set(data.adjustment.by_candidate())

    assert cid in adjusted(chair) and cid not in adjusted(karim)
