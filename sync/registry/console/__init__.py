"""The operator console in the browser (`/ops`): sign-in with a signed session cookie and
CSRF, statements, a statement's payout, a day's reconciliation and the audit, on the
registry's web layer (sync.registry.web) and the operators' roles (sync.registry.operators).

`session` holds who is signed in and how a console page answers; `access` the sign-in and
sign-out; `pages` the read-only pages (each one `routes.reading` snapshot); `payout` the one
form that changes something (one write transaction, audited under the operator's name).
"""
