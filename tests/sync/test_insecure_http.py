"""Transport security on the desk (issue 11, item 7): plain http:// only to this computer
unless explicitly allowed; an expired device token is told apart from a wrong password."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import requests

from sync.cli import register
from sync.errors import AuthFailed, DeviceRevoked, InsecureConnection
from sync.transport import ENV_INSECURE_HTTP, Transport, _http_error, check_url


@pytest.mark.parametrize("url", [
    "https://admissions.example.org", "https://10.0.0.5:8443/", "http://127.0.0.1:8000",
    "http://127.8.9.10", "http://localhost:8000", "http://LOCALHOST", "http://[::1]:8000",
    "http://desk.localhost",
])
def test_https_and_loopback_addresses_are_accepted(url: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_INSECURE_HTTP, raising=False)
    check_url(url)
    Transport(url).close()


@pytest.mark.parametrize("url", [
    "http://admissions.example.org", "http://10.0.0.5:8000", "HTTP://192.168.1.20/",
    "http://[2001:db8::1]:8000", "http://127.0.0.1.example.org", "http://localhost.evil.org",
])
def test_plain_http_to_another_host_is_refused_without_the_flag(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_INSECURE_HTTP, raising=False)
    with pytest.raises(InsecureConnection, match="unencrypted"):
        Transport(url)
    Transport(url, allow_insecure_http=True).close()
    monkeypatch.setenv(ENV_INSECURE_HTTP, "1")
    Transport(url).close()
    with pytest.raises(InsecureConnection):  # the explicit argument wins
        check_url(url, allow_insecure_http=False)


def test_the_sync_command_refuses_plain_http_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv(ENV_INSECURE_HTTP, raising=False)
    parser = argparse.ArgumentParser(prog="mission-desk")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["sync", "--data-dir", str(tmp_path / "desk"), "--server",
                              "http://admissions.example.org", "--user", "paul"])
    assert args.insecure_http is False
    assert args.func(args) == 1
    err = capsys.readouterr().err
    assert "unencrypted" in err and "--insecure-http" in err and "Traceback" not in err
    args = parser.parse_args(["sync", "--server", "http://x.example", "--user", "p",
                              "--insecure-http"])
    assert args.insecure_http is True


def _response(status: int, code: str) -> requests.Response:
    r = requests.Response()
    r.status_code = status
    r._content = (b'{"error": {"code": "%s", "message": "m"}}' % code.encode())
    return r


def test_an_expired_token_is_told_apart_from_a_wrong_password() -> None:
    expired = _http_error(_response(401, "token_expired"))
    assert isinstance(expired, AuthFailed) and "expired" in str(expired)
    assert "wrong" in str(_http_error(_response(401, "invalid_credentials")))
    assert isinstance(_http_error(_response(401, "token_revoked")), DeviceRevoked)
