"""One candidate for the console's candidate page: identity, marks by marker (a third reading
flagged), the submitted scorecards with their notes (never a draft), the computed scores and
rank, the chair's decision with its rationale, and the full history of changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.marks import mark_from_wire, subject_result
from app.domain.mission import MissionConfig
from app.domain.scoring import CandidateScore, scorecard_score
from app.domain.text import display_name

from ..models import Candidate, Decision, Interview, Mark, Mission, Scorecard, aware
from ..scores import mission_config, mission_rankings, scores_by_candidate
from .history_queries import HistoryEntry, assessor_names, candidate_history


@dataclass(frozen=True)
class SubjectMarks:
    key: str
    label: str
    max_mark: Decimal
    coefficient: Decimal
    marks: list[tuple[str, str]]  # (marker's name, wire value: "12.5" or "absent")
    result: Decimal | str | None  # the subject's mark as scored (mean, or "absent")
    third_reading: bool


@dataclass(frozen=True)
class LevelView:
    criterion: str
    value: int | None
    label: str
    description: str


@dataclass(frozen=True)
class CardView:
    author: str
    submitted_at: dt.datetime | None
    levels: list[LevelView]
    recommendation: str | None
    notes: str
    amendments: int
    score: Fraction | None


@dataclass
class CandidateView:
    candidate: Candidate
    mission: Mission
    config: MissionConfig
    score: CandidateScore | None
    subjects: list[SubjectMarks] = field(default_factory=list)
    cards: list[CardView] = field(default_factory=list)
    drafts: int = 0  # scorecards begun and not submitted: counted, never shown
    hidden_marks: int = 0  # marks a member may not see yet (blind second marking)
    hidden_cards: int = 0  # submitted scorecards a member may not see yet (blind panel)
    decision: Decision | None = None
    decided_by: str = ""
    interview: Interview | None = None
    panel: list[str] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    missing_subjects: list[str] = field(default_factory=list)  # labels of unmarked subjects
    missing_scorecard: bool = False  # no submitted scorecard yet, and the track needs one

    @property
    def name(self) -> str:
        return display_name(self.candidate.family_name, self.candidate.given_names)

    @property
    def option_label(self) -> str:
        code = self.decision.option_code if self.decision else None
        return next((o.label for o in self.config.options if o.code == code), code or "")


def live_candidate(s: Session, candidate_id: str) -> Candidate | None:
    c = s.get(Candidate, candidate_id)
    return None if c is None or c.deleted else c


@dataclass(frozen=True)
class Viewer:
    """A mission member reading the page (not the office): the desk's blind rules apply.
    ``assessor_id``: their membership; the chair sees everything, as on the desk."""

    assessor_id: str
    is_chair: bool


def candidate_view(s: Session, c: Candidate, *, french: bool,
                   member: Viewer | None = None) -> CandidateView:
    """``member``: the reader is a member of the mission without a console role. Blind second
    marking: another marker's mark of a subject shows once their own is entered; blind panel:
    while their own scorecard of this candidate is a draft, the others' stay hidden."""
    mission = s.get_one(Mission, c.mission_id)
    config = mission_config(mission.config)
    names = assessor_names(s, mission.id)
    scores = scores_by_candidate(mission_rankings(s, [mission.id]))
    view = CandidateView(c, mission, config, scores.get(c.id))
    third = set(view.score.third_reading) if view.score else set()
    missing = set(view.score.missing) if view.score else set()
    view.missing_scorecard = "scorecard" in missing
    marks: dict[str, list[tuple[str, str]]] = {}
    rows = list(s.execute(select(Mark.subject, Mark.marker_id, Mark.value).where(
        Mark.candidate_id == c.id, Mark.deleted.is_(False), Mark.value.is_not(None))))
    blind = member is not None and not member.is_chair
    me = member.assessor_id if member is not None else ""
    own_subjects = {subj for subj, marker, _v in rows if marker == me}
    for subject, marker, value in rows:
        if blind and marker != me and not config.sees_other_marks(subject in own_subjects):
            view.hidden_marks += 1
            continue
        marks.setdefault(subject, []).append((names.get(marker, ""), value))
    for subj in config.subjects:
        given = sorted(marks.get(subj.key, []))
        values = [v for v in (mark_from_wire(x) for _, x in given) if v is not None]
        view.subjects.append(SubjectMarks(
            subj.key, subj.label_fr if french and subj.label_fr else subj.label, subj.max_mark,
            subj.coefficient, given, subject_result(values), subj.key in third))
        if f"mark:{subj.key}" in missing:
            view.missing_subjects.append(view.subjects[-1].label)
    cards = list(s.scalars(select(Scorecard).where(
        Scorecard.candidate_id == c.id, Scorecard.deleted.is_(False))))
    own_draft = blind and any(not card.submitted and card.author_id == me for card in cards)
    for card in cards:
        if not card.submitted or (own_draft and card.author_id != me):
            view.drafts += not card.submitted
            view.hidden_cards += bool(card.submitted)
            continue
        levels = []
        for crit in config.rubric.criteria:
            value = (card.levels or {}).get(crit.key)
            try:
                lvl = crit.level(value) if value is not None else None
            except KeyError:
                lvl = None
            levels.append(LevelView(
                crit.label_fr if french and crit.label_fr else crit.label, value,
                lvl.label_in(french) if lvl else "", lvl.description_in(french) if lvl else ""))
        view.cards.append(CardView(
            names.get(card.author_id, ""), aware(card.submitted_at), levels,
            card.recommendation, card.notes or "", card.amendments or 0,
            scorecard_score(config, dict(card.levels or {}))))
    view.cards.sort(key=lambda cv: cv.author)
    view.decision = s.scalar(select(Decision).where(
        Decision.candidate_id == c.id, Decision.deleted.is_(False)))
    if view.decision is not None:
        view.decided_by = names.get(view.decision.decided_by or "", "")
    view.interview = s.scalar(select(Interview).where(
        Interview.candidate_id == c.id, Interview.deleted.is_(False)))
    if view.interview is not None:
        view.panel = [names.get(p, "") for p in view.interview.panel or []]
    view.history = candidate_history(s, mission.id, c.id, names)
    if blind and (view.hidden_marks or view.hidden_cards):
        # the trail would tell the hidden values: it shows who and when, not what
        view.history = [replace(e, old=None, new=None, hidden=True)
                        if e.entity in ("mark", "scorecard") else e for e in view.history]
    return view
