"""room attachments: files sent with a room message (their bytes live in the attachment storage)

Revision ID: 5b8e2c7d9a41
Revises: 07c4ce5e763c
Create Date: 2026-12-03 20:50:00

"""

import sqlalchemy as sa
from alembic import op

ATTACHMENT_KINDS = ("pdf", "png", "jpeg", "webp", "docx", "xlsx", "pptx", "doc", "xls", "ppt")

# revision identifiers, used by Alembic.
revision = "5b8e2c7d9a41"
down_revision = "07c4ce5e763c"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "room_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            f"kind IN ({', '.join(repr(k) for k in ATTACHMENT_KINDS)})", name=op.f("ck_room_attachment_kind")
        ),
        sa.CheckConstraint("size_bytes > 0", name=op.f("ck_room_attachment_size_positive")),
        sa.CheckConstraint("length(trim(filename)) > 0", name=op.f("ck_room_attachment_filename_not_blank")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_room_attachment_sha256_length")),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["connection.id"],
            name=op.f("fk_room_attachment_connection_id_connection"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["room_message.id"],
            name=op.f("fk_room_attachment_message_id_room_message"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["user_account.id"],
            name=op.f("fk_room_attachment_uploaded_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_attachment")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_room_attachment_storage_key")),
    )
    with op.batch_alter_table("room_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_room_attachment_connection_id"), ["connection_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_room_attachment_message_id"), ["message_id"], unique=False)


def downgrade():
    with op.batch_alter_table("room_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_room_attachment_message_id"))
        batch_op.drop_index(batch_op.f("ix_room_attachment_connection_id"))
    op.drop_table("room_attachment")
