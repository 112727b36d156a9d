"""Which addresses a server-side fetch may reach: no loopback, private, link-local or reserved ones (no SSRF).

A URL given to the web page or the API is fetched by the server, from inside its network: without this
check anyone could make it read ``http://127.0.0.1:…/admin`` or a cloud's metadata service at
``169.254.169.254``. Every hop of a redirect is checked again. The host is resolved here and each of its
addresses must be public; the operator can allow the others (``--allow-private-fetch``).

>>> refused_address("127.0.0.1")
'loopback'
>>> refused_address("169.254.169.254")
'link-local'
>>> refused_address("93.184.215.14") is None
True

Left open: a name whose DNS answer changes between this check and the connection (DNS rebinding) is
not caught; a deployment that must stop it puts the server behind an egress proxy.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from newsdesk.errors import InputError

Resolver = Callable[[str], Iterable[str]]


class FetchRefused(InputError):
    """A URL newsdesk will not fetch: not http(s), or an address inside the server's network."""

    code = "E141"


def resolve(host: str) -> list[str]:
    """Every address ``host`` resolves to (an IP literal is its own address)."""
    try:
        return [ipaddress.ip_address(host.strip("[]")).compressed]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused(f"cannot resolve host {host!r} ({exc})", source=host) from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refused_address(address: str) -> str | None:
    """Why an address is no place for a server-side fetch ("loopback", "private" …), or None when public."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    if not ip.is_global:  # shared address space (100.64/10), documentation ranges …
        return "non-public"
    return None


def check_url(url: str, *, allow_private: bool = False, resolver: Resolver = resolve,
              unresolved_ok: bool = False) -> None:
    """Raise ``FetchRefused`` unless ``url`` is http(s) with a host, and (unless ``allow_private``) every
    address of that host is public. ``unresolved_ok``: a host that does not resolve now passes (a source
    added while its DNS is down; every fetch checks again)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchRefused("only http:// and https:// URLs can be fetched", source=url)
    if not parts.hostname:
        raise FetchRefused("the URL has no host", source=url)
    if allow_private:
        return
    try:
        addresses = list(resolver(parts.hostname))
    except FetchRefused:
        if unresolved_ok:
            return
        raise
    for address in addresses:
        why = refused_address(address)
        if why:
            raise FetchRefused(f"refusing to fetch a {why} address ({address}); the operator can allow it with "
                               "--allow-private-fetch", source=url)
