import base64

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, escape_psql

from ..lib.registration_form import FIELD_LIMITS, RegistrationError, check_email, check_text
from ..lib.requisites_file import RequisitesFileError, check_requisites_file

# The kinds of request a company sends itself (the public form); the others come from the
# back office.
PUBLIC_KINDS = ("form", "file")


class B2bRegistration(models.Model):
    """A company asking for portal access, by form (INN + requisites) or with a requisites file.

    Goes to the shared queue of a sales team; the manager (or the substitute while the manager
    is absent) gets an activity and turns it into a customer with one button.
    """

    _name = "b2b.registration"
    _description = "Portal Registration Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(string="Company", required=True, tracking=True)
    full_name = fields.Char(string="Full Name")
    kind = fields.Selection(
        [("form", "Form"), ("file", "Requisites File")],
        required=True,
        default="form",
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("done", "Customer Created"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="new",
        tracking=True,
        index=True,
    )
    # Required for the company's own requests (see _check_requester); a user confirmation
    # request takes them from the contact, who may have no e-mail yet.
    contact_name = fields.Char()
    email = fields.Char()
    phone = fields.Char()
    inn = fields.Char(string="INN")
    kpp = fields.Char(string="KPP")
    ogrn = fields.Char(string="OGRN")
    address = fields.Char()
    director = fields.Char()
    registry_status = fields.Char(help="State of the company in the registry (ACTIVE, ...).")
    requisites_file = fields.Binary(attachment=True)
    requisites_filename = fields.Char()
    existing_entity_id = fields.Many2one(
        "res.partner",
        string="Existing Customer",
        readonly=True,
        help="The legal entity that already has this INN: the request is attached to it.",
    )
    partner_id = fields.Many2one("res.partner", string="Legal Entity", readonly=True)
    contact_id = fields.Many2one("res.partner", string="Contact", readonly=True)
    holding_id = fields.Many2one(
        "res.partner",
        string="Holding",
        compute="_compute_holding_id",
        store=True,
        index=True,
    )
    region_id = fields.Many2one(
        "b2b.region",
        string="Sales Region",
        tracking=True,
        help="Chosen on the form or found from the address: a new company's request goes to "
        "the region's B2B team.",
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", tracking=True, index=True)
    user_id = fields.Many2one("res.users", string="Manager", tracking=True, index=True)

    @api.depends("existing_entity_id.b2b_holding_id", "partner_id.b2b_holding_id")
    def _compute_holding_id(self):
        for registration in self:
            entity = registration.partner_id or registration.existing_entity_id
            registration.holding_id = entity.b2b_holding_id

    @api.constrains("kind", "contact_name", "email")
    def _check_requester(self):
        for registration in self:
            if registration.kind in ("form", "file") and not (
                registration.contact_name and registration.email
            ):
                raise ValidationError(
                    self.env._("A registration request needs the contact's name and e-mail.")
                )

    @api.constrains("kind", "email")
    def _check_email(self):
        for registration in self:
            if registration.kind in PUBLIC_KINDS and registration.email:
                try:
                    check_email(registration.email)
                except RegistrationError as error:
                    raise ValidationError(error.render(self.env._)) from None

    # ------------------------------------------------------------------ creation
    @api.model
    def _b2b_find_entity(self, inn, kpp=None):
        """The legal entity with this INN (and KPP when both are known), if any."""
        if not inn:
            return self.env["res.partner"]
        domain = [
            ("vat", "=", inn),
            ("is_company", "=", True),
            ("is_b2b_holding", "=", False),
        ]
        entities = self.env["res.partner"].sudo().search(domain)
        if kpp and len(entities) > 1:
            entities = entities.filtered(lambda e: e.kpp == kpp) or entities
        return entities[:1]

    @api.model_create_multi
    def create(self, vals_list):
        registry = self.env["b2b.company.registry"]
        for vals in vals_list:
            if vals.get("kind", "form") in PUBLIC_KINDS:
                self._b2b_check_texts(vals)
            if vals.get("kind", "form") == "form" or vals.get("inn"):
                vals["inn"], vals["kpp"] = registry._b2b_check_inn(vals.get("inn"), vals.get("kpp"))
            if vals.get("kind") == "file":
                self._b2b_check_file(vals.get("requisites_filename"), vals.get("requisites_file"))
            if vals.get("kind", "form") in PUBLIC_KINDS:
                self._b2b_check_not_waiting(vals)
            # For the manager only: the visitor is never told the company is a customer.
            entity = self._b2b_find_entity(vals.get("inn"), vals.get("kpp"))
            if entity:
                vals["existing_entity_id"] = entity.id
        registrations = super().create(vals_list)
        registrations._b2b_assign()
        return registrations

    @api.model
    def _b2b_check_texts(self, vals):
        """Bounded texts without control characters (a NUL cannot even be stored), a valid
        e-mail: what an anonymous visitor may put in the queue. Cleans ``vals`` in place."""
        labels = None
        for name, limit in FIELD_LIMITS.items():
            value = vals.get(name)
            if not isinstance(value, str):
                continue
            labels = labels or self.fields_get(list(FIELD_LIMITS), ["string"])
            try:
                vals[name] = check_text(value, labels[name]["string"], limit)
            except RegistrationError as error:
                raise UserError(error.render(self.env._)) from None
        if vals.get("email"):
            try:
                vals["email"] = check_email(vals["email"])
            except RegistrationError as error:
                raise UserError(error.render(self.env._)) from None

    @api.model
    def _b2b_check_not_waiting(self, vals):
        """One open request per company (INN, and KPP when both requests give one) and per
        e-mail address. The same answer whether or not the company is a customer."""
        # Two visitors sending the same request at once: the second waits for the first.
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", self._name))
        same = []
        if vals.get("email"):
            same.append(Domain("email", "=ilike", escape_psql(vals["email"])))
        if vals.get("inn"):
            company = Domain("inn", "=", vals["inn"])
            if vals.get("kpp"):
                company &= Domain("kpp", "in", [vals["kpp"], "", False])
            same.append(company)
        if not same:
            return
        waiting = Domain("state", "=", "new") & Domain("kind", "in", PUBLIC_KINDS)
        if self.sudo().search_count(waiting & Domain.OR(same), limit=1):
            raise UserError(
                self.env._(
                    "A request for this company or from this e-mail address is already "
                    "waiting for our manager; we will answer you by e-mail."
                )
            )

    @api.model
    def _b2b_check_file(self, filename, data):
        if not data:
            raise UserError(self.env._("Attach the file with your company's requisites."))
        try:
            check_requisites_file(filename, base64.b64decode(data))
        except RequisitesFileError as error:
            raise UserError(error.render(self.env._)) from None

    def _b2b_default_team(self):
        """The team configured for requests whose region is unknown (Settings), if any.
        Never just any team: Odoo's sample team is led by somebody outside the seller."""
        team_id = (
            self.env["ir.config_parameter"].sudo().get_param("b2b_portal.registration_team_id")
        )
        return self.env["crm.team"].sudo().browse(int(team_id or 0)).exists()

    def _b2b_region(self):
        """The region of the request: chosen on the form, the customer's, or the one its
        address lies in."""
        self.ensure_one()
        entity = self.existing_entity_id
        return (
            self.region_id
            or entity.commercial_partner_id.b2b_region_id
            or self.env["b2b.region"]._b2b_region_for_address(self.address)
        )

    def _b2b_assign(self):
        """Put the request in a team's queue and give its person a to-do: a customer's
        request goes to the holding's personal manager, a new company's to the B2B team of
        its region; the substitute takes over while the person is absent."""
        for registration in self.sudo():
            entity = registration.existing_entity_id
            manager = entity._b2b_personal_manager() if entity else self.env["res.users"]
            region = registration._b2b_region()
            team = (
                registration.team_id
                or manager.sale_team_id
                or region.b2b_team_id
                or registration._b2b_default_team()
            )
            if not manager:
                # The team's leader, else its first member.
                manager = team.user_id or team.member_ids[:1]
            assignee = manager._b2b_effective_manager() if manager else manager
            registration.write({"region_id": region.id, "team_id": team.id, "user_id": assignee.id})
            if assignee:
                registration.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=assignee.id,
                    summary=registration._b2b_activity_summary(),
                )

    def _b2b_activity_summary(self):
        """The manager's to-do title for this request."""
        self.ensure_one()
        return self.env._("Portal registration: %(company)s", company=self.name)

    # ------------------------------------------------------------------ manager's actions
    def action_create_customer(self):
        """Create (or complete) the customer and e-mail the login to the contact."""
        for registration in self:
            if registration.state != "new":
                raise UserError(self.env._("This request has already been processed."))
            if not registration.inn:
                raise UserError(
                    self.env._(
                        "Fill in the INN from the requisites file before creating the customer."
                    )
                )
            registration.write(registration._b2b_create_customer())
            contact = registration.contact_id
            failure = contact._b2b_login_mail_failure(contact._b2b_grant_portal_access())
            registration.activity_ids.action_done()
            if failure:
                body = self.env._(
                    "Customer created, but the login could not be e-mailed to %(email)s "
                    "(%(reason)s). Once the mail server works, send it again from the "
                    "contact: Actions > Grant portal access.",
                    email=registration.email,
                    reason=failure,
                )
            else:
                body = self.env._(
                    "Customer created; the login was e-mailed to %(email)s.",
                    email=registration.email,
                )
            registration.message_post(body=body)
        return True

    def _b2b_create_customer(self):
        self.ensure_one()
        inn, kpp = self.env["b2b.company.registry"]._b2b_check_inn(self.inn, self.kpp)
        Partner = self.env["res.partner"].sudo()
        entity = self.existing_entity_id or self._b2b_find_entity(inn, kpp)
        role = "buyer"
        if not entity:
            manager = self.user_id or self.env.user
            holding = Partner.create(
                {
                    "name": self.name,
                    "is_company": True,
                    "is_b2b_holding": True,
                    "user_id": manager.id,
                }
            )
            entity = Partner.create(
                {
                    "name": self.name,
                    "is_company": True,
                    "parent_id": holding.id,
                    "vat": inn,
                    "kpp": kpp or False,
                    "company_registry": self.ogrn or False,
                    "street": self.address or False,
                    "email": self.email,
                    "phone": self.phone or False,
                    "user_id": manager.id,
                }
            )
            holding.b2b_main_entity_id = entity
            role = "head"
        existing = (
            Partner.with_context(active_test=False).search(
                [
                    ("email", "=ilike", self.email),
                    ("is_company", "=", False),
                    ("id", "child_of", entity.b2b_holding_id.id),
                ],
                limit=1,
            )
            if entity.b2b_holding_id
            else Partner
        )
        contact = existing or Partner.create(
            {
                "name": self.contact_name,
                "parent_id": entity.id,
                "email": self.email,
                "phone": self.phone or False,
            }
        )
        if not contact.b2b_access_ids.filtered(lambda access: access.entity_id == entity):
            self.env["b2b.entity.access"].sudo().create(
                {
                    "contact_id": contact.id,
                    "entity_id": entity.id,
                    "role": role,
                    "confirmed": False,
                }
            )
        return {"state": "done", "partner_id": entity.id, "contact_id": contact.id}

    def action_reject(self):
        self.write({"state": "rejected"})
        self.activity_ids.action_done()
        return True
