"""Checking issuer responses: every number recomputed, every discrepancy reported with its path.

``validator`` is the straight line: decode, read with the format's reader (``_wire/cybersource``,
``_wire/visa``), check each plan; ``checks`` holds the checks of one plan, each rule once (``rules``
holds the rules' words); ``rates`` proves the effective APR that declared rates are compared with;
``validation_report`` holds the result as data.  Nothing here imports pydantic: the typed models in ``_wire``
are for callers who want typed access, and ``tests/test_tables.py`` checks they declare the fields
the readers read.
"""
