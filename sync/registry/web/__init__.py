"""The registry's small web layer: server-rendered HTML pages, safe by default.

Why: the registry serves pages to visitors' phones (the phone flow, `sync.registry.phone`)
and the operator console (`sync.registry.console`). They share one way of rendering, wording,
remembering a visitor and defending a form, so each page module only says what it shows.

- `render`: one Jinja2 environment (autoescape on, undefined names are errors) over the
  templates shipped in `templates/` as package data; `page()` turns a template into an
  HTMLResponse with the security headers every page carries: a Content-Security-Policy
  without inline scripts or styles (`script-src 'self'`, `style-src 'self'`), no framing, no
  referrer (certificate tokens live in URLs), `nosniff`. Static files (`static/`, one CSS
  file under 30 KB for every page and small optional scripts) are served from `/static/`.
- `i18n`: every visible string is a key of `strings.toml` with zh, en and fr (one table; a
  test checks every key has the three, Chinese differs from English, and every `t("key")` a
  template uses exists). Data labels (scenarios, factors, projects, venues) come from the data
  files' own zh/en/fr fields; certificate words from kiosk.certificate.claims.
- `cookies`: a signed (HMAC-SHA256), HTTP-only, SameSite=Lax cookie holding a small JSON
  state, and the CSRF token bound to it (every POST form carries `csrf`); the secret is
  a row of the registry's settings, so every server process shares it.
- `forms`: urlencoded bodies read with bounds (fields, lengths, UTF-8), never multipart.
- `limits`: fixed-window counters in the database (`rate_hits`), so a limit holds across
  several server processes on PostgreSQL; a page answers "too many", in the visitor's
  language, with status 429.

Adding a page: a template extending `base.html`, its strings in `strings.toml`, a route that
calls `render.page(request, "name.html", lang, {...})`; POST handlers call
`forms.read_form` and `cookies.check_csrf` first.
"""
