"""scenario.edited_after_publish_at: an owner's edit of a published scenario stays live and waits for a check

Revision ID: b7e2d41c9a30
Revises: 07c4ce5e763c
Create Date: 2026-12-03 20:55:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b7e2d41c9a30"
down_revision = "b7e2c41d9a05"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("scenario", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edited_after_publish_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("scenario", schema=None) as batch_op:
        batch_op.drop_column("edited_after_publish_at")
