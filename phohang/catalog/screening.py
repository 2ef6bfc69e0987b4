"""The screening step of publishing: a listing is checked before buyers see it.

The catalog owns the step; the rules (banned and restricted goods, words, categories, goods that
need an origin or a certificate) and the review queue belong to `compliance`, which registers a
`Screener` when it starts (arrows point down: the catalog never imports it).
"""

from dataclasses import dataclass
from typing import Protocol

from phohang.core.audit import AuditContext

from .models import Product


@dataclass(frozen=True)
class Finding:
    """One reason to hold a listing: a code, the words or rule matched, a note for staff."""

    code: str
    matched: str
    note: str = ""


class Screener(Protocol):
    def screen(self, product: Product) -> list[Finding]:
        """What keeps `product` from going public without review (empty: nothing)."""
        ...

    def hold(self, product: Product, findings: list[Finding], context: AuditContext | None) -> None:
        """Put `product` in the review queue with `findings`."""
        ...


_screeners: list[Screener] = []


def screener_register(screener: Screener) -> None:
    """Called once from an AppConfig.ready(); a second registration of the same kind is ignored."""
    if not any(type(existing) is type(screener) for existing in _screeners):
        _screeners.append(screener)


def screening_run(product: Product) -> list[tuple[Screener, list[Finding]]]:
    """Every registered screener's findings for `product` (screeners with none left out)."""
    results = []
    for screener in _screeners:
        findings = screener.screen(product)
        if findings:
            results.append((screener, findings))
    return results
