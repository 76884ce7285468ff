"""Which webhook URLs the server may call: the customer's systems on the internet.

A head sets the URL on the portal; the server then sends requests there. An address inside
the seller's network (loopback, private ranges, link-local such as cloud metadata services)
would let a customer reach what only the server can, so such hosts are refused, when the URL
is set and again at each delivery (a name may resolve elsewhere later). A system parameter
lifts this for tests and on-premise receivers (``allow_private``).
"""

import ipaddress
from urllib.parse import urlsplit

from .errors import LocalizedError, _lt


class WebhookUrlError(LocalizedError):
    """The webhook URL may not be called."""


def check_webhook_url(url, resolve, allow_private=False):
    """Raise WebhookUrlError unless ``url`` is http(s) to a public address; ``resolve`` maps
    a host name to its IP addresses (OSError when it has none)."""
    try:
        parts = urlsplit(url or "")
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if not parts or parts.scheme not in ("https", "http") or not host:
        raise WebhookUrlError(_lt("The webhook URL must start with https:// or http://."))
    if allow_private:
        return
    try:
        addresses = resolve(host)
    except OSError:
        raise WebhookUrlError(
            _lt("The host %(host)s of the webhook URL cannot be found."), host=host
        ) from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise WebhookUrlError(
                _lt("The webhook URL must point to an address on the internet, not %(address)s."),
                address=address,
            )
