"""The SSRF guard of callback URLs (service.webhooks.urls), form by form: every way an IPv6 address can carry
an IPv4 address is unwrapped and judged by the IPv4 address it leads to, and every refused network of the
table is refused. Pure functions plus `check()` with the resolver's answer supplied (a hostile DNS server)."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest

from service.webhooks import urls
from service.webhooks.urls import REFUSED_NETWORKS, UrlNotAllowed, check, refusal


def teredo(server: str, client: str, port: int = 40000) -> str:
    """A Teredo address (RFC 4380): 2001:0::/32, the server's IPv4, flags, then port and client IPv4, both
    XOR-ed with all ones."""
    s, c = int(ipaddress.IPv4Address(server)), int(ipaddress.IPv4Address(client)) ^ 0xFFFFFFFF
    value = (0x20010000 << 96) | (s << 64) | (0x8000 << 48) | ((port ^ 0xFFFF) << 32) | c
    return str(ipaddress.IPv6Address(value))


# (address, what it hides): each must be refused
EMBEDDED = [
    ("2002:7f00:1::", "6to4 of 127.0.0.1"),
    ("2002:a9fe:a9fe::", "6to4 of 169.254.169.254 (cloud metadata)"),
    ("2002:a00:1:1234::1", "6to4 of 10.0.0.1"),
    ("2002:c0a8:101::", "6to4 of 192.168.1.1"),
    ("2002:6440:1::", "6to4 of 100.64.0.1"),
    (teredo("65.54.227.120", "127.0.0.1"), "Teredo, client 127.0.0.1"),
    (teredo("65.54.227.120", "169.254.169.254"), "Teredo, client 169.254.169.254"),
    (teredo("127.0.0.1", "8.8.8.8"), "Teredo, server 127.0.0.1"),
    ("64:ff9b::7f00:1", "NAT64 of 127.0.0.1"),
    ("64:ff9b::a9fe:a9fe", "NAT64 of 169.254.169.254"),
    ("64:ff9b:1::7f00:1", "local-use NAT64 of 127.0.0.1"),
    ("64:ff9b:1:ffff::a00:1", "local-use NAT64 of 10.0.0.1"),
    ("::ffff:127.0.0.1", "IPv4-mapped 127.0.0.1"),
    ("::ffff:a9fe:a9fe", "IPv4-mapped 169.254.169.254"),
    ("::127.0.0.1", "IPv4-compatible 127.0.0.1"),
    ("::a9fe:a9fe", "IPv4-compatible 169.254.169.254"),
    ("::ffff:0:7f00:1", "IPv4-translated 127.0.0.1"),
    ("fec0::1", "site-local"),
    ("feff::1", "site-local, top of the range"),
]


@pytest.mark.parametrize(("address", "hides"), EMBEDDED)
def test_every_form_that_carries_a_refused_address_is_refused(address: str, hides: str) -> None:
    assert not urls.address_allowed(ipaddress.ip_address(address), ()), f"{address} ({hides}) passes the guard"
    assert refusal(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize(
    "url",
    [
        "http://[2002:7f00:1::]/hook",
        "http://[2002:a9fe:a9fe::]/latest/meta-data/",
        f"http://[{teredo('65.54.227.120', '127.0.0.1')}]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::7f00:1]:8080/",
        "http://[fec0::1]/",
    ],
)
def test_literal_urls_of_those_forms_are_refused(url: str) -> None:
    with pytest.raises(UrlNotAllowed, match="non-public"):
        check(url, ())


def test_the_message_names_the_embedded_address() -> None:
    why = refusal(ipaddress.ip_address("2002:a9fe:a9fe::"))
    assert why is not None and "6to4" in why and "169.254.169.254" in why and "link-local" in why
    why = refusal(ipaddress.ip_address(teredo("65.54.227.120", "127.0.0.1")))
    assert why is not None and "Teredo" in why and "127.0.0.1" in why


@pytest.mark.parametrize(("network", "why"), [(str(n), w) for n, w in REFUSED_NETWORKS])
def test_every_network_of_the_table_is_refused(network: str, why: str) -> None:
    net = ipaddress.ip_network(network)
    for addr in (net.network_address, net.broadcast_address, net.network_address + net.num_addresses // 2):
        assert refusal(addr) is not None, f"{addr} in {network} ({why}) passes"


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "2002:808:808::", "::ffff:8.8.8.8", "64:ff9b::808:808"],
)
def test_public_addresses_and_forms_of_them_pass(address: str) -> None:
    assert refusal(ipaddress.ip_address(address)) is None


def test_allow_listed_network_opens_its_forms_too() -> None:
    """An operator who allow-lists 127.0.0.1/32 (the tests do) gets it in every form; nothing else opens."""
    allow = ("127.0.0.1/32",)
    assert refusal(ipaddress.ip_address("::ffff:127.0.0.1"), allow) is None
    assert refusal(ipaddress.ip_address("2002:7f00:1::"), allow) is None
    assert refusal(ipaddress.ip_address("2002:7f00:2::"), allow) is not None
    assert refusal(ipaddress.ip_address("2002:a9fe:a9fe::"), allow) is not None


def test_a_name_resolving_to_a_6to4_form_of_loopback_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check resolves the name and judges every address of the answer (a hostile DNS server's AAAA)."""

    def answer(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("2002:a9fe:a9fe::", port, 0, 0)),
        ]

    monkeypatch.setattr(urls.socket, "getaddrinfo", answer)
    with pytest.raises(UrlNotAllowed, match=r"169\.254\.169\.254"):
        check("https://hooks.example.com/x", ())
