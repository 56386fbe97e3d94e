"""Shouguang's produce quality-and-safety supervision (smart agriculture)."""

#: the demo's one tampered batch (its failed sampling test altered to "pass"); the tour scans it
DEMO_TAMPERED_BATCH = "SG-DEMO-0417"
