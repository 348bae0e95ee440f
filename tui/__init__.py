"""newsreader: read news in the terminal and see who said what, and where."""

__version__ = "0.1.0"
