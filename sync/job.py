"""The nightly sync job: push the outbox in recorded batches, then pull what the registry holds.

Exactly-once, the Stripe way: a batch (its id, entry ids and exact body) is committed to the
ledger before it is sent with `Idempotency-Key: <batch id>`. Whatever kills the job (power,
SIGKILL, a dropped link), the next run first resends every unanswered batch byte for byte; the
registry either replays its stored answer or, never having seen it, applies it, and its
per-order upsert makes even a rebuilt batch harmless. Outbox rows are only ever acked, never
deleted; rejected ones go to `sync_rejects` for the admin and are not resent until cleared.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import Counter
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import time, timedelta
from typing import Any, Protocol

from pydantic import ValidationError

from kiosk.ledger import Ledger, LedgerUnavailable, syncstate
from kiosk.ledger.syncstate import Batch
from kiosk.timestamps import stamp
from sync import protocol
from sync import pull as pulls
from sync.client import Refused, RegistryClient, SyncError
from sync.messages import PushRecord, PushRequest, PushResponse, problems

log = logging.getLogger(__name__)
BODY_KEEP_DAYS = 30  # an answered batch's exact bytes are kept this long, then emptied
# How often one run may put an outbox entry into a batch: once, and once more after the
# registry declared a batch id dead (409 idempotency_conflict). A third time is a loop.
MAX_SENDS_PER_RUN = 2


class Progress(Protocol):
    """Where the job reports: a rich bar on a terminal, plain lines in a log."""

    def start(self, total: int) -> None: ...

    def advance(self, count: int) -> None: ...

    def log(self, line: str) -> None: ...

    def detail(self, line: str) -> None: ...


class Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, count: int) -> None:
        pass

    def log(self, line: str) -> None:
        pass

    def detail(self, line: str) -> None:
        pass


@dataclass
class Result:
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    batches: int = 0
    pulled: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def pushed(self) -> int:
        """Records the registry now holds (accepted now or before)."""
        return self.accepted + self.duplicates

    def summary(self) -> str:
        text = (
            f"pushed {self.pushed} ({self.accepted} accepted, {self.duplicates} duplicate, "
            f"{self.rejected} rejected) in {self.batches} batch(es); pulled {self.pulled} update(s)"
        )
        return text + (f"; {len(self.warnings)} warning(s)" if self.warnings else "")


def build_body(batch_id: str, entries: Sequence[Any]) -> bytes:
    """The PushRequest for outbox rows, in the canonical encoding both sides hash."""
    records = [
        PushRecord(
            outbox_id=row["id"],
            order_id=row["order_id"],
            event=row["event"],
            payload=json.loads(row["payload"]),
        )
        for row in entries
    ]
    request = PushRequest(batch_id=batch_id, records=records)
    return protocol.canonical(request.model_dump(mode="json"))


def next_batch(
    ledger: Ledger, size: int = protocol.MAX_BATCH, result: Result | None = None
) -> Batch | None:
    """Record the next batch of sendable entries (one transaction), or None when done.

    A batch whose body would pass the registry's cap (protocol.MAX_PUSH_BODY) is halved
    until it fits; an entry too large to go alone is filed as rejected here, with the reason.
    """
    while entries := syncstate.sendable(ledger, size):
        batch_id = str(uuid.uuid4())
        body = build_body(batch_id, entries)
        while len(body) > protocol.MAX_PUSH_BODY and len(entries) > 1:
            entries = entries[: len(entries) // 2]
            body = build_body(batch_id, entries)
        if len(body) <= protocol.MAX_PUSH_BODY:
            return syncstate.record_batch(ledger, batch_id, [row["id"] for row in entries], body)
        (entry,) = entries
        reason = f"the record is {len(body):,} bytes; the registry takes at most "
        reason += f"{protocol.MAX_PUSH_BODY:,} per push"
        syncstate.file_rejects(ledger, [(entry["id"], entry["order_id"], reason)])
        if result is not None:
            result.rejected += 1
    return None


def send(ledger: Ledger, client: RegistryClient, batch: Batch, result: Result) -> None:
    """Send one recorded batch (byte for byte) and apply the registry's per-record answer."""
    if batch.sent_at is None:
        syncstate.mark_sent(ledger, batch.batch_id)
    try:
        answer = client.post(protocol.PUSH, batch.body, idempotency_key=batch.batch_id)
    except Refused as exc:
        if exc.status != 409 or exc.code != "idempotency_conflict":
            raise  # any other refusal (a 409 about the records themselves too) ends the run
        # The registry holds other records under this batch id (it cannot happen with our own
        # byte-for-byte resends; a ledger restored beside a live one could do it). The key is
        # dead: close the batch unanswered so its entries go again in a new batch, where the
        # registry's per-order check answers `duplicate` for any it already has.
        syncstate.finish_batch(ledger, batch.batch_id, [])
        result.warnings.append(f"batch {batch.batch_id} conflicted at the registry: {exc}")
        return
    apply_answer(ledger, batch, answer, result)


def _count_sends(sends: Counter[int], batch: Batch) -> None:
    """Stop a run that would send an entry a third time: something answers in a loop."""
    sends.update(batch.entry_ids)
    again = [entry for entry in batch.entry_ids if sends[entry] > MAX_SENDS_PER_RUN]
    if again:
        raise SyncError(
            f"outbox entry {again[0]} would go to the registry {sends[again[0]]} times in this "
            "run (its batches keep being refused); stopping"
        )


