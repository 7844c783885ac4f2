"""Pulls: catalogue, factor table, this kiosk's allocations, rankings and kiosk keys.

Each answer is checked against the protocol's model (sync/messages.py), and its data with the
same parser the shipped data goes through, before anything is written; it is applied through
the Ledger's own audited methods. Bad data from the registry becomes a warning on the run
(that kind is skipped, the rest still apply); the network errors propagate, so the run fails
with its reason. A kind whose version has not changed is skipped, so a nightly run does not
grow the audit log with identical rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from kiosk.catalogue import parse_catalogue
from kiosk.certificate import keys
from kiosk.certificate.address import check_public_url
from kiosk.errors import DataError, DiandianError, InputError
from kiosk.factors import parse_factor_table
from kiosk.ledger import Ledger, syncstate
from sync import protocol
from sync.messages import Allocation, Allocations, Catalogue, Factors, Keys, Rankings, problems

if TYPE_CHECKING:
    from sync.client import RegistryClient
    from sync.job import Progress, Result

RANKING_SCOPES = ("day", "venue", "all")


class BadData(Exception):
    """The registry sent something this kiosk cannot use."""


def digest(data: Any) -> str:
    """A version for data the registry sends without one: its content hash."""
    return "sha256:" + hashlib.sha256(protocol.canonical(data)).hexdigest()[:16]


M = TypeVar("M", bound=BaseModel)


def _message(model: type[M], data: Any, kind: str) -> M:
    """The answer as its model, or BadData naming what is wrong with it."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadData(f"the registry's {kind} is malformed: {problems(exc.errors())}") from None


def public_url_of(data: Any) -> str:
    """The registry's public address from an enrolment answer or a catalogue ("" when it names
    none: certificates then point to the address the kiosk syncs with)."""
    value = data.get("public_url") if isinstance(data, dict) else None
    if not value:
        return ""
    try:
        return check_public_url(value, "the registry's public_url")
    except InputError as exc:
        raise BadData(str(exc)) from None


def pull_public_url(ledger: Ledger, data: dict[str, Any], result: Result) -> None:
    """Keep the address certificate QRs point to in step with the registry's (every pull: it
    can change without a new catalogue version). A bad one is a warning; the old one stays."""
    try:
        public = public_url_of(data)
    except BadData as exc:
        result.warnings.append(str(exc))
        return
    if (syncstate.setting(ledger, "public_url") or "") != public:
        syncstate.set_settings(ledger, {"public_url": public})


def pull_catalogue(ledger: Ledger, client: RegistryClient, result: Result) -> bool:
    """A new catalogue version replaces the demo one: its projects are loaded, and any project
    it does not list is withdrawn from sale (allocation cut to what is already committed)."""
    message = _message(Catalogue, client.get(protocol.CATALOGUE), "catalogue")
    pull_public_url(ledger, message.model_dump(mode="json"), result)
    version = message.version
    changed = syncstate.pulled_version(ledger, "catalogue") != version
    if changed:
        try:
            catalogue = parse_catalogue(
                {"version": version, "project": message.projects, "allocation_g": 0},
                "registry catalogue",
            )
        except (DataError, AttributeError, TypeError) as exc:
            raise BadData(str(exc)) from exc
        if not catalogue.projects:
            raise BadData("the registry's catalogue has no projects; keeping the current one")
        with ledger.transaction():  # the new catalogue and its record land together
            ledger.load_catalogue(catalogue, actor="sync")
            syncstate.store_pulled(ledger, "catalogue", version, message.model_dump(mode="json"))
            ledger.forfeit_demo_grants(actor="sync")  # invented serials are never sold for real
            withdraw_unlisted(ledger)
        return changed
    withdraw_unlisted(ledger)
    return changed


def withdraw_unlisted(ledger: Ledger) -> None:
    """Cut every project the registry's catalogue does not list to what is committed here.

    Run every time, not only on a new catalogue: grams held for a demo order at the counter
    when the catalogue arrived come back to the allocation if that order expires."""
    stored = syncstate.pulled_data(ledger, "catalogue")
    if not stored:
        return
    listed = {p.get("id") for p in stored.get("projects", stored.get("project", []))}
    for stock in ledger.stock():
        committed = stock.reserved_g + stock.sold_g + stock.refunded_g
        if stock.project.id not in listed and stock.granted_g > committed:
            ledger.set_allocation(stock.project.id, committed, actor="sync")


def pull_factors(ledger: Ledger, client: RegistryClient, result: Result) -> bool:
    message = _message(Factors, client.get(protocol.FACTORS), "factor table")
    if syncstate.pulled_version(ledger, "factors") == message.version:
        return False
    try:
        parse_factor_table(message.table)
    except (DataError, AttributeError, TypeError) as exc:
        raise BadData(f"the registry's factor table: {exc}") from exc
    syncstate.store_pulled(ledger, "factors", message.version, message.table)
    return True


