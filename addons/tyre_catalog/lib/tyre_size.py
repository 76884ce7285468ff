"""Parse, validate and print metric tyre size strings such as ``205/55 R16 91V``.

Decisions worth knowing:

* Only metric sizes (``WIDTH/PROFILE`` + construction + rim diameter) are accepted.
  LT sizes (``LT235/75R15``, ``235/75 R15 LT``), flotation sizes (``31x10.50 R15``),
  inch sizes (``7.50 R16``) and sizes without a profile (``185 R14C``) are refused.
* P-metric sizes are accepted and the ``P`` is dropped: ``P215/65R15`` is the same size
  as ``215/65 R15`` and shares the load index table, so the catalogue stores one size.
* ``RF`` means reinforced (as on Michelin/Continental sidewalls), never run-flat.
* ``ZR`` is stored as radial construction plus ``zr=True`` and needs a speed index of
  V or higher, because ZR by definition marks tyres rated above 240 km/h.
* Diagonal construction may be written ``D`` or ``-`` and is printed as ``D``.
* Canonical print order: dimensions, service description, ``XL``, ``RunFlat``.
"""

import re
from dataclasses import dataclass

from .errors import LocalizedError, _lt

WIDTH_MIN, WIDTH_MAX = 105, 495
PROFILE_MIN, PROFILE_MAX = 25, 100
DIAMETER_MIN, DIAMETER_MAX = 10.0, 24.5
LOAD_INDEX_MIN = 50
# Whole-inch rims are passenger and light-truck sizes; half-inch rims (17.5, 19.5, 22.5,
# 24.5) are truck and bus sizes, whose load indexes go much higher.
PASSENGER_LOAD_INDEX_MAX = 170
LOAD_INDEX_MAX = 210

CONSTRUCTIONS = {"R": "radial", "D": "diagonal", "B": "bias-belted"}

# Speed symbol -> maximum speed in km/h, ordered from slowest to fastest.
# "(Y)" means "above 300 km/h"; the table gives its 300 km/h lower bound.
SPEED_INDEXES = {
    "J": 100,
    "K": 110,
    "L": 120,
    "M": 130,
    "N": 140,
    "P": 150,
    "Q": 160,
    "R": 170,
    "S": 180,
    "T": 190,
    "U": 200,
    "H": 210,
    "V": 240,
    "W": 270,
    "Y": 300,
    "(Y)": 300,
}
ZR_MIN_SPEED_KMH = 240

# Load index -> maximum load per tyre in kg (ISO 4000 / ETRTO table).
LOAD_INDEX_KG = {
    50: 190, 51: 195, 52: 200, 53: 206, 54: 212, 55: 218, 56: 224, 57: 230, 58: 236,
    59: 243, 60: 250, 61: 257, 62: 265, 63: 272, 64: 280, 65: 290, 66: 300, 67: 307,
    68: 315, 69: 325, 70: 335, 71: 345, 72: 355, 73: 365, 74: 375, 75: 387, 76: 400,
    77: 412, 78: 425, 79: 437, 80: 450, 81: 462, 82: 475, 83: 487, 84: 500, 85: 515,
    86: 530, 87: 545, 88: 560, 89: 580, 90: 600, 91: 615, 92: 630, 93: 650, 94: 670,
    95: 690, 96: 710, 97: 730, 98: 750, 99: 775, 100: 800, 101: 825, 102: 850, 103: 875,
    104: 900, 105: 925, 106: 950, 107: 975, 108: 1000, 109: 1030, 110: 1060, 111: 1090,
    112: 1120, 113: 1150, 114: 1180, 115: 1215, 116: 1250, 117: 1285, 118: 1320,
    119: 1360, 120: 1400, 121: 1450, 122: 1500, 123: 1550, 124: 1600, 125: 1650,
    126: 1700, 127: 1750, 128: 1800, 129: 1850, 130: 1900, 131: 1950, 132: 2000,
    133: 2060, 134: 2120, 135: 2180, 136: 2240, 137: 2300, 138: 2360, 139: 2430,
    140: 2500, 141: 2575, 142: 2650, 143: 2725, 144: 2800, 145: 2900, 146: 3000,
    147: 3075, 148: 3150, 149: 3250, 150: 3350, 151: 3450, 152: 3550, 153: 3650,
    154: 3750, 155: 3875, 156: 4000, 157: 4125, 158: 4250, 159: 4375, 160: 4500,
    161: 4625, 162: 4750, 163: 4875, 164: 5000, 165: 5150, 166: 5300, 167: 5450,
    168: 5600, 169: 5800, 170: 6000, 171: 6150, 172: 6300, 173: 6500, 174: 6700,
    175: 6900, 176: 7100, 177: 7300, 178: 7500, 179: 7750, 180: 8000, 181: 8250,
    182: 8500, 183: 8750, 184: 9000, 185: 9250, 186: 9500, 187: 9750, 188: 10000,
    189: 10300, 190: 10600, 191: 10900, 192: 11200, 193: 11500, 194: 11800, 195: 12150,
    196: 12500, 197: 12850, 198: 13200, 199: 13600, 200: 14000, 201: 14500, 202: 15000,
    203: 15500, 204: 16000, 205: 16500, 206: 17000, 207: 17500, 208: 18000, 209: 18500,
    210: 19000,
}  # fmt: skip

