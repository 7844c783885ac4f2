"""The ledger's schema steps, each a named sqlite-utils migration recorded in `_sqlite_migrations`.

Never edit a migration that has shipped: add a new one. To add one: append a function
decorated `@migrations(name="NNNN_what")` at the end of this module (its SQL literal, never
built from other modules, so it stays what shipped); then make a dump of a ledger at the
previous version into tests/kiosk/ledger/old_ledgers/ (the test there says which is missing).
A test builds a database at every earlier version, fills it, and upgrades it to the latest.
How they are applied (the write lock, key checks, a newer ledger refused) is kiosk/ledger/schema.py.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("diandian-ledger")


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL CHECK (value >= 0));
        CREATE TABLE projects (
            id TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            price_fen_per_t INTEGER NOT NULL CHECK (price_fen_per_t > 0),
            catalogue_version TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE allocations (
            project_id TEXT PRIMARY KEY REFERENCES projects(id),
            granted_g INTEGER NOT NULL CHECK (granted_g >= 0),
            reserved_g INTEGER NOT NULL DEFAULT 0 CHECK (reserved_g >= 0),
            sold_g INTEGER NOT NULL DEFAULT 0 CHECK (sold_g >= 0),
            updated_at TEXT NOT NULL,
            CHECK (reserved_g + sold_g <= granted_g)
        );
        CREATE TABLE orders (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,
            kiosk_id TEXT NOT NULL,
            venue TEXT NOT NULL,
            scenario TEXT NOT NULL,
            answers TEXT NOT NULL,
            lines TEXT NOT NULL,
            footprint_g INTEGER NOT NULL CHECK (footprint_g >= 0),
            factors_version TEXT NOT NULL,
            project_id TEXT NOT NULL REFERENCES projects(id),
            offset_g INTEGER NOT NULL CHECK (offset_g > 0),
            price_fen_per_t INTEGER NOT NULL CHECK (price_fen_per_t > 0),
            amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
            nickname TEXT NOT NULL DEFAULT '',
            lang TEXT NOT NULL CHECK (lang IN ('zh', 'en', 'fr')),
            status TEXT NOT NULL
                CHECK (status IN ('draft', 'awaiting_payment', 'paid', 'voided', 'expired')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            expires_at TEXT,
            paid_at TEXT,
            payment_method TEXT CHECK (payment_method IN ('cash', 'card', 'mobile')),
            cashier TEXT,
            serial INTEGER UNIQUE,
            voided_at TEXT,
            void_reason TEXT,
            voided_by TEXT,
            expired_reason TEXT,
            CHECK ((status IN ('paid', 'voided')) = (serial IS NOT NULL))
        );
        CREATE INDEX orders_status_seq ON orders (status, seq);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL REFERENCES orders(id),
            event TEXT NOT NULL CHECK (event IN ('paid', 'voided')),
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            acked_at TEXT,
            UNIQUE (order_id, event)
        );
        CREATE INDEX outbox_pending ON outbox (acked_at, id);
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            action TEXT NOT NULL,
            actor TEXT NOT NULL,
            state TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        );
        CREATE INDEX audit_entity ON audit (entity, entity_id, id);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
            BEGIN SELECT RAISE(ABORT, 'outbox entries are kept'); END;
        CREATE TRIGGER outbox_fixed BEFORE UPDATE OF order_id, event, payload ON outbox
            BEGIN SELECT RAISE(ABORT, 'an outbox entry cannot change'); END;
        """
    )


@migrations(name="0002_slip_status")
def slip_status(db: Database) -> None:
    """Printing state per order, so a failed print leaves the order paid with its slip pending."""
    db.executescript(
        """
        ALTER TABLE orders ADD COLUMN slip_status TEXT NOT NULL DEFAULT 'none'
            CHECK (slip_status IN ('none', 'pending', 'printed', 'failed'));
        ALTER TABLE orders ADD COLUMN slip_error TEXT;
        ALTER TABLE orders ADD COLUMN slip_printed_at TEXT;
        CREATE INDEX orders_slip ON orders (slip_status) WHERE slip_status IN ('pending', 'failed');
        """
    )