def pull_allocations(ledger: Ledger, client: RegistryClient, result: Result) -> bool:
    """Set each allocation to the registry's grant, never below what is already committed
    here (sold or held for a customer at the counter): that shortfall is a warning. Retired
    serials granted are appended in the registry's order, and the draw cursor catches up with
    the furthest gram the registry has received from this kiosk (after a restore)."""
    message = _message(Allocations, client.get(protocol.ALLOCATIONS), "allocations")
    if message.kiosk_id != ledger.kiosk_id:
        raise BadData(f"the registry sent the allocations of kiosk {message.kiosk_id}")
    with ledger.transaction():  # every allocation of this pull, or none
        return _apply_allocations(ledger, message, result)


def _apply_allocations(ledger: Ledger, message: Allocations, result: Result) -> bool:
    stocks = {stock.project.id: stock for stock in ledger.stock()}
    changed = False
    for item in message.allocations:
        project_id, granted = item.project_id, item.granted_g
        stock = stocks.get(project_id)
        if stock is None:
            result.warnings.append(f"allocation for {project_id}, a project not in the catalogue")
            continue
        committed = stock.reserved_g + stock.sold_g + stock.refunded_g
        target = granted
        if granted < committed:
            result.warnings.append(
                f"the registry grants {granted} g of {project_id} but {committed} g are "
                f"already committed here; kept {committed} g"
            )
            target = committed
        if target != stock.granted_g:
            ledger.set_allocation(project_id, target, actor="sync")
            changed = True
        changed = _apply_grants(ledger, item, result) or changed
    data = message.model_dump(mode="json")
    version = digest(data["allocations"])
    if syncstate.pulled_version(ledger, "allocations") != version:
        syncstate.store_pulled(ledger, "allocations", version, data)
        changed = True
    return changed


def _apply_grants(ledger: Ledger, item: Allocation, result: Result) -> bool:
    changed = False
    for grant in item.grants:
        try:
            added = ledger.add_grant(
                item.project_id,
                f"r{grant.id}",
                prefix=grant.prefix,
                first=grant.first,
                last=grant.last,
                width=grant.width,
                reference=_short(grant.reference),
                beneficiary=_short(grant.beneficiary),
                actor="sync",
            )
        except DiandianError as exc:
            result.warnings.append(f"grant of {item.project_id}: {exc}")
            continue
        changed = added or changed
    if item.drawn_to is not None:
        moved = ledger.raise_cursor_past(
            item.project_id, item.drawn_to.serial, item.drawn_to.to_g, actor="sync"
        )
        changed = moved or changed
    return changed


def _short(value: Any) -> str | None:
    return None if value is None else str(value)[:200]


def pull_rankings(ledger: Ledger, client: RegistryClient, result: Result) -> bool:
    changed = False
    for scope in RANKING_SCOPES:
        answer = client.get(protocol.RANKINGS, {"scope": scope})
        data = _message(Rankings, answer, "rankings").model_dump(mode="json")
        version = digest(data["rankings"])
        if syncstate.pulled_version(ledger, f"rankings:{scope}") != version:
            syncstate.store_pulled(ledger, f"rankings:{scope}", version, data)
            changed = True
    return changed


def pull_keys(ledger: Ledger, client: RegistryClient, result: Result) -> bool:
    """Other kiosks' public keys, so this kiosk can verify their certificates offline. A key
    that contradicts one already known is never taken (it would let a forger in)."""
    message = _message(Keys, client.get(protocol.KEYS), "keys")
    data = message.model_dump(mode="json")
    version = digest([data["keys"], data["revoked"]])  # a new refund is news too
    if syncstate.pulled_version(ledger, "keys") == version:
        return False
    with ledger.transaction():  # every new key of this pull, or none
        _apply_keys(ledger, message, result)
        syncstate.store_pulled(ledger, "keys", version, data)
    return True


def _apply_keys(ledger: Ledger, message: Keys, result: Result) -> None:
    known = ledger.kiosk_keys()
    for item in message.keys:
        kiosk_id, text = item.kiosk_id, item.public_key
        if known.get(kiosk_id) == text:
            continue
        if kiosk_id in known:
            result.warnings.append(f"the registry has another key for kiosk {kiosk_id}; kept ours")
            continue
        try:
            keys.public_from_text(text)
            ledger.add_kiosk_key(kiosk_id, text, source="registry", actor="sync")
        except DiandianError as exc:  # SigningKeyError, or InputError on a race
            result.warnings.append(f"key of kiosk {kiosk_id}: {exc}")


PULLS: tuple[tuple[str, Callable[[Ledger, Any, Any], bool]], ...] = (
    ("catalogue", pull_catalogue),  # first: allocations name its projects
    ("factors", pull_factors),
    ("allocations", pull_allocations),
    ("rankings", pull_rankings),
    ("keys", pull_keys),
)


def pull_all(ledger: Ledger, client: RegistryClient, result: Result, progress: Progress) -> None:
    for kind, pull in PULLS:
        try:
            if pull(ledger, client, result):
                result.pulled += 1
                progress.log(f"pulled {kind}")
        except BadData as exc:
            result.warnings.append(str(exc))
            progress.log(f"skipped {kind}: {exc}")