REINFORCED_LABEL = "XL"
RUNFLAT_LABEL = "RunFlat"

# Sidewall marks after the size. Each must end at a space or the end of the text,
# so "RFT" (run-flat) is never read as "RF" (reinforced).
_END = r"(?=\s|$)"
_MARK_PATTERNS = [
    (re.compile(pattern + _END), flag)
    for pattern, flag in [
        (r"EXTRA[\s-]?LOAD", "reinforced"),
        (r"REINFORCED", "reinforced"),
        (r"REINF\.?", "reinforced"),
        (r"XL", "reinforced"),
        (r"RF", "reinforced"),
        (r"RUN[\s-]?FLAT", "runflat"),
        (r"RFT", "runflat"),
        (r"ROF", "runflat"),
        (r"ZPS?", "runflat"),
        (r"SSR", "runflat"),
        (r"EMT", "runflat"),
        (r"DSST", "runflat"),
        (r"HRS", "runflat"),
        (r"RSC", "runflat"),
    ]
]

# Cyrillic letters typed instead of look-alike Latin ones (e.g. "91Н" for "91H").
# The construction letter is handled apart: there Cyrillic "Р" is read as R (radial).
_CYRILLIC_LOOKALIKES = str.maketrans("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")

_SIZE_RE = re.compile(
    r"(?P<prefix>[A-Z]+)?\s*"
    r"(?P<width>\d+)\s*/\s*(?P<profile>\d+)\s*"
    r"(?P<construction>Z\s?[RР]|[RРDB]|-)\s*"
    r"(?P<diameter>\d+(?:\.\d+)?)"
    r"(?:\s?(?P<commercial>[CС]))?"
    r"(?P<lt>\s?LT)?" + _END
)
_SERVICE_RE = re.compile(
    r"(?P<open>\()?(?P<load>\d+)(?:/(?P<dual>\d+))?(?P<space>\s)?"
    r"(?P<speed>\(Y\)|[A-Z][A-Z0-9]*)?(?P<close>\))?" + _END
)
_FLOTATION_RE = re.compile(r"(?:LT\s*)?\d+(?:\.\d+)?\s*[XХ×*]\s*\d")
_INCH_RE = re.compile(r"\d+\.\d+\s*(?:Z?[RРDB]|-)\s*\d")
_NO_PROFILE_RE = re.compile(r"[A-Z]*\s*\d+\s*(?:Z?[RРDB]|-)\s*\d")

