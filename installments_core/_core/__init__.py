"""The pure calculation core: money, currencies, rounding policies, plans, cost of credit.

Nothing in this package knows about wire formats, JSON or display.
"""
