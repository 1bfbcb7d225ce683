"""Datasets: the records of the data files, read, checked, written, generated and derived.

``read_dataset`` checks everything (fields, references between records) before a
single record reaches the graph; ``write_dataset`` writes the seed format or JSON.
"""

from graph.dataset.contents import Dataset, Issue
from graph.dataset.files import read_dataset, validation_issues, write_dataset

__all__ = ["Dataset", "Issue", "read_dataset", "validation_issues", "write_dataset"]
