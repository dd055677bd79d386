"""matcher_state.base_generation: the generation whose full index file the deltas after it are replayed on

Revision ID: 9d3b7f1e2a64
Revises: c4d8e2a6f1b3
Create Date: 2026-12-04 00:05:00

"""

import sqlalchemy as sa
from alembic import op

revision = "9d3b7f1e2a64"
down_revision = "c4d8e2a6f1b3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("matcher_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("base_generation", sa.Integer(), nullable=False, server_default="0"))
    # Until now every generation was written as a full file: the current one is its own base.
    op.execute("UPDATE matcher_state SET base_generation = generation")
    with op.batch_alter_table("matcher_state", schema=None) as batch_op:
        batch_op.create_check_constraint(
            batch_op.f("ck_matcher_state_base_generation_range"),
            "base_generation >= 0 AND base_generation <= generation",
        )


def downgrade():
    with op.batch_alter_table("matcher_state", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_matcher_state_base_generation_range"), type_="check")
        batch_op.drop_column("base_generation")
