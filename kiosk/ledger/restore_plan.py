"""What restoring a backup would do: the plan `compare` (restore_compare.py) makes and prints.

The plan sets the backup against the current ledger: counts, the paid orders (and refunds) only
the current ledger records, which would be lost from this kiosk, and the high-water marks, the
highest certificate serial and order seq known on this machine, after which the restored
ledger must continue. They are read from the backup, the current ledger (its counters and
orders, and what the sync state says went to the registry: the outbox and the recorded sync
batches; as far as a damaged file can still be read), the other backups, and the files earlier
restores kept. When the current ledger cannot be read, the numbers it issued since the backup
are unknown, so the plan skips MARGIN more: a gap is harmless, a serial used twice is not.
Likewise the paid orders it would lose are then unknown, never "0": the plan says why, and
the restore needs that acknowledged (restore.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.errors import DiandianError
from kiosk.ledger.restore_closes import CloseMarks
from kiosk.ledger.restore_credit import CreditMarks
from kiosk.ledger.verify import Report
from kiosk.money import format_fen

MARGIN = 10_000
KEPT = ".before-restore-"


class RestoreRefused(DiandianError):
    """The restore was refused; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Numbers:
    """One ledger file at a glance."""

    kiosk_id: str
    orders: int
    paid: int  # orders holding a certificate serial (paid, or paid and then voided)
    serial: int  # the highest serial issued
    seq: int  # the highest order seq issued
    last_change: str  # the time of its newest audit row


@dataclass(frozen=True, slots=True)
class LostOrder:
    """A payment or a refund that only the current ledger records."""

    code: str
    serial: int
    amount_fen: int
    at: str
    kind: str  # "payment" or "refund"
    at_registry: bool  # the registry acknowledged it: it is not lost there


@dataclass(frozen=True)
class RestorePlan:
    backup: Path
    ledger: Path
    taken_at: str  # from the backup's name (UTC), or the file's modification time
    report: Report  # `ledger verify` on the backup
    in_backup: Numbers
    current: Numbers | None  # None: missing or unusable (current_problem says why)
    current_problem: str
    lost: tuple[LostOrder, ...]
    lost_unknown: str  # why `lost` may be incomplete ("" when it is the whole list)
    unpaid_dropped: int  # orders awaiting payment (or drafts) only the current ledger has
    next_serial: int
    next_seq: int
    margin: int  # numbers skipped beyond the high-water marks (the current ledger unknown)
    sources: tuple[str, ...]  # what the high-water marks were read from
    accounts_gone: tuple[str, ...]  # staff accounts added after the backup
    enrolment_gone: bool  # the kiosk was enrolled after the backup: enrol it again
    identity_from: str  # the kiosk id of a new, empty ledger the backup's identity replaces
    credit: CreditMarks = field(default_factory=CreditMarks)  # grants and cursors to carry
    closes: CloseMarks = field(default_factory=CloseMarks)  # day closes to carry

    @property
    def skipped_serials(self) -> tuple[int, int] | None:
        return _span(self.in_backup.serial, self.next_serial)

    @property
    def skipped_seqs(self) -> tuple[int, int] | None:
        return _span(self.in_backup.seq, self.next_seq)

    def lines(self) -> list[str]:
        """The plan in plain words (the console says the same, translated)."""
        b = self.in_backup
        verified = "verifies" if self.report.ok else f"does NOT verify: {self.report.problems[0]}"
        out = [
            f"backup {self.backup} (taken {self.taken_at}): {verified}",
            f"  in the backup: {b.orders} orders, {b.paid} paid, last serial {b.serial},"
            f" last order seq {b.seq}, last change {b.last_change or '-'}",
        ]
        if self.current is not None:
            c = self.current
            out.append(
                f"  now:           {c.orders} orders, {c.paid} paid, last serial {c.serial},"
                f" last order seq {c.seq}, last change {c.last_change or '-'}"
            )
        else:
            out.append(f"  the current ledger cannot be used: {self.current_problem}")
        if self.lost_unknown:
            out.append(
                f"paid orders lost from this kiosk: unknown ({len(self.lost)} listed;"
                f" {self.lost_unknown})"
            )
        else:
            out.append(f"paid orders lost from this kiosk: {len(self.lost)}")
        for lost in self.lost:
            where = "at the registry" if lost.at_registry else "NOT at the registry"
            out.append(
                f"  serial {lost.serial}, order {lost.code}, {format_fen(lost.amount_fen)},"
                f" {lost.kind} {lost.at} ({where})"
            )
        if self.unpaid_dropped:
            out.append(f"unpaid orders dropped: {self.unpaid_dropped}")
        skipped = f"; {self.margin} more skipped" if self.margin else ""
        out.append(
            f"new serials continue from {self.next_serial}, order seqs from {self.next_seq}"
            f" (the highest known, from {', '.join(self.sources)}{skipped})"
        )
        if self.accounts_gone:
            out.append(f"note: accounts added after the backup: {', '.join(self.accounts_gone)}")
        if self.enrolment_gone:
            out.append("note: the backup predates this kiosk's enrolment: enrol it again")
        if self.identity_from:
            out.append(
                f"note: this new ledger (kiosk {self.identity_from}, no orders) takes the"
                f" backup's identity, kiosk {self.in_backup.kiosk_id}"
            )
        return out


def _span(before: int, following: int) -> tuple[int, int] | None:
    return (before + 1, following - 1) if following - 1 > before else None
