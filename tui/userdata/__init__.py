"""The user's own data, kept per article by a hash of its text: corrections (XDG data dir).

No UI imports: the reader, `--json` and reports apply the same corrections the same way.
"""
