"""Protocols: the YAML format, its loader and the bundled files."""
