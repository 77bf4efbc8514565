"""equitykit: the code behind the adaptive equity leadership course.

Notebooks stay thin and call this package: data loading, gap metrics, the
anonymizer, and the builders of every course widget live here, where they
can be unit-tested.
"""

__version__ = "0.1.0"
