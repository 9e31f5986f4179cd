"""The project's ISO 3166-1 table against CLDR's territories (babel), with the differences written down."""

from __future__ import annotations

from babel import Locale

from installments_core._core.countries import ISO_3166_ALPHA_2
from installments_core._wire.jpo_options import check_country

# CLDR's two-letter territories that ISO 3166-1 does not assign to a country: exceptionally reserved
# codes (AC, CP, CQ, DG, EA, IC, TA), groupings (EU, EZ, UN), user-assigned codes (XK for Kosovo,
# XA and XB for pseudo-locales, QO for outlying Oceania) and the unknown region ZZ.
CLDR_ONLY = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}


def test_the_table_is_cldrs_two_letter_territories_less_the_known_differences() -> None:
    cldr = {code for code in Locale("en").territories if len(code) == 2 and code.isalpha()}
    assert len(ISO_3166_ALPHA_2) == 249
    assert cldr >= ISO_3166_ALPHA_2
    assert cldr - ISO_3166_ALPHA_2 == CLDR_ONLY


def test_a_billing_country_must_be_an_assigned_code() -> None:
    assert check_country("JP") is None
    assert check_country("GB") is None
    for code in ("ZZ", "XK", "EU", "UK", "jp", "JPN", "J"):
        assert check_country(code) is not None, code
