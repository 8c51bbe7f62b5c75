"""Editor sign-in: hashed secret, wrong secret refused, no secret = read-only, back-off, and the
CLI that makes the hash (never printing the secret)."""

from __future__ import annotations

import io
import sys

import pytest

from tilannekuva.__main__ import main as cli_main
from tilannekuva.goals import auth

SECRET = "oikea-salasana-123"
FAST = dict(n=2**10, r=8, p=1)  # a cheap hash for tests; the default cost is for real use


@pytest.fixture(scope="module")
def hashed() -> str:
    return auth.hash_secret(SECRET, **FAST)


def test_hash_is_salted_and_verifies(hashed):
    assert SECRET not in hashed and hashed.startswith("scrypt$1024$8$1$")
    assert auth.hash_secret(SECRET, **FAST) != hashed  # new salt every time
    assert auth.verify_secret(SECRET, hashed)
    assert not auth.verify_secret(SECRET + "x", hashed)
    with pytest.raises(auth.MalformedHash):
        auth.verify_secret(SECRET, "plaintext-password")


def test_shared_secret_right_and_wrong(hashed):
    config = auth.editor_config({"editor_password_hash": hashed})
    assert config.enabled
    assert auth.check_sign_in(config, "  Maija   Meikäläinen ", SECRET) == "Maija Meikäläinen"
    assert auth.check_sign_in(config, "Maija", "väärä") is None
    assert auth.check_sign_in(config, "Maija", "") is None
    assert auth.check_sign_in(config, "", SECRET) is None  # the log needs a name


def test_named_editors_need_their_own_secret(hashed):
    other = auth.hash_secret("toinen-salasana-456", **FAST)
    config = auth.editor_config({"editors": {"Maija": hashed, "Pekka": other}})
    assert auth.check_sign_in(config, "Maija", SECRET) == "Maija"
    assert auth.check_sign_in(config, "Pekka", SECRET) is None  # Maija's secret is not Pekka's
    assert auth.check_sign_in(config, "Joku", SECRET) is None


@pytest.mark.parametrize("secrets", [None, {}, {"editor_password_hash": ""}, {"editors": {}}])
def test_no_secret_configured_means_read_only(secrets):
    config = auth.editor_config(secrets)
    assert not config.enabled
    assert auth.check_sign_in(config, "Maija", SECRET) is None
    assert auth.check_sign_in(config, "Maija", "") is None


def test_unreadable_secrets_mean_read_only():
    class Broken:
        def get(self, key):
            raise FileNotFoundError("no secrets.toml")

    assert not auth.editor_config(Broken()).enabled


def test_failed_attempts_are_slowed_down():
    assert [auth.backoff_seconds(n) for n in range(9)] == [0, 0, 2, 4, 8, 16, 32, 60, 60]
    attempts = auth.Attempts()
    assert attempts.wait(100.0) == 0
    attempts = attempts.failed(100.0)
    assert attempts.wait(100.0) == 0  # one typo costs nothing
    attempts = attempts.failed(101.0).failed(102.0)
    assert attempts.failures == 3 and attempts.wait(102.0) == 4.0 and attempts.wait(105.0) == 1.0
    assert attempts.wait(106.5) == 0


def test_cli_prints_only_the_hash(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    assert cli_main(["goals", "hash-password", "--stdin"]) == 0
    out = capsys.readouterr()
    assert SECRET not in out.out + out.err
    line = out.out.strip()
    assert line.startswith('editor_password_hash = "scrypt$')
    assert auth.verify_secret(SECRET, line.split('"')[1])
    monkeypatch.setattr(sys, "stdin", io.StringIO("lyhyt\n"))
    assert cli_main(["goals", "hash-password", "--stdin"]) == 2
    out = capsys.readouterr()
    assert "lyhyt" not in out.out + out.err and out.out == ""
