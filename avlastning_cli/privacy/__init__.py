"""Personal-data scrubber: masks names, identity numbers, phones, e-mail, addresses, postcodes.

Pure Python and offline. ``find`` reports what it found; ``scrub`` replaces each finding with a
typed placeholder such as ``[NAMN]`` or ``[TELEFON]`` (``lang="en"``: ``[NAME]``, ``[PHONE]``).
"""

from .scrubber import PLACEHOLDERS, Finding, ScrubResult, find, scrub, scrub_stream

__all__ = ["PLACEHOLDERS", "Finding", "ScrubResult", "find", "scrub", "scrub_stream"]
