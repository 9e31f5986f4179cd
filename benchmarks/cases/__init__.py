"""One module per topic, each with ``CASES: list[Case]``."""
