"""Hostile and malformed input: always a JSON error with a code, never a 500; the gzip cap."""

from __future__ import annotations

import gzip
import json
import uuid
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.protocol import MAX_BODY_BYTES

from .conftest import Desk, World


def sync_url(world: World) -> str:
    return f"/api/v1/missions/{world.mission_a}/sync"


def post_raw(world: World, body: bytes, **headers: str):  # type: ignore[no-untyped-def]
    h = {"Content-Type": "application/json", **world["paul"].headers, **headers}
    return world.client.post(sync_url(world), content=body, headers=h)


def assert_json_error(r, status: int, code: str | None = None) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["message"]
    if code:
        assert err["code"] == code


def test_gzip_bomb_is_refused_with_413_without_inflating_it(world: World) -> None:
    # 64 MiB of zeros compress to ~64 KiB: far over the cap once inflated.
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = bomb.compress(b"0" * (64 * 1024 * 1024)) + bomb.flush()
    assert len(data) < MAX_BODY_BYTES
    r = post_raw(world, data, **{"Content-Encoding": "gzip"})
    assert_json_error(r, 413, "body_too_large")


def test_plain_body_over_the_cap_is_refused(world: World) -> None:
    r = post_raw(world, b" " * (MAX_BODY_BYTES + 1))
    assert_json_error(r, 413, "body_too_large")


def test_gzip_body_under_the_cap_is_accepted(world: World) -> None:
    desk = Desk(world.client, world["paul"], world.mission_a)
    _, m = desk.new_candidate("GZ-1")
    body = gzip.compress(json.dumps(desk.body([m])).encode())
    r = post_raw(world, body, **{"Content-Encoding": "gzip"})
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied"


@pytest.mark.parametrize(("body", "headers", "status", "code"), [
    (b"{not json", {}, 400, "malformed_json"),
    (b'{"client_id": NaN, "cursor": Infinity}', {}, 400, "malformed_json"),
    (b"\xff\xfe\x00", {}, 400, "malformed_json"),
    (b"[" * 100_000, {}, 400, "malformed_json"),
    (b'{"client_id": ' + b"9" * 10_000 + b"}", {}, 400, "malformed_json"),
    (b"not gzip at all", {"Content-Encoding": "gzip"}, 400, "bad_encoding"),
    (gzip.compress(b'{"a": 1}')[:-6], {"Content-Encoding": "gzip"}, 400, "bad_encoding"),
    (b"{}", {"Content-Encoding": "br"}, 415, "unsupported_encoding"),
    (b"{}", {"Content-Type": "text/plain"}, 415, "unsupported_media_type"),
    (b"{}", {}, 422, "invalid_request"),
    (b"[]", {}, 422, "invalid_request"),
    (b"null", {}, 422, "invalid_request"),
    (json.dumps({"client_id": str(uuid.uuid4()), "schema": 1, "cursor": 2**80,
                 "mutations": []}).encode(), {}, 422, "invalid_request"),
    (json.dumps({"client_id": str(uuid.uuid4()), "schema": 1, "cursor": -1,
                 "mutations": []}).encode(), {}, 422, "invalid_request"),
    (json.dumps({"client_id": str(uuid.uuid4()), "schema": 99,
                 "mutations": []}).encode(), {}, 409, "unsupported_schema"),
    (json.dumps({"client_id": "x", "schema": 1, "mutations": "many"}).encode(), {}, 422,
     "invalid_request"),
    (json.dumps({"client_id": str(uuid.uuid4()), "schema": 1, "mutations": [
        {"mid": 1, "id": str(uuid.uuid4()), "hash": "0" * 64, "entity": "candidate",
         "row_id": str(uuid.uuid4()), "fields": {}, "at": "x"}] * 501}).encode(), {}, 422,
     "invalid_request"),
])
def test_malformed_sync_bodies_get_json_errors(world: World, body: bytes,
                                               headers: dict[str, str], status: int,
                                               code: str) -> None:
    assert_json_error(post_raw(world, body, **headers), status, code)


