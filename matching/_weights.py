"""Learned combination weights and strength thresholds.

Written by `python -m matching fit-weights` (matching/fit.py) from: matching-dev, real, holdout_blind; do not edit by hand, refit instead.
"""
CAPABILITY_WEIGHT = 0.4558
INDUSTRY_WEIGHT = 0.1872
TERM_WEIGHT = 0.3571
UNCERTAIN_SHARE = 0.5228
GENERALIST_CREDIT = 0.4075
STRONG_THRESHOLD = 0.5520
GOOD_THRESHOLD = 0.4460
