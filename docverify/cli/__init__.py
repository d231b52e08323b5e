"""The `docverify` command line (contract: Command line). Thin: parsing and printing only.

One module per command group; each registers its commands on `app` here, in the order `docverify --help`
lists them (the root commands first, then the groups, each in registration order).
"""

from __future__ import annotations

import sys

import typer

from docverify.cli import clerks, clients, evaluate, models, privacy, registry, run, verify

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Read and verify Indonesian documents.")
for group in (verify, evaluate, run, models, registry, clerks, clients, privacy):
    group.register(app)


def main() -> None:  # pragma: no cover
    sys.exit(app())
