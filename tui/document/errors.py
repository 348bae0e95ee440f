"""The one exception the loader raises; its message is shown to the user as-is, on one line."""


class DocumentError(Exception):
    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
