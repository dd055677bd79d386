"""Uploads are read by a job: the file's bytes wait on the batch, new statuses reading/unreadable

Revision ID: c4d8e2a6f1b3
Revises: b7e3c1d9a24f
Create Date: 2026-12-03 21:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c4d8e2a6f1b3"
down_revision = "b7e3c1d9a24f"
branch_labels = None
depends_on = None

STATUSES_BEFORE = "('uploaded', 'checking', 'mapped', 'importing', 'imported')"
STATUSES_AFTER = "('reading', 'unreadable', 'uploaded', 'checking', 'mapped', 'importing', 'imported')"
KINDS_BEFORE = "('import_check', 'import', 'match_rebuild', 'taxonomy_rebuild')"
KINDS_AFTER = "('import_read', 'import_check', 'import', 'match_rebuild', 'taxonomy_rebuild')"


def upgrade():
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content", sa.LargeBinary(), nullable=True))
        batch_op.drop_constraint(batch_op.f("ck_import_batch_status"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_import_batch_status"), f"status IN {STATUSES_AFTER}")
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_job_kind"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_job_import_has_batch"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_job_kind"), f"kind IN {KINDS_AFTER}")
        batch_op.create_check_constraint(
            batch_op.f("ck_job_import_has_batch"),
            "kind NOT IN ('import', 'import_check', 'import_read') OR import_batch_id IS NOT NULL",
        )


def downgrade():
    # Batches still being read (or refused) have no rows the older schema could show: they go, with their jobs.
    op.execute("DELETE FROM job WHERE kind = 'import_read'")
    op.execute("DELETE FROM import_batch WHERE status IN ('reading', 'unreadable')")
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_job_kind"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_job_import_has_batch"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_job_kind"), f"kind IN {KINDS_BEFORE}")
        batch_op.create_check_constraint(
            batch_op.f("ck_job_import_has_batch"),
            "kind NOT IN ('import', 'import_check') OR import_batch_id IS NOT NULL",
        )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_import_batch_status"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_import_batch_status"), f"status IN {STATUSES_BEFORE}")
        batch_op.drop_column("content")
