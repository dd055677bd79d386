import subprocess
import sys


def test_importing_matching_loads_no_web_or_database_framework():
    code = (
        "import sys, matching; from matching import __main__; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'flask_sqlalchemy')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stdout + res.stderr


def test_the_public_api_is_exported():
    import matching

    for name in ("Lexicon", "ScenarioDoc", "VendorDoc", "Matcher", "MatchResult", "Reason", "evaluate"):
        assert name in matching.__all__ and hasattr(matching, name)
