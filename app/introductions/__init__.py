"""Introductions: the admins' queue of requests to organizations nobody has claimed yet (/admin/introductions),
claim invitations (one or in bulk), and the page a claim link opens (/claim/<token>)."""

from flask import Blueprint

bp = Blueprint("introductions", __name__, template_folder="templates")

from app.introductions import views  # noqa: F401
