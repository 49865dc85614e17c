"""Composite score and ranking on hand-computed cases (formula in app/domain/scoring.py)."""

from decimal import Decimal as D
from fractions import Fraction as F

from app.domain.enums import CandidateStatus as S
from app.domain.enums import Track
from app.domain.marks import ABSENT
from app.domain.mission import MissionConfig, Subject, TrackWeights
from app.domain.scoring import CandidateInput, ScoreState, rank, score_candidate, scorecard_score

CFG = MissionConfig()
ALL3 = {c.key: 3 for c in CFG.rubric.criteria}  # level 3 of 1-5 -> 10/20
ALL5 = {c.key: 5 for c in CFG.rubric.criteria}  # -> 20/20


def fm(appno: str, marks: dict, cards: list, status: S = S.PRESENT) -> CandidateInput:
    return CandidateInput(appno, appno, Track.FREE_MOVER, status, marks, cards)


def dd(appno: str, cards: list, status: S = S.PRESENT) -> CandidateInput:
    return CandidateInput(appno, appno, Track.DOUBLE_DEGREE, status, {}, cards)


def test_scorecard_score_maps_levels_to_twenty():
    assert scorecard_score(CFG, ALL3) == 10
    assert scorecard_score(CFG, ALL5) == 20
    assert scorecard_score(CFG, {c.key: 1 for c in CFG.rubric.criteria}) == 0
    # 4,4,4,4,4,2 -> (3*5 + 1)/6 /4*20 = 16/24*20 = 13.333...
    levels = dict.fromkeys(CFG.rubric.keys, 4) | {"openness": 2}
    assert scorecard_score(CFG, levels) == F(40, 3)
    assert scorecard_score(CFG, {"motivation": 4}) is None  # incomplete card


def test_free_mover_composite_hand_computed():
    # W = (12 + 15 + 9) / 3 = 12 ; I = mean(10, 20) = 15 ; C = 0.6*12 + 0.4*15 = 13.2
    c = fm("A", {"maths": [D(12)], "physics": [D(15)], "specialty": [D(9)]}, [ALL3, ALL5])
    s = score_candidate(CFG, c)
    assert s.state == ScoreState.RANKED
    assert s.written == 12 and s.interview == 15
    assert s.composite == F(66, 5)


def test_double_marks_are_averaged_and_large_gap_flagged():
    # maths: markers 10 and 14.5 -> 12.25, gap 4.5 > 3 -> third reading
    c = fm("A", {"maths": [D(10), D("14.5")], "physics": [D(12), D(13)], "specialty": [D(12)]},
           [ALL3])
    s = score_candidate(CFG, c)
    assert s.written == (F(49, 4) + F(25, 2) + 12) / 3
    assert s.third_reading == ("maths",)


def test_third_reading_takes_the_two_closest():
    c = fm("A", {"maths": [D(10), D(16), D("15.5")], "physics": [D(12)], "specialty": [D(12)]},
           [ALL3])
    assert score_candidate(CFG, c).written == (F(63, 4) + 12 + 12) / 3


def test_absent_at_a_subject_counts_zero():
    c = fm("A", {"maths": [ABSENT], "physics": [D(12)], "specialty": [D(18)]}, [ALL3])
    s = score_candidate(CFG, c)
    assert s.written == 10
    assert s.composite == F(6, 10) * 10 + F(4, 10) * 10


def test_absent_and_mark_for_same_subject_flags_discrepancy_and_keeps_the_mark():
    c = fm("A", {"maths": [ABSENT, D(14)], "physics": [D(14)], "specialty": [D(14)]}, [ALL3])
    s = score_candidate(CFG, c)
    assert s.written == 14 and "maths" in s.third_reading


def test_missing_mark_or_scorecard_is_incomplete_not_ranked():
    no_mark = score_candidate(CFG, fm("A", {"maths": [D(12)], "physics": [D(12)]}, [ALL3]))
    assert no_mark.state == ScoreState.INCOMPLETE and no_mark.composite is None
    assert no_mark.missing == ("mark:specialty",)
    no_card = score_candidate(CFG, fm("B", {k: [D(12)] for k in ("maths", "physics",
                                                                  "specialty")}, []))
    assert no_card.state == ScoreState.INCOMPLETE and no_card.missing == ("scorecard",)


def test_double_degree_needs_no_written_marks():
    s = score_candidate(CFG, dd("A", [ALL5]))
    assert s.state == ScoreState.RANKED and s.composite == 20 and s.written is None


def test_absent_and_withdrawn_candidates_are_listed_not_ranked():
    r = rank(CFG, [dd("A", [ALL5], S.ABSENT), dd("B", [ALL3], S.WITHDRAWN), dd("C", [ALL3])])
    dd_list = r[Track.DOUBLE_DEGREE]
    assert [(s.application_number, s.rank, s.state) for s in dd_list] == [
        ("C", 1, ScoreState.RANKED), ("A", None, ScoreState.ABSENT),
        ("B", None, ScoreState.WITHDRAWN)]


def test_tie_break_interview_then_written_then_application_number():
    marks_hi = {"maths": [D(20)], "physics": [D(20)], "specialty": [D(20)]}  # W = 20
    marks_lo = {"maths": [D(15)], "physics": [D(15)], "specialty": [D(15)]}  # W = 15
    # X: 0.6*20 + 0.4*10 = 16 ; Y: 0.6*15 + 0.4*(17.5) = 16 -> tie on composite;
    # Y has the higher interview score and ranks first.
    y_cards = [ALL5, {k: 4 for k in CFG.rubric.keys}]  # (20 + 15) / 2 = 17.5
    x = fm("X-1", marks_hi, [ALL3])
    y = fm("Y-1", marks_lo, y_cards)
    z = fm("A-0", marks_hi, [ALL3])  # identical to X: separated by application number only
    ranked = rank(CFG, [x, y, z])[Track.FREE_MOVER]
    assert [s.application_number for s in ranked] == ["Y-1", "A-0", "X-1"]
    assert [s.composite for s in ranked] == [16, 16, 16]
    assert [s.tied for s in ranked] == [False, True, True]
    assert [s.rank for s in ranked] == [1, 2, 3]


def test_weights_and_coefficients_come_from_the_mission():
    cfg = MissionConfig(
        subjects=(Subject(key="maths", label="M", coefficient=D(3)),
                  Subject(key="physics", label="P", max_mark=D(10), step=D("0.5"))),
        weights={Track.FREE_MOVER: TrackWeights(written=D(1), interview=D(1))},
    )
    # maths 16/20, physics 5/10 -> 10/20 ; W = (3*16 + 10)/4 = 14.5 ; I = 10 ; C = 12.25
    s = score_candidate(cfg, fm("A", {"maths": [D(16)], "physics": [D(5)]}, [ALL3]))
    assert s.written == F(29, 2) and s.composite == F(49, 4)
