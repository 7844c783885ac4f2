"""Retired serials for a test ledger, granted through the Ledger's own `add_grant` (what the
sync job does with a registry's grant), so an order larger than the demo allowance can sell."""

from __future__ import annotations

from kiosk.credit import TONNE_G
from kiosk.ledger import Ledger


def grant_tonnes(ledger: Ledger, project_id: str, grams: int, *, actor: str = "test") -> str:
    """Grant enough whole retired tonnes for `grams` more, and raise the count to match;
    returns the grant's serial prefix."""
    tonnes = -(-grams // TONNE_G)
    number = len(ledger.grants(project_id)) + 1
    prefix = f"TEST-{project_id.upper()}-{number}-"
    ledger.add_grant(
        project_id,
        f"test:{project_id}:{number}",
        prefix=prefix,
        first=1,
        last=tonnes,
        width=6,
        reference=f"TEST-RETIREMENT-{number}",
        beneficiary="Diandian test visitors",
        actor=actor,
    )
    stock = next(s for s in ledger.stock() if s.project.id == project_id)
    ledger.set_allocation(project_id, stock.granted_g + tonnes * TONNE_G, actor=actor)
    return prefix
