"""match_pending: listings whose matches wait for the worker (the outbox a listing change writes)

A publish, an edit, a withdrawal or feedback records its listing here in the request's own transaction; a job
drains the rows after the commit (re-indexing, re-ranking only the lists that can change, saved-search alerts).

Revision ID: d5e9a3c7b1f2
Revises: 9d3b7f1e2a64
Create Date: 2026-12-04 00:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d5e9a3c7b1f2"
down_revision = "9d3b7f1e2a64"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "match_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("reindex", sa.Boolean(), nullable=False),
        sa.Column("rematch", sa.Boolean(), nullable=False),
        sa.Column("alert", sa.Boolean(), nullable=False),
        sa.Column("left", sa.JSON(), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('scenario', 'vendor')", name=op.f("ck_match_pending_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_pending")),
        sa.UniqueConstraint("kind", "listing_id", name="uq_match_pending_kind_listing"),
    )
    with op.batch_alter_table("match_pending", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_pending_queued_at"), ["queued_at"], unique=False)


def downgrade():
    with op.batch_alter_table("match_pending", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_pending_queued_at"))
    op.drop_table("match_pending")
