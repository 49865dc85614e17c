"""Seeded synthetic missions with planted severities for the calibration tests."""

from __future__ import annotations

import random

from app.domain.calibration import LevelObs, MarkObs
from app.domain.rubric import default_rubric

CRITERIA = default_rubric().keys
HARSH_MARKER, HARSH_POINTS = "M5", -2.0
LENIENT, LENIENT_LEVELS = "A5", 1
# six interview panels of three, each assessor in three of them, so that every assessor
# shares candidates with several colleagues; the lenient A5 sits in P2, P4 and P6
PANELS = {
    "P1": ("A0", "A1", "A2"), "P2": ("A3", "A4", "A5"), "P3": ("A0", "A3", "A1"),
    "P4": ("A2", "A4", "A5"), "P5": ("A0", "A4", "A2"), "P6": ("A1", "A3", "A5"),
}


def marks(seed: int, scripts: int = 240, markers: int = 6, noise: float = 0.8,
          random_marker: str | None = None) -> list[MarkObs]:
    """Each script marked by two markers drawn at random; true marks ~ N(11, 3); M5 marks
    2 points under the truth; ``random_marker`` marks uniformly at random."""
    rng = random.Random(seed)
    names = [f"M{i}" for i in range(markers)]
    out = []
    for c in range(scripts):
        true = rng.gauss(11, 3)
        for m in rng.sample(names, 2):
            v = true + rng.gauss(0, noise) + (HARSH_POINTS if m == HARSH_MARKER else 0)
            if m == random_marker:
                v = rng.uniform(0, 20)
            out.append(MarkObs(f"c{c:04d}", "maths", m, round(min(20, max(0, v)) * 4) / 4))
    return out


def levels(seed: int, per_panel: int = 40, ability_sd: float = 0.5, noise: float = 0.4,
           panels: dict[str, tuple[str, ...]] = PANELS, lenient: str | None = LENIENT,
           random_assessor: str | None = None) -> list[LevelObs]:
    """Levels 1-5: round(ability + criterion effect + noise), ability ~ N(2.4, ability_sd),
    the lenient assessor one level higher; ``random_assessor`` draws levels uniformly."""
    rng = random.Random(seed)
    effects = {k: rng.uniform(-0.3, 0.3) for k in CRITERIA}
    out = []
    for key, members in panels.items():
        for i in range(per_panel):
            cand = f"{key}-c{i:03d}"
            ability = rng.gauss(2.4, ability_sd)
            for a in members:
                for crit in CRITERIA:
                    x = ability + effects[crit] + rng.gauss(0, noise)
                    x += LENIENT_LEVELS if a == lenient else 0
                    level = rng.randint(1, 5) if a == random_assessor else \
                        min(5, max(1, round(x)))
                    out.append(LevelObs(cand, key, a, crit, level))
    return out
