"""`python -m onrecord`: the same command line as the `onrecord` script."""

from onrecord.cli import main

main()
