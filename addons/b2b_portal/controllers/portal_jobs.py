from odoo import http
from odoo.http import request

from .tools import access_as_404, file_response, record_or_404


class B2bPortalJobs(http.Controller):
    """/my/b2b/jobs/<id>: follow long portal work step by step (b2b.portal.job).

    The page asks for one step after the other; each answers the progress (JSON). Only the
    user who started the job may follow it or download its file: anyone else gets a 404.
    """

    @http.route(
        "/my/b2b/jobs/<int:job_id>/step",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_job_step(self, job_id, **kwargs):
        job = record_or_404("b2b.portal.job", job_id)
        with access_as_404():
            status = job._b2b_step()
        return request.make_json_response(status)

    @http.route("/my/b2b/jobs/<int:job_id>/download", type="http", auth="user", website=True)
    def b2b_job_download(self, job_id, **kwargs):
        job = record_or_404("b2b.portal.job", job_id)
        with access_as_404():
            return file_response(*job._b2b_download())
