"""The terminal UI: prompts (questionary) and screens (rich)."""
