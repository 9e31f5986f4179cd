"""The display layer's own error: an option of a formatter or of the HTML that it cannot honour.

It belongs with the others in ``installments_core/_errors.py``; it lives here only until that
module, which other work is changing, can take it (move it to the end of ``_errors.py`` then).
"""

from __future__ import annotations

from .._errors import InstallmentsError

__all__ = ["InvalidDisplayOptionError"]


class InvalidDisplayOptionError(InstallmentsError):
    """A display option is not one the library can honour exactly: a number pattern it would have
    to round or scale, an unknown numbering system or format type, digits out of range, a field
    name that is not a usable HTML name.

    >>> err = InvalidDisplayOptionError("digits", expected="an integer from 0 to 6", actual="50")
    >>> str(err), err.code
    ('digits: expected an integer from 0 to 6, found 50', 'invalid_display_option')
    """

    code = "invalid_display_option"
