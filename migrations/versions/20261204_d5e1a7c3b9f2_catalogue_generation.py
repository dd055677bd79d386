"""catalogue generation: the one number cached counts and anonymous pages are keyed by; indexes for the lists

Revision ID: d5e1a7c3b9f2
Revises: d5e1f3a7b9c2
Create Date: 2026-12-04 00:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d5e1a7c3b9f2"
down_revision = "d5e1f3a7b9c2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "catalogue_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_catalogue_generation_single_row")),
        sa.CheckConstraint("value >= 0", name=op.f("ck_catalogue_generation_value_non_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_generation")),
    )
    op.execute("INSERT INTO catalogue_generation (id, value, changed_at) VALUES (1, 1, CURRENT_TIMESTAMP)")
    # A vendor's feed counts and orders its matches, and search hits are checked for "published", from indexes
    # alone. The vendor's index gains the scenario id rather than a second index beside it: every stored match
    # maintains each index, and a rebuild writes 1.7 million of them.
    op.drop_index("ix_match_vendor_score", table_name="match")
    op.create_index("ix_match_vendor_score", "match", ["vendor_id", "score", "scenario_id"])
    op.create_index("ix_scenario_id_status", "scenario", ["id", "status"])
    op.create_index("ix_scenario_status_source_batch", "scenario", ["status", "source_batch"])
    op.create_index("ix_scenario_status_industry_id", "scenario", ["status", "industry_id"])


def downgrade():
    op.drop_index("ix_scenario_status_industry_id", table_name="scenario")
    op.drop_index("ix_scenario_status_source_batch", table_name="scenario")
    op.drop_index("ix_scenario_id_status", table_name="scenario")
    op.drop_index("ix_match_vendor_score", table_name="match")
    op.create_index("ix_match_vendor_score", "match", ["vendor_id", "score"])
    op.drop_table("catalogue_generation")
