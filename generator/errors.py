"""Fatal conditions. Problems in the records are findings, never exceptions."""


class GeneratorError(Exception):
    """Base of every fatal condition the CLI turns into an exit code."""

    exit_code = 3


class UsageError(GeneratorError):
    """Bad command-line arguments or an unreadable records folder (exit code 2)."""

    exit_code = 2


class BuildError(GeneratorError):
    """The site could not be built (exit code 3); the previous site is left intact."""

    exit_code = 3
