"""asyncssh for the server, imported once with the warnings its import raises silenced.

Newer `cryptography` releases deprecate DSA, and asyncssh touches the DSA classes when it is
imported, so Python prints a screenful of CryptographyDeprecationWarning lines before anything
else. They are about key types the server never offers; a user starting `serve` must see only the
server's own one-line messages. Only warnings raised from asyncssh's modules, during this import,
are silenced.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", module=r"asyncssh(\.|$)")
    import asyncssh
    from asyncssh import auth_keys

__all__ = ["asyncssh", "auth_keys"]
