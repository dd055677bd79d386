"""Where uploaded files live: a folder on this server (the default) or an S3-compatible bucket.

One small interface, so the service that accepts a file does not care which: `save(key, data, content_type)`,
`load(key) -> bytes`, `delete(key)`. Keys are made by the caller from ids and random tokens, never from a
user's file name, so they cannot walk out of the folder or collide.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app

_KEY = re.compile(r"[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_.-]*)*")


class StorageError(Exception):
    """The storage could not keep or return a file (disk full, bucket unreachable, file gone)."""


class Storage(Protocol):
    def save(self, key: str, data: bytes, content_type: str) -> None: ...

    def load(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


def _check_key(key: str) -> str:
    if not _KEY.fullmatch(key) or ".." in key:
        raise ValueError(f"Not a storage key: {key!r}")
    return key


class LocalStorage:
    """Files under one folder (instance/attachments by default), readable only by the server's user."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / _check_key(key)

    def save(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Written beside the target, then renamed: a reader never sees half a file.
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except OSError as error:
            raise StorageError(str(error)) from error

    def load(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except OSError as error:
            raise StorageError(str(error)) from error

    def delete(self, key: str) -> None:
        try:
            self._path(key).unlink(missing_ok=True)
        except OSError as error:
            raise StorageError(str(error)) from error


class S3Storage:
    """Objects in an S3-compatible bucket (AWS S3, MinIO, Aliyun OSS, Tencent COS) through a boto3 client."""

    def __init__(self, client, bucket: str, prefix: str = ""):
        self.client, self.bucket, self.prefix = client, bucket, prefix

    def _key(self, key: str) -> str:
        return self.prefix + _check_key(key)

    def save(self, key: str, data: bytes, content_type: str) -> None:
        try:
            self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=content_type)
        except Exception as error:  # botocore raises many kinds; to the caller it is one: not stored
            raise StorageError(str(error)) from error

    def load(self, key: str) -> bytes:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"].read()
        except Exception as error:
            raise StorageError(str(error)) from error

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(key))
        except Exception as error:
            raise StorageError(str(error)) from error


def make_storage(config) -> Storage:
    """The storage the settings ask for (ATTACHMENT_STORAGE = local | s3)."""
    kind = config.get("ATTACHMENT_STORAGE", "local")
    if kind == "local":
        return LocalStorage(config["ATTACHMENT_DIR"])
    if kind == "s3":
        if not config.get("S3_BUCKET"):
            raise RuntimeError("ATTACHMENT_STORAGE=s3 needs S3_BUCKET.")
        try:
            import boto3
        except ImportError as error:  # an optional extra: only S3 users install it
            raise RuntimeError("ATTACHMENT_STORAGE=s3 needs boto3: pip install 'keting[s3]'.") from error
        # Credentials come the usual boto3 way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, a role).
        client = boto3.client("s3", endpoint_url=config.get("S3_ENDPOINT_URL"), region_name=config.get("S3_REGION"))
        return S3Storage(client, config["S3_BUCKET"], config.get("S3_PREFIX") or "")
    raise RuntimeError(f"ATTACHMENT_STORAGE must be local or s3, not {kind!r}.")


def get_storage(app: Flask | None = None) -> Storage:
    """The app's storage, made once per app (tests may put their own in app.extensions['keting_storage'])."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]  # current_app is a LocalProxy typed as Flask
    storage = app.extensions.get("keting_storage")
    if storage is None:
        storage = app.extensions["keting_storage"] = make_storage(app.config)
    return storage
