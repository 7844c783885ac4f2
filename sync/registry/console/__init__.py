"""The operator console in the browser (`/ops`): sign-in with a signed session cookie and
CSRF, statements, a statement's payout, a day's reconciliation and the audit, on the
registry's web layer (sync.registry.web) and the operators' roles (sync.registry.operators).

`session` holds who is signed in and how a console page answers; `access` the sign-in and
sign-out; `pages` the read-only pages about money (each one `routes.reading` snapshot);
`views` the overview pages (kiosks, venues, sales with the `chart` drawn as SVG,
retirements); `payout` and `actions` the forms that change something (closing a period,
recording a retirement, enrolment tokens; one write transaction each, the CLI's code in
sync.registry.operator_actions, audited under the operator's name) and the statement files;
`events_invoices` the events (progress, recording one) and the companies' invoice requests
(recording an invoice's number or refusing one), issue 18.
"""
