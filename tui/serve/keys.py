"""Keys for `newsreader serve`: the server's own host key and the clients it lets in.

Both fail closed: a host key others can read is refused rather than used, and an authorized_keys
file that cannot be read means nobody gets in, never everybody.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .ssh import asyncssh
from .ssh import auth_keys as _auth_keys

HOST_KEY_NAME = "ssh_host_ed25519_key"


class ServeKeyError(Exception):
    """A key problem, worded for the one-line error the user sees."""


def default_host_key_path() -> Path:
    """Per-user data dir, so the key survives reinstalls and every checkout shares one identity."""
    import platformdirs

    return Path(platformdirs.user_data_dir("newsreader", appauthor=False)) / HOST_KEY_NAME


def fingerprint(key: asyncssh.SSHKey) -> str:
    return key.get_fingerprint("sha256")


def load_or_create_host_key(path: Path) -> tuple[asyncssh.SSHKey, bool]:
    """The host key at `path`, created (ed25519, mode 0600) when missing. Returns (key, created)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return _create_host_key(path), True
    except OSError as exc:
        raise ServeKeyError(f"host key {path}: {exc.strerror or 'cannot read'}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ServeKeyError(f"host key {path}: not a regular file")
    if st.st_mode & 0o077:
        raise ServeKeyError(f"host key {path}: readable by other users (mode {stat.S_IMODE(st.st_mode):o}); run chmod 600 on it")
    try:
        return asyncssh.read_private_key(str(path)), False
    except (OSError, ValueError, asyncssh.KeyImportError) as exc:
        reason = getattr(exc, "strerror", None) or "not an unencrypted OpenSSH/PEM private key"
        raise ServeKeyError(f"host key {path}: {reason}") from None


def _create_host_key(path: Path) -> asyncssh.SSHKey:
    key = asyncssh.generate_private_key("ssh-ed25519", comment="newsreader serve host key")
    data = key.export_private_key("openssh")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # O_EXCL: never overwrite a key another server instance wrote a moment ago.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_or_create_host_key(path)[0]
    except OSError as exc:
        raise ServeKeyError(f"cannot create host key {path}: {exc.strerror or exc}") from None
    try:
        os.fchmod(fd, 0o600)  # the umask could only narrow it, but be explicit
        os.write(fd, data)
    finally:
        os.close(fd)
    return key


# What this server does with each authorized_keys option sshd(8) knows. "check" options are
# evaluated per connection (the key is refused when they fail); "refuse" options make the key
# unusable here; "accept" options restrict or permit things this server never offers anyway.
# An option missing from this table makes its key refused: never silently accepted.
KEY_OPTIONS: dict[str, tuple[str, str]] = {
    "from": ("check", "client address must match"),
    "expiry-time": ("check", "key expires"),
    "no-pty": ("refuse", "no-pty: the reader needs a terminal"),
    "command": ("refuse", "command=: the reader is the only command this server runs"),
    "principals": ("refuse", "principals=: certificates are not accepted"),
    "cert-authority": ("refuse", "cert-authority: certificates are not accepted"),
    "verify-required": ("refuse", "verify-required: FIDO user verification is not checked"),
    "restrict": ("accept", "already enforced: no forwarding, no rc files"),
    "no-agent-forwarding": ("accept", "already enforced"),
    "no-port-forwarding": ("accept", "already enforced"),
    "no-x11-forwarding": ("accept", "already enforced"),
    "no-user-rc": ("accept", "already enforced"),
    "permitopen": ("accept", "port forwarding is never offered"),
    "permitlisten": ("accept", "port forwarding is never offered"),
    "tunnel": ("accept", "tunnel forwarding is never offered"),
    "agent-forwarding": ("accept", "never offered"),
    "port-forwarding": ("accept", "never offered"),
    "x11-forwarding": ("accept", "never offered"),
    "user-rc": ("accept", "never offered"),
    "pty": ("accept", "every session has a terminal"),
    "environment": ("accept", "ignored, as sshd does without PermitUserEnvironment"),
    "no-touch-required": ("accept", "touch is never required more strictly than the key allows"),
}
_EXPIRY_RE = re.compile(r"(\d{8})(\d{4}(\d{2})?)?(Z?)", re.IGNORECASE)


def parse_expiry(value: str) -> datetime | None:
    """sshd's expiry-time: YYYYMMDD[HHMM[SS]], local time unless it ends in Z. None if malformed."""
    match = _EXPIRY_RE.fullmatch(value.strip())
    if match is None:
        return None
    digits = match.group(1) + (match.group(2) or "0000")
    if len(digits) == 12:
        digits += "00"
    try:
        moment = datetime.strptime(digits, "%Y%m%d%H%M%S")
    except ValueError:
        return None
    if match.group(4):
        return moment.replace(tzinfo=UTC)
    return moment.astimezone()  # naive: the server's local time, like sshd


@dataclass(frozen=True)
class KeyDecision:
    """Whether a key may log in and, for the log, why (or why not) and what its options do."""

    allowed: bool
    reason: str = ""  # why it was refused: "key-not-authorized", "key-option no-pty: ..."
    notes: tuple[str, ...] = ()  # accepted options, logged once per login


class _Entry:
    """One authorized_keys line: its key and its options (names in lower case)."""

    def __init__(self, line: str) -> None:
        entry = _auth_keys._SSHAuthorizedKeyEntry(line)  # asyncssh's own option parser
        if entry.key is None:
            raise asyncssh.KeyImportError("X.509 entries are not supported")
        self.key: asyncssh.SSHKey = entry.key
        self._entry = entry
        self.options: dict[str, object] = dict(entry.options)

    def decide(self, client_addr: str, now: datetime) -> KeyDecision:
        """Expiry and address first (as sshd checks them), then options this server cannot honour."""
        for value in _strings(self.options.get("expiry-time")):
            expiry = parse_expiry(value)
            if expiry is None:
                return KeyDecision(False, f"key-option expiry-time={_printable(value)}: not a date")
            if now >= expiry:
                return KeyDecision(False, f"key-option expiry-time: expired {expiry.isoformat(timespec='minutes')}")
        if "from" in self.options and not self._entry.match_options(client_addr, client_addr, None):
            return KeyDecision(False, f"key-option from=: {client_addr} does not match")
        notes = []
        for name in self.options:
            action, why = KEY_OPTIONS.get(name.lower(), ("refuse", f"{_printable(name)}: unknown option"))
            if action == "check" and name != name.lower():
                # Checked options are looked up by their exact name: "FROM=" would go unchecked.
                action, why = "refuse", f"{_printable(name)}: write it in lower case"
            if action == "refuse":
                return KeyDecision(False, f"key-option {why}")
            if action == "accept":
                notes.append(f"{name} ({why})")
        return KeyDecision(True, notes=tuple(notes))


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _printable(value: str, limit: int = 40) -> str:
    return "".join(ch if ch.isprintable() and not ch.isspace() else "?" for ch in value[:limit]) or "-"


class AuthorizedKeys:
    """The authorized_keys file, re-read when it changes so keys can be added or revoked live.

    A key may log in when one of its lines passes every option check (as in sshd); each line is
    parsed on its own so an option on one line never leaks to another.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int, int] | None = None
        self._entries: list[_Entry] | None = None
        self.load()

    def load(self) -> None:
        """Read the file now; raise ServeKeyError with a one-line reason if it gives no usable key."""
        try:
            st = self.path.stat()
            if not stat.S_ISREG(st.st_mode):
                raise ServeKeyError(f"authorized keys {self.path}: not a regular file")
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            raise ServeKeyError(f"authorized keys {self.path}: no such file") from None
        except OSError as exc:
            raise ServeKeyError(f"authorized keys {self.path}: {exc.strerror or 'cannot read'}") from None
        entries = []
        for number, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                entries.append(_Entry(line))
            except asyncssh.KeyImportError:
                continue  # not a key line (as asyncssh and sshd skip them)
            except ValueError as exc:
                raise ServeKeyError(f"authorized keys {self.path}: line {number}: {exc}") from None
        if not entries:
            raise ServeKeyError(f"authorized keys {self.path}: no valid public key in it")
        self._entries = entries
        self._stamp = (st.st_mtime_ns, st.st_size, st.st_ino)

    def refresh(self) -> str | None:
        """Pick up edits; on a broken file nobody is let in (fail closed). Returns a problem to log."""
        try:
            st = self.path.stat()
            if (st.st_mtime_ns, st.st_size, st.st_ino) == self._stamp:
                return None
        except OSError:
            pass
        try:
            self.load()
        except ServeKeyError as exc:
            self._entries, self._stamp = None, None
            return str(exc)
        return None

    def decide(self, key: asyncssh.SSHKey, client_addr: str, now: datetime | None = None) -> KeyDecision:
        """May `key` log in from `client_addr`? No reverse DNS: `from=` matches the address only."""
        if self._entries is None:
            return KeyDecision(False, "authorized-keys-unusable")
        now = now or datetime.now(UTC)
        refusal: KeyDecision | None = None
        for entry in self._entries:
            if entry.key != key:
                continue
            decision = entry.decide(client_addr, now)
            if decision.allowed:
                return decision
            refusal = refusal or decision
        return refusal or KeyDecision(False, "key-not-authorized")

    def allows(self, key: asyncssh.SSHKey, client_addr: str) -> bool:
        return self.decide(key, client_addr).allowed
