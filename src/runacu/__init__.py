"""runacu: a command-line wellness guide for runners."""

__version__ = "0.1.0"
