"""docverify: document verification for Indonesian public services."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("docverify")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"
