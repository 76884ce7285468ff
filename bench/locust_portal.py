"""Locust users of bench/bench_load_portal.py (run by locust in .state/load-venv).

``Distributor``: a buyer of a demo holding in the portal: opens the catalog, refreshes it
with filters (facet counts + page), searches, asks for suggestions, adds to the cart and
checks out. ``ShopVisitor``: the baseline, stock Odoo's /shop browsed the same way (pages,
attribute filters, search). The bench runs one kind at a time with the same number of users.
Their sessions come from the environment variable LOAD_SESSIONS (session ids, comma-separated).
"""

import itertools
import os
import random
import re

from locust import HttpUser, between, task

CSRF_SCRIPT = re.compile(r'csrf_token: "([^"]+)"')
SEARCHES = ["205/55 R16", "225/45R17", "зимние", "R15", "195 65 15", "шипы"]
SUGGESTIONS = ["205", "205/55", "R17", "зим", "225/4", "Nord"]
_sessions = itertools.cycle(
    [session for session in os.environ.get("LOAD_SESSIONS", "").split(",") if session]
)


class Distributor(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        # Logged in beforehand by the bench (a login hashes the password: 50 at once would
        # measure the logins, not the portal).
        self.client.cookies.set("session_id", next(_sessions))
        self.facets = {}
        self.products = []
        self.refresh()

    def _rpc(self, path, params, name):
        with self.client.post(
            path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            name=name,
            catch_response=True,
        ) as response:
            body = response.json() if response.ok else {}
            if "error" in body:
                response.failure(body["error"]["data"]["message"][:200])
                return None
            return body.get("result")

    def _remember(self, result):
        if result:
            self.facets = result.get("facets") or self.facets
            self.products = [row for row in result.get("products", []) if row.get("stock")]

    @task(1)
    def catalog_page(self):
        self.client.get("/my/catalog", name="catalog page")

    @task(6)
    def refresh(self):
        filters = {}
        for key in random.sample(sorted(self.facets), k=min(2, len(self.facets))):
            if self.facets[key]:
                filters[key] = [random.choice(self.facets[key])["value"]]
        result = self._rpc(
            "/b2b/catalog/search",
            {"filters": filters, "page": random.randint(1, 2), "limit": 50},
            "catalog refresh",
        )
        if result and result.get("products"):
            self._remember(result)

    @task(2)
    def search(self):
        self._remember(
            self._rpc(
                "/b2b/catalog/search",
                {"search": random.choice(SEARCHES), "limit": 50},
                "catalog search",
            )
        )

    @task(3)
    def suggest(self):
        self._rpc(
            "/b2b/catalog/suggest", {"query": random.choice(SUGGESTIONS)}, "search suggestions"
        )

    @task(2)
    def add_to_cart(self):
        if not self.products:
            return
        row = random.choice(self.products)
        warehouse_id = row["stock"][0]["warehouse_id"]
        self._rpc(
            "/b2b/catalog/cart/add",
            {"lines": [{"product_id": row["id"], "warehouse_id": warehouse_id, "qty": 4}]},
            "add to cart",
        )

    @task(1)
    def quick_order(self):
        """Upload a 20-line order file and follow its check to the preview (a portal job)."""
        if not self.products:
            return
        page = self.client.get("/my/b2b/quick-order", name="quick order page")
        token = CSRF_SCRIPT.search(page.text)
        if not token:
            return
        rows = "\n".join(f"{row['article']};4" for row in self.products[:20])
        status = self.client.post(
            "/my/b2b/quick-order/upload",
            data={"csrf_token": token.group(1)},
            files={"file": ("order.csv", f"Артикул;Количество\n{rows}\n".encode(), "text/csv")},
            name="quick order upload",
        ).json()
        for _step in range(30):
            if status.get("error") or status.get("state") in ("done", "failed"):
                break
            status = self.client.post(
                f"/my/b2b/jobs/{status['id']}/step",
                data={"csrf_token": token.group(1)},
                name="quick order check step",
            ).json()

    @task(1)
    def checkout(self):
        cart = self.client.get("/my/b2b/cart", name="cart page")
        token = CSRF_SCRIPT.search(cart.text)
        if not token or "/my/b2b/cart/checkout" not in cart.text:
            return  # an empty cart: nothing to check out
        with self.client.post(
            "/my/b2b/cart/checkout",
            data={"csrf_token": token.group(1), "payment_mode": "prepayment"},
            name="checkout",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # Placed (a redirect to the order), or the cart again with the reason (stock
            # gone, pack sizes): both are answers; a server error is not.
            if response.status_code in (200, 303):
                response.success()


class ShopVisitor(HttpUser):
    """Stock Odoo's shop, browsed anonymously under the same load (the baseline)."""

    wait_time = between(1, 3)

    def on_start(self):
        page = self.client.get("/shop", name="shop page")
        # Tyre attributes are fields of ours, not shop attributes: the shop filters by
        # category (the catalog sections).
        self.categories = sorted(set(re.findall(r'href="(/shop/category/[^"?]+)', page.text)))

    @task(1)
    def shop_page(self):
        self.client.get(f"/shop/page/{random.randint(1, 3)}", name="shop page")

    @task(6)
    def shop_filter(self):
        path = random.choice(self.categories) if self.categories else "/shop"
        self.client.get(path, params={"order": "list_price asc"}, name="shop filter")

    @task(2)
    def shop_search(self):
        self.client.get("/shop", params={"search": random.choice(SEARCHES)}, name="shop search")

    @task(3)
    def shop_suggest(self):
        self.client.post(
            "/website/snippet/autocomplete",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "search_type": "products",
                    "term": random.choice(SUGGESTIONS),
                    "order": "name asc",
                    "limit": 6,
                    "max_nb_chars": 50,
                    "options": {
                        "displayImage": True,
                        "displayDescription": True,
                        "displayDetail": True,
                        "displayExtraLink": True,
                        "allowFuzzy": True,
                    },
                },
            },
            name="shop suggestions",
        )
