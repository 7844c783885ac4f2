"""The schema of `diandian.toml` (pydantic), and the one-line messages its errors become.

Why one schema: each setting's type, range and "what is allowed" text are declared once,
beside the field, instead of a hand-written check per key that a new key can forget. The
models are strict (the file says `idle_timeout_s = "60"`: a string, refused, not guessed) and
refuse unknown keys, so a typo is named rather than ignored. A field's `description` is its
"allowed" text; a validator that needs a message of its own raises `InputError`.

The [printer] table's schema is `kiosk.slips.printers.PrinterConfig` (a validated frozen
dataclass: the same type the printing code receives).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

# pydantic looks for plugins (an entry-point scan of every installed package, ~25 ms on the
# kiosk's start-up path) when the first model below is built; the project uses none, and a
# package installed beside ours must not hook into how the kiosk's settings are checked.
# pydantic's documented switch; a value the operator set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic.dataclasses import is_pydantic_dataclass

from kiosk.certificate.address import ALLOWED as PUBLIC_URL_ALLOWED
from kiosk.certificate.address import check_public_url
from kiosk.errors import InputError
from kiosk.registry_url import ALLOWED as REGISTRY_URL_ALLOWED
from kiosk.registry_url import check_registry_url

STRICT = ConfigDict(strict=True, extra="forbid", str_strip_whitespace=True)
TABLE = ConfigDict(strict=True, extra="forbid", str_strip_whitespace=True, frozen=True)
Language = Literal["zh", "en", "fr"]
LANGUAGES: tuple[Language, ...] = ("zh", "en", "fr")
IDLE_RANGE_S = (15, 3600)
TABLES = ("kiosk", "printer", "registry", "payment")
CLOSE_DAY_AT = ""  # no hour: a business day closes by itself once it has ended


def not_allowed(field: str, value: Any, allowed: str) -> InputError:
    said = "missing" if value in ("", None) else f"{value!r} is not allowed"
    return InputError(field, f"{said}; allowed: {allowed}")


def allowed_texts(schema: type) -> dict[str, str]:
    """Each field's "allowed" text (its description), of a pydantic model or dataclass."""
    if is_pydantic_dataclass(schema) or issubclass(schema, BaseModel):
        fields = schema.__pydantic_fields__
    else:
        raise TypeError(f"{schema.__name__} is not a pydantic model or dataclass")
    return {name: field.description or "" for name, field in fields.items()}


def input_errors(exc: ValidationError, schema: type, data: Mapping[str, Any]) -> list[InputError]:
    """One InputError per bad key of `data`, in the file's words: key, value, what is allowed."""
    fields = allowed_texts(schema)
    found: dict[str, InputError] = {}
    for error in exc.errors():
        raised = (error.get("ctx") or {}).get("error")
        key = str(error["loc"][0]) if error["loc"] else ""
        if isinstance(raised, InputError):
            problem = raised
        elif key not in fields:
            problem = InputError(key, f"unknown setting; allowed: {', '.join(fields)}")
        else:
            problem = not_allowed(key, data.get(key), fields[key])
        found.setdefault(problem.field, problem)
    return list(found.values())


class KioskTable(BaseModel):
    """[kiosk]: None means "the venue's own default"."""

    model_config = TABLE

    venue: str | None = Field(None, description="a venue id")
    idle_timeout_s: int | None = Field(
        None,
        ge=IDLE_RANGE_S[0],
        le=IDLE_RANGE_S[1],
        description=f"whole seconds from {IDLE_RANGE_S[0]} to {IDLE_RANGE_S[1]}",
    )
    languages: list[Language] = Field(
        default_factory=lambda: list(LANGUAGES),
        min_length=1,
        description=f"a list of {', '.join(LANGUAGES)}",
    )
    # when the business day closes by itself (kiosk.day_close), China time
    close_day_at: str = Field(
        CLOSE_DAY_AT,
        pattern=r"^(([01][0-9]|2[0-3]):[0-5][0-9])?$",
        description="a time of day, HH:MM from 00:00 to 23:59 (China time)",
    )

    @field_validator("venue")
    @classmethod
    def _known_venue(cls, value: str | None) -> str | None:
        from kiosk.venues import load_venues

        known = sorted(load_venues())
        if value is not None and value not in known:
            raise InputError("venue", f"{value!r} is not a venue; allowed: {', '.join(known)}")
        return value


class RegistryTable(BaseModel):
    model_config = TABLE

    url: str = Field("", description=REGISTRY_URL_ALLOWED)
    # where certificate QRs point until enrolment names the registry's (kiosk.certificate.address)
    public_url: str = Field("", description=PUBLIC_URL_ALLOWED)

    @field_validator("url")
    @classmethod
    def _checked_url(cls, value: str) -> str:
        return check_registry_url(value, "url") if value else value

    @field_validator("public_url")
    @classmethod
    def _checked_public_url(cls, value: str) -> str:
        return check_public_url(value, "public_url") if value else value


class PaymentTable(BaseModel):
    """[payment]: `terminal = "simulated"` (with `delay_s`), or none: pay at the counter."""

    model_config = TABLE

    terminal: Literal["", "simulated"] = Field("", description="simulated (or none)")
    delay_s: float = Field(1.5, gt=0, le=60, description="0 < seconds ≤ 60")
