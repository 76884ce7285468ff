from odoo import Command, api, models

# The managers' messages of the demo correspondence (Russian demo data, not UI texts).
DEMO_MESSAGES = {
    "waybill": "Пришлите, пожалуйста, фото повреждений и скан ТТН с отметкой водителя.",
    "expertise": "Шина принята на экспертизу, срок — 10 рабочих дней.",
}


class B2bClaim(models.Model):
    """Demo claims in several statuses, with their correspondence (demo data only)."""

    _inherit = "b2b.claim"

    @api.model
    def _b2b_demo_lines(self, entity_xmlid, count):
        """Delivered, invoiced tyre lines of the demo history of an entity."""
        entity = self.env.ref(entity_xmlid)
        orders = self.env["sale.order"].search(
            [("state", "=", "sale"), ("partner_id", "=", entity.id)], order="date_order desc"
        )
        lines = orders.order_line.filtered(
            lambda line: (
                line.product_id
                and not line.is_delivery
                and line.qty_delivered >= 2
                and line.invoice_lines.filtered(lambda inv: inv.move_id.state == "posted")
            )
        )
        order = lines.order_id[:1]
        return entity, lines.filtered(lambda line: line.order_id == order)[:count]

    @api.model
    def _b2b_create_demo_claims(self):
        if self.search_count([], limit=1):
            return
        manager = self.env.ref("b2b_portal.demo_user_manager")
        ref = self.env.ref
        specs = [
            # (entity, its contact, reason, lines: (qty, DOT, tread), vehicle, mileage, complaint)
            (
                "b2b_portal.entity_shintorg_main",
                "b2b_portal.demo_user_shintorg_buyer",
                "defect",
                [(1, "DOT 4B EJ 2324", 6.8), (1, "DOT 4B EJ 2324", 7.0)],
                "Kia Rio",
                8500,
                "Клиент жалуется на биение руля на скорости 90–110 км/ч. Балансировка не "
                "помогает: на двух шинах грыжа на внутренней боковине.",
            ),
            (
                "b2b_portal.entity_kolesa_main",
                "b2b_portal.demo_user_kolesa_buyer",
                "transit_damage",
                [(2, "", 0.0)],
                "",
                0,
                "При приёмке партии две шины оказались с порезами боковины и следами "
                "стяжных ремней. Отметка в ТТН сделана водителем.",
            ),
            (
                "b2b_portal.entity_avtosnab_main",
                "b2b_portal.demo_user_avtosnab_buyer",
                "defect",
                [(1, "DOT XB 7K 1824", 5.2)],
                "Toyota Camry",
                21000,
                "Расслоение протектора по плечевой зоне после 21 000 км. Давление "
                "контролировалось, эксплуатация по городу.",
            ),
            (
                "b2b_portal.entity_shintorg_main",
                "b2b_portal.demo_user_shintorg_head",
                "other",
                [(1, "DOT 4B EJ 0224", 3.1)],
                "ГАЗель Next",
                46000,
                "Неравномерный износ протектора, клиент просит замену по гарантии.",
            ),
        ]
        claims = []
        for entity_xmlid, user_xmlid, reason, line_data, vehicle, mileage, complaint in specs:
            entity, lines = self._b2b_demo_lines(entity_xmlid, len(line_data))
            if not lines:
                continue
            author = ref(user_xmlid).partner_id
            claim = self.create(
                {
                    "entity_id": entity.id,
                    "order_id": lines.order_id.id,
                    "reason": reason,
                    "vehicle": vehicle,
                    "mileage": mileage,
                    "complaint": complaint,
                    "filed_by_id": author.id,
                    "line_ids": [
                        Command.create(
                            {
                                "sale_line_id": line.id,
                                "quantity": qty,
                                "dot_code": dot or False,
                                "tread_depth": tread,
                            }
                        )
                        for line, (qty, dot, tread) in zip(lines, line_data, strict=False)
                    ],
                }
            )
            claim._b2b_portal_post(complaint, [], author)
            claims.append((claim, author))
        as_manager = self.with_user(manager).with_context(lang="ru_RU")
        if len(claims) > 1:  # transit damage: the manager asks for the waybill and photos
            claim, _author = claims[1]
            as_manager.browse(claim.id).action_request_info()
            as_manager.browse(claim.id).message_post(
                body=DEMO_MESSAGES["waybill"],
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        if len(claims) > 2:  # a warranty case at the expertise
            claim, author = claims[2]
            own = as_manager.browse(claim.id)
            own.action_review()
            own.message_post(
                body=DEMO_MESSAGES["expertise"],
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            own.write(
                {
                    "verdict": "warranty",
                    "cause": "production",
                    "expertise_note": "Акт экспертизы № 17: расслоение брекера, "
                    "производственный дефект. Остаточная глубина протектора 5,2 мм.",
                }
            )
            own.action_expertise()
        if len(claims) > 3:  # rejected: wear from wrong pressure
            claim, author = claims[3]
            own = as_manager.browse(claim.id)
            own.action_review()
            claim._b2b_portal_post(
                "Фото протектора прилагаем, износ по центру беговой дорожки.", [], author
            )
            own.write(
                {
                    "verdict": "not_warranty",
                    "cause": "pressure",
                    "reject_reason": "Износ центральной части протектора — эксплуатация с "
                    "повышенным давлением; не гарантийный случай.",
                }
            )
            own.action_reject()