_EXAMPLE = "'205/55 R16 91V'"


class TyreSizeError(LocalizedError):
    """Raised when a tyre size, or one of its parts, is not valid."""


@dataclass(frozen=True)
class TyreSize:
    """A metric tyre size; validated on creation.

    ``diameter`` is always stored as float (16.0), ``speed_index`` is a key of
    ``SPEED_INDEXES``. Load and speed indexes are both set or both None.
    """

    width: int
    profile: int
    diameter: float
    construction: str = "R"
    load_index: int | None = None
    load_index_dual: int | None = None
    speed_index: str | None = None
    zr: bool = False
    commercial: bool = False
    reinforced: bool = False
    runflat: bool = False

    def __post_init__(self):
        validate_width(self.width)
        validate_profile(self.profile)
        validate_diameter(self.diameter)
        # Store 16 as 16.0 so sizes built from ints and parsed sizes look the same.
        object.__setattr__(self, "diameter", float(self.diameter))
        if self.construction not in CONSTRUCTIONS:
            raise TyreSizeError(
                _lt(
                    "construction %(construction)r is not valid: "
                    "use 'R' (radial), 'D' (diagonal) or 'B' (bias-belted)"
                ),
                construction=self.construction,
            )
        if self.zr and self.construction != "R":
            raise TyreSizeError(_lt("ZR sizes must have radial construction"))
        if (self.load_index is None) != (self.speed_index is None):
            raise TyreSizeError(_lt("load index and speed index must be given together"))
        if self.load_index is not None:
            max_index = max_load_index(self.diameter)
            validate_load_index(self.load_index, max_index=max_index)
            validate_speed_index(self.speed_index)
            if self.zr and SPEED_INDEXES[self.speed_index] < ZR_MIN_SPEED_KMH:
                raise TyreSizeError(
                    _lt("ZR sizes need a speed index of V or higher, not %(speed)r"),
                    speed=self.speed_index,
                )
        if self.load_index_dual is not None:
            if self.load_index is None:
                raise TyreSizeError(_lt("dual load index needs a single load index"))
            validate_load_index(self.load_index_dual, max_index=max_index)
            if self.load_index_dual >= self.load_index:
                raise TyreSizeError(
                    _lt("dual load index %(dual)s must be lower than single load index %(single)s"),
                    dual=self.load_index_dual,
                    single=self.load_index,
                )

    def __str__(self):
        return format_tyre_size(self)


def _check_whole_number(value, name):
    # bool is an int subclass; an Odoo empty field (False) must not pass as 0.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TyreSizeError(
            _lt("%(name)s must be a whole number, got %(value)r"), name=name, value=value
        )


def validate_width(value):
    """Check a section width in mm (105..495)."""
    _check_whole_number(value, LocalizedError(_lt("width")))
    if not WIDTH_MIN <= value <= WIDTH_MAX:
        raise TyreSizeError(
            _lt("width must be between %(minimum)s and %(maximum)s mm, got %(value)s"),
            minimum=WIDTH_MIN,
            maximum=WIDTH_MAX,
            value=value,
        )


def validate_profile(value):
    """Check an aspect ratio in % (25..100, a multiple of 5)."""
    _check_whole_number(value, LocalizedError(_lt("profile")))
    if not PROFILE_MIN <= value <= PROFILE_MAX:
        raise TyreSizeError(
            _lt("profile must be between %(minimum)s and %(maximum)s, got %(value)s"),
            minimum=PROFILE_MIN,
            maximum=PROFILE_MAX,
            value=value,
        )
    if value % 5:
        raise TyreSizeError(_lt("profile must be a multiple of 5, got %(value)s"), value=value)


