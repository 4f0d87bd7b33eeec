"""The console script and ``python -m avlastning_cli``: the collector tuned for start-up, then
the command line.

Starting a command creates a few hundred thousand objects that live as long as the process
(typer, pydantic, prompt_toolkit and rich, their classes and tables). With Python's default
first threshold (700 allocations) the cyclic garbage collector scans them over and over, a
full pass among them: about 25 ms before the first question, a seventh of the time. With
a larger first threshold it runs rarely; it still runs, so memory stays bounded in a long
session or a long ``scrub``.
"""

import gc

#: The first generation's threshold while this process runs (Python's default: 700).
FIRST_THRESHOLD = 50_000


def main() -> None:
    _, second, third = gc.get_threshold()
    gc.set_threshold(FIRST_THRESHOLD, second, third)
    from avlastning_cli.cli import main as command_line

    command_line()


if __name__ == "__main__":
    main()
