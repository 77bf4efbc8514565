"""The data layer: the anonymized tables the course reads, and the labels of their codes.

Nothing here knows about analysis, widgets or the book; everything above builds on it.
"""
