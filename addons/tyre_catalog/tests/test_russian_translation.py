from odoo.addons.tyre_catalog.tests.russian_translation import RussianTranslationMixin
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRussianTranslation(RussianTranslationMixin, TransactionCase):
    module = "tyre_catalog"
