"""The dashboard's figures kept in one summary row, recomputed by a job instead of scanned on every view;
indexes that let the review queue and the organization lists read one page in their order

Revision ID: d5e1a9c3b7f2
Revises: d5e1a7c3b9f2
Create Date: 2026-12-04 00:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d5e1a9c3b7f2"
down_revision = "d5e1a7c3b9f2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dashboard_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_dashboard_summary_single_row")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_dashboard_summary_version_positive")),
        sa.CheckConstraint("duration_ms >= 0", name=op.f("ck_dashboard_summary_duration_non_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_summary")),
    )
    op.create_index(
        "ix_scenario_status_waiting", "scenario", ["status", sa.text("coalesce(submitted_at, created_at)"), "id"]
    )
    op.create_index(
        "ix_scenario_edited_after_publish",
        "scenario",
        ["status"],
        postgresql_where=sa.text("edited_after_publish_at IS NOT NULL"),
        sqlite_where=sa.text("edited_after_publish_at IS NOT NULL"),
    )
    op.create_index(
        "ix_vendor_profile_status_waiting",
        "vendor_profile",
        ["status", sa.text("coalesce(submitted_at, created_at)"), "id"],
    )
    op.create_index("ix_organization_verified_name", "organization", ["verified", "name", "id"])
    op.create_index("ix_organization_name", "organization", ["name", "id"])


def downgrade():
    op.drop_index("ix_organization_name", table_name="organization")
    op.drop_index("ix_organization_verified_name", table_name="organization")
    op.drop_index("ix_vendor_profile_status_waiting", table_name="vendor_profile")
    op.drop_index("ix_scenario_edited_after_publish", table_name="scenario")
    op.drop_index("ix_scenario_status_waiting", table_name="scenario")
    op.drop_table("dashboard_summary")
