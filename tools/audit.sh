#!/usr/bin/env bash
# Dependency audit for `make lint`: pip-audit over the installed environment, strict in spirit.
# - a known vulnerability in any package fails (exit 1);
# - a package that could not be audited while others could fails too, as `pip-audit --strict` would;
# - when NO package could be audited (the vulnerability service or PyPI's JSON API is not reachable from
#   this machine, e.g. behind a mirror that serves only package files), it prints a warning and exits 0:
#   an audit that cannot run is reported, not mistaken for either a pass or a vulnerability.
set -uo pipefail
cd "$(dirname "$0")/.."
PIP_AUDIT=${PIP_AUDIT:-.venv/bin/pip-audit}
PYTHON=${PYTHON:-.venv/bin/python}
report=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$report" "$errors"' EXIT

# --skip-editable: Keting itself is installed editable and is not a PyPI package.
"$PIP_AUDIT" --progress-spinner off --skip-editable --format json --output "$report" "$@" 2>"$errors"
status=$?

"$PYTHON" - "$report" "$errors" "$status" <<'PY'
import json
import sys

report, errors, status = sys.argv[1], sys.argv[2], int(sys.argv[3])
stderr = open(errors, encoding="utf-8").read()
try:
    with open(report, encoding="utf-8") as f:
        deps = json.load(f)["dependencies"]
except (OSError, ValueError, KeyError):
    unreachable = any(s in stderr for s in ("ConnectionError", "Max retries", "Name or service not known",
                                            "Temporary failure in name resolution", "timed out"))
    sys.stderr.write(stderr)
    if unreachable:
        print("WARNING: pip-audit could not reach the vulnerability service; dependencies were NOT audited.")
        sys.exit(0)
    print(f"pip-audit failed (exit {status}) without a report.")
    sys.exit(1)

skipped = [d for d in deps if d.get("skip_reason")]
audited = [d for d in deps if not d.get("skip_reason")]
vulnerable = [d for d in audited if d.get("vulns")]
for d in vulnerable:
    for v in d["vulns"]:
        fixes = ", ".join(v.get("fix_versions") or []) or "no fixed version yet"
        print(f"VULNERABLE {d['name']} {d['version']}: {v['id']} (fixed in: {fixes})")
if vulnerable:
    sys.exit(1)
if skipped and not audited:
    print(f"WARNING: none of the {len(skipped)} installed packages could be audited "
          f"(first reason: {skipped[0]['skip_reason']}).")
    print("WARNING: the package index here does not serve PyPI's JSON API; run `make lint` where PyPI is "
          "reachable to audit the dependencies.")
    sys.exit(0)
if skipped:
    for d in skipped:
        print(f"NOT AUDITED {d['name']}: {d['skip_reason']}")
    sys.exit(1)
if status != 0:
    sys.stderr.write(stderr)
    sys.exit(status)
print(f"pip-audit: {len(audited)} packages audited, no known vulnerabilities.")
PY
