"""The gettext catalogs: current with the code, complete, compiled, and with CLDR's plural rules."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from installments_core._display.language import DOMAIN, catalog_languages

ROOT = Path(__file__).parent.parent
LOCALE_DIR = ROOT / "installments_core" / "locale"
POT = LOCALE_DIR / f"{DOMAIN}.pot"
LANGUAGES = [language for language in catalog_languages() if language != "en"]
REQUIRED = {"en", "es", "pt", "fr", "de", "it", "ar", "ja"}


def _po(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def _messages(catalog: Catalog) -> dict[object, tuple[object, frozenset[str], tuple[str, ...]]]:
    """What extraction decides, without the file locations and dates that move with every edit."""
    return {
        (message.context, message.id): (message.id, frozenset(message.flags - {"fuzzy"}), tuple(message.auto_comments))
        for message in catalog
        if message.id
    }


def test_the_required_languages_have_catalogs() -> None:
    assert set(catalog_languages()) >= REQUIRED


def test_the_template_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
         "-o", str(fresh), "--add-comments=TRANSLATORS:", "--no-wrap", "--sort-output",
         str(ROOT / "installments_core" / "_display")],
        check=True, capture_output=True, cwd=ROOT,
    )  # fmt: skip
    assert _messages(_read(fresh)) == _messages(_read(POT)), "run the pybabel extract command of docs/display.md"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_is_current_and_complete(language: str) -> None:
    catalog = _read(_po(language), language)
    template = _read(POT)
    assert set(_messages(catalog)) == set(_messages(template)), "run pybabel update"
    for message in catalog:
        if not message.id:
            continue
        assert "fuzzy" not in message.flags, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(strings) == (catalog.num_plurals if message.pluralizable else 1), message.id
        assert all(strings), f"{language}: untranslated {message.id!r}"
        assert not list(message.check(catalog)), f"{language}: {message.id!r}: {list(message.check(catalog))}"
    assert not catalog.obsolete


def _translations(catalog: Catalog) -> dict[object, object]:
    """What a compiled catalog means: each message's translation, keyed by context and id."""
    def _plain(text: object) -> object:
        return tuple(text) if isinstance(text, (list, tuple)) else text

    return {(message.context, _plain(message.id)): _plain(message.string) for message in catalog if message.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_compiled_catalog_matches_its_source(language: str) -> None:
    """Compared as parsed catalogs: the bytes carry the compiling babel's version (``Generated-By``)."""
    source = _read(_po(language), language)
    with _po(language).with_suffix(".mo").open("rb") as stream:
        shipped = read_mo(stream)
    assert _translations(shipped) == _translations(source), "run pybabel compile"
    assert shipped.plural_forms == source.plural_forms, "run pybabel compile"


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_follow_cldr(language: str) -> None:
    """Each plural form of the catalog stands for exactly one CLDR plural category."""
    with _po(language).with_suffix(".mo").open("rb") as stream:
        translations = gettext.GNUTranslations(stream)
    cldr = Locale.parse(language)
    categories: dict[int, set[str]] = {}
    for n in range(1000):
        index = translations.plural(n)  # type: ignore[attr-defined]
        categories.setdefault(index, set()).add(cldr.plural_form(n))
    assert all(len(found) == 1 for found in categories.values()), categories
    assert len(categories) == len({category for found in categories.values() for category in found})


def test_arabic_has_all_six_forms() -> None:
    catalog = _read(_po("ar"), "ar")
    assert catalog.num_plurals == 6
    with _po("ar").with_suffix(".mo").open("rb") as stream:
        translations = gettext.GNUTranslations(stream)
    forms = {n: translations.ngettext("%(count)s monthly installment", "%(count)s monthly installments", n)
             for n in (0, 1, 2, 3, 11, 100)}  # fmt: skip
    assert forms == {
        0: "لا أقساط شهرية",
        1: "قسط شهري واحد",
        2: "قسطان شهريان",
        3: "%(count)s أقساط شهرية",
        11: "%(count)s قسطًا شهريًا",
        100: "%(count)s قسط شهري",
    }


def test_the_wheel_ships_the_compiled_catalogs() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"locale/*/LC_MESSAGES/*.mo"' in pyproject
    for language in LANGUAGES:
        assert _po(language).with_suffix(".mo").is_file()
