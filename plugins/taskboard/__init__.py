"""The pilot task book: imported from its text, tracked, scored and reported.

Everything here except ``pdf_export`` is Qt-free, so the board can be computed
and tested without a screen.
"""
