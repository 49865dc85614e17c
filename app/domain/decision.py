"""The chair's decision rules, one copy for the desk (EditService) and the server.

Decisions stand up in an appeal:
- ``admit`` names one of the mission's programme options, and an option goes only with admit;
- ``admit`` needs the candidate's complete composite score (ranked: every mark and at least
  one submitted scorecard the track's weights ask for), or else an explicit override reason,
  stored with the decision and printed on the jury minutes;
- an override reason belongs to an admit: any other outcome clears it.
"""

from __future__ import annotations

from .enums import Outcome
from .errors import ValidationError
from .limits import MAX_REASON, check_text
from .mission import MissionConfig
from .scoring import CandidateScore, ScoreState


def check_decision(config: MissionConfig, outcome: str | None, option_code: str | None,
                   override_reason: str, score: CandidateScore | None, *,
                   unknown_score_passes: bool = False) -> str:
    """Raise ValidationError unless the decision may be recorded; returns the override
    reason to store (stripped; empty unless the outcome is admit).

    ``score`` is the candidate's score from what the caller holds now (None: unknown, counted
    as incomplete unless ``unknown_score_passes``: a desk applying a teammate's decision that
    the blind panel keeps from some of the candidate's cards cannot know the score, and leaves
    that check to the server, which holds every card)."""
    if outcome is not None:
        try:
            outcome = Outcome(outcome).value
        except ValueError:
            raise ValidationError(f"unknown outcome '{outcome}'") from None
    codes = {o.code for o in config.options}
    if option_code is not None and option_code not in codes:
        raise ValidationError(f"unknown programme option '{option_code}'")
    if option_code is not None and outcome != Outcome.ADMIT:
        raise ValidationError("a programme option goes only with admit")
    if outcome != Outcome.ADMIT:
        return ""
    if option_code is None:
        raise ValidationError("admit to which programme option? choose one of: "
                              + (", ".join(sorted(codes)) or "(the mission has none)"))
    reason = check_text(override_reason, MAX_REASON, "an override reason").strip()
    if reason or (score is not None and score.state == ScoreState.RANKED) \
            or (score is None and unknown_score_passes):
        return reason
    missing = ", ".join(score.missing) if score is not None and score.missing else ""
    why = (f"missing: {missing}" if missing
           else f"the candidate is {score.state.value}" if score is not None
           else "no score")
    raise ValidationError(f"admit needs a complete composite score ({why}) or an override "
                          "reason, printed on the jury minutes")
