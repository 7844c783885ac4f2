"""`diandian sync` and `diandian enroll` exit statuses (sysexits.h numbers), so cron, systemd,
monitoring and the admin screen can tell the outcomes apart without reading the text.

Kept apart from the HTTP client so the admin screen can read them without loading httpx.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_REJECTED = 65  # EX_DATAERR: the run finished, but the registry rejected records
EXIT_UNAVAILABLE = 69  # registry unreachable or failing past the time budget
EXIT_SOFTWARE = 70
EXIT_TEMPFAIL = 75  # another sync job holds the lock
EXIT_PROTOCOL = 76  # the registry refused a request (4xx) or answered nonsense
EXIT_NOPERM = 77  # the registry does not accept this kiosk's signature (not enrolled?)
EXIT_CONFIG = 78  # no registry configured, or a bad registry URL
