"""Textual stylesheets, installed as the package `tui.styles` (see tui/resources.py)."""
