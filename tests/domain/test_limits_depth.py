"""check_depth refuses exactly what walking every value refused (issue 15: the request body's
depth check visits only containers now), with the same message."""

from __future__ import annotations

import random

import pytest

from app.domain.errors import ValidationError
from app.domain.limits import check_depth, walk_values


def _walked(value: object, limit: int) -> str:
    try:
        for _ in walk_values(value, limit):
            pass
    except ValidationError as exc:
        return str(exc)
    return "ok"


def _checked(value: object, limit: int) -> str:
    try:
        check_depth(value, limit)
    except ValidationError as exc:
        return str(exc)
    return "ok"


def _value(rng: random.Random, depth: int = 0) -> object:
    r = rng.random()
    if depth > 10 or r < 0.3:
        return rng.choice([1, "x", None, 2.5, True, [], {}])
    if r < 0.65:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {f"k{i}": _value(rng, depth + 1) for i in range(rng.randint(0, 3))}


def test_same_verdict_as_walking_every_value() -> None:
    refused = 0
    for seed in range(3000):
        rng = random.Random(seed)
        value, limit = _value(rng), rng.randint(0, 6)
        assert _checked(value, limit) == _walked(value, limit), (seed, value, limit)
        refused += _checked(value, limit) != "ok"
    assert 300 < refused < 2700  # both verdicts were exercised


@pytest.mark.parametrize(("value", "limit", "ok"), [
    ({"a": 1}, 1, True),          # the key and value sit at depth 1
    ({"a": 1}, 0, False),
    ({"a": {}}, 1, True),         # an empty container has nothing deeper
    ({"a": {"b": 1}}, 1, False),
    ([[[[]]]], 3, True),
    ([[[[1]]]], 3, False),
    ("text", 0, True),
])
def test_edges(value: object, limit: int, ok: bool) -> None:
    assert (_checked(value, limit) == "ok") is ok
    assert _checked(value, limit) == _walked(value, limit)
