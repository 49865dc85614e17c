"""Calibration of markers and interview panels (issue 17 §2), shared by desk and server.

Pure functions over observations (no database): ``calibrate`` for the figures,
``adjusted_interview_scores`` for the optional adjusted score (method in .adjust).

Figures and their intervals (95%):

* **Marker deviation** (per marker, per subject, in points): the mean over the marker's
  double-marked scripts of (their mark - the other markers' mean mark of the script, each
  other marker's own severity taken out). Severities come from the additive model
  mark = script effect + marker severity + noise fitted on the double-marked scripts
  (raters.py); within each group of markers linked by shared scripts, the median marker is
  0, so one harsh marker among fair ones reads its own offset and the fair ones 0. With only
  two markers nobody can tell which one is harsh: each reads half the gap. Interval: Student
  t over the per-script deviations; n = the marker's double-marked scripts. The others'
  severities are taken as known, so the interval is a little narrow when few colleagues
  share the scripts: on the seeded test missions 95% intervals held the planted value
  90-97% of the time (tests/domain/test_calibration.py asserts at least 85% over 20).
* **ICC** (per marker, per subject): ICC(C,1), two-way consistency, between the marker's
  mark and the other markers' mean of the same scripts (a constant offset is the deviation's
  business). Interval: delete-one jackknife over scripts (value +- t(n-1) standard errors,
  within [-1, 1]): deterministic, so every desk and the server print the same figures, and
  linear in the scripts (each leave-one-out from the sums less one script).
* **Third-reading rate** (per marker, per subject): share of the marker's double-marked
  scripts where their mark lies more than the subject's threshold from another marker's
  (the rule of marks.needs_third_reading). Interval: Wilson score.
* **Assessor deviation** (per assessor, per criterion, in levels): as the marker deviation,
  an item being one candidate's criterion in one panel. n = the assessor's candidates
  scored with at least one colleague.
* **Extreme share** (per assessor, per criterion): share of their levels at the lowest or
  highest level of the criterion's scale. Wilson interval; n = their candidates.
* **Panel kappa**: Cohen's kappa with quadratic weights of every pair of panel members over
  the criteria of the candidates both scored, averaged over the pairs weighted by their
  items. Interval: delete-one jackknife over candidates, as the ICC's.
* **Score distributions**: each candidate's interview score (/20, scoring.py's formula) per
  panel and for the whole mission.

Every estimate carries n, the candidates (scripts) it rests on; ``Estimate.shown`` is False
below ``MIN_CANDIDATES`` and views print "not enough data: n=5" instead of the figure.
Only the standard library: no numpy/scipy in the desk bundle for a few means, a t quantile
(exact CDF through the incomplete beta function) and a jackknife. Rater severities are an
exact least-squares solve (raters.fit), not an iteration.
"""

from .adjust import METHOD, adjusted_interview_scores
from .compute import calibrate
from .mission import (
    CalibrationInput,
    adjust_mission,
    calibrate_mission,
    level_obs,
    mark_obs,
    panel_key,
)
from .model import (
    MIN_CANDIDATES,
    AdjustedScore,
    Adjustment,
    AssessorSeverity,
    AssessorStat,
    Calibration,
    Estimate,
    Gap,
    LevelObs,
    MarkerStat,
    MarkObs,
    PanelStat,
)

__all__ = [
    "METHOD",
    "MIN_CANDIDATES",
    "AdjustedScore",
    "Adjustment",
    "AssessorSeverity",
    "AssessorStat",
    "Calibration",
    "CalibrationInput",
    "Estimate",
    "Gap",
    "LevelObs",
    "MarkObs",
    "MarkerStat",
    "PanelStat",
    "adjust_mission",
    "adjusted_interview_scores",
    "calibrate",
    "calibrate_mission",
    "level_obs",
    "mark_obs",
    "panel_key",
]
