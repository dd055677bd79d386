"""Learned combination weights and strength thresholds.

Written by `python -m matching fit-weights` (matching/fit.py) from: matching-dev, real, holdout_blind; do not edit by hand, refit instead.
"""
CAPABILITY_WEIGHT = 0.4461
INDUSTRY_WEIGHT = 0.1895
TERM_WEIGHT = 0.3644
UNCERTAIN_SHARE = 0.5539
GENERALIST_CREDIT = 0.4410
STRONG_THRESHOLD = 0.5464
GOOD_THRESHOLD = 0.4350
