"""Preparing a mission after its creation (the console's setup pages): its identity and
calendar, its configuration (subjects, options, weights, rubric), its team and chair, and
candidate imports from a file.

Every change is written like the rows `create-mission` and `plan` make on the server
(server.row_writer.RowWriter): the field's version goes up, the row takes a new seq from the
mission's counter, an audit entry keeps who and old -> new. So a desk's next pull receives it,
as it receives a colleague's edit. Values are checked by the domain's models (MissionHeader,
MissionConfig), the desk's own rules; pydantic's ValidationError reaches the caller, which
shows each error beside its field.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.domain.enums import Role
from app.domain.errors import DomainError
from app.domain.marks import validate_mark
from app.domain.mission import MissionConfig, MissionHeader
from app.importers.candidates import ImportReport, RowError, read_candidates

from .accounts import AccountError
from .missions import ImportOutcome, Member, add_candidates, create_mission
from .models import Assessor, Decision, Interview, Mark, Mission, Scorecard, User
from .row_writer import RowWriter

log = logging.getLogger(__name__)

class SetupError(AccountError):
    """A setup change refused by a rule; ``template`` % ``params`` is the message (the
    console shows the template translated)."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template = template
        self.params = params


HEADER_FIELDS = ("code", "name", "country", "city", "timezone", "start_date", "end_date")


def header_of(mission: Mission) -> dict[str, str]:
    return {f: getattr(mission, f) or "" for f in HEADER_FIELDS}


def _header_values(header: MissionHeader) -> dict[str, Any]:
    values = header.model_dump(mode="json")
    values["name"] = values["name"] or header.code
    return values


def new_mission(s: Session, header: MissionHeader, *, chair: str, chair_role: Role,
                config: MissionConfig) -> Mission:
    """create-mission's own path (server.missions.create_mission)."""
    v = _header_values(header)
    return create_mission(s, code=v["code"], name=v["name"], country=v["country"],
                          city=v["city"], timezone=v["timezone"], start=v["start_date"],
                          end=v["end_date"], chair=chair, config=config, chair_role=chair_role,
                          members=[Member(chair, chair_role)])


def update_header(s: Session, mission: Mission, header: MissionHeader, user_id: str) -> bool:
    """Change the mission's code, names, place, time zone or dates. False: nothing changed."""
    values = _header_values(header)
    if values["code"] != mission.code and s.scalar(
            select(Mission.id).where(Mission.code == values["code"])) is not None:
        raise SetupError("mission %(code)s already exists", code=values["code"])
    w = RowWriter(s, mission, "mission edited in the console", user_id)
    return w.write("mission", w.mission, values, created=False)


def config_of(mission: Mission) -> MissionConfig:
    return MissionConfig.model_validate(mission.config or {})


def merged_config(mission: Mission, part: dict[str, Any]) -> MissionConfig:
    """The mission's configuration with ``part`` replaced, checked whole by MissionConfig
    (raises pydantic's ValidationError, located like the form's fields)."""
    data = dict(mission.config or {})
    data.update(part)
    return MissionConfig.model_validate(data)


def _in_use(s: Session, mission: Mission, old: MissionConfig, new: MissionConfig) -> None:
    """Refuse a configuration that would take away what rows use: a subject with marks (or
    a scale that refuses one of them), an option a decision names, the criteria and levels of
    scorecards being filled."""
    gone_subjects = {x.key for x in old.subjects} - {x.key for x in new.subjects}
    for key in sorted(gone_subjects):
        if s.scalar(select(exists().where(Mark.mission_id == mission.id, Mark.subject == key,
                                          Mark.deleted.is_(False)))):
            raise SetupError("subject %(key)s has marks: it cannot be removed", key=key)
    # a new maximum or step must still hold every mark given (the desks' own rule)
    before = {x.key: x for x in old.subjects}
    for subject in new.subjects:
        was = before.get(subject.key)
        if was is None or (was.max_mark, was.step) == (subject.max_mark, subject.step):
            continue
        for value in s.scalars(select(Mark.value).distinct().where(
                Mark.mission_id == mission.id, Mark.subject == subject.key,
                Mark.deleted.is_(False), Mark.value.is_not(None))):
            try:
                validate_mark(str(value), subject)
            except DomainError:
                raise SetupError("subject %(key)s has a mark of %(value)s, which the new "
                                 "maximum or step would refuse", key=subject.key,
                                 value=value) from None
    gone_options = {o.code for o in old.options} - {o.code for o in new.options}
    for code in sorted(gone_options):
        if s.scalar(select(exists().where(Decision.mission_id == mission.id,
                                          Decision.option_code == code,
                                          Decision.deleted.is_(False)))):
            raise SetupError("option %(code)s is named by a decision: it cannot be removed",
                             code=code)
    new_criteria = {c.key: c for c in new.rubric.criteria}
    changed = [k for k, c in ((c.key, c) for c in old.rubric.criteria)
               if k not in new_criteria or (new_criteria[k].min_level, new_criteria[k].max_level)
               != (c.min_level, c.max_level)]
    if changed and s.scalar(select(exists().where(Scorecard.mission_id == mission.id,
                                                  Scorecard.deleted.is_(False)))):
        raise SetupError("scorecards are being filled: criterion %(key)s cannot be removed "
                         "nor its levels changed", key=changed[0])


