"""The user's own data, kept per article by a hash of its text: corrections (XDG data dir) and
where the reader was (XDG state dir).

No UI imports: the reader, `--json` and reports apply the same corrections the same way.
"""
