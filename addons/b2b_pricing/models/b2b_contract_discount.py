from odoo import api, fields, models
from odoo.exceptions import ValidationError


class B2bContractDiscountLine(models.AbstractModel):
    """A contract discount for a part of the range (a brand or a product category).

    Which line applies to a product is decided by the pricing service (models/b2b_pricing.py):
    the product's brand line, else its most specific category line, else the contract's
    overall discount. A line of 0 % keeps its brand or category out of the overall discount.
    """

    _name = "b2b.contract.discount.line"
    _description = "Contract Discount Line"

    contract_id = fields.Many2one("b2b.contract", required=True, ondelete="cascade")
    discount = fields.Float(string="Discount (%)", digits="Discount")

    @api.constrains("discount")
    def _check_discount(self):
        for line in self:
            if not 0 <= line.discount < 100:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: the discount %(discount)s%% for %(target)s "
                        "must be at least 0 and less than 100.",
                        contract=line.contract_id.name,
                        discount=line.discount,
                        target=line._discount_target(),
                    )
                )

    def _discount_target(self):
        """The brand or category the line is for, as shown to the user."""
        raise NotImplementedError


class B2bContractDiscount(models.Model):
    """A contract discount for one product category; the most specific category wins."""

    _name = "b2b.contract.discount"
    _inherit = ["b2b.contract.discount.line"]
    _description = "Contract Discount per Category"

    categ_id = fields.Many2one("product.category", string="Product Category", required=True)

    _contract_categ_unique = models.Constraint(
        "UNIQUE(contract_id, categ_id)", "The contract already has a discount for this category."
    )

    def _discount_target(self):
        return self.categ_id.display_name


class B2bContractBrandDiscount(models.Model):
    """A contract discount for one tyre brand; it beats the category lines and the overall one."""

    _name = "b2b.contract.brand.discount"
    _inherit = ["b2b.contract.discount.line"]
    _description = "Contract Discount per Brand"
    _order = "contract_id, brand_id"

    brand_id = fields.Many2one("tyre.brand", string="Brand", required=True, ondelete="restrict")

    _contract_brand_unique = models.Constraint(
        "UNIQUE(contract_id, brand_id)", "The contract already has a discount for this brand."
    )

    def _discount_target(self):
        return self.brand_id.display_name