def test_other_endpoints_answer_malformed_input_with_json_errors(world: World) -> None:
    c = world.client
    assert_json_error(c.post("/api/v1/login", content=b"{oops",
                             headers={"Content-Type": "application/json"}), 422)
    assert_json_error(c.post("/api/v1/login", json={"username": "a" * 10_000,
                                                    "password": "x"}), 422, "invalid_request")
    assert_json_error(c.post("/api/v1/login", json=[1, 2]), 422)
    assert_json_error(c.get("/api/v1/nowhere"), 404, "not_found")
    assert_json_error(c.put("/api/v1/login", json={}), 405)
    assert_json_error(c.get("/api/v1/missions/" + "x" * 5000 + "/package",
                            headers=world["paul"].headers), 404)
    assert_json_error(c.delete("/api/v1/me/devices/" + "y" * 5000,
                               headers=world["paul"].headers), 404)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=20,
)


def _mutation_like(draw_fields: dict, entity: str, mid: int) -> dict:
    return {"mid": mid, "id": str(uuid.uuid4()), "hash": "a" * 64, "entity": entity,
            "row_id": str(uuid.uuid4()), "fields": draw_fields, "base": {}, "at": "t"}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=json_values)
def test_fuzzed_json_bodies_never_cause_a_500(world: World, body: object) -> None:
    r = post_raw(world, json.dumps(body).encode())
    assert r.status_code < 500
    assert "error" in r.json() or "results" in r.json()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.dictionaries(
    st.sampled_from(["candidate_id", "subject", "marker_id", "value", "levels", "notes",
                     "recommendation", "submitted", "status", "family_name", "track",
                     "outcome", "option_code", "panel", "starts_at", "room", "wishes",
                     "birth_date", "application_number", "mission_id"]),
    json_values, max_size=6),
    entity=st.sampled_from(["candidate", "mark", "scorecard", "decision", "interview"]))
def test_fuzzed_mutations_get_a_final_status_never_a_500(world: World, fields: dict,
                                                         entity: str) -> None:
    """Well-formed envelopes, arbitrary field values, correct hashes: each mutation is
    validated by the rules and answered, whatever it holds."""
    desk = Desk(world.client, world["claire"], world.mission_a)
    m = desk.mutation(entity, str(uuid.uuid4()), fields)
    r = world.client.post(sync_url(world), json=desk.body([m]),
                          headers=world["claire"].headers)
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:
        assert r.json()["results"][0]["status"] in ("applied", "rejected")


def test_nul_characters_are_refused_per_mutation_not_per_batch(world: World) -> None:
    desk = Desk(world.client, world["paul"], world.mission_a)
    _, bad = desk.new_candidate("NUL-1", family_name="Tr\x00n")
    _, good = desk.new_candidate("NUL-2")
    resp = desk.push([bad, good])
    assert [r["status"] for r in resp["results"]] == ["rejected", "applied"]
    for name in ("pa\x00ul", "paul"):
        r = world.client.post("/api/v1/login", json={"username": name, "password": "x\x00",
                                                     "device_name": "d\x00"})
        assert r.status_code in (401, 422)


def test_openapi_schema_lists_every_endpoint_and_the_sync_body(world: World) -> None:
    schema = world.client.get("/openapi.json").json()
    paths = schema["paths"]
    for path, method in [("/api/v1/login", "post"), ("/api/v1/me/devices", "get"),
                         ("/api/v1/me/devices/{device_id}", "delete"),
                         ("/api/v1/admin/devices", "get"),
                         ("/api/v1/admin/devices/{device_id}", "delete"),
                         ("/api/v1/admin/users", "post"), ("/api/v1/missions", "get"),
                         ("/api/v1/missions/{mission_id}/package", "get"),
                         ("/api/v1/missions/{mission_id}/sync", "post")]:
        assert method in paths[path], path
    sync = paths["/api/v1/missions/{mission_id}/sync"]["post"]
    ref = sync["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/SyncRequest"
    comps = schema["components"]["schemas"]
    assert "mutations" in comps["SyncRequest"]["properties"] and "Mutation" in comps
    assert "ErrorResponse" in comps
    assert world.client.get("/docs").status_code == 200


def test_every_route_caps_the_body_size(world: World) -> None:
    big = b'{"username": "' + b"a" * (MAX_BODY_BYTES + 10) + b'", "password": "x"}'
    r = world.client.post("/api/v1/login", content=big,
                          headers={"Content-Type": "application/json"})
    assert_json_error(r, 413, "body_too_large")

    def chunks():  # no Content-Length: the count happens while reading
        yield b'{"username": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"a" * 65536
        yield b'", "password": "x"}'

    r = world.client.post("/api/v1/admin/users", content=chunks(),
                          headers={"Content-Type": "application/json", **world["root"].headers})
    assert_json_error(r, 413, "body_too_large")
