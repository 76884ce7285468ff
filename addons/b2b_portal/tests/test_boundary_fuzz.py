"""Property-based fuzzing (hypothesis) of every route of our addons: whatever the URL and
parameter values (ids negative, huge, foreign or not numbers; quantities inf, nan, 1e400,
empty, Unicode digits, NUL; impossible dates; long texts; random files), the answer is a
page, a refusal or a message, never a server error, and the other holding's records stay
as they were.

Uploads of crafted files (sizes, encodings, zip bombs) are fuzzed by the upload tests of
b2b_pricing (tests/unit/test_tabular_bombs.py) and the quick-order tests.
The number of examples per route is bounded (FUZZ_EXAMPLES) and derandomized, so the run
is the same every time and stays within the time budget of the suite.
"""

import logging
import time

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from . import boundary_classification as bc
from .boundary_common import CONVERTER, BoundaryCase, Failures

_logger = logging.getLogger(__name__)

FUZZ_EXAMPLES = 8
SETTINGS = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=list(HealthCheck),
)

NASTY_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "x" * 6_000,
        "Ω" * 1_000,
        "<script>alert(1)</script>",
        "'; DROP TABLE res_partner; --",
        "%s%s%(x)s",
        "{}",
        "[]",
        "null",
        "\u202e\ufeff",
    ]
)
TEXT = st.one_of(NASTY_TEXT, st.text(max_size=40))
NUMBER_TEXT = st.sampled_from(
    [
        "inf",
        "-inf",
        "nan",
        "1e400",
        "-1e400",
        "-1",
        "0",
        "",
        "1e-400",
        "١٢",
        "4\x00",
        "9" * 400,
        "0x10",
        "1,5",
    ]
)
QUANTITY = st.one_of(
    NUMBER_TEXT,
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    TEXT,
)
DATE = st.one_of(
    st.sampled_from(
        ["not-a-date", "2024-02-30", "9999-12-31", "0000-00-00", "1900-01-01", "2024-13-01", ""]
    ),
    st.dates().map(str),
    TEXT,
)
URL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/?#%\\."),
    min_size=1,
    max_size=20,
)
FILES = st.tuples(
    st.sampled_from(["order.csv", "order.xlsx", "order.xls", "order.txt", "order", "заказ.csv"]),
    st.one_of(
        st.binary(max_size=2_000),
        st.sampled_from(
            [
                b"",
                b"PK\x03\x04" + b"\x00" * 100,
                "артикул;количество\nVST-1;inf\n".encode("cp1251"),
                b"code,qty\n" + b"A,1\n" * 2_000,
                b"\xff\xfe" + "код,кол\n".encode("utf-16-le"),
            ]
        ),
    ),
)


@tagged("post_install", "-at_install")
class TestBoundaryFuzz(BoundaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The head's own cart, order and saved cart: fuzzed values reach the code behind the
        # ownership checks (quantities of a cart line, checkout parameters).
        head = cls.users[bc.HEAD]
        cart = cls._sale_order(cls.own_entity, head, cls.product, b2b_state="cart")
        cls.own_ids = [
            cart.id,
            cart.order_line[:1].id,
            cls._sale_order(cls.own_entity, head, cls.product, b2b_state="queue").id,
            cls.own_entity.id,
            cls.env.ref("b2b_portal.delivery_shintorg_main_khimki").id,
        ]

    def _ids(self):
        """Ids of every kind: own, foreign, missing, negative, huge, not numbers."""
        known = sorted(
            {record.id for record in self.foreign.values() if record}
            | {record.id for record in self.shared.values()}
            | set(self.own_ids)
        )
        return st.one_of(
            st.sampled_from(known),
            st.sampled_from([0, -1, 2**31 - 1, 2**31, 2**63, 10**30]),
            st.integers(min_value=-(2**64), max_value=2**64),
            st.sampled_from(["abc", "1.5", "", "1e3", "١", "7\x00", "[1]", "1 OR 1=1"]),
        )

    def _value(self, name, route_type, ids):
        if name in ("quantity", "qty", "input_quantity") or name.endswith("_qty"):
            return QUANTITY
        if name == "id" or name.endswith(("_id", "_ids")):
            return ids
        if "date" in name:
            return DATE
        if name == "lines":
            line = st.fixed_dictionaries(
                {"product_id": ids, "quantity": QUANTITY},
                optional={"warehouse_id": ids, "code": TEXT},
            )
            return st.one_of(st.lists(line, max_size=3), TEXT, ids, st.none())
        if route_type == "jsonrpc":
            return st.one_of(
                TEXT,
                ids,
                st.none(),
                st.lists(ids, max_size=3),
                st.dictionaries(TEXT, ids, max_size=2),
            )
        return TEXT

    def _url_value(self, converter, ids):
        if converter == "int":
            return st.one_of(st.integers(min_value=0, max_value=2**70), ids).map(str)
        return URL_TEXT

    def test_fuzz_our_routes(self):
        started = time.time()
        routes = self.routes()
        failures = Failures(self)
        ids = self._ids()
        self.login(bc.HEAD)
        fuzzed = 0
        for rule in sorted(bc.OUR_ROUTES):
            info = routes.get(rule)
            if not info:
                continue
            spec = bc.OUR_ROUTES[rule]
            names = set(info["params"]) - set(info["args"])
            for variant in spec["variants"]:
                names |= set(variant)
            names = sorted(name for name in names if not name.startswith("role_{"))
            before = self.fingerprint()
            self._fuzz_route(rule, info, spec, names, ids, failures)
            fuzzed += 1
            written, _after = self.written(before)
            if written:
                failures.add(
                    rule, bc.HEAD, "fuzzing", f"wrote the other holding's {', '.join(written)}"
                )
        _logger.info(
            "boundary fuzz: %d routes of our addons, %d examples (at most %d per route) in %.1f s",
            fuzzed,
            failures.cases,
            FUZZ_EXAMPLES,
            time.time() - started,
        )
        failures.check("fuzzing our routes")

    def _fuzz_route(self, rule, info, spec, names, ids, failures):
        converters = {
            match.group("name"): (match.group("converter") or "default")
            for match in CONVERTER.finditer(rule)
        }
        uploads = {
            name
            for variant in spec["variants"]
            for name, value in variant.items()
            if value == "file"
        }

        @SETTINGS
        @given(data=st.data())
        def run(data):
            url = CONVERTER.sub(
                lambda m: data.draw(self._url_value(converters[m.group("name")], ids)), rule
            )
            params = {}
            for name in names:
                if name in uploads:
                    continue
                if data.draw(st.booleans()):
                    params[name] = data.draw(self._value(name, info["type"], ids))
            if "role_{entity}" in str(spec["variants"]):
                params[f"role_{data.draw(ids)}"] = data.draw(
                    st.sampled_from(["head", "buyer", "accountant", "owner", "", "\x00"])
                )
            files = {name: data.draw(FILES) for name in uploads}
            outcome = self.send(url, info["type"], info["methods"], params, spec["method"], files)
            failures.cases += 1
            if outcome.server_error:
                shown = {
                    key: (value[:60] if isinstance(value, str) else value)
                    for key, value in params.items()
                }
                detail = f"{url[:120]} {shown}"[:300]
                failures.add(rule, bc.HEAD, detail, f"server error ({outcome.describe()})")
            if info["type"] == "http" and "/web/login" in outcome.location:
                self.login(bc.HEAD)  # a fuzzed value ended the session: go on logged in

        run()
