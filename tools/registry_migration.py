"""Write the next registry schema step from what `sync/registry/tables/` now says.

    .venv/bin/python tools/registry_migration.py "add kiosk notes"

Builds a throwaway SQLite registry at the current head, lets alembic's autogenerate compare
it with `tables.py`, and writes `sync/registry/migrations/versions/NNNN_add_kiosk_notes.py`.
Read the step before committing it (autogenerate misses renames and CHECK changes); once
shipped it is frozen. See the docstring of `sync.registry.migrations`.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sync.registry import migrations
from sync.registry.db import make_engine


def main(message: str) -> int:
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:24]
    number = int(migrations.head().split("_", 1)[0]) + 1
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/head.sqlite")
        migrations.upgrade(engine)
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(migrations.HERE))
            config.set_main_option("file_template", "%%(rev)s")
            config.attributes["connection"] = conn
            written = command.revision(
                config, message, autogenerate=True, rev_id=f"{number:04d}_{slug}"
            )
        engine.dispose()
    path = written.path  # type: ignore[union-attr]
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", path], check=False)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
