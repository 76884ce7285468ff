from odoo.tests import BaseCase, tagged

from ..http_database_down import LANG_CODE, RETRY_AFTER, DatabaseUnavailable


@tagged("post_install", "-at_install")
class TestDatabaseUnavailable(BaseCase):
    """The 503 page served while PostgreSQL is away (tests/hard restarts it under load): in
    the visitor's language, with Retry-After, reloading itself, written without a database."""

    def test_page_in_the_visitors_language(self):
        for lang, text in (
            ("ru_RU", "База данных перезапускается"),
            ("en_US", "The database is restarting"),
        ):
            with self.subTest(lang=lang):
                answer = DatabaseUnavailable(lang)
                response = answer.get_response()
                self.assertEqual(response.status_code, 503)
                self.assertEqual(response.headers["Retry-After"], str(RETRY_AFTER))
                body = response.get_data(as_text=True)
                self.assertIn(text, body)
                self.assertIn(f'http-equiv="refresh" content="{RETRY_AFTER}"', body)

    def test_only_a_language_code_picks_the_translation(self):
        """The language comes from a cookie, the visitor's input."""
        for code in ("ru_RU", "en_US", "es_419", "sr@latin", "sr_RS@latin"):
            self.assertTrue(LANG_CODE.fullmatch(code), code)
        for cookie in ("../../etc/passwd", "ru_RU/../x", "ru_RU\x00", "", "RU"):
            self.assertIsNone(LANG_CODE.fullmatch(cookie), cookie)
