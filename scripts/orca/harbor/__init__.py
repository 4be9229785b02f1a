"""Orca script for Harbor: see script.py."""

from .script import Script  # noqa: F401
