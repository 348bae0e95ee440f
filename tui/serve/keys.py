"""Keys for `newsreader serve`: the server's own host key and the clients it lets in.

Both fail closed: a host key others can read is refused rather than used, and an authorized_keys
file that cannot be read means nobody gets in, never everybody.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import asyncssh

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


class AuthorizedKeys:
    """The authorized_keys file, re-read when it changes so keys can be added or revoked live."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int, int] | None = None
        self._keys: asyncssh.SSHAuthorizedKeys | None = None
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
        try:
            keys = asyncssh.import_authorized_keys(text)
        except ValueError:
            raise ServeKeyError(f"authorized keys {self.path}: no valid public key in it") from None
        self._keys = keys
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
            self._keys, self._stamp = None, None
            return str(exc)
        return None

    def allows(self, key: asyncssh.SSHKey, client_addr: str) -> bool:
        if self._keys is None:
            return False
        # No reverse DNS: `from=` patterns are matched against the address only.
        return self._keys.validate(key, client_addr, client_addr) is not None
