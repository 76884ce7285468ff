"""Company requisites from a Russian INN: local checks and a registry lookup (DaData)."""

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass

import requests
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.ru import inn as stdnum_inn

from .errors import LocalizedError, _lt

DADATA_FIND_PARTY_URL = "https://suggestions.dadata.ru/suggestions/api/4_1/rs/findById/party"
_KPP = re.compile("[0-9]{4}[0-9A-Z]{2}[0-9]{3}")


class RequisiteError(LocalizedError):
    """An INN or KPP is malformed."""


class CompanyRegistryError(LocalizedError):
    """The company registry could not be asked or gave an unusable answer."""


def validate_inn(inn):
    """Return the INN without spaces if valid: 10 digits (organisation) or 12 (sole proprietor)."""
    number = stdnum_inn.compact(inn or "")
    if not number:
        raise RequisiteError(_lt("The INN is empty"))
    try:
        return stdnum_inn.validate(number)
    except InvalidLength:  # a subclass of InvalidFormat, so caught first
        raise RequisiteError(
            _lt(
                "The INN %(inn)s has %(length)s digits; it must have 10 digits (organisation) "
                "or 12 digits (sole proprietor)"
            ),
            inn=number,
            length=len(number),
        ) from None
    except InvalidFormat:
        raise RequisiteError(_lt("The INN %(inn)s must contain only digits"), inn=number) from None
    except InvalidChecksum:
        raise RequisiteError(
            _lt("The INN %(inn)s is not valid: its check digit is wrong"), inn=number
        ) from None


def validate_kpp(kpp):
    """Return the KPP, upper-cased, if it has the format NNNNXXNNN (X: digit or Latin letter)."""
    value = (kpp or "").replace(" ", "").upper()
    if not value:
        raise RequisiteError(_lt("The KPP is empty"))
    if not _KPP.fullmatch(value):
        raise RequisiteError(
            _lt(
                "The KPP %(kpp)s must have 9 characters: 4 digits, 2 digits or capital Latin "
                "letters, then 3 digits"
            ),
            kpp=value,
        )
    return value


@dataclass(frozen=True)
class CompanyInfo:
    """Requisites of a company; absent values are empty strings.

    ``status`` is the registry's state code: ACTIVE, LIQUIDATING, LIQUIDATED,
    BANKRUPT or REORGANIZING.
    """

    inn: str
    kpp: str = ""
    ogrn: str = ""
    name: str = ""
    full_name: str = ""
    address: str = ""
    director: str = ""
    status: str = ""
    director_post: str = ""


class CompanyRegistry(ABC):
    """A source of company requisites."""

    @abstractmethod
    def find_by_inn(self, inn):
        """Return the :class:`CompanyInfo` for ``inn``, or None if the registry does not know it.

        Raise :class:`RequisiteError` for a malformed INN and
        :class:`CompanyRegistryError` when the registry cannot be asked.
        """


class DadataRegistry(CompanyRegistry):
    """The DaData "findById/party" API (https://dadata.ru/api/find-party/)."""

    def __init__(self, url, api_key, timeout=5):
        self.url = url or DADATA_FIND_PARTY_URL
        self.api_key = api_key
        self.timeout = timeout

    def find_by_inn(self, inn):
        inn = validate_inn(inn)
        try:
            response = requests.post(
                self.url,
                json={"query": inn},
                headers={
                    "Authorization": f"Token {self.api_key}",
                    "Content-Type": "application/json",
                    "Accept": "application/json",
                },
                timeout=self.timeout,
            )
        except requests.Timeout:
            raise CompanyRegistryError(
                _lt(
                    "The company registry did not answer in %(timeout)s seconds; "
                    "fill in the requisites by hand"
                ),
                timeout=self.timeout,
            ) from None
        except requests.RequestException:
            raise CompanyRegistryError(
                _lt("The company registry cannot be reached; fill in the requisites by hand")
            ) from None
        _check_status(response.status_code)
        try:
            payload = response.json()
        except ValueError:
            payload = None
        suggestions = payload.get("suggestions") if isinstance(payload, dict) else None
        if not isinstance(suggestions, list) or not all(
            isinstance(item, dict) and isinstance(item.get("data"), dict) for item in suggestions
        ):
            raise CompanyRegistryError(
                _lt(
                    "The company registry sent an answer that cannot be read; "
                    "fill in the requisites by hand"
                )
            )
        if not suggestions:
            return None
        # An INN also matches the company's branches; the head office holds the requisites.
        main = next(
            (item for item in suggestions if item["data"].get("branch_type") == "MAIN"),
            suggestions[0],
        )
        return _company_info(main)


def _check_status(status):
    if status in (401, 403):
        raise CompanyRegistryError(
            _lt(
                "The company registry refused the access key (HTTP %(status)s); "
                "fill in the requisites by hand"
            ),
            status=status,
        )
    if status == 429:
        raise CompanyRegistryError(
            _lt(
                "The company registry received too many requests; try again in a minute "
                "or fill in the requisites by hand"
            )
        )
    if status >= 400:
        raise CompanyRegistryError(
            _lt(
                "The company registry answered with an error (HTTP %(status)s); "
                "fill in the requisites by hand"
            ),
            status=status,
        )


def _company_info(suggestion):
    data = suggestion["data"]
    director = _text(data, "management", "name")
    if not director and data.get("type") == "INDIVIDUAL":
        # A sole proprietor has no management: the person runs the business.
        director = _text(data, "name", "full")
    return CompanyInfo(
        inn=_text(data, "inn"),
        kpp=_text(data, "kpp"),
        ogrn=_text(data, "ogrn"),
        name=_text(suggestion, "value") or _text(data, "name", "short_with_opf"),
        full_name=_text(data, "name", "full_with_opf"),
        address=_text(data, "address", "value"),
        director=director,
        status=_text(data, "state", "status"),
        director_post=_text(data, "management", "post"),
    )


def _text(mapping, *path):
    """The string at ``path`` in nested dicts; DaData sends null for what it does not know."""
    value = mapping
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value.strip() if isinstance(value, str) else ""