def validate_diameter(value):
    """Check a rim diameter in inches (10..24.5, whole or half inch)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TyreSizeError(_lt("diameter must be a number, got %(value)r"), value=value)
    if not DIAMETER_MIN <= value <= DIAMETER_MAX:
        raise TyreSizeError(
            _lt("diameter must be between %(minimum)s and %(maximum)s inches, got %(value)s"),
            minimum=f"{DIAMETER_MIN:g}",
            maximum=f"{DIAMETER_MAX:g}",
            value=f"{value:g}",
        )
    if value * 2 != int(value * 2):
        raise TyreSizeError(
            _lt("diameter must be a whole or half inch, got %(value)s"), value=f"{value:g}"
        )


def validate_speed_index(value):
    """Check a speed symbol against ``SPEED_INDEXES`` (exact, upper case)."""
    if value not in SPEED_INDEXES:
        if value == "Z":
            raise TyreSizeError(
                _lt(
                    "'Z' is not a speed index: write ZR before the diameter, e.g. '225/45 ZR17 94W'"
                )
            )
        raise TyreSizeError(
            _lt("unknown speed index %(value)r; expected one of %(expected)s"),
            value=value,
            expected=", ".join(SPEED_INDEXES),
        )


def max_load_index(diameter):
    """Highest load index allowed for a rim diameter (truck sizes have half-inch rims)."""
    if diameter is not None and diameter != int(diameter):
        return LOAD_INDEX_MAX
    return PASSENGER_LOAD_INDEX_MAX


def validate_load_index(value, *, max_index=LOAD_INDEX_MAX):
    """Check a load index (50..``max_index``; see ``max_load_index``)."""
    _check_whole_number(value, LocalizedError(_lt("load index")))
    if not LOAD_INDEX_MIN <= value <= max_index:
        raise TyreSizeError(
            _lt("load index must be between %(minimum)s and %(maximum)s, got %(value)s"),
            minimum=LOAD_INDEX_MIN,
            maximum=max_index,
            value=value,
        )


def load_index_kg(index):
    """Maximum load per tyre in kg for a load index."""
    validate_load_index(index)
    return LOAD_INDEX_KG[index]


def _normalize(text):
    text = " ".join(text.upper().split())
    # Decimal comma in rim diameters: "R17,5" means 17.5.
    return re.sub(r"(?<=\d),(?=\d)", ".", text)


def _lt_error(original):
    return TyreSizeError(
        _lt(
            "LT (light truck) sizes such as 'LT235/75R15' are not supported: %(size)r; "
            "use a metric size such as %(example)s"
        ),
        size=original,
        example=_EXAMPLE,
    )


def _refuse_unsupported_format(text, original):
    """Raise a specific error for known non-metric formats, else a generic one.

    ``text`` is the normalized input used for matching, ``original`` is quoted to the user.
    """
    if text.startswith("LT") or text.endswith("LT"):
        raise _lt_error(original)
    if _FLOTATION_RE.match(text):
        raise TyreSizeError(
            _lt(
                "flotation sizes such as '31x10.50 R15' are not supported: %(size)r; "
                "use a metric size such as %(example)s"
            ),
            size=original,
            example=_EXAMPLE,
        )
    if _INCH_RE.match(text):
        raise TyreSizeError(
            _lt(
                "inch sizes such as '7.50 R16' are not supported: %(size)r; "
                "use a metric size such as %(example)s"
            ),
            size=original,
            example=_EXAMPLE,
        )
    if _NO_PROFILE_RE.match(text):
        raise TyreSizeError(
            _lt("profile is missing in %(size)r: expected WIDTH/PROFILE, e.g. '185/75 R14C'"),
            size=original,
        )
    raise TyreSizeError(
        _lt("%(size)r is not a tyre size; expected a size such as %(example)s"),
        size=original,
        example=_EXAMPLE,
    )


def _parse_service(match):
    """Return (load, dual, speed) from a service description match."""
    load = int(match["load"])
    dual = int(match["dual"]) if match["dual"] else None
    speed = match["speed"]
    # In "91 XL" or "91 TL" the word after the space is a mark or junk, not a speed index;
    # a single letter (plus digits, as in "91 Q9") is still read as a bad speed index.
    if speed is None or (match["space"] and not re.fullmatch(r"[A-Z]\d*", speed)):
        raise TyreSizeError(
            _lt("speed index is missing after load index %(load)s"), load=match["load"]
        )
    if match["open"] or match["close"]:
        # "(96Y)" is the sidewall spelling for the "(Y)" speed category.
        if not (match["open"] and match["close"] and speed == "Y"):
            raise TyreSizeError(
                _lt("brackets are only used for the (Y) speed index, e.g. '(96Y)': %(text)r"),
                text=match.group(0),
            )
        speed = "(Y)"
    validate_speed_index(speed)
    return load, dual, speed


def parse_tyre_size(text):
    """Parse a metric size like ``205/55 R16 91V XL`` into a ``TyreSize``.

    Case, spacing, Cyrillic "Р" for R and a decimal comma are tolerated. Compact
    search forms ("2055516") are refused; see ``search_query.parse_size_query``.
    """
    if not isinstance(text, str):
        raise TyreSizeError(_lt("tyre size must be text, got %(value)r"), value=text)
    original = text.strip()
    text = _normalize(text)
    if not text:
        raise TyreSizeError(_lt("tyre size is empty"))
    match = _SIZE_RE.match(text)
    if not match:
        _refuse_unsupported_format(text, original)
    if match["lt"] or match["prefix"] == "LT":
        raise _lt_error(original)
    prefix = match["prefix"]
    if prefix and prefix != "P":
        raise TyreSizeError(
            _lt(
                "size prefix %(prefix)r is not supported in %(size)r; "
                "expected a metric size such as %(example)s"
            ),
            prefix=prefix,
            size=original,
            example=_EXAMPLE,
        )
    construction = match["construction"].replace(" ", "").replace("Р", "R")
    fields = {
        "width": int(match["width"]),
        "profile": int(match["profile"]),
        "diameter": float(match["diameter"]),
        "construction": "D" if construction == "-" else construction[-1],
        "zr": construction == "ZR",
        "commercial": bool(match["commercial"]),
    }
    # Validate the dimensions first so their errors win over errors in the marks.
    validate_width(fields["width"])
    validate_profile(fields["profile"])
    validate_diameter(fields["diameter"])

    rest = text[match.end() :].translate(_CYRILLIC_LOOKALIKES)
    position = 0
    while position < len(rest):
        if rest[position] == " ":
            position += 1
            continue
        service = _SERVICE_RE.match(rest, position)
        if service and "load_index" not in fields:
            load, dual, speed = _parse_service(service)
            fields.update(load_index=load, load_index_dual=dual, speed_index=speed)
            position = service.end()
            continue
        for pattern, flag in _MARK_PATTERNS:
            mark = pattern.match(rest, position)
            if mark:
                fields[flag] = True
                position = mark.end()
                break
        else:
            token = rest[position:].split(" ", 1)[0]
            if token == "LT":
                raise _lt_error(original)
            raise TyreSizeError(
                _lt("unexpected %(token)r in tyre size %(size)r"), token=token, size=original
            )
    return TyreSize(**fields)


def format_tyre_size(size):
    """Print a ``TyreSize`` in canonical form, e.g. ``215/65 R16C 109/107T XL``."""
    construction = "ZR" if size.zr else size.construction
    text = f"{size.width}/{size.profile} {construction}{size.diameter:g}"
    if size.commercial:
        text += "C"
    if size.load_index is not None:
        loads = str(size.load_index)
        if size.load_index_dual is not None:
            loads += f"/{size.load_index_dual}"
        if size.speed_index == "(Y)":
            text += f" ({loads}Y)"
        else:
            text += f" {loads}{size.speed_index}"
    if size.reinforced:
        text += f" {REINFORCED_LABEL}"
    if size.runflat:
        text += f" {RUNFLAT_LABEL}"
    return text
