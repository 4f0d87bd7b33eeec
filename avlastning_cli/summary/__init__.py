"""The anonymised summary, one job per module.

- :mod:`.model`: the typed contract (pydantic), also published as ``summary.schema.json``;
- :mod:`.build`: a held session's summary from plain values; :mod:`.not_held`: the record of
  a session not held (the one place that shapes it);
- :mod:`.render`: Markdown in the protocol's language;
- :mod:`.gate`: the final privacy scan;
- :mod:`.files`: names and writes the files, never overwriting.
"""