def apply_answer(ledger: Ledger, batch: Batch, answer: Any, result: Result) -> None:
    """Ack accepted and duplicate entries, file rejected ones, mark the batch answered.

    An answer that does not cover the batch exactly is refused before anything is applied:
    the batch stays unanswered and is resent next time.
    """
    try:
        answer = PushResponse.model_validate(answer)
    except ValidationError as exc:
        raise Refused(
            f"the registry's answer to batch {batch.batch_id} is malformed: "
            f"{problems(exc.errors())}"
        ) from None
    if answer.batch_id != batch.batch_id:
        raise Refused(f"the registry answered batch {batch.batch_id} with another batch's id")
    by_id = {item.outbox_id: item for item in answer.results}
    missing = [i for i in batch.entry_ids if i not in by_id]
    if missing:
        raise Refused(
            f"the registry's answer to batch {batch.batch_id} lacks {len(missing)} record(s)"
        )
    acks, rejects = [], []
    for entry_id in batch.entry_ids:
        item = by_id[entry_id]
        if item.status == "rejected":
            reason = (item.reason or "no reason given")[:500]
            rejects.append((entry_id, item.order_id, reason))
        else:
            acks.append(entry_id)
            if item.status == "accepted":
                result.accepted += 1
            else:
                result.duplicates += 1
    if acks:
        ledger.outbox_ack(acks, actor="sync")
    syncstate.finish_batch(ledger, batch.batch_id, rejects)
    result.rejected += len(rejects)
    result.batches += 1


def push(
    ledger: Ledger,
    client: RegistryClient,
    result: Result,
    progress: Progress,
    batch_size: int = protocol.MAX_BATCH,
    run_id: int | None = None,
    salvage: bool = False,
) -> None:
    """Unanswered batches first (a crashed run's), then new ones until the queue is empty.
    The run's pushed count is saved after every batch, so a killed run still shows it.

    `salvage`: the ledger is damaged outside the tables a push needs (see `diandian sync`);
    an answer that cannot be recorded (acks write the audit log) is reported and the push
    goes on, so the registry gets every sale the outbox holds before the restore.
    """
    waiting = syncstate.unanswered_batches(ledger)
    progress.start(syncstate.queue_length(ledger))
    sends: Counter[int] = Counter()

    def deliver(batch: Batch) -> None:
        _count_sends(sends, batch)
        try:
            send(ledger, client, batch, result)
        except LedgerUnavailable as exc:
            if not salvage:
                raise
            result.warnings.append(
                f"the registry holds batch {batch.batch_id}; its answer could not be "
                f"recorded in the damaged ledger: {exc}"
            )

    for batch in waiting:
        progress.log(f"resending batch {batch.batch_id} ({len(batch.entry_ids)} records)")
        deliver(batch)
        _advance(ledger, run_id, result, progress, len(batch.entry_ids))
    while (batch := next_batch(ledger, batch_size, result)) is not None:
        deliver(batch)
        _advance(ledger, run_id, result, progress, len(batch.entry_ids))
        progress.detail(f"batch {result.batches}: {len(batch.entry_ids)} records sent")


def _advance(
    ledger: Ledger, run_id: int | None, result: Result, progress: Progress, count: int
) -> None:
    progress.advance(count)
    if run_id is not None:
        syncstate.update_run(ledger, run_id, pushed=result.pushed, pulled=result.pulled)


def run(
    ledger: Ledger,
    client: RegistryClient,
    *,
    progress: Progress | None = None,
    pull: bool = True,
    batch_size: int | None = None,
    salvage: bool = False,
    close_days: bool = False,
    close_at: time | None = None,
) -> Result:
    """One sync run, recorded in `sync_runs` whatever happens (a killed run shows up as
    'interrupted' when the next one starts). `close_days`: first close every business day
    due (kiosk.day_close: ended, or past `close_at` today), so their summaries go out now."""
    progress = progress or Silent()
    result = Result()
    if close_days and client.key is not None and not salvage:
        from kiosk.day_close import close_due

        for made in close_due(ledger, client.key, close_at):
            log.info("closed business day %s (revision %d)", made.day, made.revision)
    run_id = syncstate.start_run(ledger)
    log.info("sync run %d of kiosk %s with %s", run_id, ledger.kiosk_id, client.base_url)
    try:
        push(ledger, client, result, progress, batch_size or protocol.MAX_BATCH, run_id, salvage)
        if pull:
            pulls.pull_all(ledger, client, result, progress)
    except BaseException as exc:
        reason = str(exc) if isinstance(exc, SyncError) else f"{type(exc).__name__}: {exc}"
        log.error("sync run %d failed: %s", run_id, reason)
        with suppress(Exception):  # a ledger that fails here already has the reason to show
            syncstate.end_run(
                ledger,
                run_id,
                pushed=result.pushed,
                pulled=result.pulled,
                outcome="failed",
                error=reason[:1000],
            )
        raise
    cutoff = stamp(ledger.clock() - timedelta(days=BODY_KEEP_DAYS))
    syncstate.prune_batches(ledger, cutoff)
    if abs(client.clock_offset_s) > 60:
        result.warnings.append(
            f"this kiosk's clock is {-client.clock_offset_s:+.0f} s off the registry's; "
            "requests were signed by the registry's time (set the clock or enable NTP)"
        )
    if result.rejected:
        result.warnings.append(
            f"{result.rejected} record(s) rejected by the registry; see `diandian sync --rejects`"
        )
    syncstate.end_run(
        ledger,
        run_id,
        pushed=result.pushed,
        pulled=result.pulled,
        outcome="warnings" if result.warnings else "ok",
        error="; ".join(result.warnings)[:1000] or None,
    )
    log.info("sync run %d: %s", run_id, result.summary())
    for warning in result.warnings:
        log.warning("sync run %d: %s", run_id, warning)
    return result
