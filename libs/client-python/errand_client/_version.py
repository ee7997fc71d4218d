"""The version of errand-client, kept in step with pyproject.toml."""

__version__ = "0.1.0"
