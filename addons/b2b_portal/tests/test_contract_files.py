import io

from odoo.tests import HttpCase, tagged

from .common import B2bDataMixin, CsrfMixin

PDF = b"%PDF-1.4\n% signed scan\n"


@tagged("post_install", "-at_install")
class TestContractFiles(B2bDataMixin, CsrfMixin, HttpCase):
    """The contract exchange on /my/contracts: the customer downloads what the manager
    published and uploads the signed scan; the manager is told."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls.env["b2b.contract"]._active_for(cls.main)[cls.main.id]
        cls.kolesa_contract = cls.env["b2b.contract"]._active_for(cls.kolesa)[cls.kolesa.id]
        cls.published = cls._publish(cls.contract, "Договор ДГ-2025-001.pdf")
        cls.foreign_file = cls._publish(cls.kolesa_contract, "Договор Колёса.pdf")

    @classmethod
    def _publish(cls, contract, name):
        return cls.env["ir.attachment"].create(
            {"name": name, "res_model": "b2b.contract", "res_id": contract.id, "raw": PDF}
        )

    def _upload(self, contract, name, content):
        return self.url_open(
            f"/my/contracts/{contract.id}/signed",
            data={"csrf_token": self.csrf_token("/my/contracts")},
            files={"signed_file": (name, io.BytesIO(content), "application/octet-stream")},
        )

    def test_download_and_upload_the_signed_scan(self):
        self.authenticate(self.head.login, self.head.login)
        page = self.url_open("/my/contracts").text
        file_url = f"/my/contracts/{self.contract.id}/files/{self.published.id}"
        self.assertIn(file_url, page)
        self.assertIn("Договор ДГ-2025-001.pdf", page)
        response = self.url_open(file_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)

        manager = self.main._b2b_personal_manager()
        self.assertTrue(manager)
        messages = self.contract.message_ids
        response = self._upload(self.contract, "Договор подписанный.pdf", PDF)
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/contracts", response.url)
        self.assertIn("o_b2b_signed_uploaded", response.text)
        scan = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "b2b.contract"),
                ("res_id", "=", self.contract.id),
                ("name", "=", "Договор подписанный.pdf"),
            ]
        )
        self.assertEqual(scan.raw, PDF)
        self.assertIn(scan, self.contract._b2b_portal_files())
        message = self.contract.message_ids - messages
        self.assertEqual(len(message), 1)
        self.assertIn(manager.partner_id, message.partner_ids)
        self.assertEqual(message.author_id, self.head.partner_id)
        self.assertEqual(message.attachment_ids, scan)
        # Every version stays: the published contract too.
        self.assertIn(self.published, self.contract._b2b_portal_files())

    def test_bad_files_are_refused_in_russian(self):
        self.authenticate(self.head.login, self.head.login)
        before = self.contract._b2b_portal_files()
        for name, content, expected in (
            ("программа.exe", b"MZ\x90\x00", "не является документом"),
            ("скан.pdf", b"PK\x03\x04 not a pdf", "на самом деле не является файлом PDF"),
            ("пустой.pdf", b"", "пуст"),
            ("большой.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1), "допускается не более"),
        ):
            response = self._upload(self.contract, name, content)
            self.assertEqual(response.status_code, 400, name)
            self.assertIn(expected, response.text, name)
        self.assertEqual(self.contract._b2b_portal_files(), before)

    def test_other_contracts_and_roles_are_404(self):
        self.authenticate(self.head.login, self.head.login)
        for url in (
            f"/my/contracts/{self.kolesa_contract.id}/files/{self.foreign_file.id}",
            f"/my/contracts/{self.contract.id}/files/{self.foreign_file.id}",
            f"/my/contracts/{self.contract.id}/files/{self.document_main.id}",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(self.kolesa.name, response.text)
        response = self._upload(self.kolesa_contract, "чужой.pdf", PDF)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(
            self.env["ir.attachment"].search([("name", "=", "чужой.pdf")]),
            "nothing is stored on another holding's contract",
        )
        # A buyer does not see the contracts: no files either.
        self.authenticate(self.buyer.login, self.buyer.login)
        url = f"/my/contracts/{self.contract.id}/files/{self.published.id}"
        self.assertEqual(self.url_open(url).status_code, 404)
