"""Wire formats: Cybersource JSON, Visa's native JSON and JPO, converted to and from core types.

The calculation core never imports from here.
"""