@migrations(name="0003_kiosk_keys")
def kiosk_keys(db: Database) -> None:
    """Public keys of kiosks (this one's, and others' pulled by sync) to verify certificates."""
    db.executescript(
        """
        CREATE TABLE kiosk_keys (
            kiosk_id TEXT PRIMARY KEY,
            public_key TEXT NOT NULL,
            source TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        """
    )


@migrations(name="0004_accounts")
def accounts(db: Database) -> None:
    """Cashier and admin accounts: PINs as salted scrypt hashes, lockout after wrong PINs."""
    db.executescript(
        """
        CREATE TABLE accounts (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('cashier', 'admin')),
            pin_hash TEXT NOT NULL,
            failed INTEGER NOT NULL DEFAULT 0 CHECK (failed >= 0),
            locked_until TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """
    )


@migrations(name="0005_sync")
def sync_tables(db: Database) -> None:
    """What the sync job keeps: settings (registry URL, enrolment), batches recorded before
    they are sent, records the registry rejected, data pulled from it, and every run."""
    db.executescript(
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE sync_batches (
            batch_id TEXT PRIMARY KEY,
            entry_ids TEXT NOT NULL,
            body BLOB NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            answered_at TEXT
        );
        CREATE TABLE sync_rejects (
            outbox_id INTEGER PRIMARY KEY REFERENCES outbox(id),
            order_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE pulled (
            kind TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            data TEXT NOT NULL,
            fetched_at TEXT NOT NULL
        );
        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            pushed INTEGER NOT NULL DEFAULT 0,
            pulled INTEGER NOT NULL DEFAULT 0,
            outcome TEXT,
            error TEXT
        );
        """
    )


@migrations(name="0006_rank_index")
def rank_index(db: Database) -> None:
    """Rankings read the biggest paid offsets per venue on every customer's last screen."""
    db.execute("CREATE INDEX orders_rank_venue ON orders (status, venue, offset_g DESC)")


@migrations(name="0007_local_overrides")
def local_overrides(db: Database) -> None:
    """Prices and emission factors an admin set on this kiosk, over the catalogue's and the
    factor table's. A row is never deleted: clearing sets the value to NULL, so the audit log
    and the table always agree on what is in force."""
    db.executescript(
        """
        CREATE TABLE price_overrides (
            project_id TEXT PRIMARY KEY REFERENCES projects(id),
            price_fen_per_t INTEGER CHECK (price_fen_per_t IS NULL OR price_fen_per_t > 0),
            reason TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL
        );
        CREATE TABLE factor_overrides (
            factor_id TEXT PRIMARY KEY,
            kg_per_unit TEXT,
            publisher TEXT NOT NULL,
            dataset TEXT NOT NULL,
            year INTEGER NOT NULL,
            url TEXT NOT NULL,
            reason TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL
        );
        """
    )


@migrations(name="0008_credit_ranges")
def credit_ranges(db: Database) -> None:
    """Retire first, then sell: retired tonnes granted to this kiosk by serial (append-only),
    the allocation's draw cursor through them and the grams refunded for good, and each paid
    order's gram ranges (JSON, kiosk.credit). Orders paid before this step keep no range:
    their retirement stays pending until the registry covers them."""
    db.executescript(
        """
        CREATE TABLE credit_grants (
            id INTEGER PRIMARY KEY,
            project_id TEXT NOT NULL REFERENCES projects(id),
            grant_ref TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            first INTEGER NOT NULL CHECK (first >= 0),
            last INTEGER NOT NULL,
            width INTEGER NOT NULL CHECK (width BETWEEN 1 AND 18),
            start_g INTEGER NOT NULL CHECK (start_g >= 0),
            reference TEXT,
            beneficiary TEXT,
            added_at TEXT NOT NULL,
            CHECK (last >= first),
            UNIQUE (project_id, start_g)
        );
        CREATE TRIGGER credit_grants_fixed BEFORE UPDATE ON credit_grants
            BEGIN SELECT RAISE(ABORT, 'a grant of retired serials cannot change'); END;
        CREATE TRIGGER credit_grants_kept BEFORE DELETE ON credit_grants
            BEGIN SELECT RAISE(ABORT, 'grants of retired serials are kept'); END;
        ALTER TABLE allocations ADD COLUMN drawn_g INTEGER NOT NULL DEFAULT 0
            CHECK (drawn_g >= 0);
        ALTER TABLE allocations ADD COLUMN refunded_g INTEGER NOT NULL DEFAULT 0
            CHECK (refunded_g >= 0);
        ALTER TABLE orders ADD COLUMN credit_ranges TEXT NOT NULL DEFAULT '[]';
        """
    )


@migrations(name="0010_slip_unconfirmed")
def slip_unconfirmed(db: Database) -> None:
    """A slip a network printer took but never confirmed: 'unconfirmed' ("sent, not
    confirmed", on the reprint list). SQLite cannot change a CHECK constraint in place, so the
    orders table is rebuilt from its own stored definition with that one CHECK widened, as
    sqlite.org/lang_altertable.html ("other kinds of table schema changes") describes: made
    anew, filled, the old one dropped, the new one renamed, its indexes made again (`migrate`
    runs every step with foreign keys checked at the end, not statement by statement)."""
    conn = db.conn
    widened = (
        "CHECK (slip_status IN ('none', 'pending', 'printed', 'failed'))",
        "CHECK (slip_status IN ('none', 'pending', 'printed', 'failed', 'unconfirmed'))",
    )
    (table,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'orders'"
    ).fetchone()
    if widened[0] not in table or not table.startswith("CREATE TABLE orders ("):
        raise sqlite3.DatabaseError("orders is not as migrations 0001 and 0002 made it")
    indexes = [
        sql
        for (name, sql) in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders'"
            " AND sql IS NOT NULL"
        )
        if name != "orders_slip"
    ]
    rebuilt = table.replace(*widened).replace("CREATE TABLE orders (", "CREATE TABLE orders_0010 (")
    conn.execute(rebuilt)
    conn.execute("INSERT INTO orders_0010 SELECT * FROM orders")
    conn.execute("DROP TABLE orders")
    conn.execute("ALTER TABLE orders_0010 RENAME TO orders")
    for sql in indexes:
        conn.execute(sql)
    conn.execute(
        "CREATE INDEX orders_slip ON orders (slip_status)"
        " WHERE slip_status IN ('pending', 'failed', 'unconfirmed')"
    )


