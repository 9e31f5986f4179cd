"""Checking issuer responses: every number recomputed, every discrepancy reported with its path.

``reading`` turns a response (bytes, text or parsed JSON, in Cybersource's or Visa's native
shape) into wire-neutral plan readings; ``validator`` recomputes and compares them, rule by rule
(``rules`` holds the rules' words); ``verified`` settles a plan that is exactly right in one pass;
``rates`` proves the effective APR that declared rates are compared with; ``report`` holds the
result as data.  Nothing here imports pydantic: the typed models in ``_wire`` are for
callers who want typed access, and ``tests/test_models.py`` checks that both agree.
"""
