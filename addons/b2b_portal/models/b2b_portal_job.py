import base64
import time
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..lib.job_progress import DONE
from ..lib.portal_roles import ORDER

# One step of a job works this long at most (plus one chunk), then reports its progress.
STEP_SECONDS = 0.3
# Jobs (and their files) are kept this long for the user to download the result.
KEEP = timedelta(days=1)
# The browser asks for the next step as soon as one ends: a running job no step has touched
# for this long was left (the page closed, or the server died in a step and the page gave up).
ABANDONED = timedelta(minutes=2)


class B2bPortalJob(models.Model):
    """Long portal work done in short steps: checking a quick-order file, making a price list.

    The browser starts a job, then asks for one step after the other; each step is its own
    request that works for a fraction of a second and answers the progress, which the page
    shows as a progress bar going through the phases of the work. A job holds only the work
    between two steps: the cart changes when the user adds the previewed lines, in one
    transaction of its own. Only the user who started a job may follow it or fetch its
    result (record rule); it is forgotten after a day.

    What a kind of job does is up to its model (``_b2b_job_model``), which provides
    ``_b2b_job_plan(job)`` (lib.job_progress.Plan), ``_b2b_job_labels()`` (phase: text) and
    ``_b2b_job_step(job, data)`` doing the next chunk on ``data`` (a JSON-able dict kept on
    the job, phase in ``data["phase"]``) and writing the result on the job when DONE.
    """

    _name = "b2b.portal.job"
    _description = "Portal Work in Progress"
    _order = "id desc"

    kind = fields.Selection(
        [("file_order", "Quick order from a file"), ("pricelist", "Price list")],
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Started by",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user,
    )
    entity_id = fields.Many2one(
        "res.partner", string="Legal Entity", required=True, readonly=True, ondelete="cascade"
    )
    order_id = fields.Many2one("sale.order", string="Cart", readonly=True, ondelete="cascade")
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("error", "Failed")],
        required=True,
        default="running",
    )
    phase = fields.Char(default="")
    phase_done = fields.Integer()
    phase_total = fields.Integer()
    progress = fields.Integer(help="Percentage of the work done.")
    error = fields.Text()
    filename = fields.Char()
    upload = fields.Binary(string="Uploaded File", attachment=True)
    data = fields.Json(string="Work Data")
    result = fields.Json()
    result_file = fields.Binary(attachment=True)
    result_filename = fields.Char()
    result_mimetype = fields.Char()

    _JOB_MODELS = {"file_order": "b2b.file.order", "pricelist": "b2b.pricelist"}

    def _b2b_job_model(self):
        self.ensure_one()
        return self.env[self._JOB_MODELS[self.kind]]

    # ------------------------------------------------------------------ start
    @api.model
    def _b2b_start(self, kind, entity, **values):
        """A new job of the current user for ``entity`` (who must be allowed to order)."""
        self.env.user._b2b_check_access(entity, right=ORDER)
        plan = self.env[self._JOB_MODELS[kind]]._b2b_job_plan()
        values = {"kind": kind, "entity_id": entity.id, "phase": plan.first, **values}
        if "upload" in values:
            values["upload"] = base64.b64encode(values["upload"])
        # Users only read their jobs: what a job works on is set here, never by them.
        job = self.sudo().create(values)
        return job.with_env(self.env)

    # ------------------------------------------------------------------ steps
    def _b2b_step(self, seconds=STEP_SECONDS):
        """Do the next chunks of work for about ``seconds`` and return the status.

        A step already under way for the job (another tab, a double click) is not waited
        for: the status says ``busy`` and the browser asks again. A UserError ends the job
        with its message; anything else fails the request and leaves the job as it was.

        A step is one transaction: when the server dies in it (or the database goes away),
        nothing of it stays and the job is as the step before left it, and can go on. The
        step's row lock tells a live step; the job's write date, which every step moves, tells
        a job the browser still follows: a job unlocked and untouched for ABANDONED is failed
        by the next request about it, on whatever worker or node.
        """
        self.ensure_one()
        self.env.user._b2b_check_access(self.entity_id, right=ORDER)
        if self.state != "running":
            return self._b2b_status()
        if not self._b2b_lock():
            return self._b2b_status(busy=True)
        job = self.sudo()
        if job.state != "running":  # finished while this request waited for the lock
            return self._b2b_status()
        if job.write_date < fields.Datetime.now() - ABANDONED:
            job._b2b_fail(self.env._("The work was interrupted and is stopped; start it again."))
            return self._b2b_status()
        model = self._b2b_job_model()
        plan = model._b2b_job_plan(job)
        data = dict(job.data or {}, phase=job.phase)
        deadline = time.monotonic() + seconds
        try:
            with self.env.cr.savepoint():
                while data["phase"] != DONE:
                    model._b2b_job_step(job, data)
                    if time.monotonic() >= deadline:
                        break
        except UserError as exc:
            job._b2b_fail(exc.args[0])
            return self._b2b_status()
        phase, done, total = data["phase"], data.get("done", 0), data.get("total", 0)
        vals = {
            "phase": phase,
            "phase_done": done,
            "phase_total": total,
            "progress": plan.percent(phase, done, total),
        }
        if phase == DONE:
            vals.update(state="done", data=False, upload=False)
        else:
            vals["data"] = {key: value for key, value in data.items() if key != "phase"}
        job.write(vals)
        return self._b2b_status()

    def _b2b_fail(self, message):
        self.write({"state": "error", "error": message, "data": False, "upload": False})

    def _b2b_lock(self):
        """Lock the job's row for this transaction; False when another step holds it."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL("SELECT id FROM b2b_portal_job WHERE id = %s FOR UPDATE NOWAIT", self.id)
                )
        except psycopg2.errors.LockNotAvailable:
            return False
        self.invalidate_recordset()
        return True

    def _b2b_status(self, busy=False):
        """What the page shows: state, phase (with its label), progress, error, result."""
        self.ensure_one()
        labels = self._b2b_job_model()._b2b_job_labels()
        status = {
            "id": self.id,
            "state": self.state,
            "phase": self.phase,
            "phase_label": labels.get(self.phase, ""),
            "phase_done": self.phase_done,
            "phase_total": self.phase_total,
            "progress": 100 if self.state == "done" else self.progress,
            "error": self.error or "",
            "busy": busy,
        }
        if self.state == "done":
            status["result"] = self.result
            if self.result_filename:
                status["download_url"] = f"/my/b2b/jobs/{self.id}/download"
        return status

    def _b2b_download(self):
        """(content, filename, mimetype) of the finished job's file, or AccessError."""
        self.ensure_one()
        self.env.user._b2b_check_access(self.entity_id, right=ORDER)
        if self.state != "done" or not self.result_filename:
            raise AccessError(self.env._("This file is not ready."))
        job = self.sudo().with_context(bin_size=False)
        return base64.b64decode(job.result_file or b""), job.result_filename, job.result_mimetype

    @api.autovacuum
    def _gc_old_jobs(self):
        """Jobs older than KEEP go, with their files."""
        self.sudo().search([("create_date", "<", fields.Datetime.now() - KEEP)]).unlink()
