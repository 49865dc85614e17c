"""A mutation's hash is computed by every desk and checked by the server: the canonical JSON
must stay byte for byte what ``json.dumps`` with its options gives (one shared encoder is
kept for speed, issue 15), whatever the value."""

from __future__ import annotations

import hashlib
import json
import random
import threading
from typing import Any

from app.domain.mutation import canonical_json, mutation_hash


def _reference(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind == 0:
        return "".join(rng.choice("aZé\"\\\n\u2028😀 ,:{}") for _ in range(rng.randrange(6)))
    if kind == 1:
        return rng.randrange(-10**20, 10**20)
    if kind == 2:
        return rng.choice([0.1, -0.0, 1e300, 12.75, float("nan"), float("inf")])
    if kind == 3:
        return rng.choice([True, False, None])
    if kind in (4, 5):
        return rng.choice(["present", "absent", "12.25", ""])
    if kind == 6:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {str(_value(rng, 3)): _value(rng, depth + 1) for _ in range(rng.randrange(4))}


def test_canonical_json_is_json_dumps_with_its_options() -> None:
    rng = random.Random(15)
    for _ in range(2000):
        value = _value(rng)
        assert canonical_json(value) == _reference(value)


def test_the_shared_encoder_gives_the_same_hashes_from_many_threads() -> None:
    fields = {"value": "12.25", "subject": "maths", "candidate_id": "c" * 36}
    expected = hashlib.sha256(_reference(
        {"id": "m", "entity": "mark", "row_id": "r", "fields": fields, "base": {"value": 1},
         "at": "2027-01-12T09:00:00Z"}).encode()).hexdigest()
    seen: list[str] = []

    def work() -> None:
        for _ in range(500):
            seen.append(mutation_hash("m", "mark", "r", fields, {"value": 1},
                                      "2027-01-12T09:00:00Z"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 2000 and set(seen) == {expected}
