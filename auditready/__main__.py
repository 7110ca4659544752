"""`python -m auditready` runs the command line."""

from auditready.cli import main

main()
