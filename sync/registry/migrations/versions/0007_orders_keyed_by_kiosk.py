"""Purchases keyed by (kiosk, order id): one kiosk's order id no longer shadows another's.

Revision ID: 0007_orders_keyed_by_kiosk
Revises: 0006_kiosk_ids_one_case
Created: 2026-12-05

Before, `order_id` was unique across kiosks, so a kiosk that pushed another kiosk's order
UUID first made the genuine sale read as a duplicate and vanish. 0.1.0 left the old
constraint unnamed: PostgreSQL named it `purchases_order_id_key`; on SQLite the batch's
naming convention names it for the drop (the table is rebuilt there).
Frozen once shipped: a later change is a new step.
"""

from alembic import op

revision = "0007_orders_keyed_by_kiosk"
down_revision = "0006_kiosk_ids_one_case"
branch_labels = None
depends_on = None

NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _old_name() -> str:
    if op.get_bind().dialect.name == "postgresql":
        return "purchases_order_id_key"
    return "uq_purchases_order_id"


def upgrade() -> None:
    with op.batch_alter_table("purchases", naming_convention=NAMING) as batch_op:
        batch_op.drop_constraint(_old_name(), type_="unique")
        batch_op.create_unique_constraint("order_once_per_kiosk", ["kiosk_id", "order_id"])


def downgrade() -> None:
    with op.batch_alter_table("purchases", naming_convention=NAMING) as batch_op:
        batch_op.drop_constraint("order_once_per_kiosk", type_="unique")
        batch_op.create_unique_constraint(_old_name(), ["order_id"])
