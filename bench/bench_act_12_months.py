"""act_12_months: the reconciliation act of a legal entity for 12 months with 200 invoices and
200 payments a month, computed and printed to PDF (target < 3 s).

The entity and its 4 800 posted documents (plus a few before the period, for the opening
balance) are copied in SQL from a posted invoice of the seller, in the benchmark's
transaction, which is rolled back. Only the receivable line of each document is copied: it is
all the act (and a statement) reads.

Baseline: OCA partner_statement's activity statement (PDF) for the same entity and period when
the module is installed in the database; otherwise the obvious alternative, the ORM way (each
posted move of the entity browsed, its receivable lines summed in Python) plus the same PDF.
"""

import datetime
import sys

from benchlib import arguments, odoo_env, report, timed

args = arguments(
    __doc__.splitlines()[0],
    per_month=(int, 200, "invoices and payments per month each"),
)
TARGET_SECONDS = 3
START = datetime.date(2025, 1, 1)
END = datetime.date(2025, 12, 31)


def columns(env, table):
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id'",
        [table],
    )
    return [row[0] for row in env.cr.fetchall()]


def generate(env, seller, entity, per_month):
    """Copy one posted invoice of ``seller`` (and its receivable line) as the invoices and
    payments of ``entity``: ``per_month`` of each per month of 2025, 20 invoices in 2024."""
    env.flush_all()
    env.cr.execute(
        """SELECT move.id, line.id FROM account_move move
             JOIN account_move_line line ON line.move_id = move.id
             JOIN account_account account ON account.id = line.account_id
            WHERE move.company_id = %s AND move.state = 'posted'
              AND move.move_type = 'out_invoice' AND account.account_type = 'asset_receivable'
            ORDER BY move.id LIMIT 1""",
        [seller.id],
    )
    move_id, line_id = env.cr.fetchone()
    bank = env["account.journal"].search(
        [("company_id", "=", seller.id), ("type", "=", "bank")], limit=1
    )
    plan = [  # (date, is payment, amount, number)
        (START - datetime.timedelta(days=1 + n), False, 1000 + n, f"BINV/2024/{n:05d}")
        for n in range(20)
    ]
    for month in range(1, 13):
        for n in range(per_month):
            day = datetime.date(2025, month, 1 + n % 28)
            plan.append((day, False, 5000 + n, f"BINV/2025/{month:02d}{n:04d}"))
            plan.append((day, True, 4000 + n, f"BPAY/2025/{month:02d}{n:04d}"))
    move_columns = [
        c
        for c in columns(env, "account_move")
        if c
        not in (
            "name",
            "date",
            "invoice_date",
            "move_type",
            "journal_id",
            "partner_id",
            "commercial_partner_id",
            "amount_total",
            "amount_total_signed",
            "amount_residual",
            "amount_residual_signed",
        )
    ]
    env.cr.execute(
        f"""INSERT INTO account_move ({", ".join(move_columns)}, name, date, invoice_date,
                    move_type, journal_id, partner_id, commercial_partner_id, amount_total,
                    amount_total_signed, amount_residual, amount_residual_signed)
            SELECT {", ".join(f"m.{c}" for c in move_columns)}, p.number, p.day, p.day,
                   CASE WHEN p.is_payment THEN 'entry' ELSE 'out_invoice' END,
                   CASE WHEN p.is_payment THEN %(bank)s ELSE m.journal_id END,
                   %(entity)s, %(entity)s, p.amount, p.amount, p.amount, p.amount
              FROM account_move m,
                   unnest(%(days)s::date[], %(payments)s::bool[], %(amounts)s::numeric[],
                          %(numbers)s::varchar[]) AS p(day, is_payment, amount, number)
             WHERE m.id = %(move)s
         RETURNING id, move_type, date""",
        {
            "bank": bank.id,
            "entity": entity.id,
            "move": move_id,
            "days": [p[0] for p in plan],
            "payments": [p[1] for p in plan],
            "amounts": [p[2] for p in plan],
            "numbers": [p[3] for p in plan],
        },
    )
    moves = env.cr.fetchall()
    line_columns = [
        c
        for c in columns(env, "account_move_line")
        if c
        not in (
            "move_id",
            "date",
            "partner_id",
            "journal_id",
            "debit",
            "credit",
            "balance",
            "amount_currency",
            "amount_residual",
            "amount_residual_currency",
            "move_name",
            "reconciled",
            "full_reconcile_id",
            "matching_number",
        )
    ]
    amounts = {move[0]: plan[index][2] for index, move in enumerate(moves)}
    env.cr.execute(
        f"""INSERT INTO account_move_line ({", ".join(line_columns)}, move_id, date, partner_id,
                    journal_id, move_name, debit, credit, balance, amount_currency,
                    amount_residual, amount_residual_currency, reconciled)
            SELECT {", ".join(f"l.{c}" for c in line_columns)}, m.id, m.date, %(entity)s,
                   m.journal_id, m.name,
                   CASE WHEN m.move_type = 'entry' THEN 0 ELSE a.amount END,
                   CASE WHEN m.move_type = 'entry' THEN a.amount ELSE 0 END,
                   CASE WHEN m.move_type = 'entry' THEN -a.amount ELSE a.amount END,
                   CASE WHEN m.move_type = 'entry' THEN -a.amount ELSE a.amount END,
                   CASE WHEN m.move_type = 'entry' THEN -a.amount ELSE a.amount END,
                   CASE WHEN m.move_type = 'entry' THEN -a.amount ELSE a.amount END,
                   false
              FROM account_move_line l,
                   unnest(%(moves)s::int[], %(amounts)s::numeric[]) AS a(move_id, amount)
              JOIN account_move m ON m.id = a.move_id
             WHERE l.id = %(line)s""",
        {
            "entity": entity.id,
            "line": line_id,
            "moves": list(amounts),
            "amounts": list(amounts.values()),
        },
    )
    env.invalidate_all()
    return len(moves)


