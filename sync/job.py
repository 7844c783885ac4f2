"""The nightly sync job: push the outbox in recorded batches, then pull what the registry holds.

Exactly-once, the Stripe way: a batch (its id, entry ids and exact body) is committed to the
ledger before it is sent with `Idempotency-Key: <batch id>`. Whatever kills the job (power,
SIGKILL, a dropped link), the next run first resends every unanswered batch byte for byte; the
registry either replays its stored answer or, never having seen it, applies it, and its
per-order upsert makes even a rebuilt batch harmless. Outbox rows are only ever acked, never
deleted; rejected ones go to `sync_rejects` for the admin and are not resent until cleared.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
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
from sync.batch_body import Pending, Unreadable, build_body, fit
from sync.client import Refused, RegistryClient, SyncError
from sync.messages import PushResponse, problems

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


def prepare(
    ledger: Ledger, size: int = protocol.MAX_BATCH, result: Result | None = None
) -> Pending | None:
    """Cut the next batch of sendable entries (not recorded yet), or None when done. An entry
    too large to go alone is filed as rejected here, with the reason."""
    while entries := syncstate.sendable(ledger, size):
        try:
            pending = fit(entries)
        except Unreadable as bad:  # filed, so the entries after it still go
            entry = bad.entry
            reason = f"its stored payload cannot be read ({bad}): see `diandian ledger verify`"
        else:
            if pending is not None:
                return pending
            entry = entries[0]
            size_now = len(build_body(str(uuid.uuid4()), [entry]))
            reason = f"the record is {size_now:,} bytes; the registry takes at most "
            reason += f"{protocol.MAX_PUSH_BODY:,} per push"
        syncstate.file_rejects(ledger, [(entry["id"], entry["order_id"], reason)])
        if result is not None:
            result.rejected += 1
    return None


def next_batch(
    ledger: Ledger,
    size: int = protocol.MAX_BATCH,
    result: Result | None = None,
    *,
    sent: bool = False,
) -> Batch | None:
    """Record the next batch of sendable entries (one transaction), or None when done."""
    pending = prepare(ledger, size, result)
    if pending is None:
        return None
    return syncstate.record_batch(
        ledger, pending.batch_id, pending.entry_ids, pending.body, sent=sent
    )


@dataclass(frozen=True, slots=True)
class Dead:
    """The registry holds other records under the batch's id (409 idempotency_conflict)."""

    refusal: Refused


def post(client: RegistryClient, batch: Batch) -> Any:
    """Send one recorded batch byte for byte: the registry's answer, or Dead."""
    try:
        return client.post(protocol.PUSH, batch.body, idempotency_key=batch.batch_id)
    except Refused as exc:
        if exc.status != 409 or exc.code != "idempotency_conflict":
            raise  # any other refusal (a 409 about the records themselves too) ends the run
        return Dead(exc)


def settle(ledger: Ledger, batch: Batch, answer: Any, result: Result) -> None:
    """Apply the registry's answer to a batch in one transaction (the caller's, if open)."""
    if isinstance(answer, Dead):
        # It cannot happen with our own byte-for-byte resends; a ledger restored beside a live
        # one could do it. The key is dead: close the batch unanswered so its entries go again
        # in a new batch, where the registry's per-order check answers `duplicate` for any it
        # already has.
        syncstate.finish_batch(ledger, batch.batch_id, [])
        refusal = answer.refusal
        result.warnings.append(f"batch {batch.batch_id} conflicted at the registry: {refusal}")
        return
    apply_answer(ledger, batch, answer, result)


def send(ledger: Ledger, client: RegistryClient, batch: Batch, result: Result) -> None:
    """Send one recorded batch (byte for byte) and apply the registry's per-record answer."""
    if batch.sent_at is None:
        syncstate.mark_sent(ledger, batch.batch_id)
    settle(ledger, batch, post(client, batch), result)


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
    if salvage:  # each answer alone: one the damaged ledger cannot record must not stop the rest
        while (alone := next_batch(ledger, batch_size, result)) is not None:
            deliver(alone)
            _advance(ledger, run_id, result, progress, len(alone.entry_ids))
            progress.detail(f"batch {result.batches}: {len(alone.entry_ids)} records sent")
        return
    _pipelined(ledger, client, result, progress, batch_size, run_id, sends)


class Cutter:
    """Cuts the next batch on a worker thread while this one waits for the registry, reading
    the outbox through its own read-only connection (the ledger's stays on its own thread).
    It writes nothing: what it cuts is recorded by the caller."""

    def __init__(self, ledger: Ledger, size: int) -> None:
        self.ledger, self.size = ledger, size
        self.conn: sqlite3.Connection | None = None
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="push")

    def _cut(self) -> Pending | None:
        if self.conn is None:
            self.conn = syncstate.reader(self.ledger)
        entries = syncstate.sendable_in(self.conn, self.size)
        try:
            return fit(entries) if entries else None
        except Unreadable:  # left to `prepare`, which files it under the write lock
            return None

    def start(self) -> Future[Pending | None]:
        return self.worker.submit(self._cut)

    def close(self) -> None:
        def close_conn() -> None:
            if self.conn is not None:
                self.conn.close()

        self.worker.submit(close_conn).result()
        self.worker.shutdown()


def _pipelined(
    ledger: Ledger,
    client: RegistryClient,
    result: Result,
    progress: Progress,
    batch_size: int,
    run_id: int | None,
    sends: Counter[int],
) -> None:
    """New batches, one in flight at a time: while the registry works on batch N, batch N+1
    is cut and encoded on a worker thread. Once N's answer is in, one ledger transaction
    applies it, saves the run's count and records N+1 (id, entries, exact body), which is only
    then sent. A crash before that commit leaves N unanswered (resent, its answer replayed)
    and N+1 unwritten; after it, N+1 is an unanswered batch like any other.
    """
    batch: Batch | None = next_batch(ledger, batch_size, result, sent=True)
    cutter = Cutter(ledger, batch_size)
    try:
        while batch is not None:
            _count_sends(sends, batch)
            ahead = cutter.start()  # it reads with N recorded: N's entries are left out
            answer = post(client, batch)
            cut = ahead.result()
            with ledger.transaction():
                settle(ledger, batch, answer, result)
                _advance(ledger, run_id, result, progress, len(batch.entry_ids))
                # None: nothing was left then, or one entry too large to send or unreadable;
                # look again (a dead batch id gives its entries back), filing any such entry
                # as rejected
                upcoming = cut or prepare(ledger, batch_size, result)
                done, batch = batch, None
                if upcoming is not None:
                    batch = syncstate.record_batch(
                        ledger, upcoming.batch_id, upcoming.entry_ids, upcoming.body, sent=True
                    )
            progress.detail(f"batch {result.batches}: {len(done.entry_ids)} records sent")
    finally:
        cutter.close()


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
