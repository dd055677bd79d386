"""Learned combination weights and strength thresholds.

Written by `python -m matching fit-weights` (matching/fit.py); do not edit by hand, refit instead.
"""
CAPABILITY_WEIGHT = 0.6
INDUSTRY_WEIGHT = 0.2
TERM_WEIGHT = 0.2
UNCERTAIN_SHARE = 1.0
STRONG_THRESHOLD = 0.6
GOOD_THRESHOLD = 0.4
