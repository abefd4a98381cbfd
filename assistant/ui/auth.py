"""UI login: credentials from a file or the environment, constant-time checks, throttled wrong logins.

Sources, first found wins:
- BRIEFING_UI_USERS_FILE: a file with one `user:password` a line (split at the FIRST colon, so a password
  may contain any character, colons and commas included; blank lines and lines starting with # skipped),
  or a JSON object {"user": "password", ...}.
- BRIEFING_UI_USERS_JSON: the same JSON object in the environment.
- BRIEFING_UI_USERS: "alice:secret,bob:other" (the old format; a password cannot contain a comma there).

Wrong logins: after `free_failures` wrong attempts for a user name, every further attempt for that name is
refused without checking the password until a lock-out that doubles each time (1 s, 2 s, 4 s ... capped at
`max_lockout_s`) has passed; a correct login resets it. Gradio gives the check no client address, so the
throttle is per user name (guessing one user's password is what it stops; put a reverse proxy with
per-address rate limits in front for the rest, see README "Security").
"""

from __future__ import annotations

import hmac
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import BriefingError


def parse_users_file(text: str) -> dict[str, str]:
    stripped = text.strip()
    if stripped.startswith("{"):
        return _from_json(stripped)
    users: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if ":" not in line:
            raise BriefingError(f"users file line {n}: expected user:password")
        user, password = line.split(":", 1)
        if not user.strip() or not password:
            raise BriefingError(f"users file line {n}: empty user name or password")
        users[user.strip()] = password
    return users


def _from_json(text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BriefingError(f"users JSON is not valid: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) and k and v
                                             for k, v in data.items()):
        raise BriefingError('users JSON must be an object {"user": "password", ...}')
    return dict(data)


def users_from_env(env: dict[str, str] | None = None) -> dict[str, str] | None:
    env = dict(os.environ) if env is None else env
    if path := env.get("BRIEFING_UI_USERS_FILE", "").strip():
        p = Path(path)
        if not p.is_file():
            raise BriefingError(f"BRIEFING_UI_USERS_FILE={path}: no such file")
        users = parse_users_file(p.read_text(encoding="utf-8"))
    elif raw_json := env.get("BRIEFING_UI_USERS_JSON", "").strip():
        users = _from_json(raw_json)
    elif raw := env.get("BRIEFING_UI_USERS", "").strip():
        users = {u.strip(): pw for u, pw in (p.split(":", 1) for p in raw.split(",") if ":" in p) if u.strip()}
    else:
        return None
    if not users:
        raise BriefingError("login is configured but no user:password pair was found")
    return users


@dataclass
class _Failures:
    count: int = 0
    locked_until: float = 0.0


@dataclass
class Authenticator:
    users: dict[str, str]
    free_failures: int = 3
    max_lockout_s: float = 300.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, _Failures] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_env(cls) -> Authenticator | None:
        users = users_from_env()
        return cls(users) if users else None

    def locked_for(self, user: str) -> float:
        """Seconds until `user` may try again (0 = now)."""
        with self._lock:
            f = self._failures.get(user)
            until = f.locked_until if f else 0.0
        return max(0.0, until - self.clock())

    def check(self, user: str, password: str) -> bool:
        now = self.clock()
        with self._lock:
            f = self._failures.setdefault(user, _Failures())
            if now < f.locked_until:
                return False  # throttled: the password is not even compared
            expected = self.users.get(user)
            # compare even for unknown users so that timing does not reveal which names exist
            ok = hmac.compare_digest((expected or "\0").encode(), password.encode()) and expected is not None
            if ok:
                self._failures.pop(user, None)
                return True
            f.count += 1
            if f.count >= self.free_failures:
                f.locked_until = now + min(self.max_lockout_s, 2.0 ** (f.count - self.free_failures))
            if len(self._failures) > 10_000:  # bounded memory under a flood of invented names
                self._failures = {u: x for u, x in self._failures.items() if u in self.users}
            return False
