"""Parking: 50 car parks with 8,000 spaces, guidance and ticketless payment."""
