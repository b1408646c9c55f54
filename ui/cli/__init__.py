"""The `shopassist` command line: argument parsing and printing; every command calls into `assistant`."""

from ui.cli.main import main

__all__ = ["main"]
