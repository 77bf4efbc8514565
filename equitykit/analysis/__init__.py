"""The analysis layer: numbers computed from the tables (measures, summaries, simulations).

It reads the data layer and never imports widgets or course content, so a number a page
shows is computed here once and shipped to the page as data.
"""
