"""The registry's operators and their audit trail."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from .core import metadata

# Operators (sync.registry.operators): the exchange's staff and project owners at /ops and
# the operator API. Passwords and API tokens are kept only as hashes.
operators = Table(
    "operators",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # operator | auditor | owner
    Column("project_id", String(100), ForeignKey("projects.project_id")),  # an owner's
    Column("password_hash", String(200), nullable=False),
    Column("failed", Integer, nullable=False, server_default="0"),
    Column("locked_until", String(32)),
    Column("token_hash", String(64), unique=True),  # SHA-256 of its API token, if it has one
    Column("created_at", String(32), nullable=False),
    Column("disabled_at", String(32)),
    CheckConstraint("role IN ('operator', 'auditor', 'owner')", name="operator_role"),
    CheckConstraint("(role = 'owner') = (project_id IS NOT NULL)", name="owner_has_project"),
)

operator_audit = Table(  # every operator action: who, when, what (append-only)
    "operator_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("actor", String(100), nullable=False),  # an operator's name, or cli:USER
    Column("action", String(40), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("detail", Text, nullable=False),  # JSON
    Column("project_id", String(100)),  # the project it concerns, if one (owners see theirs)
    Index("operator_audit_project", "project_id", "id"),
)
