"""The session: answers, the walkthrough's state, autosave and resume."""
