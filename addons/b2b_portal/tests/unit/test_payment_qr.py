import pytest

from b2b_portal.lib.payment_qr import (
    MANDATORY_BLOCK_MAX_BYTES,
    PaymentQrError,
    parse_payload,
    payment_payload,
    qr_png,
)

REQUISITES = {
    "name": "ООО «ВекторШина»",
    "personal_acc": "40702810938000012345",
    "bank_name": "ПАО Сбербанк",
    "bic": "044525225",
    "corresp_acc": "30101810400000000225",
    "payee_inn": "7725526019",
    "kpp": "772501001",
}


def test_payload_fields_in_order():
    payload = payment_payload(**REQUISITES, sum_kopecks=18988428, purpose="Оплата по счёту S00012")
    assert payload == (
        "ST00012|Name=ООО «ВекторШина»|PersonalAcc=40702810938000012345|BankName=ПАО Сбербанк"
        "|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7725526019|KPP=772501001"
        "|Sum=18988428|Purpose=Оплата по счёту S00012"
    )
    fields = parse_payload(payload)
    assert fields["Sum"] == "18988428"
    assert list(fields)[:5] == ["Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc"]


def test_separator_and_control_characters_never_reach_a_value():
    payload = payment_payload(
        **{**REQUISITES, "name": "ООО «А|Б»\nфилиал"}, sum_kopecks=100, purpose="Счёт|1\t(НДС)"
    )
    fields = parse_payload(payload)
    assert fields["Name"] == "ООО «А/Б» филиал"
    assert fields["Purpose"] == "Счёт/1 (НДС)"
    assert payload.count("|") == len(fields)


def test_mandatory_block_fits_300_bytes():
    payload = payment_payload(**{**REQUISITES, "name": "Ж" * 400, "bank_name": "Б" * 100})
    fields = parse_payload(payload)
    assert len(fields["BankName"]) == 45
    block = "|".join(payload.split("|")[:6])
    assert len(block.encode()) <= MANDATORY_BLOCK_MAX_BYTES
    assert fields["Name"].startswith("ЖЖЖ")


def test_no_correspondent_account_is_zero():
    assert parse_payload(payment_payload(**{**REQUISITES, "corresp_acc": ""}))["CorrespAcc"] == "0"


@pytest.mark.parametrize(
    "bad",
    [
        {"personal_acc": "4070281093800001234"},
        {"bic": "04452522X"},
        {"payee_inn": "77255260"},
        {"kpp": "7725"},
        {"name": "  "},
    ],
)
def test_bad_requisites_are_refused(bad):
    with pytest.raises(PaymentQrError):
        payment_payload(**{**REQUISITES, **bad})


@pytest.mark.parametrize("amount", [0, -5, 1.5])
def test_bad_sum_is_refused(amount):
    with pytest.raises(PaymentQrError):
        payment_payload(**REQUISITES, sum_kopecks=amount)


def test_parse_refuses_other_encodings():
    with pytest.raises(PaymentQrError):
        parse_payload("ST00011|Name=x")


def test_png():
    png = qr_png(payment_payload(**REQUISITES, sum_kopecks=100))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
