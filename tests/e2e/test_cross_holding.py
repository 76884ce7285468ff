"""Over real HTTP: ids of one holding's records, used by another holding, give 404 and no data."""

import re

CSRF = re.compile(r'csrf_token: "([^"]+)"')


def csrf(session, base_url, path="/my"):
    return CSRF.search(session.get(f"{base_url}{path}", timeout=30).text).group(1)


def test_foreign_address_and_user_ids_are_404(base_url, login_as):
    kolesa = login_as("kolesa.head")
    name = "Склад Колёса e2e"
    kolesa.post(
        f"{base_url}/my/company/addresses/save",
        data={
            "csrf_token": csrf(kolesa, base_url),
            "name": name,
            "street": "ул. Седова, 1",
            "city": "Санкт-Петербург",
        },
        timeout=30,
    )
    addresses = kolesa.get(f"{base_url}/my/company/addresses", timeout=30).text
    assert name in addresses
    address_id = re.findall(r"/my/company/addresses/(\d+)/edit", addresses)[-1]
    users = kolesa.get(f"{base_url}/my/company/users", timeout=30).text
    contact_ids = re.findall(r"/my/company/users/(\d+)/edit", users)
    assert contact_ids

    shintorg = login_as("shintorg.head")
    token = csrf(shintorg, base_url)
    response = shintorg.get(f"{base_url}/my/company/addresses/{address_id}/edit", timeout=30)
    assert response.status_code == 404
    assert name not in response.text
    response = shintorg.post(
        f"{base_url}/my/company/addresses/save",
        data={
            "csrf_token": token,
            "address_id": address_id,
            "name": "Захвачено",
            "street": "x",
            "city": "y",
        },
        timeout=30,
    )
    assert response.status_code == 404
    for contact_id in contact_ids:
        for path in (f"/my/company/users/{contact_id}/edit",):
            assert shintorg.get(f"{base_url}{path}", timeout=30).status_code == 404
        response = shintorg.post(
            f"{base_url}/my/company/users/{contact_id}/remove",
            data={"csrf_token": token},
            timeout=30,
        )
        assert response.status_code == 404
    # Nothing changed for the other holding.
    assert name in kolesa.get(f"{base_url}/my/company/addresses", timeout=30).text
    assert len(
        re.findall(
            r"/my/company/users/(\d+)/edit",
            kolesa.get(f"{base_url}/my/company/users", timeout=30).text,
        )
    ) == len(contact_ids)
