#!/usr/bin/env bash
# Regenerate the single initial migration from the models (store/schema.py).
# Until the first release the schema has one revision, 0001_initial; after a release,
# add new revisions with `alembic revision --autogenerate` instead of running this.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
versions=src/sanctionwatch/store/migrations/versions
rm -f "$versions"/0001_initial.py
"$PY" - "$versions" <<'PY'
import sys, tempfile, os
from alembic import command
from sqlalchemy import create_engine
from sanctionwatch.store.migrations import alembic_config

with tempfile.TemporaryDirectory() as tmp:
    engine = create_engine(f"sqlite:///{os.path.join(tmp, 'empty.db')}")
    with engine.connect() as conn:
        cfg = alembic_config(connection=conn)
        command.revision(cfg, message="initial", autogenerate=True, rev_id="0001")
    engine.dispose()
PY
# a stable file name and no generation timestamp, so regenerating an unchanged schema is a no-op diff
for f in "$versions"/0001_*.py; do
  [ "$f" = "$versions/0001_initial.py" ] || mv "$f" "$versions/0001_initial.py"
done
sed -i '/^Create Date:/d' "$versions/0001_initial.py"
echo "wrote $versions/0001_initial.py"
