#!/usr/bin/env python3
"""A small Keting API client (standard library only), for two everyday jobs:

  # a vendor's CRM: pull this morning's matches (new ones only) as JSON lines
  KETING_TOKEN=kt_... python examples/keting_client.py matches --site https://keting.example --only-new

  # a city office: publish a spreadsheet of scenarios through an import job and wait for it
  KETING_TOKEN=kt_... python examples/keting_client.py import city-list.xlsx --label "2026 工业赋能" --site ...

The token comes from /account/tokens (read scope for matches, admin scope for imports). Errors are RFC 9457
problem documents; the client prints their title and field errors and exits 1.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


class ApiError(Exception):
    def __init__(self, problem: dict):
        fields = "; ".join(f"{e['field']}: {e['message']}" for e in problem.get("errors", []))
        super().__init__(" ".join(x for x in (problem.get("title", ""), problem.get("detail", ""), fields) if x))
        self.problem = problem


class Keting:
    def __init__(self, site: str, token: str, lang: str = "zh"):
        self.base = site.rstrip("/") + "/api/v1"
        self.token, self.lang = token, lang

    def _call(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        content_type: str | None = None,
        query: dict | None = None,
    ) -> dict:
        query = {**(query or {}), "lang": self.lang}
        url = path if path.startswith("http") else self.base + path
        url += ("&" if "?" in url else "?") + urllib.parse.urlencode(query)
        request = urllib.request.Request(
            url,
            data=body,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Accept": "application/json"},
        )
        if content_type:
            request.add_header("Content-Type", content_type)
        while True:
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    return json.loads(response.read() or b"{}")
            except urllib.error.HTTPError as error:
                if error.code == 429:  # rate-limited: wait as told, then try again
                    time.sleep(int(error.headers.get("Retry-After", "5")))
                    continue
                raise ApiError(json.loads(error.read() or b"{}")) from None

    def get(self, path: str, **query) -> dict:
        return self._call("GET", path, query=query)

    def post_json(self, path: str, payload: dict) -> dict:
        return self._call("POST", path, json.dumps(payload).encode(), "application/json")

    def pages(self, path: str, **query):
        """Every item of a paged list, following its `next` links."""
        page = self.get(path, **query)
        while True:
            yield from page["items"]
            if not page["links"]["next"]:
                return
            page = self._call("GET", self.base.rsplit("/api/v1", 1)[0] + page["links"]["next"])

    def upload(self, path: str, filename: str, fields: dict) -> dict:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        kind = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        with open(filename, "rb") as f:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="'
                f'{os.path.basename(filename)}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
                + f.read()
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self._call("POST", path, body, f"multipart/form-data; boundary={boundary}")


def matches(api: Keting, only_new: bool) -> None:
    for item in api.pages("/my/matches", only_new=str(only_new).lower(), per_page=100):
        print(
            json.dumps(
                {
                    "scenario": item["scenario"]["title"],
                    "url": item["scenario"]["url"],
                    "strength": item["strength"],
                    "on_keting": item["scenario"]["organization"]["on_keting"],
                    "why": [r["label"] for r in item["reasons"]],
                },
                ensure_ascii=False,
            )
        )


def import_list(api: Keting, filename: str, label: str) -> None:
    batch = api.upload("/admin/imports", filename, {"label": label})
    print(f"uploaded {batch['file_name']}; reading and checking it")
    while batch["status"] in ("reading", "checking"):  # reading the file and the dry run are jobs
        time.sleep(2)
        batch = api.get(f"/admin/imports/{batch['id']}")
    if batch["status"] == "unreadable":
        raise ApiError({"title": "the file could not be read", "detail": (batch.get("job") or {}).get("error") or ""})
    if batch["status"] == "uploaded":
        raise ApiError(
            {
                "title": "map the columns",
                "detail": "the title, owner or description column was not recognised; map them on the import's page",
            }
        )
    print(f"read {batch['rows']} rows")
    print(f"checked: {batch['ready_rows']} rows ready, {batch['problem_rows']} with problems")
    for row in batch["errors"][:20]:
        print(f"  row {row['row']} {row['title']}: {'; '.join(row['problems'])}")
    if not batch["ready_rows"]:
        raise ApiError({"title": "nothing to import"})
    job = api.post_json(f"/admin/imports/{batch['id']}/run", {})
    while not job["finished"]:
        time.sleep(2)
        job = api.get(f"/admin/jobs/{job['id']}")
        print(f"  {job['stage'] or job['state']} {job['percent']}%")
    if job["state"] != "done":
        raise ApiError({"title": "the import failed", "detail": job.get("error") or ""})
    print(f"imported: {job['result']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default=os.environ.get("KETING_SITE", "http://127.0.0.1:5000"))
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("matches", help="print the vendor's matches as JSON lines")
    m.add_argument("--only-new", action="store_true")
    i = sub.add_parser("import", help="publish a CSV or XLSX list of scenarios through an import job")
    i.add_argument("file")
    i.add_argument("--label", default="")
    args = parser.parse_args(argv)
    token = os.environ.get("KETING_TOKEN")
    if not token:
        parser.error("set KETING_TOKEN to a personal API token from /account/tokens")
    api = Keting(args.site, token, args.lang)
    try:
        if args.command == "matches":
            matches(api, args.only_new)
        else:
            import_list(api, args.file, args.label)
    except ApiError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
