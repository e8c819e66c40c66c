"""gunicorn settings for Gemeinwerk (make serve, deploy/systemd/gemeinwerk.service).

Everything that differs between machines comes from the environment, as for the app.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One worker process per core, each with two threads. A request is mostly CPU (Python, the
# templates, SQLite inside the process), and one process runs Python on one core at a time:
# more processes than cores only take turns on the same cores, and a worker accepts
# connections while its threads are busy, so requests wait behind slow ones in a crowded
# worker. The second thread lets a worker go on while a request waits for PostgreSQL or
# SQLite's write lock. Measured with make load on 2 cores (README "Load test"): 2 x 2 served
# 28 requests a second against 17 for 3 or 4 workers; a later, busier run did not separate them.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
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


def post_worker_init(worker):
    """Import every view before the worker takes its first request. Otherwise that request —
    after every start, reload and max_requests restart — pays for importing them: 1.2 s of
    CPU, measured; a new worker now takes requests only once it is ready."""
    from django.urls import get_resolver

    _ = get_resolver().reverse_dict  # imports the URLconf and every view it names
