"""Editor sign-in: who may change goals. Pure (no Streamlit): the page passes `st.secrets` in.

The operator puts a *hash* of the editor secret into `.streamlit/secrets.toml`:

    editor_password_hash = "scrypt$16384$8$1$<salt>$<hash>"     # one shared editor secret

or one secret per named editor (the change log then holds the name that signed in):

    [editors]
    "Maija Meikäläinen" = "scrypt$16384$8$1$<salt>$<hash>"

`python -m tilannekuva goals hash-password` makes the line (it asks for the secret without
echoing it). Checks are constant-time (`hmac.compare_digest`) and the secret is never logged,
stored or shown. Failed attempts are slowed down per session: after the n-th failure the next
attempt is refused for `backoff_seconds(n)` seconds. Without any configured secret the app is
read-only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1
SALT_BYTES = 16
KEY_BYTES = 32
MAX_NAME = 80


class MalformedHash(ValueError):
    """A configured hash cannot be parsed (the operator must make a new one)."""


def hash_secret(secret: str, *, salt: bytes | None = None, n: int = N, r: int = R, p: int = P) -> str:
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    key = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"{SCHEME}${n}${r}${p}${b64(salt)}${b64(key)}"


def verify_secret(secret: str, stored: str) -> bool:
    """True when `secret` matches the stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            raise ValueError(scheme)
        salt_bytes, key_bytes = base64.b64decode(salt, validate=True), base64.b64decode(key, validate=True)
        n_i, r_i, p_i = int(n), int(r), int(p)
    except (ValueError, TypeError) as exc:
        raise MalformedHash("editor secret hash is not scrypt$n$r$p$salt$hash") from exc
    candidate = hashlib.scrypt(
        secret.encode("utf-8"), salt=salt_bytes, n=n_i, r=r_i, p=p_i, dklen=len(key_bytes), maxmem=256 * 1024 * 1024
    )
    return hmac.compare_digest(candidate, key_bytes)


@dataclass(frozen=True)
class EditorConfig:
    shared_hash: str | None  # editor_password_hash: any name may sign in with it
    named: Mapping[str, str]  # [editors]: name -> hash

    @property
    def enabled(self) -> bool:
        return bool(self.shared_hash or self.named)


def editor_config(secrets: Mapping | None) -> EditorConfig:
    """What the operator configured; a missing or unreadable secrets file means read-only."""
    if secrets is None:
        return EditorConfig(None, {})
    try:
        shared = secrets.get("editor_password_hash")
        named = dict(secrets.get("editors") or {})
    except Exception:  # st.secrets raises when there is no secrets.toml at all
        return EditorConfig(None, {})
    shared = str(shared).strip() if shared else None
    return EditorConfig(shared or None, {str(k): str(v) for k, v in named.items() if v})


def check_sign_in(config: EditorConfig, name: str, secret: str) -> str | None:
    """The signed-in editor's name, or None when refused. Raises MalformedHash on a broken config.

    Every configured hash is checked (the same work whether or not the name exists), so timing
    tells nothing about which names are editors."""
    name = " ".join(name.split())[:MAX_NAME]
    if not config.enabled or not name or not secret:
        return None
    ok = False
    if config.named:
        for editor, stored in config.named.items():
            ok |= verify_secret(secret, stored) & hmac.compare_digest(editor.encode(), name.encode())
    if config.shared_hash:
        ok |= verify_secret(secret, config.shared_hash)
    return name if ok else None


#: Seconds an attempt is refused after n failures: 0, 0, 2, 4, 8, ... capped at a minute.
def backoff_seconds(failures: int) -> float:
    if failures < 2:
        return 0.0
    return float(min(60, 2 ** (failures - 1)))


@dataclass(frozen=True)
class Attempts:
    """Failed sign-ins of one session (kept in its session state)."""

    failures: int = 0
    last_failure: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds left before the next attempt may be checked (0 = now)."""
        return max(0.0, self.last_failure + backoff_seconds(self.failures) - now)

    def failed(self, now: float) -> Attempts:
        return Attempts(self.failures + 1, now)
