"""Signed certificates: the kiosk's Ed25519 key, the compact payload, its QR URL, verification."""
