"""sanctionwatch: news reports in, sourced and structured sanctions evidence out."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
