"""Exports: pure functions from a protocol (or a session) to text or bytes."""
