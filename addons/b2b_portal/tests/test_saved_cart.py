from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_ordering import B2bOrderingCase


@tagged("post_install", "-at_install")
class TestSavedCart(B2bOrderingCase):
    def test_saved_cart_is_repriced_for_the_other_entity(self):
        self.env["b2b.personal.price"].create(
            {"partner_id": self.entity_region.id, "product_id": self.summer.id, "price": 3800.0}
        )
        cart = self._cart([(self.summer, self.wh_msk, 2), (self.nordic, self.wh_spb, 4)])
        saved = self.env["b2b.saved.cart"]._b2b_save(cart, "Зимний заказ")
        self.assertEqual(saved.entity_id, self.entity)
        self.assertEqual(len(saved.line_ids), 2)
        head = self.head  # acts for both entities of ШинТорг
        head.b2b_current_entity_id = self.entity_region  # chosen in the header
        target = self._cart([], entity=self.entity_region, user=head)
        problems = saved.with_user(head)._b2b_add_to(target.with_user(head).sudo())
        self.assertEqual(problems, [])
        line = target.order_line.filtered(lambda sol: sol.product_id == self.summer)
        prices = self.env["b2b.pricing"].net_prices
        region_price = prices(self.entity_region, self.summer)[self.summer.id]
        self.assertAlmostEqual(line.price_unit, region_price)
        original = cart.order_line.filtered(lambda sol: sol.product_id == self.summer)
        self.assertAlmostEqual(
            original.price_unit, prices(self.entity, self.summer)[self.summer.id]
        )
        self.assertNotAlmostEqual(original.price_unit, line.price_unit)
        self.assertEqual(line.warehouse_id, self.wh_msk)

    def test_unavailable_items_are_reported_not_added(self):
        cart = self._cart([(self.summer, self.wh_msk, 5), (self.allseason, self.wh_spb, 2)])
        saved = self.env["b2b.saved.cart"]._b2b_save(cart, "Лето")
        self.allseason.active = False
        self._stock(self.summer, self.wh_msk, -3)
        target = self._cart([])
        problems = saved._b2b_add_to(target)
        self.assertEqual(len(problems), 2)
        self.assertFalse(target.order_line)

    def test_user_must_act_for_both_entities(self):
        cart = self._cart([(self.summer, self.wh_msk, 1)])
        saved = self.env["b2b.saved.cart"]._b2b_save(cart, "Shared")
        kolesa_cart = self._cart([], entity=self.entity_kolesa, user=self.kolesa_buyer)
        with self.assertRaises(AccessError):
            saved.with_user(self.kolesa_buyer)._b2b_add_to(kolesa_cart)
        self.assertFalse(kolesa_cart.order_line)
        # And the other holding does not even see it.
        self.assertFalse(
            self.env["b2b.saved.cart"].with_user(self.kolesa_buyer).search([("id", "=", saved.id)])
        )
        self.assertTrue(
            self.env["b2b.saved.cart"].with_user(self.head).search([("id", "=", saved.id)])
        )

    def test_rename_update_delete(self):
        cart = self._cart([(self.summer, self.wh_msk, 1)])
        saved = self.env["b2b.saved.cart"]._b2b_save(cart, "A")
        cart._b2b_add_lines([(self.allseason, self.wh_spb, 3)])
        self.env["b2b.saved.cart"]._b2b_save(cart, "B", saved_cart=saved)
        self.assertEqual(saved.name, "B")
        self.assertEqual(sorted(saved.line_ids.mapped("quantity")), [1, 3])
        with self.assertRaises(UserError):
            self.env["b2b.saved.cart"]._b2b_save(cart, "  ")
        saved.unlink()
        self.assertFalse(saved.exists())
