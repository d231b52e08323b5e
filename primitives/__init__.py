"""The bottom of the house: what the pipeline, the service, the review UI, the generators and the CLI all share
(NIK helpers, region codes, file formats and limits, the version). Imports nothing of the project, so that any
layer may import it without a cycle (tests/unit/test_imports.py checks it)."""
