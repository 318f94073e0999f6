"""Helpers shared by the tests (strategies, builders); importable as ``support`` (see pytest pythonpath)."""
