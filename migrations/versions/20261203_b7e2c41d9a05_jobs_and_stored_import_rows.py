"""Background jobs, import rows stored once, import fields budget/capabilities/data, optional batch name

Revision ID: b7e2c41d9a05
Revises: 07c4ce5e763c
Create Date: 2026-12-03 20:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b7e2c41d9a05"
down_revision = "3b9e1c7d5a20"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_import_batch_status"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_import_batch_label_not_blank"), type_="check")
        batch_op.alter_column("label", existing_type=sa.String(length=100), nullable=True)
        batch_op.drop_column("content")
        batch_op.create_check_constraint(
            batch_op.f("ck_import_batch_status"),
            "status IN ('uploaded', 'checking', 'mapped', 'importing', 'imported')",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_import_batch_label_not_blank"), "label IS NULL OR length(trim(label)) > 0"
        )

    op.create_table(
        "import_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("cells", sa.JSON(), nullable=False),
        sa.CheckConstraint("line > 0", name=op.f("ck_import_row_line_positive")),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batch.id"], name=op.f("fk_import_row_batch_id_import_batch"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_row")),
        sa.UniqueConstraint("batch_id", "line", name="uq_import_row_line"),
    )

    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=True),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("checkpoint", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('import_check', 'import', 'match_rebuild', 'taxonomy_rebuild')", name=op.f("ck_job_kind")
        ),
        sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name=op.f("ck_job_state")),
        sa.CheckConstraint("done >= 0 AND total >= 0 AND attempts >= 0", name=op.f("ck_job_counts_non_negative")),
        sa.CheckConstraint(
            "kind NOT IN ('import', 'import_check') OR import_batch_id IS NOT NULL",
            name=op.f("ck_job_import_has_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user_account.id"], name=op.f("fk_job_created_by_id_user_account"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_job_import_batch_id_import_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_job_created_by_id"), ["created_by_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_job_import_batch_id"), ["import_batch_id"], unique=False)
        batch_op.create_index(
            "uq_job_active_import",
            ["import_batch_id"],
            unique=True,
            sqlite_where=sa.text("state IN ('queued', 'running')"),
            postgresql_where=sa.text("state IN ('queued', 'running')"),
        )


def downgrade():
    op.drop_table("job")
    op.drop_table("import_row")
    # Batches imported or half-imported keep no file; the old schema wants a name for every batch.
    op.execute("UPDATE import_batch SET label = filename WHERE label IS NULL")
    op.execute("UPDATE import_batch SET status = 'mapped' WHERE status IN ('importing', 'checking')")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_import_batch_status"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_import_batch_label_not_blank"), type_="check")
        batch_op.add_column(sa.Column("content", sa.LargeBinary(), nullable=True))
        batch_op.alter_column("label", existing_type=sa.String(length=100), nullable=False)
        batch_op.create_check_constraint(
            batch_op.f("ck_import_batch_status"), "status IN ('uploaded', 'mapped', 'imported')"
        )
        batch_op.create_check_constraint(batch_op.f("ck_import_batch_label_not_blank"), "length(trim(label)) > 0")
