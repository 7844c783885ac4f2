"""The visitor's phone flow: scan the venue's QR, offset a trip, pay, get the certificate.

Served by the registry (same process and database as `/v1` and `/c/...`), server-rendered
with the web layer (`sync.registry.web`), and every rule taken from the kiosk's core:
scenarios and questions, the footprint engine (with the factor table in force at the
registry), cities, the catalogue and prices, the venue's minimum charge, offers when stock
is short, rankings and the certificate's words. The web pages only word and lay them out.

- `venues`: the registry's own venue table (imported like projects) and its issuers.
- `issuer`: the registry's Ed25519 issuer key and one issuer id per venue. An issuer is a
  row of `kiosks` with role "phone", so its certificates are purchases like a kiosk's, its
  key goes out with `/v1/keys` (every kiosk verifies them offline) and its sales count in
  the venue's rankings.
- `stock`: what the phone flow holds of each project, as the kiosk's `Stock`. It is granted
  by the same locked grant logic as a kiosk's allocation (`credits.top_up`), so it can never
  take grams granted to a kiosk.
- `orders`: placing an order (grams held 15 minutes), taking a payment exactly once (grams
  drawn as retired ranges, as a kiosk draws them), expiring unpaid orders.
- `pages_*`: the pages, one module per step.
"""