@migrations(name="0016_day_closes")
def day_closes(db: Database) -> None:
    """Closing a business day: each close's signed summary (kiosk.day_summary), append-only,
    and an outbox that carries it to the registry beside the orders' events. The outbox is
    rebuilt (as 0010 rebuilt the orders) to take the `day_closed` event, whose key is the
    summary's (`day-2026-11-26-r1`) rather than an order's id: its foreign key to the orders
    becomes a trigger that checks an order event's key names an order, and a summary's key
    names a close. Indexes on the payment and void times keep the report and the closing of
    days quick on a ledger of years of orders."""
    conn = db.conn
    (old,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'outbox'"
    ).fetchone()
    if "CHECK (event IN ('paid', 'voided'))" not in old:
        raise sqlite3.DatabaseError("outbox is not as migration 0001 made it")
    db.executescript(
        """
        CREATE TABLE day_closes (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            key TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL,
            closed_at TEXT NOT NULL,
            closed_by TEXT NOT NULL,
            UNIQUE (day, revision)
        );
        CREATE TRIGGER day_closes_fixed BEFORE UPDATE ON day_closes
            BEGIN SELECT RAISE(ABORT, 'a closed day cannot change'); END;
        CREATE TRIGGER day_closes_kept BEFORE DELETE ON day_closes
            BEGIN SELECT RAISE(ABORT, 'closed days are kept'); END;
        CREATE TABLE outbox_0016 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL,
            event TEXT NOT NULL CHECK (event IN ('paid', 'voided', 'day_closed')),
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            acked_at TEXT,
            UNIQUE (order_id, event)
        );
        INSERT INTO outbox_0016 (id, order_id, event, payload, created_at, acked_at)
            SELECT id, order_id, event, payload, created_at, acked_at FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_0016 RENAME TO outbox;
        CREATE INDEX outbox_pending ON outbox (acked_at, id);
        CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
            BEGIN SELECT RAISE(ABORT, 'outbox entries are kept'); END;
        CREATE TRIGGER outbox_fixed BEFORE UPDATE OF order_id, event, payload ON outbox
            BEGIN SELECT RAISE(ABORT, 'an outbox entry cannot change'); END;
        CREATE TRIGGER outbox_names_an_order BEFORE INSERT ON outbox
            WHEN NEW.event IN ('paid', 'voided')
            AND NOT EXISTS (SELECT 1 FROM orders WHERE id = NEW.order_id)
            BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: no such order'); END;
        CREATE TRIGGER outbox_names_a_close BEFORE INSERT ON outbox
            WHEN NEW.event = 'day_closed'
            AND NOT EXISTS (SELECT 1 FROM day_closes WHERE key = NEW.order_id)
            BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: no such closed day'); END;
        CREATE INDEX orders_paid_at ON orders (paid_at) WHERE paid_at IS NOT NULL;
        CREATE INDEX orders_voided_at ON orders (voided_at) WHERE voided_at IS NOT NULL;
        """
    )


