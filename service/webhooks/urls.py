"""SSRF guard for callback URLs: only http(s) to global addresses, unless a network is allow-listed.

Checked when a verification is submitted (a clear 422) and again at every delivery after DNS resolution;
the delivery then connects to the very address that was checked (no second lookup a rebinding DNS server
could answer differently).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_HOST = re.compile(r"[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?")


class UrlNotAllowed(ValueError):
    """The URL, or an address its host resolves to, is not one we send webhooks to."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # lower case, IDNA-encoded: for the Host header and the TLS server name
    port: int
    path: str  # path and query
    addresses: tuple[IpAddress, ...]  # checked addresses; empty when not resolved


def _address(text: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def address_allowed(addr: IpAddress, allow: tuple[str, ...]) -> bool:
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    for net in allow:
        try:
            if addr in ipaddress.ip_network(net, strict=False):
                return True
        except ValueError:
            continue
    return addr.is_global and not addr.is_multicast and not addr.is_reserved


def parse(url: str) -> Target:
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. an unclosed [IPv6 literal
        raise UrlNotAllowed(f"callback_url is not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https"):
        raise UrlNotAllowed("callback_url must be an http or https URL")
    if parts.username is not None or parts.password is not None:
        raise UrlNotAllowed("callback_url must not carry credentials")
    host = (parts.hostname or "").lower()
    if not host:
        raise UrlNotAllowed("callback_url has no host")
    if _address(host) is None:
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise UrlNotAllowed("callback_url has an invalid host name") from exc
        if not _HOST.fullmatch(ascii_host):
            raise UrlNotAllowed("callback_url has an invalid host name")
        host = ascii_host
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UrlNotAllowed("callback_url has an invalid port") from exc
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(parts.scheme, host, port, path, ())


def check(url: str, allow: tuple[str, ...], *, resolve: bool = True, must_resolve: bool = True) -> Target:
    """The URL's target with every address it resolves to checked. Raises UrlNotAllowed."""
    target = parse(url)
    literal = _address(target.host)
    if literal is not None:
        addresses: tuple[IpAddress, ...] = (literal,)
    elif not resolve:
        return target
    else:
        try:
            infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError, ValueError) as exc:
            if must_resolve:
                raise UrlNotAllowed(f"the callback host does not resolve ({type(exc).__name__})") from exc
            return target
        found = [a for a in (_address(str(info[4][0])) for info in infos) if a is not None]
        addresses = tuple(dict.fromkeys(found))
        if not addresses:
            raise UrlNotAllowed("the callback host does not resolve")
    refused = [str(a) for a in addresses if not address_allowed(a, allow)]
    if refused:
        raise UrlNotAllowed(f"the callback host resolves to a loopback, private, link-local or otherwise "
                            f"non-public address ({', '.join(refused)}); allow-list its network in "
                            f"DOCVERIFY_WEBHOOK_ALLOW_NETWORKS if that is intended")
    return Target(target.scheme, target.host, target.port, target.path, addresses)
