"""matches: feedback signals on proposed pairs, and the row that names the current matcher index

Autogenerate wrote the CHECK constraints here because the tables are new; they mirror the models.

Revision ID: 6a1f0e5b7c2d
Revises: 4787d3c20d81
Create Date: 2026-11-27 18:12:22.955786

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "6a1f0e5b7c2d"
down_revision = "4787d3c20d81"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "matcher_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("index_key", sa.String(length=32), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("taxonomy_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("fitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("generation >= 0", name=op.f("ck_matcher_state_generation_non_negative")),
        sa.CheckConstraint("id = 1", name=op.f("ck_matcher_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matcher_state")),
    )
    op.create_table(
        "match_signal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("scenario_id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('shown', 'opened', 'not_relevant', 'interest', 'invited', 'accepted', 'declined', 'outcome')",
            name=op.f("ck_match_signal_kind"),
        ),
        sa.CheckConstraint("reason IS NULL OR length(reason) <= 500", name=op.f("ck_match_signal_reason_length")),
        sa.ForeignKeyConstraint(
            ["scenario_id"], ["scenario.id"], name=op.f("fk_match_signal_scenario_id_scenario"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_match_signal_user_id_user_account"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendor_profile.id"],
            name=op.f("fk_match_signal_vendor_id_vendor_profile"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_signal")),
    )
    with op.batch_alter_table("match_signal", schema=None) as batch_op:
        batch_op.create_index("ix_match_signal_pair", ["scenario_id", "vendor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_match_signal_user_id"), ["user_id"], unique=False)
        batch_op.create_index("ix_match_signal_vendor_kind", ["vendor_id", "kind"], unique=False)


def downgrade():
    with op.batch_alter_table("match_signal", schema=None) as batch_op:
        batch_op.drop_index("ix_match_signal_vendor_kind")
        batch_op.drop_index(batch_op.f("ix_match_signal_user_id"))
        batch_op.drop_index("ix_match_signal_pair")

    op.drop_table("match_signal")
    op.drop_table("matcher_state")
