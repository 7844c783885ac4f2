"""The offset catalogue: projects a kiosk can sell, with prices in integer fen per tonne.

The shipped catalogue is demo data (every name says so); the registry's catalogue, pulled by
sync, replaces it through the same `parse_catalogue`, so both are checked the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

from kiosk.credit import CreditModel
from kiosk.errors import DataError
from kiosk.money import MAX_PRICE_FEN_PER_T
from kiosk.resources import load_toml
from kiosk.timestamps import FIRST_YEAR, LAST_YEAR

LANGS = ("zh", "en", "fr")


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    name: Mapping[str, str]
    type: str
    location: Mapping[str, str]
    standard: str
    vintage: int
    price_fen_per_t: int
    description: Mapping[str, str]
    picture: str = ""
    credit_model: CreditModel = CreditModel.RETIRE_FIRST  # kiosk.credit: retire or sell first

    @property
    def retire_first(self) -> bool:
        return self.credit_model == CreditModel.RETIRE_FIRST

    def label(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or self.id

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready content, as the ledger stores it and sync sends it."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Project:
        texts = {k: MappingProxyType(dict(data[k])) for k in ("name", "location", "description")}
        model = CreditModel(data.get("credit_model", CreditModel.RETIRE_FIRST))
        return cls(**{**data, **texts, "credit_model": model})


def _plain(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


@dataclass(frozen=True, slots=True)
class Catalogue:
    version: str
    demo: bool
    projects: tuple[Project, ...]
    allocation_g: int  # demo allowance per project until the registry sets real ones


def _texts(row: Mapping[str, Any], key: str, where: str) -> Mapping[str, str]:
    texts = row.get(key)
    if not isinstance(texts, Mapping) or not all(isinstance(texts.get(k), str) for k in LANGS):
        raise DataError(f"{where}: {key} needs zh, en and fr text")
    return MappingProxyType({k: texts[k] for k in LANGS})


def _whole(row: Mapping[str, Any], key: str, where: str, low: int, high: int) -> int:
    value = row.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise DataError(f"{where}: {key} must be a whole number from {low} to {high}")
    return value


def _model(row: Mapping[str, Any], where: str) -> CreditModel:
    value = row.get("credit_model", CreditModel.RETIRE_FIRST)
    try:
        return CreditModel(value)
    except ValueError:
        allowed = " or ".join(m.value for m in CreditModel)
        raise DataError(f"{where}: credit_model {value!r} is not {allowed}") from None


def parse_catalogue(data: Mapping[str, Any], source: str = "catalogue") -> Catalogue:
    projects: list[Project] = []
    for index, row in enumerate(data.get("project", [])):
        where = f"{source} project #{index + 1} ({row.get('id', '?')})"
        if not isinstance(row.get("id"), str) or not row["id"]:
            raise DataError(f"{where}: missing id")
        projects.append(
            Project(
                id=row["id"],
                name=_texts(row, "name", where),
                type=str(row.get("type", "")),
                location=_texts(row, "location", where),
                standard=str(row.get("standard", "")),
                vintage=_whole(row, "vintage", where, FIRST_YEAR, LAST_YEAR),
                price_fen_per_t=_whole(row, "price_fen_per_t", where, 1, MAX_PRICE_FEN_PER_T),
                description=_texts(row, "description", where),
                picture=str(row.get("picture", "")),
                credit_model=_model(row, where),
            )
        )
    if len({p.id for p in projects}) != len(projects):
        raise DataError(f"{source}: a project id appears twice")
    if not isinstance(data.get("version"), str):
        raise DataError(f"{source}: missing version")
    allocation = data.get("allocation_g", 0)
    return Catalogue(data["version"], bool(data.get("demo")), tuple(projects), int(allocation))


def load_demo_catalogue() -> Catalogue:
    return parse_catalogue(load_toml("catalogue", "projects.toml"), "catalogue/projects.toml")