def update_config(s: Session, mission: Mission, config: MissionConfig, user_id: str,
                  what: str) -> bool:
    """Store a new configuration (``what``: the part edited, for the audit trail)."""
    _in_use(s, mission, config_of(mission), config)
    w = RowWriter(s, mission, f"{what} edited in the console", user_id)
    return w.write("mission", w.mission, {"config": config.model_dump(mode="json")},
                   created=False)


# -- team --------------------------------------------------------------------------------------

def _assessor(s: Session, mission: Mission, assessor_id: str) -> Assessor:
    a = s.get(Assessor, assessor_id)
    if a is None or a.mission_id != mission.id or a.deleted:
        raise SetupError("no such member in this mission")
    return a


def set_member(s: Session, mission: Mission, username: str, role: Role, user_id: str
               ) -> Assessor:
    """Add a user to the team with a role, or change a member's role. A member removed
    before comes back on the same row (one assessor per user and mission)."""
    user = s.scalar(select(User).where(User.username == username))
    if user is None:
        raise SetupError("no user %(username)s", username=username)
    w = RowWriter(s, mission, "team edited in the console", user_id)
    row = s.scalar(select(Assessor).where(Assessor.mission_id == mission.id,
                                          Assessor.user_id == user.id))
    if row is None:
        row = Assessor(mission_id=mission.id, user_id=user.id, name=user.name,
                       email=user.email, role=role.value, is_chair=False, versions={},
                       deleted=False)
        s.add(row)
        s.flush()
        w.write("assessor", row, {"mission_id": mission.id, "name": user.name,
                                  "email": user.email, "role": role.value, "is_chair": False},
                created=True)
    else:
        w.write("assessor", row, {"deleted": False, "role": role.value, "name": user.name,
                                  "email": user.email}, created=False)
    return row


def set_chair(s: Session, mission: Mission, assessor_id: str, user_id: str) -> None:
    """Make one member the chair; the previous chair stays a member (one chair a mission)."""
    new = _assessor(s, mission, assessor_id)
    w = RowWriter(s, mission, "chair changed in the console", user_id)
    for a in s.scalars(select(Assessor).where(Assessor.mission_id == mission.id,
                                              Assessor.is_chair.is_(True),
                                              Assessor.id != new.id)):
        w.write("assessor", a, {"is_chair": False}, created=False)
    w.write("assessor", new, {"is_chair": True}, created=False)


def remove_member(s: Session, mission: Mission, assessor_id: str, user_id: str) -> None:
    """Take a member off the team: never the chair, nor someone whose work is on record
    (marks, scorecards, a panel), since those rows name them."""
    a = _assessor(s, mission, assessor_id)
    if a.is_chair:
        raise SetupError("the chair cannot be removed: choose another chair first")
    used = (s.scalar(select(func.count()).select_from(Mark).where(
        Mark.marker_id == a.id, Mark.deleted.is_(False))) or 0) + (s.scalar(
        select(func.count()).select_from(Scorecard).where(
            Scorecard.author_id == a.id, Scorecard.deleted.is_(False))) or 0)
    on_panel = any(a.id in (panel or []) for panel in s.scalars(select(Interview.panel).where(
        Interview.mission_id == mission.id, Interview.deleted.is_(False))))
    planned = config_of(mission).planning
    in_plan = planned is not None and any(a.id in p.members for p in planned.panels)
    if used or on_panel or in_plan:
        raise SetupError("%(name)s has marks, scorecards or a panel in this mission: they "
                         "stay on the team", name=a.name)
    w = RowWriter(s, mission, "team edited in the console", user_id)
    w.write("assessor", a, {"deleted": True}, created=False)


# -- candidates from a file -----------------------------------------------------------------------

@dataclass
class CandidateImport:
    """The per-line report of an import: what was added, and each line left out and why."""

    added: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    encoding: str = ""

    @property
    def skipped(self) -> int:
        return len(self.errors)


def import_candidates(s: Session, mission: Mission, path: Path, actor: str
                      ) -> tuple[ImportReport, ImportOutcome, CandidateImport]:
    """import-candidates' work: read the file (ImportFormatError if it cannot be read as a
    whole), add its new candidates in the caller's transaction (all of them, or none if it
    fails), and report every line left out: a bad row, or an application number the mission
    already holds."""
    report = read_candidates(path)
    outcome = add_candidates(s, mission, report.records, actor=actor)
    line_of = {r.application_number: line for r, line in zip(report.records, report.lines,
                                                              strict=True)}
    errors = list(report.errors) + [
        RowError(line_of.get(appno, 0), f"application number {appno} is already in mission "
                                        f"{mission.code}") for appno in outcome.skipped or []]
    errors.sort(key=lambda e: e.line)
    log.info("import of %s into %s: %d added, %d skipped", path.name, mission.code,
             outcome.added, len(errors))
    return report, outcome, CandidateImport(outcome.added, errors, list(report.warnings),
                                            report.encoding)

