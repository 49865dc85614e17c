"""The ranking's integer form of the formula (app.domain.scoring._Formula) gives exactly the
scores of the formula as documented, written here the plain way, for any rubric weights,
level ranges, subjects, coefficients, marks and scorecards (Hypothesis)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.enums import CandidateStatus, Track
from app.domain.marks import ABSENT, subject_result
from app.domain.mission import MissionConfig, Subject
from app.domain.rubric import Criterion, Level, Rubric
from app.domain.scoring import CandidateInput, rank, scorecard_score, written_score


def plain_card(config: MissionConfig, levels: dict[str, int]) -> Fraction | None:
    total, weight_sum = Fraction(0), Fraction(0)
    for c in config.rubric.criteria:
        if c.key not in levels:
            return None
        w = Fraction(c.weight).limit_denominator(10_000)
        total += w * Fraction(levels[c.key] - c.min_level, c.max_level - c.min_level)
        weight_sum += w
    return total / weight_sum * 20


def plain_written(config: MissionConfig, marks: dict[str, list]) -> Fraction | None:
    total, coefs = Fraction(0), Fraction(0)
    for s in config.subjects:
        result = subject_result(marks.get(s.key, []))
        if result is None:
            return None
        on20 = Fraction(0) if result == ABSENT else Fraction(result) * 20 / Fraction(s.max_mark)
        total += Fraction(s.coefficient) * on20
        coefs += Fraction(s.coefficient)
    return total / coefs


@st.composite
def configs(draw: st.DrawFn) -> MissionConfig:
    criteria = []
    for i in range(draw(st.integers(1, 5))):
        low = draw(st.integers(0, 3))
        n = draw(st.integers(2, 6))
        criteria.append(Criterion(
            key=f"c{i}", label=f"C{i}", weight=draw(st.sampled_from((0.3, 1.0, 2.5, 0.125, 7.0))),
            levels=tuple(Level(value=low + j, label=f"L{j}", description="d")
                         for j in range(n))))
    subjects = tuple(
        Subject(key=f"s{i}", label=f"S{i}", max_mark=Decimal(draw(st.sampled_from((20, 10, 100)))),
                step=Decimal("0.25"),
                coefficient=Decimal(draw(st.sampled_from(("1", "2", "0.5", "3")))))
        for i in range(draw(st.integers(1, 3))))
    return MissionConfig(rubric=Rubric(criteria=tuple(criteria)), subjects=subjects)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), config=configs())
def test_integer_form_equals_the_plain_formula(data: st.DataObject, config: MissionConfig
                                                ) -> None:
    levels = {c.key: data.draw(st.integers(c.min_level, c.max_level))
              for c in config.rubric.criteria}
    assert scorecard_score(config, levels) == plain_card(config, levels)
    marks = {s.key: data.draw(st.lists(
        st.one_of(st.just(ABSENT), st.integers(0, int(s.max_mark) * 4).map(
            lambda q: Decimal(q) / 4)), min_size=1, max_size=3)) for s in config.subjects}
    assert written_score(config, marks)[0] == plain_written(config, marks)


def plain_rank(config: MissionConfig, people: list[CandidateInput]
               ) -> list[tuple[str, Fraction | None, int | None, bool]]:
    """(application number, composite, rank, tied) of the free movers, as documented."""
    rows = []
    for c in people:
        w = config.track_weights(c.track)
        ww, wi = Fraction(w.written), Fraction(w.interview)
        written = plain_written(config, dict(c.marks))
        cards = [x for x in (plain_card(config, dict(lv)) for lv in c.scorecards)
                 if x is not None]
        interview = sum(cards, Fraction(0)) / len(cards) if cards else None
        complete = not ((ww and written is None) or (wi and interview is None))
        composite = ((ww * (written or 0) + wi * (interview or 0)) / (ww + wi)
                     if complete and c.status == CandidateStatus.PRESENT else None)
        rows.append((c.application_number, composite, interview, written))
    ranked = sorted((r for r in rows if r[1] is not None),
                    key=lambda r: (-r[1], -(r[2] or 0), -(r[3] or 0), r[0]))
    out = []
    for i, r in enumerate(ranked):
        key = (r[1], r[2] or 0, r[3] or 0)
        tied = any(0 <= j < len(ranked) and (ranked[j][1], ranked[j][2] or 0,
                                              ranked[j][3] or 0) == key for j in (i - 1, i + 1))
        out.append((r[0], r[1], i + 1, tied))
    return out + sorted((r[0], None, None, False) for r in rows if r[1] is None)


@settings(max_examples=100, deadline=None)
@given(data=st.data(), config=configs())
def test_ranking_equals_the_plain_formula(data: st.DataObject, config: MissionConfig) -> None:
    people = []
    for i in range(data.draw(st.integers(1, 8))):
        marks = {s.key: data.draw(st.lists(st.sampled_from(
            [ABSENT, Decimal(0), Decimal("7.5"), Decimal(10), Decimal("12.25")]),
            max_size=2)) for s in config.subjects}
        card = {c.key: data.draw(st.sampled_from((c.min_level, c.max_level)))
                for c in config.rubric.criteria}
        cards = data.draw(st.sampled_from(([], [card], [card, card])))
        status = data.draw(st.sampled_from((CandidateStatus.PRESENT, CandidateStatus.ABSENT)))
        people.append(CandidateInput(f"id{i}", f"A{i}", Track.FREE_MOVER, status, marks, cards))
    got = [(s.application_number, s.composite, s.rank, s.tied)
           for s in rank(config, people)[Track.FREE_MOVER]]
    assert got == plain_rank(config, people)


def test_ties_and_order_in_a_ranking() -> None:
    config = MissionConfig()
    same = dict.fromkeys(config.rubric.keys, 4)
    marks = {s.key: [Decimal(12)] for s in config.subjects}
    people = [CandidateInput(n, n, Track.FREE_MOVER, CandidateStatus.PRESENT, marks, [same])
              for n in ("B", "A", "C")]
    people.append(CandidateInput("D", "D", Track.FREE_MOVER, CandidateStatus.PRESENT, marks,
                                 [dict.fromkeys(config.rubric.keys, 5)]))
    ranked = rank(config, people)[Track.FREE_MOVER]
    assert [(s.application_number, s.rank, s.tied) for s in ranked] == [
        ("D", 1, False), ("A", 2, True), ("B", 3, True), ("C", 4, True)]


def test_scores_too_close_for_floats_are_still_ordered_exactly() -> None:
    from app.domain.scoring import CandidateScore, ScoreState, _best_first

    third = Fraction(1, 3)
    tiny = Fraction(1, 10**30)
    assert float(third) == float(third + tiny)

    def score(appno: str, composite: Fraction) -> CandidateScore:
        return CandidateScore(appno, appno, Track.FREE_MOVER, ScoreState.RANKED, third,
                              third, composite)

    order = _best_first([score("A", third), score("B", third + tiny), score("C", third),
                         score("D", third + 2 * tiny)])
    assert [s.application_number for _k, s in order] == ["D", "B", "A", "C"]
