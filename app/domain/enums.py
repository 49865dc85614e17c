"""Closed vocabularies of the domain, shared by the desk, the wire and the server."""

from enum import StrEnum


class Track(StrEnum):
    DOUBLE_DEGREE = "double_degree"
    FREE_MOVER = "free_mover"


class CandidateStatus(StrEnum):
    REGISTERED = "registered"
    PRESENT = "present"
    ABSENT = "absent"
    WITHDRAWN = "withdrawn"


class Role(StrEnum):
    PROFESSOR = "professor"
    REPRESENTATIVE = "representative"


class Recommendation(StrEnum):
    """Overall recommendation of one panel member; deliberately without a neutral choice."""

    STRONG_ADMIT = "strong_admit"
    ADMIT = "admit"
    WAITLIST = "waitlist"
    REJECT = "reject"


class Outcome(StrEnum):
    """The chair's proposal for a candidate."""

    ADMIT = "admit"
    WAITLIST = "waitlist"
    REJECT = "reject"


class MissionStatus(StrEnum):
    PREPARING = "preparing"
    OPEN = "open"
    CLOSED = "closed"
