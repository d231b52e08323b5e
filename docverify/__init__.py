"""docverify: document verification for Indonesian public services. This package is the top of the house: the
command line (`docverify.cli`) and the evaluation harnesses behind `docverify eval*`; nothing below imports it.
The version is `primitives.version.__version__`."""
