"""Issue 24: mutual TLS between an asking docverify and a registry owner. B is a real uvicorn API serving TLS that
requires a client certificate signed by its CA (as the owner's reverse proxy would); A's client presents its
certificate and trusts B's CA from `ca_file`. Without the certificate, or without trusting B, there is no answer:
the registry is unavailable, never a failed job. The client identity inside docverify stays the API key."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from service.config import RemoteRegistry, Settings
from service.db import database
from service.registry import remote
from service.registry.remote import RemoteSource
from service.registry.service import import_csv
from tests.service.test_registry import csv_bytes, row
from tests.stack import ApiProcess, issue_key, settings_for, stack_env

NIK = "3204123108900002"


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _write(path: Path, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> None:
    path.with_suffix(".key").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    path.with_suffix(".crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _issue(
    tmp: Path, label: str, ca: tuple[ec.EllipticCurvePrivateKey, x509.Certificate] | None, server: bool
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(label))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
    )
    if ca is None:
        builder = builder.issuer_name(_name(label)).add_extension(
            x509.BasicConstraints(ca=True, path_length=None), critical=True
        )
        cert = builder.sign(key, hashes.SHA256())
    else:
        builder = builder.issuer_name(ca[1].subject).add_extension(
            x509.BasicConstraints(ca=False, path_length=None), critical=True
        )
        if server:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
            ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        else:
            builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        cert = builder.sign(ca[0], hashes.SHA256())
    _write(tmp / label, key, cert)
    return key, cert


@pytest.fixture(scope="module")
def owner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    tmp = tmp_path_factory.mktemp("mtls")
    ca = _issue(tmp, "ca", None, server=False)
    _issue(tmp, "server", ca, server=True)
    _issue(tmp, "agency-a", ca, server=False)
    other_ca = _issue(tmp, "other-ca", None, server=False)
    _issue(tmp, "stranger", other_ca, server=False)
    env = stack_env(f"sqlite:///{tmp / 'b.db'}", "", tmp / "uploads")
    env.pop("REDIS_URL")
    settings = settings_for({**env, "REDIS_URL": ""})
    db = database(settings.sqlalchemy_url)
    db.ensure_schema()
    with db.session() as s:
        import io

        import_csv(s, settings, "dukcapil", io.StringIO(csv_bytes([row(NIK, "MUHAMMAD RIZKI")]).decode()))
    _client, key = issue_key(settings, "agency-a", scopes="registry_verify")
    tls = ("--ssl-keyfile", str(tmp / "server.key"), "--ssl-certfile", str(tmp / "server.crt"))
    tls += ("--ssl-ca-certs", str(tmp / "ca.crt"), "--ssl-cert-reqs", "2")
    b = ApiProcess({**env, "REDIS_URL": ""}, tmp / "b.log", args=tls, tls=True).start()
    try:
        yield f"{b.base_url}/v1/registries/dukcapil/verifications", key, tmp
    finally:
        b.stop(timeout=10)  # then killed: the pooled keep-alive connections of this process hold it open


def ask(url: str, key: str, **tls: str) -> dict[str, object]:
    remote.reset_breakers()
    settings = Settings(env="dev", registry_remote_timeout_s=3, registry_remote_attempts=1)
    config = RemoteRegistry(url=url, api_key=key, **tls)  # type: ignore[arg-type]
    return (
        RemoteSource("dukcapil", config, settings)
        .registry_block({"nik": NIK, "name": "MUHAMMAD RIZKI"})
        .model_dump(mode="json")
    )


def test_a_client_certificate_from_the_owners_ca_gets_verdicts(owner: tuple[str, str, Path]) -> None:
    url, key, tmp = owner
    block = ask(
        url,
        key,
        ca_file=str(tmp / "ca.crt"),
        client_cert=str(tmp / "agency-a.crt"),
        client_key=str(tmp / "agency-a.key"),
    )
    assert block["status"] == "match", block


def test_without_the_right_certificate_there_is_no_answer(owner: tuple[str, str, Path]) -> None:
    url, key, tmp = owner
    for tls in (
        {"ca_file": str(tmp / "ca.crt")},  # no client certificate
        {
            "ca_file": str(tmp / "ca.crt"),
            "client_cert": str(tmp / "stranger.crt"),
            "client_key": str(tmp / "stranger.key"),
        },  # one the owner's CA did not sign
        {"client_cert": str(tmp / "agency-a.crt"), "client_key": str(tmp / "agency-a.key")},
    ):  # B untrusted
        block = ask(url, key, **tls)
        assert block["status"] == "unavailable" and block["error"] == "connect", (tls, block)
    missing = ask(url, key, ca_file=str(tmp / "nowhere.crt"))
    assert missing["status"] == "unavailable" and missing["error"] == "tls_config"


def test_the_certificate_does_not_replace_the_api_key(owner: tuple[str, str, Path]) -> None:
    url, _key, tmp = owner
    block = ask(
        url,
        "dvk_000000000000_" + "x" * 43,
        ca_file=str(tmp / "ca.crt"),
        client_cert=str(tmp / "agency-a.crt"),
        client_key=str(tmp / "agency-a.key"),
    )
    assert block["status"] == "unavailable" and block["error"] == "http_401"
