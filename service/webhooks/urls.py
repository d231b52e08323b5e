"""SSRF guard for callback URLs: only http(s) to global addresses, unless a network is allow-listed.

What is refused is one table (REFUSED_NETWORKS) plus whatever the standard library does not call global; an
IPv6 address that carries an IPv4 address (IPv4-mapped, -compatible, -translated, NAT64, 6to4, Teredo) is
refused when the IPv4 address it carries is.

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
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_HOST = re.compile(r"[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?")

# The one table of refused networks (IANA special-purpose registries, RFC 6890 and successors): no callback
# goes there unless DOCVERIFY_WEBHOOK_ALLOW_NETWORKS names the network. Anything the standard library does not
# call global is refused as well, so a range missing here is still caught.
REFUSED_NETWORKS: tuple[tuple[IpNetwork, str], ...] = tuple(
    (ipaddress.ip_network(net), why)
    for net, why in (
        ("0.0.0.0/8", "this network"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local (cloud metadata)"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol assignments"),
        ("192.0.2.0/24", "documentation"),
        ("192.88.99.0/24", "6to4 relay anycast"),
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved"),
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("::/96", "IPv4-compatible (deprecated)"),
        ("::ffff:0:0:0/96", "IPv4-translated"),
        ("64:ff9b:1::/48", "local-use NAT64"),
        ("100::/64", "discard-only"),
        ("2001::/32", "Teredo tunnel"),
        ("2001::/23", "IETF protocol assignments"),
        ("2001:db8::/32", "documentation"),
        ("fc00::/7", "unique local (private)"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local (deprecated)"),
        ("ff00::/8", "multicast"),
    )
)


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


_NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")


def _low32(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address:
    return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)


def embedded_ipv4(addr: IpAddress) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses an IPv6 address carries and may lead to, with the form's name: IPv4-mapped
    (::ffff:0:0/96), IPv4-compatible (::/96), IPv4-translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96 and the
    last 32 bits of 64:ff9b:1::/48), 6to4 (2002::/16, bits 16-47) and Teredo (2001::/32: the server, and the
    client, stored XOR-ed with all ones)."""
    if not isinstance(addr, ipaddress.IPv6Address):
        return []
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    if addr.ipv4_mapped is not None:
        found.append(("IPv4-mapped", addr.ipv4_mapped))
    if addr.sixtofour is not None:
        found.append(("6to4", addr.sixtofour))
    if addr.teredo is not None:
        server, client = addr.teredo
        found += [("Teredo (client)", client), ("Teredo (server)", server)]
    for net, form in (
        ("::/96", "IPv4-compatible"),
        ("::ffff:0:0:0/96", "IPv4-translated"),
        ("64:ff9b::/96", "NAT64"),
        ("64:ff9b:1::/48", "NAT64 (local use)"),
    ):
        if addr in ipaddress.ip_network(net):
            found.append((form, _low32(addr)))
    return found


def _allow_listed(addr: IpAddress, allow: tuple[str, ...]) -> bool:
    for net in allow:
        try:
            if addr in ipaddress.ip_network(net, strict=False):
                return True
        except ValueError:
            continue
    return False


def refusal(addr: IpAddress, allow: tuple[str, ...] = ()) -> str | None:
    """Why no callback may go to this address, or None. An IPv6 form that carries an IPv4 address is refused
    when that IPv4 address is (unless allow-listed); an IPv4-mapped address is judged as its IPv4 address (it
    is that address to the socket) and so is a NAT64 address of the well-known prefix (RFC 6052: it only ever
    carries global IPv4 addresses, which a gateway reaches); every other address by the table, then by
    `is_global`."""
    for form, inner in embedded_ipv4(addr):
        why = refusal(inner, allow)
        if why is not None:
            return f"the {form} form of {inner}, {why}"
    if isinstance(addr, ipaddress.IPv6Address) and (addr.ipv4_mapped is not None or addr in _NAT64_WELL_KNOWN):
        return None  # judged above as the IPv4 address it is to the socket (or, via a NAT64 gateway, reaches)
    if _allow_listed(addr, allow):
        return None
    for net, why in REFUSED_NETWORKS:
        if addr.version == net.version and addr in net:
            return f"{why} ({net})"
    if not addr.is_global or addr.is_multicast or addr.is_reserved:
        return "not a global address"
    return None


def address_allowed(addr: IpAddress, allow: tuple[str, ...]) -> bool:
    return refusal(addr, allow) is None


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
    refused = [f"{a}: {why}" for a in addresses if (why := refusal(a, allow)) is not None]
    if refused:
        raise UrlNotAllowed(
            f"the callback host resolves to a loopback, private, link-local or otherwise "
            f"non-public address ({'; '.join(refused)}); allow-list its network in "
            f"DOCVERIFY_WEBHOOK_ALLOW_NETWORKS if that is intended"
        )
    return Target(target.scheme, target.host, target.port, target.path, addresses)
