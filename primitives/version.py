"""The version of docverify: the one place it is written (pyproject.toml reads it, `dynamic = ["version"]`);
the API's OpenAPI document and each Verification's provenance report it."""

__version__ = "0.1.0"
