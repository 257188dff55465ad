"""Errors that mean "the person asked for something we cannot do": shown as one clear line, never a traceback."""


class UserError(Exception):
    """Bad input from the person at the keyboard (a malformed option, an impossible request)."""
