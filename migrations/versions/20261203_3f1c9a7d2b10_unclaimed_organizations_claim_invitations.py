"""unclaimed organizations and claim invitations

- organization gains contact_name/contact_email/contact_phone: whom admins write to about an organization
  nobody has claimed yet (the seed and imports record it).
- intro_request gains awaiting_claim and clock_started_at: a request to an organization with no member waits
  for an introduction, and its expiry clock starts when the organization is claimed.
- claim_invitation: the emailed invitations to register into such an organization, with what became of them.

Revision ID: 3f1c9a7d2b10
Revises: 07c4ce5e763c
Create Date: 2026-12-03 20:29:22.223563

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3f1c9a7d2b10"
down_revision = "5b1e2c7d9a40"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "claim_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("domain_matches", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("registrant_name", sa.String(length=100), nullable=True),
        sa.Column("registrant_password_hash", sa.String(length=255), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_user_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("email = lower(email) AND email LIKE '%_@_%'", name=op.f("ck_claim_invitation_email_shape")),
        sa.CheckConstraint(
            "state != 'awaiting_approval' OR (registered_at IS NOT NULL AND registrant_password_hash IS NOT NULL)",
            name=op.f("ck_claim_invitation_awaiting_has_registration"),
        ),
        sa.CheckConstraint(
            "state != 'claimed' OR claimed_at IS NOT NULL", name=op.f("ck_claim_invitation_claimed_has_time")
        ),
        sa.CheckConstraint(
            "state IN ('invited', 'opened', 'awaiting_approval', 'claimed', 'bounced', 'declined', 'rejected', 'superseded')",
            name=op.f("ck_claim_invitation_state"),
        ),
        sa.CheckConstraint(
            "state NOT IN ('bounced', 'declined', 'rejected', 'superseded') OR closed_at IS NOT NULL",
            name=op.f("ck_claim_invitation_closed_has_time"),
        ),
        sa.ForeignKeyConstraint(
            ["claimed_user_id"],
            ["user_account.id"],
            name=op.f("fk_claim_invitation_claimed_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"],
            ["user_account.id"],
            name=op.f("fk_claim_invitation_closed_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["user_account.id"],
            name=op.f("fk_claim_invitation_decided_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_claim_invitation_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"],
            ["user_account.id"],
            name=op.f("fk_claim_invitation_sent_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_invitation")),
        sa.UniqueConstraint("nonce", name=op.f("uq_claim_invitation_nonce")),
    )
    with op.batch_alter_table("claim_invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_invitation_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_invitation_sent_by_id"), ["sent_by_id"], unique=False)
        batch_op.create_index("ix_claim_invitation_state_sent_at", ["state", "sent_at"], unique=False)
        batch_op.create_index(
            "uq_claim_invitation_live_org",
            ["organization_id"],
            unique=True,
            sqlite_where=sa.text("state IN ('invited', 'opened', 'awaiting_approval')"),
            postgresql_where=sa.text("state IN ('invited', 'opened', 'awaiting_approval')"),
        )

    with op.batch_alter_table("intro_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("awaiting_claim", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("clock_started_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact_name", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("contact_email", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("contact_phone", sa.String(length=40), nullable=True))
        batch_op.create_check_constraint(
            "contact_email_lowercase", "contact_email IS NULL OR contact_email = lower(contact_email)"
        )


def downgrade():
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_constraint("contact_email_lowercase", type_="check")
        batch_op.drop_column("contact_phone")
        batch_op.drop_column("contact_email")
        batch_op.drop_column("contact_name")

    with op.batch_alter_table("intro_request", schema=None) as batch_op:
        batch_op.drop_column("clock_started_at")
        batch_op.drop_column("awaiting_claim")

    with op.batch_alter_table("claim_invitation", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_claim_invitation_live_org",
            sqlite_where=sa.text("state IN ('invited', 'opened', 'awaiting_approval')"),
            postgresql_where=sa.text("state IN ('invited', 'opened', 'awaiting_approval')"),
        )
        batch_op.drop_index("ix_claim_invitation_state_sent_at")
        batch_op.drop_index(batch_op.f("ix_claim_invitation_sent_by_id"))
        batch_op.drop_index(batch_op.f("ix_claim_invitation_organization_id"))

    op.drop_table("claim_invitation")
