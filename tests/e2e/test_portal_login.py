"""A distributor reaches the portal over real HTTP; a wrong password does not."""


def test_distributor_head_reaches_portal_home(base_url, login_as):
    session = login_as("shintorg.head")
    response = session.get(f"{base_url}/my", timeout=30)
    assert response.status_code == 200
    assert response.url.endswith("/my")
    assert "Ирина Соколова" in response.text


def test_wrong_password_stays_on_login_page(base_url, login_as):
    session = login_as("shintorg.head", "not-the-password")
    response = session.get(f"{base_url}/my", timeout=30, allow_redirects=True)
    assert "/web/login" in response.url
    assert "Ирина Соколова" not in response.text
