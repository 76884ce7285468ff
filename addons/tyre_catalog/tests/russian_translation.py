"""Keeps an addon's Russian translation complete; mixed into one test per addon.

Every term Odoo would export for the addon (Python ``_()`` strings, views, QWeb, field labels,
selections, data and demo records) must have a non-empty ``msgstr`` in the addon's
``i18n/ru.po``. `make i18n` refreshes the files from the code; a translator fills new terms.
"""

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader


class RussianTranslationMixin:
    """Use as ``class TestRussianTranslation(RussianTranslationMixin, TransactionCase)``."""

    module = None
    # Odoo's loader runs only test methods defined on the class itself unless told otherwise.
    allow_inherited_tests_method = True

    def test_every_term_has_a_russian_translation(self):
        catalog = polib.pofile(f"{get_module_path(self.module)}/i18n/ru.po")
        translated = {entry.msgid for entry in catalog if entry.msgstr and not entry.obsolete}
        reader = TranslationModuleReader(self.env.cr, modules=[self.module])
        terms = {
            source for module, *_kind, source, _value, _comments in reader if module == self.module
        }
        self.assertTrue(terms, f"no translatable terms found for {self.module}")
        missing = sorted(terms - translated)
        self.assertFalse(
            missing,
            f"{len(missing)} term(s) of {self.module} have no Russian translation in "
            f"i18n/ru.po (run `make i18n` and translate them): {missing[:15]}",
        )
