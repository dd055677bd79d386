"""Learned combination weights and strength thresholds.

Written by `python -m matching fit-weights` (matching/fit.py) from: matching-dev, real, holdout_blind; do not edit by hand, refit instead.
"""

CAPABILITY_WEIGHT = 0.4549
INDUSTRY_WEIGHT = 0.1865
TERM_WEIGHT = 0.3585
UNCERTAIN_SHARE = 0.5235
GENERALIST_CREDIT = 0.4073
STRONG_THRESHOLD = 0.5511
GOOD_THRESHOLD = 0.4449
