"""The duplicate scan runs as a background job: a new job kind

Revision ID: d5e1f3a7b9c2
Revises: d5e9a3c7b1f2
Create Date: 2026-12-04 00:00:00

"""

from alembic import op

revision = "d5e1f3a7b9c2"
down_revision = "d5e9a3c7b1f2"
branch_labels = None
depends_on = None

KINDS_BEFORE = "('import_read', 'import_check', 'import', 'match_rebuild', 'taxonomy_rebuild')"
KINDS_AFTER = "('import_read', 'import_check', 'import', 'match_rebuild', 'taxonomy_rebuild', 'duplicate_scan')"


def upgrade():
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_job_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_job_kind"), f"kind IN {KINDS_AFTER}")


def downgrade():
    # The flags a scan raised stay; only the record of the scan itself has no place in the older schema.
    op.execute("DELETE FROM job WHERE kind = 'duplicate_scan'")
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_job_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_job_kind"), f"kind IN {KINDS_BEFORE}")
