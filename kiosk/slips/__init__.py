"""What the customer takes home: slip content, and its renderers (PDF, PNG, ESC/POS)."""
