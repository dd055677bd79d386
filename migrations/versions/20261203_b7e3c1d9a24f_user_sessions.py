"""user sessions: one row per signed-in browser, so logging out revokes the cookies server-side; sign-ups
confirmed by email (user_account.unconfirmed_since, NULL for every existing account)

The session and remember-me cookies name a row's key; logging out deletes the row, "sign out everywhere" and a
password change or reset delete all of a user's rows. Existing cookies (which name no key) stop working: every
user signs in once more after this upgrade.

Revision ID: b7e3c1d9a24f
Revises: 07c4ce5e763c
Create Date: 2026-12-03 20:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b7e3c1d9a24f"
down_revision = "b7e2d41c9a30"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_user_session_user_id_user_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_session")),
        sa.UniqueConstraint("key", name=op.f("uq_user_session_key")),
    )
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_session_user_id"), ["user_id"], unique=False)
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unconfirmed_since", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("unconfirmed_since")
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_session_user_id"))
    op.drop_table("user_session")