def ours(env, seller, entity):
    report_sudo = env.ref("b2b_portal.action_report_reconciliation_act")
    content, _format = report_sudo._render_qweb_pdf(
        report_sudo.report_name,
        entity.ids,
        data={"company_id": seller.id, "date_from": str(START), "date_to": str(END)},
    )
    return content


def baseline_partner_statement(env, seller, entity):
    wizard = (
        env["activity.statement.wizard"]
        .with_context(active_ids=entity.ids, active_model="res.partner")
        .create({"company_id": seller.id, "date_start": START, "date_end": END})
    )
    data = wizard._prepare_statement()
    data["partner_ids"] = entity.ids
    report_sudo = env["ir.actions.report"].search(
        [
            ("report_name", "=", "partner_statement.activity_statement"),
            ("report_type", "=", "qweb-pdf"),
        ],
        limit=1,
    )
    content, _format = report_sudo._render_qweb_pdf(report_sudo.report_name, entity.ids, data=data)
    return content


def baseline_orm(env, seller, entity):
    """The act the ORM way: every posted move browsed, its receivable lines summed."""
    moves = env["account.move"].search(
        [
            ("commercial_partner_id", "=", entity.id),
            ("company_id", "=", seller.id),
            ("state", "=", "posted"),
            ("date", "<=", END),
        ]
    )
    opening, rows = 0.0, []
    for move in moves:
        receivable = move.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        debit, credit = sum(receivable.mapped("debit")), sum(receivable.mapped("credit"))
        if move.date < START:
            opening += debit - credit
        else:
            rows.append((move.date, move.move_type, move.name, debit, credit))
    return opening, rows


with odoo_env(args.db) as root_env:
    seller = root_env.ref("tyre_catalog.company_seller")
    env = root_env(context={"allowed_company_ids": [seller.id], "tracking_disable": True})
    entity = env["res.partner"].create(
        {"name": "ООО «Сверка 12 месяцев»", "is_company": True, "vat": "7701000012"}
    )
    count = generate(env, seller, entity, args.per_month)
    print(f"  {count} documents generated in SQL (rolled back at the end)", file=sys.stderr)
    ours(env, seller, entity)  # warm the QWeb and report caches, as a running server has them
    seconds, content = timed(ours, env, seller, entity)
    compute_seconds, act = timed(entity._b2b_reconciliation_act, seller, START, END)
    assert len(act.rows) == 12 * 2 * args.per_month, len(act.rows)
    installed = env["ir.module.module"].search_count(
        [("name", "=", "partner_statement"), ("state", "=", "installed")]
    )
    if installed:
        baseline_name = "OCA partner_statement activity statement (PDF)"
        baseline_partner_statement(env, seller, entity)
        baseline, _content = timed(baseline_partner_statement, env, seller, entity)
    else:
        baseline_name = "ORM per move (partner_statement not installed) + the same PDF"
        env.invalidate_all()
        orm_seconds, _rows = timed(baseline_orm, env, seller, entity)
        baseline = orm_seconds + (seconds - compute_seconds)
    report(
        "act_12_months",
        seconds,
        "s",
        TARGET_SECONDS,
        baseline,
        documents=count,
        act_rows=len(act.rows),
        act_compute_seconds=round(compute_seconds, 3),
        pdf_bytes=len(content),
        baseline_kind=baseline_name,
    )
