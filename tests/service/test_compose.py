"""compose.yaml runs with the environment the multi-host test runs with (issue 22): both read
deploy/cluster.env, whose every setting is one docverify knows, and which holds no secret."""

from __future__ import annotations

import re

import yaml

from service.config import Settings
from tests.multihost.test_multihost import DEPLOY_ENV, cluster_env, deploy_env
from tests.stack import ROOT


def test_compose_services_read_the_multihost_environment() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    for name in ("api", "worker"):
        assert services[name]["env_file"] == [DEPLOY_ENV.relative_to(ROOT).as_posix()]
    env = deploy_env()
    assert env and all(cluster_env()[k] == v for k, v in env.items())  # the test adds timings, changes none
    # every host the settings name is a service of the compose file
    hosts = {m.group(1) for v in env.values() for m in re.finditer(r"(?:@|//)([a-z0-9-]+):\d+", v)}
    assert hosts == {"postgres", "redis", "seaweedfs"} and hosts <= set(services)


def test_cluster_env_names_only_known_settings_and_no_secret() -> None:
    fields = set(Settings.model_fields)
    for key in deploy_env():
        assert key in ("DATABASE_URL", "REDIS_URL") or key.removeprefix("DOCVERIFY_").lower() in fields, key
        assert not re.search(r"SECRET|PASSWORD|_KEYS?$|TOKEN", key), key
    Settings(
        env="dev",
        **{k.removeprefix("DOCVERIFY_").lower(): v for k, v in deploy_env().items() if k.startswith("DOCVERIFY_")},
    )
