import html
from datetime import date, datetime

from odoo.tests import HttpCase, tagged

from ..lib.dot_code import iso_weeks
from .common import ClaimDataMixin


@tagged("post_install", "-at_install")
class TestClaimSearch(ClaimDataMixin, HttpCase):
    """/my/b2b/claims?search=…&dot=…: the delivered lines to claim, by article or order
    number and by the DOT code (lines shipped since the tyre was made)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._claim_data()
        cls.product = cls.line.product_id
        delivered_kolesa = cls.env["sale.order.line"].search(
            [
                (
                    "order_id.partner_id.commercial_partner_id.b2b_holding_id",
                    "=",
                    cls.env.ref("b2b_portal.holding_kolesa").id,
                ),
                ("order_id.state", "=", "sale"),
                ("qty_delivered", ">", 0),
                ("is_delivery", "=", False),
                ("product_id", "!=", False),
            ]
        )
        assert delivered_kolesa, "the demo history delivers to Колёса too"
        # Of the same article if Колёса has one: the search by article must still skip it.
        cls.kolesa_line = (
            delivered_kolesa.filtered(lambda line: line.product_id == cls.product)
            or delivered_kolesa
        )[:1]

    def _search(self, text):
        return self.url_open("/my/b2b/claims", params={"search": text})

    def _found(self, page, line):
        return f'data-line-id="{line.id}"' in page.text

    def test_buyer_finds_his_delivered_line(self):
        self.authenticate("shintorg.buyer", "shintorg.buyer")
        code = self.product.default_code
        self.assertTrue(code, "demo tyres have an article")
        page = self._search(code.lower())
        self.assertEqual(page.status_code, 200)
        self.assertTrue(self._found(page, self.line))
        link = f"/my/b2b/claims/new?order_id={self.order.id}&amp;line_id={self.line.id}"
        self.assertIn(link, page.text)
        self.assertFalse(self._found(page, self.kolesa_line))
        # The link opens the claim form with that line's quantity at 1.
        form = self.url_open(html.unescape(link))
        self.assertEqual(form.status_code, 200)
        self.assertIn(f'name="qty_{self.line.id}"', form.text)

        by_order = self._search(self.order.name)
        self.assertTrue(self._found(by_order, self.line))
        self.assertTrue(self._found(by_order, self.line2))
        self.assertFalse(
            self._found(self._search(self.kolesa_line.order_id.name), self.kolesa_line)
        )
        self.assertFalse(
            self._found(self._search(self.kolesa_line.product_id.default_code), self.kolesa_line)
        )

        # What is claimed already is not claimable again: the whole line claimed, no link.
        self._claim([(self.line, self.line.qty_delivered, {})])
        claimed = self._search(self.order.name)
        self.assertTrue(self._found(claimed, self.line))
        self.assertNotIn(link, claimed.text)
        self.assertIn(f"&amp;line_id={self.line2.id}", claimed.text)

    def test_head_and_other_holding(self):
        # A delivered line of the entity on an order the buyer did not place: the head's.
        other_line = self.env["sale.order.line"].search(
            [
                ("order_id.partner_id", "=", self.entity.id),
                ("order_id.state", "=", "sale"),
                ("order_id", "!=", self.order.id),
                ("qty_delivered", ">", 0),
                ("is_delivery", "=", False),
                ("product_id", "!=", False),
            ],
            limit=1,
        )
        self.assertTrue(other_line)
        other_line.order_id.b2b_buyer_id = False
        self.authenticate("shintorg.buyer", "shintorg.buyer")
        self.assertFalse(self._found(self._search(other_line.order_id.name), other_line))
        self.authenticate("shintorg.head", "shintorg.head")
        self.assertTrue(self._found(self._search(self.order.name), self.line))
        self.assertTrue(self._found(self._search(other_line.order_id.name), other_line))
        self.authenticate("kolesa.buyer", "kolesa.buyer")
        page = self._search(self.product.default_code)
        self.assertEqual(page.status_code, 200)
        self.assertFalse(self._found(page, self.line))
        self.assertFalse(self._found(self._search(self.order.name), self.line))
        self.authenticate("shintorg.accountant", "shintorg.accountant")
        self.assertEqual(self._search(self.order.name).status_code, 403)

    def test_bad_search(self):
        self.authenticate("shintorg.buyer", "shintorg.buyer")
        for text, message in (
            ("Ш" * 300, "Search by at most %(limit)s characters: an article or an order number."),
            ("R\x00U", "The search contains characters that are not allowed."),
            ("R\x1bU", "The search contains characters that are not allowed."),
        ):
            page = self._search(text)
            self.assertEqual(page.status_code, 400, repr(text))
            self.assertIn(self._said(message, limit=64), html.unescape(page.text))
        nothing = self._search("НЕТ-ТАКОГО-АРТИКУЛА")
        self.assertEqual(nothing.status_code, 200)
        self.assertIn("o_b2b_claim_search_empty", nothing.text)

    def test_dot_narrows_to_lines_shipped_since_its_week(self):
        # The line left the warehouse on Friday of ISO week 11 of 2024.
        shipped = datetime(2024, 3, 15, 10, 0)
        self.line.move_ids.filtered(
            lambda move: move.state == "done" and move.picking_code == "outgoing"
        ).write({"date": shipped})
        made_before = f"{shipped.isocalendar().week - 1:02d}{shipped.year % 100:02d}"
        made_after = f"{shipped.isocalendar().week + 1:02d}{shipped.year % 100:02d}"
        code = self.product.default_code
        self.authenticate("shintorg.buyer", "shintorg.buyer")

        page = self.url_open("/my/b2b/claims", params={"search": code, "dot": made_before})
        self.assertEqual(page.status_code, 200)
        self.assertTrue(self._found(page, self.line))
        link = (
            f"/my/b2b/claims/new?order_id={self.order.id}&line_id={self.line.id}&dot={made_before}"
        )
        self.assertIn(html.escape(link), page.text)
        # A tyre made after the line shipped cannot be one of it.
        later = self.url_open("/my/b2b/claims", params={"search": code, "dot": made_after})
        self.assertFalse(self._found(later, self.line))
        # The DOT alone, or a full TIN, narrows all delivered lines the same way.
        self.assertTrue(
            self._found(self.url_open("/my/b2b/claims", params={"dot": made_before}), self.line)
        )
        tin = f"DOT XY3J 5RT {made_before}"
        by_tin = self.url_open("/my/b2b/claims", params={"search": code, "dot": tin})
        self.assertTrue(self._found(by_tin, self.line))
        self.assertFalse(self._found(by_tin, self.kolesa_line))

        # The form of the link comes with that DOT code on the line.
        form = self.url_open(link)
        self.assertEqual(form.status_code, 200)
        self.assertRegex(form.text, rf'name="dot_{self.line.id}"[^>]*value="{made_before}"')
        self.assertRegex(form.text, rf'name="qty_{self.line.id}"[^>]*value="1"')
        self.assertNotRegex(form.text, rf'name="dot_{self.line2.id}"[^>]*value="{made_before}"')

    def test_bad_dot_is_refused(self):
        self.authenticate("shintorg.buyer", "shintorg.buyer")
        next_year = date.today().year + 1
        for dot, message, values in (
            (
                f"10{next_year % 100:02d}",
                "The DOT code %(code)s lies in the future: week %(week)s of %(year)s.",
                {"code": f"10{next_year % 100:02d}", "week": 10, "year": next_year},
            ),
            (
                "5415",
                "The DOT code %(code)s names week %(week)s: the year %(year)s has weeks 1 to "
                "%(weeks)s.",
                {"code": "5415", "week": 54, "year": 2015, "weeks": iso_weeks(2015)},
            ),
            (
                "ABCD",
                "The DOT code %(code)s is not valid: its last four digits are the week and the "
                "year of production (e.g. 1915), up to %(max)s symbols after DOT.",
                {"code": "ABCD", "max": 13},
            ),
        ):
            page = self.url_open("/my/b2b/claims", params={"search": "", "dot": dot})
            self.assertEqual(page.status_code, 400, dot)
            self.assertIn(self._said(message, **values), html.unescape(page.text))
            self.assertNotIn("o_b2b_claim_search_results", page.text)
