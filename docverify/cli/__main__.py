"""`python -m docverify.cli …`: how `docverify serve` starts its workers, and how the tests and benchmarks run
the command line with the interpreter they run under."""

from docverify.cli import main

main()
