"""gunicorn settings for Keting (`gunicorn -c deploy/gunicorn.conf.py wsgi:app`).

Every value can be overridden from the environment (GUNICORN_CMD_ARGS or the variables read below).
"""

import multiprocessing
import os

# nginx connects here; keep it on loopback (or a private address when the proxy is on another host).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Web workers hold no state of their own (sessions are signed cookies plus a database row, limits live in
# Redis), so any number of them, on any number of hosts, can serve any request.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
# No request does long work (imports and rebuilds are background jobs); a request still running after this is
# stuck, and its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Each worker builds the app itself: nothing (a database connection above all) is shared across the fork.
preload_app = False
# Requests larger than this never reach the app (it refuses bodies past MAX_UPLOAD_BYTES itself as well).
limit_request_line = 8190
limit_request_fields = 100
# Trust X-Forwarded-* only from the local proxy; the app applies them through ProxyFix (PROXY_FIX=1).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
