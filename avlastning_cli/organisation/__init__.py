"""The organisation's own contacts: the answers to a protocol's ``<fyll i: …>`` places.

A coordinator fills them in once with ``avlastning anpassa``; every command then reads them
from one small file (:mod:`.store`) and puts them into the protocol as it is loaded
(:mod:`.slots`). They are the organisation's vetted wording, not any participant's data.
"""
