"""gunicorn settings for Gemeinwerk (make serve, deploy/systemd/gemeinwerk.service).

Everything that differs between machines comes from the environment, as for the app.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads let a worker wait for the database (or SQLite's write lock) without blocking.
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Restart workers now and then so that a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The access log names no client address (DSGVO): time, request line, status, size, duration.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# The proxy in front is the only one allowed to say that the request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
control_socket_disable = True  # several instances may run on one machine (tests, make load)