@migrations(name="0017_companies_events")
def companies_events(db: Database) -> None:
    """Issue 18: an order may be a company's (name, unified social credit code, invoice email:
    its certificate names the company, the registry queues an invoice request) and counts
    towards the event running at the venue (the organiser's own purchase marked for_event,
    with the event's names for its certificate)."""
    db.executescript(
        """
        ALTER TABLE orders ADD COLUMN company_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE orders ADD COLUMN company_code TEXT NOT NULL DEFAULT '';
        ALTER TABLE orders ADD COLUMN invoice_email TEXT NOT NULL DEFAULT '';
        ALTER TABLE orders ADD COLUMN event_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE orders ADD COLUMN event_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE orders ADD COLUMN for_event INTEGER NOT NULL DEFAULT 0
            CHECK (for_event IN (0, 1));
        """
    )


@migrations(name="0018_audit_changes")
def audit_changes(db: Database) -> None:
    """Issue 19: from here on an order's and an allocation's audit rows store only what changed
    (kiosk/ledger/audit.py), their hashes still over the whole content. The rows written
    before keep their format and their hashes, so nothing is rewritten: a change row applies
    to the entity's last row whatever its format. The index the writer reads an entity's last
    row by (entity, entity_id, id) is 0001's; this version marks the new format, which an app
    from before it could not verify."""
    del db  # nothing to convert or add


@migrations(name="0020_audit_compact")
def audit_compact(db: Database) -> None:
    """Issue 19: from here on an order's and an allocation's whole audit rows are stored as
    BLOBs, compressed against a fixed dictionary (kiosk/ledger/audit_codec.py), their hashes
    still over the canonical text; and a new row's `prev_hash` is stored empty, being the
    hash of the row before it (its hash still covers it). The rows written before keep
    theirs and verify as they are, so nothing is rewritten; this version marks the new
    format, which an app from before it would read as edited rows."""
    del db  # nothing to convert or add


@migrations(name="0021_outbox_compact")
def outbox_compact(db: Database) -> None:
    """Issue 19: from here on an order's outbox payload (its canonical JSON as pushed) is
    stored as a BLOB, compressed against a fixed dictionary of paid orders' payloads
    (kiosk/ledger/audit_codec.py, version 2); the push reads it back to the same text, so the
    bytes sent and signed do not change. And a new audit row's hash is stored as its 32 bytes,
    not 64 hex characters (kiosk/ledger/audit.py `hex_hash`; the chain is over the same hex
    text). The payloads and hashes written before stay text and are read as they are, so
    nothing is rewritten (an entry cannot change: `outbox_fixed`); this version marks the new
    formats, which an app from before it could neither push nor verify."""
    del db  # nothing to convert or add
